/**
 * Inline photos (issue #19): the photos an article's body names with `![说明](文件名)`.
 * Each is validated like a `photos` item (inside the article's folder, an image type, existing;
 * a missing one gets the same missing-photo error with the near-name suggestion) and joins the
 * article's photos, so the image stage resizes it and `npm run check` inspects it: an inline photo
 * counts as listed. A listed photo used inline is marked `inline` (shown in the text, not again in
 * the gallery after it); its caption comes from the photos list, else from the alt text.
 * Remote images (http:, //, data:) are not photos: the renderer refuses them (lib/markdown/inline-photos.ts).
 */
import fs from "node:fs/promises";
import MarkdownIt from "markdown-it";
import type { MarkdownIt as MarkdownItInstance, Token } from "markdown-it";
import { missing, PHOTO_EXT } from "./article-files.ts";
import type { Photo } from "./model.ts";
import { resolveInside } from "./paths.ts";
import { nearNames } from "./suggest.ts";

interface InlinePhotoRef {
  /** The name as written, percent-decoded. */
  file: string;
  alt: string;
  /** Line within the body (0-based). */
  line: number;
}

let parser: MarkdownItInstance | undefined;

const isRemote = (src: string): boolean => /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(src.trim());

function decoded(src: string): string {
  const s = src.trim().replace(/^\.\//, "");
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/** The local images a body names, in order (code blocks and spans are not images). */
export function inlinePhotoRefs(body: string): InlinePhotoRef[] {
  if (!body.includes("![")) return [];
  parser ??= new MarkdownIt({ html: false });
  const refs: InlinePhotoRef[] = [];
  const walk = (tokens: readonly Token[], line: number) => {
    for (const t of tokens) {
      const at = t.map ? t.map[0] : line;
      if (t.type === "image") {
        const src = String(t.attrGet("src") ?? "");
        if (src && !isRemote(src)) refs.push({ file: decoded(src), alt: (t.children ?? []).map((c) => c.content).join("") || t.content, line: at });
      }
      if (t.children) walk(t.children, at);
    }
  };
  walk(parser.parse(body, {}), 0);
  return refs;
}

type Report = (field: string, code: string, zh: string, en: string, fix: string, line: number | undefined) => void;

interface InlinePhotoInput {
  folder: string;
  body: string;
  /** Line of the body's first line in the file. */
  bodyLine: number;
  /** The article's validated photos: listed ones used inline are marked, unlisted ones appended. */
  photos: Photo[];
  err: Report;
  warn: Report;
}

/** Validates the body's inline photos and adds them to `photos` (see the module comment). */
export async function addInlinePhotos(input: InlinePhotoInput): Promise<void> {
  const refs = inlinePhotoRefs(input.body);
  if (!refs.length) return;
  const { folder, err, warn } = input;
  const seen = new Set<string>();
  let listing: Promise<string[]> | undefined;
  await Promise.all(
    refs.map(async (ref) => {
      const line = input.bodyLine + ref.line;
      const listed = input.photos.find((p) => p.file === ref.file);
      if (listed) {
        listed.inline = true;
        if (!listed.caption && ref.alt) listed.caption = ref.alt;
        if (!listed.alt && ref.alt) listed.alt = ref.alt;
        return;
      }
      if (seen.has(ref.file)) return;
      seen.add(ref.file);
      const where = `正文第 ${line} 行的图片`;
      const source = resolveInside(folder, ref.file);
      if (!source || ref.file.includes("/") || ref.file.includes("\\")) {
        err("body", "path-escape", `${where} “${ref.file}” 不在文章文件夹内`, `the body's image on line ${line}, "${ref.file}", is not in the article's folder`, "把图片放进文章所在文件夹，只写文件名，如 ![说明](0J7A6917.JPG) / Put the photo in the article's folder and give just its name.", line);
        return;
      }
      if (!PHOTO_EXT.test(ref.file)) {
        err("body", "bad-photo-type", `${where} “${ref.file}” 不是图片文件（支持 JPG、PNG、WebP）`, `the body's image on line ${line}, "${ref.file}", is not an image file (JPG, PNG, WebP)`, "请使用 JPG 格式的照片 / Use a JPEG photo.", line);
        return;
      }
      const s = await fs.stat(source).catch(() => undefined);
      if (!s?.isFile()) {
        listing ??= fs.readdir(folder).catch(() => []);
        const m = missing("photo", ref.file, nearNames(ref.file, await listing));
        err("body", "missing-photo", `${where}：${m.zh}`, `the body's image on line ${line}: ${m.en}`, m.fix, line);
        return;
      }
      if (!ref.alt) warn("body", "missing-alt", `${where} ${ref.file} 缺少说明文字，读屏软件无法描述该图`, `the body's image on line ${line} (${ref.file}) has no alt text`, "在 ![ ] 的方括号里写图片内容的简短描述，如 ![学生在操场上做操](IMG_2290.JPG) / Describe the photo between the brackets.", line);
      input.photos.push({ file: ref.file, source, caption: ref.alt, alt: ref.alt, field: "body", stat: { size: s.size, mtimeMs: s.mtimeMs }, inline: true });
    }),
  );
  // Body order for the appended ones (Promise.all settles in any order).
  const order = new Map(refs.map((r, i) => [r.file, i] as const));
  const appended = input.photos.filter((p) => p.field === "body").sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
  input.photos.splice(input.photos.length - appended.length, appended.length, ...appended);
}
