/**
 * `npm run photos -- add <article folder>`: lists every photo in the folder that the article does
 * not list yet, sorted by the camera's capture time (EXIF DateTimeOriginal; photos without one last,
 * by name), each with a caption placeholder to fill in. The article file is edited textually: the
 * new items are appended to its `photos` list (or a list is added), every other byte stays as it was.
 */
import fs from "node:fs/promises";
import path from "node:path";
import exifReader from "exif-reader";
import yaml from "js-yaml";
import sharp from "sharp";
import { PHOTO_CAPTION_PLACEHOLDER, PHOTO_EXT } from "../content/article-files.ts";
import { decodeText } from "../content/encoding.ts";
import { splitFrontMatter } from "../content/frontmatter.ts";
import { toPosix } from "../content/paths.ts";
import { FIELD_ALIASES } from "../content/schema.ts";

interface AddedPhoto {
  file: string;
  /** Capture time as the camera wrote it (local wall clock), when the photo has one. */
  taken: Date | undefined;
}

interface AddPhotosResult {
  /** The article file edited (absolute). */
  article: string;
  added: AddedPhoto[];
}

/** A refusal with the fix, Chinese first. */
class PhotosError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly fix: string,
  ) {
    super(`${zh}\n${en}\n修改方法 fix: ${fix}`);
    this.name = "PhotosError";
  }
}

/** The camera's capture time: EXIF DateTimeOriginal, else DateTimeDigitized, else the IFD0 DateTime. */
export async function captureTime(file: string): Promise<Date | undefined> {
  try {
    const { exif } = await sharp(file, { failOn: "none" }).metadata();
    if (!exif) return undefined;
    const tags = exifReader(exif);
    const t = tags.Photo?.DateTimeOriginal ?? tags.Photo?.DateTimeDigitized ?? tags.Image?.DateTime;
    return t instanceof Date && !Number.isNaN(t.getTime()) ? t : undefined;
  } catch {
    return undefined;
  }
}

const PHOTO_KEYS = ["photos", ...Object.keys(FIELD_ALIASES).filter((k) => FIELD_ALIASES[k] === "photos")];
const scalar = (value: string): string => yaml.dump(value, { schema: yaml.CORE_SCHEMA, lineWidth: -1 }).trimEnd();

/** The article file of a folder (index.md), or the file itself when a Markdown file is given. */
async function articleFile(target: string): Promise<string> {
  const stat = await fs.stat(target).catch(() => undefined);
  if (stat?.isFile() && /\.md$/i.test(target)) return target;
  if (stat?.isDirectory()) {
    const index = path.join(target, "index.md");
    if (
      await fs.stat(index).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return index;
    throw new PhotosError(`文件夹 ${target} 中没有 index.md`, `there is no index.md in ${target}`, "给出文章所在的文件夹，如 content/news/jydt/qiangji-zhuhun / Name the article's folder.");
  }
  throw new PhotosError(`找不到 ${target}`, `${target} does not exist`, "给出文章所在的文件夹，如 content/news/jydt/qiangji-zhuhun / Name the article's folder.");
}

export async function addPhotos(target: string): Promise<AddPhotosResult> {
  const file = await articleFile(path.resolve(target));
  const folder = path.dirname(file);
  const bytes = await fs.readFile(file);
  const decoded = decodeText(bytes);
  if (!decoded.ok)
    throw new PhotosError("文章文件不是 UTF-8 编码，无法修改", "the article file is not UTF-8", "先运行 npm run check，按提示转换编码 / Run `npm run check` and convert the file as it says.");
  const split = splitFrontMatter(decoded.text);
  if (!split.ok) throw new PhotosError(`文章的 front matter 有错误：${split.zh}`, `the article's front matter is invalid: ${split.en}`, split.fix);

  const listedRaw = PHOTO_KEYS.map((k) => split.value.data[k]).find((v) => v !== undefined);
  if (listedRaw !== undefined && listedRaw !== null && !Array.isArray(listedRaw)) {
    throw new PhotosError("photos 不是列表，无法追加", "photos is not a list; nothing can be appended", "photos 下每项写成：- file: 照片.JPG / Write photos as a list of `- file: …` items.");
  }
  const listed = new Set<string>();
  for (const p of (listedRaw as unknown[] | null | undefined) ?? []) {
    const name = typeof p === "string" ? p : p && typeof p === "object" && typeof (p as { file?: unknown }).file === "string" ? (p as { file: string }).file : undefined;
    if (name) listed.add(name.toLowerCase());
  }
  const cover = split.value.data.cover ?? split.value.data["封面"];
  if (typeof cover === "string") listed.add(cover.toLowerCase());

  const names = (await fs.readdir(folder, { withFileTypes: true })).filter((e) => e.isFile() && PHOTO_EXT.test(e.name) && !listed.has(e.name.toLowerCase())).map((e) => e.name);
  const found = await Promise.all(names.map(async (name) => ({ file: name, taken: await captureTime(path.join(folder, name)) })));
  found.sort((a, b) => (a.taken && b.taken ? a.taken.getTime() - b.taken.getTime() : a.taken ? -1 : b.taken ? 1 : 0) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (!found.length) return { article: file, added: [] };

  // Textual edit of the original text (BOM and line ends kept).
  const raw = bytes.toString("utf8");
  const eol = raw.includes("\r\n") ? "\r\n" : "\n";
  const lines = raw.split(/\r?\n/);
  const start = lines[0]!.replace(/^\uFEFF/, "") === "---" ? 0 : -1;
  const close = lines.findIndex((l, i) => i > start && l.trimEnd() === "---");
  const keyRe = new RegExp(`^(${PHOTO_KEYS.join("|")})\\s*[:：]\\s*(.*)$`);
  const at = lines.findIndex((l, i) => i > start && i < close && keyRe.test(l));
  let indent = "  ";
  let insertAt: number;
  if (at < 0) {
    lines.splice(close, 0, "photos:");
    insertAt = close + 1;
  } else {
    const rest = keyRe
      .exec(lines[at]!)![2]!
      .replace(/\s+#.*$/, "")
      .trim();
    if (rest === "[]" || rest === "") {
      if (rest === "[]") lines[at] = lines[at]!.replace(/\s*\[\]/, "");
      let end = at;
      for (let i = at + 1; i < close; i++) {
        const l = lines[i]!;
        if (/^\s+\S/.test(l) || /^-(\s|$)/.test(l)) {
          end = i;
          const item = /^(\s*)-\s/.exec(l);
          if (item && i === at + 1) indent = item[1]!;
        } else if (l.trim() !== "") break;
      }
      insertAt = end + 1;
    } else {
      throw new PhotosError(
        "photos 写在了一行里，无法自动追加",
        "photos is written on one line; items cannot be appended",
        "把 photos 改成每张照片一项的列表（- file: …）后再运行 / Write photos as a list of `- file: …` items, then run again.",
      );
    }
  }
  const items = found.flatMap((p) => [`${indent}- file: ${scalar(p.file)}`, `${indent}  caption: ${PHOTO_CAPTION_PLACEHOLDER}`]);
  lines.splice(insertAt, 0, ...items);
  await fs.writeFile(file, lines.join(eol));
  return { article: file, added: found };
}

const PHOTOS_USAGE = `用法 Usage: npm run photos -- add <文章文件夹>
  把文件夹里还没有列出的照片加到文章的 photos 中（按拍摄时间排序），每张照片的说明需要自己填写
  Lists the folder's photos that the article does not list yet (by capture time), each with a caption to fill in.
  例 e.g.: npm run photos -- add content/news/jydt/qiangji-zhuhun
`;

interface PhotosIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

const wallClock = (d: Date): string => d.toISOString().slice(0, 16).replace("T", " ");

export async function runPhotosCli(argv: readonly string[], io: PhotosIo): Promise<number> {
  const [command, target, ...extra] = argv;
  if (command === "--help" || command === "-h") {
    io.stdout.write(PHOTOS_USAGE);
    return 0;
  }
  if (command !== "add" || !target || extra.length) {
    io.stderr.write(`参数有误 Invalid arguments\n\n${PHOTOS_USAGE}`);
    return 2;
  }
  try {
    const r = await addPhotos(path.resolve(io.cwd, target));
    const rel = toPosix(path.relative(io.cwd, r.article));
    if (!r.added.length) {
      io.stdout.write(`文件夹里的照片都已列在 ${rel} 中，没有要添加的 (every photo in the folder is already listed)\n`);
      return 0;
    }
    const out = [`已在 ${rel} 的 photos 中添加 ${r.added.length} 张照片 (added ${r.added.length} photo(s)):`];
    for (const p of r.added) out.push(`  ${p.file}${p.taken ? `  拍摄于 taken ${wallClock(p.taken)}` : "  （没有拍摄时间 no capture time）"}`);
    out.push("", `下一步 Next: 打开 ${rel}，把每张照片的 caption 占位文字换成图片说明，再运行 npm run check / Replace each caption placeholder, then run npm run check.`);
    io.stdout.write(out.join("\n") + "\n");
    return 0;
  } catch (error) {
    if (error instanceof PhotosError) {
      io.stderr.write(`未修改 Nothing changed: ${error.zh}\n  ${error.en}\n  修改方法 fix: ${error.fix}\n`);
      return 1;
    }
    throw error;
  }
}
