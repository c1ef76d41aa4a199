/**
 * The files an article names: photos, the cover and attachments. Each must stay inside the article's
 * folder, be of an allowed type and exist; a missing one is reported with the file in the folder it
 * most likely meant (case, O/0, l/1, swapped digits, extension case, a hidden extension).
 * Photos are numbered from 1 in messages (第 2 张照片); fields keep the machine path (photos[1].file).
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { ContentIssue } from "./issues.ts";
import type { Attachment, Photo, PhotoFocus } from "./model.ts";
import { resolveInside } from "./paths.ts";
import { nearNames } from "./suggest.ts";

const ATTACHMENT_KINDS = new Set(["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "ofd", "txt", "csv", "zip", "rar", "7z"]);
export const PHOTO_EXT = /\.(jpe?g|png|webp|tiff?|gif|avif|heic|heif)$/i;
/** The caption `npm run photos -- add` writes for each photo it lists: the editor replaces it. */
export const PHOTO_CAPTION_PLACEHOLDER = "（在这里写图片说明）";

type Report = (field: string, code: string, zh: string, en: string, fix: string, line: number | undefined) => void;

interface FileInputs {
  folder: string;
  photos: readonly { file: string; caption?: string | undefined; alt?: string | undefined; focus?: string | undefined }[];
  attachments: readonly { file: string; label?: string | undefined }[];
  cover: string | undefined;
  title: string;
  /** Line of a name in the front matter, searched from its field. */
  lineOf: (field: "photos" | "attachments" | "cover", name: string) => number | undefined;
  err: Report;
  warn: Report;
  /** Reports what makes the article unfinished (an error for a build, a warning for drafts and the preview). */
  unfinished: Report;
}

interface ArticleFiles {
  photos: Photo[];
  cover: Photo | undefined;
  attachments: Attachment[];
}

/** `focus` values editors may write, in English or Chinese. */
const FOCUS_VALUES: Record<string, PhotoFocus> = { top: "top", center: "center", bottom: "bottom", 上: "top", 中: "center", 下: "bottom", 上部: "top", 中间: "center", 下部: "bottom" };

/** 第 2 张照片 for photos[1]. */
const photoOrdinal = (index: number): string => `第 ${index + 1} 张照片`;
const attachmentOrdinal = (index: number): string => `第 ${index + 1} 个附件`;

export async function articleFiles(input: FileInputs): Promise<ArticleFiles> {
  const { folder, err, warn } = input;
  const photos: Photo[] = [];
  input.photos.forEach((p, i) => {
    const field = `photos[${i}].file`;
    const line = input.lineOf("photos", p.file);
    const source = resolveInside(folder, p.file);
    if (!source) {
      err(field, "path-escape", `${photoOrdinal(i)}的路径 “${p.file}” 不在文章文件夹内`, `photo ${i + 1}: path "${p.file}" leaves the article's folder`, "把图片放进文章所在文件夹，只写文件名，如 0J7A6917.JPG / Put the photo in the article's folder and give just its name.", line);
      return;
    }
    if (!PHOTO_EXT.test(p.file)) {
      err(field, "bad-photo-type", `${photoOrdinal(i)} “${p.file}” 不是图片文件（支持 JPG、PNG、WebP）`, `photo ${i + 1}: "${p.file}" is not an image file (JPG, PNG, WebP)`, "请使用 JPG 格式的照片 / Use a JPEG photo.", line);
      return;
    }
    const caption = p.caption ?? "";
    if (caption === PHOTO_CAPTION_PLACEHOLDER) {
      input.unfinished(`photos[${i}].caption`, "placeholder-caption", `${photoOrdinal(i)} ${p.file} 的说明还是占位文字`, `photo ${i + 1} (${p.file}): the caption is still the placeholder`, `把 caption 后的“${PHOTO_CAPTION_PLACEHOLDER}”换成图片说明 / Replace the placeholder caption.`, line);
    }
    const alt = p.alt || caption;
    if (!alt) warn(`photos[${i}].caption`, "missing-alt", `${photoOrdinal(i)} ${p.file} 缺少说明文字（caption），读屏软件无法描述该图`, `photo ${i + 1} (${p.file}) has no caption/alt text`, "为该图片加一行 caption: 图片内容的简短描述 / Add `caption:` describing the photo.", line);
    const focus = p.focus === undefined ? undefined : FOCUS_VALUES[p.focus];
    if (p.focus !== undefined && !focus) {
      err(
        `photos[${i}].focus`,
        "bad-focus",
        `${photoOrdinal(i)} ${p.file} 的焦点 “${p.focus}” 不认识`,
        `photo ${i + 1} (${p.file}): focus "${p.focus}" is not one of top, center, bottom`,
        "写 focus: 上（保留上部，如人像的头部）、中 或 下；不写则自动识别 / Use top, center or bottom (上/中/下), or leave it out to detect it.",
        line,
      );
    }
    photos.push({ file: p.file, source, caption, alt, field, ...(focus ? { focus } : {}) });
  });

  let cover: Photo | undefined = photos[0];
  if (input.cover) {
    cover = photos.find((p) => p.file === input.cover);
    if (!cover) {
      const source = resolveInside(folder, input.cover);
      if (!source) err("cover", "path-escape", `封面路径 “${input.cover}” 不在文章文件夹内`, `cover path "${input.cover}" leaves the article's folder`, "只写文章文件夹中的图片文件名 / Give the name of a photo in the article's folder.", input.lineOf("cover", input.cover));
      else cover = { file: input.cover, source, caption: "", alt: input.title, field: "cover" };
    }
  }

  const attachments: Attachment[] = [];
  input.attachments.forEach((a, i) => {
    const field = `attachments[${i}].file`;
    const line = input.lineOf("attachments", a.file);
    const source = resolveInside(folder, a.file);
    if (!source) {
      err(field, "path-escape", `${attachmentOrdinal(i)}的路径 “${a.file}” 不在文章文件夹内`, `attachment ${i + 1}: path "${a.file}" leaves the article's folder`, "把附件放进文章所在文件夹，只写文件名 / Put the file in the article's folder and give just its name.", line);
      return;
    }
    const ext = path.extname(a.file).slice(1).toLowerCase();
    if (!ATTACHMENT_KINDS.has(ext)) {
      err(field, "bad-attachment-type", `${attachmentOrdinal(i)}的类型 .${ext} 不允许`, `attachment ${i + 1}: type .${ext} is not allowed`, `可用类型：${[...ATTACHMENT_KINDS].join("、")} / Allowed: the types listed.`, line);
      return;
    }
    attachments.push({ file: a.file, source, label: a.label || path.basename(a.file, path.extname(a.file)), kind: ext.toUpperCase(), bytes: 0, field });
  });

  // Existence checks, all at once; the folder is listed only when something is missing.
  let listing: Promise<string[]> | undefined;
  const near = async (name: string): Promise<string[]> => {
    listing ??= fs.readdir(folder).catch(() => []);
    const dir = path.posix.dirname(name.replace(/\\/g, "/"));
    return dir === "." ? nearNames(name, await listing) : [];
  };
  const statFile = async (source: string) => {
    const s = await fs.stat(source).catch(() => undefined);
    return s?.isFile() ? s : undefined;
  };
  // The checks run at once, but their reports are made in the order of the fields (photos, then
  // attachments, then the cover), whichever stat answers first: messages never change order.
  type Deferred = (() => void) | undefined;
  const reports: Deferred[] = await Promise.all([
    ...photos.map(async (p, i): Promise<Deferred> => {
      const s = await statFile(p.source);
      if (s) {
        p.stat = { size: s.size, mtimeMs: s.mtimeMs };
        return undefined;
      }
      const index = Number(/\[(\d+)\]/.exec(p.field)?.[1] ?? i);
      const m = missing("photo", p.file, await near(p.file));
      return () => err(p.field, "missing-photo", `${photoOrdinal(index)}：${m.zh}`, `photo ${index + 1}: ${m.en}`, m.fix, input.lineOf("photos", p.file));
    }),
    ...attachments.map(async (a): Promise<Deferred> => {
      const s = await statFile(a.source);
      if (s) {
        a.bytes = s.size;
        return undefined;
      }
      const index = Number(/\[(\d+)\]/.exec(a.field)?.[1] ?? 0);
      const m = missing("attachment", a.file, await near(a.file));
      return () => err(a.field, "missing-attachment", `${attachmentOrdinal(index)}：${m.zh}`, `attachment ${index + 1}: ${m.en}`, m.fix, input.lineOf("attachments", a.file));
    }),
    ...(cover && cover.field === "cover"
      ? [
          (async (c: Photo): Promise<Deferred> => {
            const s = await statFile(c.source);
            if (s) {
              c.stat = { size: s.size, mtimeMs: s.mtimeMs };
              return undefined;
            }
            const m = missing("cover", c.file, await near(c.file));
            return () => err("cover", "missing-photo", m.zh, m.en, m.fix, input.lineOf("cover", c.file));
          })(cover),
        ]
      : []),
  ]);
  for (const report of reports) report?.();
  return { photos, cover, attachments };
}

/** The message for a missing file: the near name when there is one, else where to put it. */
export function missing(kind: "photo" | "cover" | "attachment", file: string, near: readonly string[]): Pick<ContentIssue, "zh" | "en" | "fix"> {
  const what = kind === "attachment" ? ["附件", "attachment"] : kind === "cover" ? ["封面图片", "cover photo"] : ["图片", "photo"];
  const [first] = near;
  if (first) {
    return {
      zh: `找不到${what[0]}文件 ${file}；文件夹里有 ${first}，是不是这个？`,
      en: `${what[1]} file ${file} does not exist; the folder has ${first}: did you mean it?`,
      fix: `把 ${file} 改成 ${first}（文件名要与文件夹中的完全一致，包括大小写和扩展名） / Write ${first} exactly as the file is named.`,
    };
  }
  return {
    zh: `找不到${what[0]}文件 ${file}`,
    en: `${what[1]} file ${file} does not exist`,
    fix: `把 ${file} 放进文章所在文件夹，注意文件名大小写与扩展名（.JPG 与 .jpg 不同） / Put the file next to the article; names are case-sensitive.`,
  };
}
