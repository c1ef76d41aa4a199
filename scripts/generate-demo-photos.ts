/**
 * Writes the demo content's missing photos and PDF attachments, next to the articles that name them.
 *
 *   npx tsx scripts/generate-demo-photos.ts [--full] [--force] [--content DIR]
 *
 *   (default)  1600×1067 JPEGs at quality 80 (about one in five portrait, 1067×1600), 140–170 KB
 *              each: small enough to commit.
 *   --full     5472×3648 at quality 92 (camera size, ~5.3 MB each) for local benchmarking; do not
 *              commit these (run again with --force to go back to the small ones).
 *   --force    regenerate files that already exist (photos and PDFs).
 *
 * Every article (content/**\/*.md, folders starting with _ or . skipped) is read, never written:
 * for each `photos[].file` and `cover` that is missing a camera-like JPEG is generated
 * (scripts/lib/photos/camera.ts), seeded from a hash of its path relative to content/, so the same
 * checkout always produces the same bytes; the scene follows the caption (会场, 讲话, 课堂, 运动会…)
 * and EXIF DateTimeOriginal is the day before the article's date. Each missing
 * `attachments[].file` ending in .pdf becomes a small valid one-page PDF 1.4.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import yaml from "js-yaml";
import { pinyin } from "pinyin-pro";
import { writeFileAtomic } from "../lib/util/atomic-write.ts";
import { cameraJpeg, stableHash, subjectFor, type CameraJpegOptions } from "./lib/photos/index.ts";

// ---------------------------------------------------------------------------------------------
// Front matter (read-only; the same rules as lib/content: YAML core schema, Chinese aliases)

interface PhotoRef {
  file: string;
  caption?: string;
  alt?: string;
}
export interface ArticleRefs {
  /** Project-relative .md file. */
  file: string;
  folder: string;
  title: string;
  date: string;
  photos: PhotoRef[];
  cover?: string;
  attachments: { file: string; label?: string }[];
}

const ALIASES: Record<string, string> = { 标题: "title", 发布时间: "date", 日期: "date", 封面: "cover", 图片: "photos", 照片: "photos", 附件: "attachments" };

export function readFrontMatter(text: string): Record<string, unknown> | null {
  const t = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!t.startsWith("---\n")) return null;
  const end = t.indexOf("\n---", 3);
  if (end < 0) return null;
  const data = yaml.load(t.slice(4, end + 1), { schema: yaml.CORE_SCHEMA });
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  const out = { ...(data as Record<string, unknown>) };
  for (const [zh, en] of Object.entries(ALIASES)) if (zh in out && !(en in out)) out[en] = out[zh];
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : undefined);

export function refsOf(data: Record<string, unknown>, file: string, folder: string): ArticleRefs {
  const photos: PhotoRef[] = [];
  for (const p of Array.isArray(data.photos) ? data.photos : []) {
    if (typeof p === "string" && p.trim()) photos.push({ file: p.trim() });
    else if (p && typeof p === "object" && str((p as PhotoRef).file)) {
      const q = p as Record<string, unknown>;
      photos.push({ file: str(q.file)!, caption: str(q.caption), alt: str(q.alt) });
    }
  }
  const attachments: ArticleRefs["attachments"] = [];
  for (const a of Array.isArray(data.attachments) ? data.attachments : []) {
    if (typeof a === "string" && a.trim()) attachments.push({ file: a.trim() });
    else if (a && typeof a === "object" && str((a as { file?: unknown }).file)) {
      const q = a as Record<string, unknown>;
      attachments.push({ file: str(q.file)!, label: str(q.label) });
    }
  }
  return { file, folder, title: str(data.title) ?? path.basename(folder), date: str(data.date) ?? "", photos, cover: str(data.cover), attachments };
}

/** The file inside `folder`, or null when the name is absolute, a URL or leaves the folder. */
function inside(folder: string, name: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(name) || name.startsWith("/") || name.startsWith("\\") || path.isAbsolute(name)) return null;
  if (name.replace(/\\/g, "/").split("/").includes("..")) return null;
  return path.join(folder, name);
}

async function listArticles(contentDir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith("_") || e.name.startsWith(".") || e.name === "node_modules") continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && /\.md$/i.test(e.name)) out.push(p);
    }
  };
  await walk(contentDir);
  return out;
}

const exists = (file: string) =>
  fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

// ---------------------------------------------------------------------------------------------
// Dates: EXIF DateTimeOriginal the afternoon before publication (events are reported next day)

function takenAt(articleDate: string, index: number, seed: number): string | undefined {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})/.exec(articleDate);
  if (!m) return undefined;
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) - 1, 14, 30 + index * 3, seed % 60));
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.getUTCFullYear()}:${p(t.getUTCMonth() + 1)}:${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}

/** "2024-07-12 09:30" → D:20240712093000+08'00' (Asia/Shanghai), for the PDF Info dictionary. */
function pdfDate(articleDate: string): string {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(articleDate);
  const p = (v: string | undefined, d = "00") => (v ?? d).padStart(2, "0");
  return m ? `D:${m[1]}${p(m[2])}${p(m[3])}${p(m[4], "09")}${p(m[5])}${p(m[6])}+08'00'` : "D:20240101090000+08'00'";
}

// ---------------------------------------------------------------------------------------------
// Which photos an article names, and the generator's options for each (seed from the path)

export interface PlannedPhoto {
  /** Absolute path of the photo. */
  target: string;
  options: CameraJpegOptions;
}

/**
 * The article's photos (and cover) with the options that make them: the seed is a hash of the
 * path relative to `contentDir`, so a checkout always produces the same bytes. Photos that cannot
 * be generated are reported into `problems`.
 */
export function photosOf(a: ArticleRefs, contentDir: string, full: boolean, problems: string[]): PlannedPhoto[] {
  const [LONG, SHORT, QUALITY] = full ? [5472, 3648, 92] : [1600, 1067, 80];
  const wanted: PhotoRef[] = [...a.photos];
  if (a.cover && !wanted.some((p) => p.file === a.cover)) wanted.push({ file: a.cover, caption: a.title });
  const planned: PlannedPhoto[] = [];
  for (const [index, photo] of wanted.entries()) {
    const target = inside(a.folder, photo.file);
    if (!target) {
      problems.push(`${a.file}: photo path ${photo.file} leaves the article's folder; skipped`);
      continue;
    }
    if (!/\.jpe?g$/i.test(photo.file)) {
      problems.push(`${a.file}: ${photo.file} is not a .jpg/.jpeg name; only JPEGs are generated`);
      continue;
    }
    const rel = path.relative(contentDir, target).split(path.sep).join("/");
    const seed = stableHash(rel);
    const portrait = (seed >>> 4) % 5 === 0;
    const [width, height] = portrait ? [SHORT, LONG] : [LONG, SHORT];
    planned.push({
      target,
      options: {
        seed,
        width,
        height,
        quality: QUALITY,
        // The caption decides the scene; the alt text or the title when the caption says nothing.
        subject: [photo.caption, photo.alt, a.title].find((t) => subjectFor(t)),
        takenAt: takenAt(a.date, index, seed),
      },
    });
  }
  return planned;
}

// ---------------------------------------------------------------------------------------------
// A tiny PDF 1.4 writer: one A4 page of Helvetica text, xref table with exact byte offsets

/** PDF literal string: ASCII only, with \, ( and ) escaped. */
const pdfLiteral = (s: string): string => `(${s.replace(/[^\x20-\x7e]/g, "?").replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** PDF text string in UTF-16BE with BOM, as hex: shows Chinese in the document properties. */
const pdfUnicode = (s: string): string => {
  const hex: string[] = ["FEFF"];
  for (let i = 0; i < s.length; i++) hex.push(s.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0"));
  return `<${hex.join("")}>`;
};

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const toPinyin = (zh: string): string =>
  pinyin(zh, { toneType: "none", type: "array", nonZh: "consecutive" })
    .join(" ")
    .replace(/\s+([,.;:!?)\]])/g, "$1")
    .replace(/[^\x20-\x7e]/g, " ")
    .replace(/\s+/g, " ")
    .trim();

export function tinyPdf(opts: { title: string; label?: string; date: string; file: string }): Buffer {
  // Lines of Helvetica (ASCII): the title and label in pinyin, the date, a note. An empty text is a gap.
  // The document's own title is the attachment's label (without "附件：" and "（PDF）"), else the article's.
  const docTitle =
    (opts.label ?? "")
      .replace(/^附件[0-9一二三四五六七八九十]*[：:]\s*/, "")
      .replace(/\s*[（(]PDF[）)]$/i, "")
      .trim() || opts.title;
  const lines: { size: number; text: string }[] = [];
  for (const l of wrap(toPinyin(docTitle), 60)) lines.push({ size: 16, text: l });
  lines.push({ size: 11, text: "" });
  if (docTitle !== opts.title) for (const l of wrap(`Attachment to: ${toPinyin(opts.title)}`, 84)) lines.push({ size: 11, text: l });
  lines.push({ size: 11, text: `Date: ${opts.date}` });
  lines.push({ size: 11, text: `File: ${toPinyin(opts.file)}` });
  lines.push({ size: 11, text: "" });
  lines.push({ size: 11, text: "Demo attachment - generated by scripts/generate-demo-photos.ts." });
  lines.push({ size: 11, text: "The Chinese title is in the document properties; the text above is its pinyin." });
  const ops: string[] = ["BT", "72 770 Td"];
  let size = 0,
    down = 0;
  for (const l of lines) {
    if (down) ops.push(`0 -${down} Td`);
    down = Math.round(l.size * 1.5);
    if (!l.text) continue;
    if (l.size !== size) ops.push(`/F1 ${(size = l.size)} Tf`);
    ops.push(`${pdfLiteral(l.text)} Tj`);
  }
  ops.push("ET", "0.75 0.1 0.1 RG 2 w 72 800 m 523 800 l S");
  const content = `${ops.join("\n")}\n`;

  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}endstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Title ${pdfUnicode(docTitle)} /Subject ${pdfUnicode(opts.title)} /Producer (jyj-portal demo) /CreationDate (${pdfDate(opts.date)}) /ModDate (${pdfDate(opts.date)}) >>`,
  ];
  // Header with a comment of four high bytes so tools treat the file as binary.
  let pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      full: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      content: { type: "string", default: "content" },
    },
  });
  const contentDir = path.resolve(values.content!);
  const started = performance.now();
  let photos = 0,
    pdfs = 0,
    bytes = 0,
    skipped = 0;
  const problems: string[] = [];

  for (const md of await listArticles(contentDir)) {
    const relMd = path.relative(process.cwd(), md).split(path.sep).join("/");
    let data: Record<string, unknown> | null;
    try {
      data = readFrontMatter(await fs.readFile(md, "utf8"));
    } catch (error) {
      problems.push(`${relMd}: front matter is not valid YAML (${(error as Error).message.split("\n")[0]})`);
      continue;
    }
    if (!data) continue;
    const a = refsOf(data, relMd, path.dirname(md));

    for (const { target, options } of photosOf(a, contentDir, values.full!, problems)) {
      if (!values.force && (await exists(target))) {
        skipped++;
        continue;
      }
      const t = performance.now();
      const jpeg = await cameraJpeg(options);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, jpeg);
      photos++;
      bytes += jpeg.length;
      console.log(`photo  ${path.relative(process.cwd(), target)}  ${options.width}×${options.height}  ${(jpeg.length / 1024).toFixed(0)} KB  ${(performance.now() - t).toFixed(0)} ms`);
    }

    for (const att of a.attachments) {
      if (!/\.pdf$/i.test(att.file)) continue;
      const target = inside(a.folder, att.file);
      if (!target) {
        problems.push(`${relMd}: attachment path ${att.file} leaves the article's folder; skipped`);
        continue;
      }
      if (!values.force && (await exists(target))) {
        skipped++;
        continue;
      }
      const pdf = tinyPdf({ title: a.title, label: att.label, date: a.date, file: att.file });
      await fs.mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, pdf);
      pdfs++;
      bytes += pdf.length;
      console.log(`pdf    ${path.relative(process.cwd(), target)}  ${pdf.length} bytes`);
    }
  }

  for (const p of problems) console.warn(`warning: ${p}`);
  console.log(
    `Wrote ${photos} photo(s) and ${pdfs} PDF(s), ${(bytes / 1024 / 1024).toFixed(2)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s` +
      `; ${skipped} already present${values.force ? "" : " (use --force to regenerate)"}.`,
  );
  if (values.full && photos) console.log("Note: --full photos are for local benchmarking; do not commit them (regenerate with --force).");
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().catch((error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
}
