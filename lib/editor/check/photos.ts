/**
 * `npm run check`, photos: every photo named by an article is really an image (not text or HTML
 * named .jpg), not HEIC, complete, not a decompression bomb, not oversized or too small — with the
 * image stage's codes — reading only its header and a few tail bytes. Dimensions and EXIF
 * orientation come from `image-size` (one header reader for the repo; sharp only when it cannot tell).
 * Photos in an article's folder that the article does not list are warned about.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { imageSize } from "image-size";
import sharp from "sharp";
import { PHOTO_EXT } from "../../content/article-files.ts";
import { issue, type ContentIssue } from "../../content/issues.ts";
import type { ContentModel } from "../../content/model.ts";
import { problemFromError, problems, type ImageProblem } from "../../images/messages.ts";
import { DEFAULT_IMAGE_OPTIONS } from "../../images/options.ts";
import { heicDecodable, SMALL_WIDTH } from "../../images/process.ts";
import { DECODABLE, sniff, SNIFF_BYTES } from "../../images/sniff.ts";
import { mapLimit } from "../../util/pool.ts";

/** Above this a photo is hinted to be larger than the web ever needs (in the oversized warning). */
const HINT_PIXELS = 30_000_000;

export interface PhotoCheckOptions {
  /** Photos with more pixels are refused as decompression bombs (default: the image stage's limit, 100 MP). */
  maxInputPixels?: number;
  /** Photos inspected at once. */
  concurrency?: number;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
const mp = (pixels: number): string => (pixels / 1e6).toFixed(pixels < 10e6 ? 1 : 0);
const TAIL_BYTES = 4096;
/** First read of each photo: enough for the markers of most camera JPEGs (EXIF comes first). */
const HEAD_BYTES = 16384;

interface PhotoUse {
  /** Project-relative article file and the photo's field, as in PhotoJob. */
  file: string;
  field: string;
  /** The name as written in front matter (to find its line). */
  name: string;
}

export async function checkPhotos(model: ContentModel, options: PhotoCheckOptions): Promise<{ issues: ContentIssue[]; count: number }> {
  const bySource = new Map<string, PhotoUse[]>();
  // Articles with errors too: their photos' problems come in the same run as the other errors.
  for (const a of [...model.all.values(), ...(model.invalid?.values() ?? [])]) {
    const photos = [...a.photos, ...(a.cover && a.cover.field === "cover" ? [a.cover] : [])];
    for (const p of photos) {
      const list = bySource.get(p.source) ?? [];
      list.push({ file: a.file, field: p.field, name: p.file });
      bySource.set(p.source, list);
    }
  }
  const maxPixels = options.maxInputPixels ?? DEFAULT_IMAGE_OPTIONS.maxInputPixels;
  const maxBytes = model.site.checks.maxPhotoBytes;
  sharp.cache(false);
  const found = await mapLimit([...bySource], options.concurrency ?? 16, async ([source, uses]) =>
    (await inspectPhoto(source, maxPixels, maxBytes)).flatMap((p) => uses.map((u) => ({ issue: issue(p.severity, u.file, u.field, p.code, p.zh, p.en, p.fix), name: u.name }))),
  );
  const issues = found.flat();
  await addPhotoLines(issues, model.root);
  return { issues: issues.map((i) => i.issue), count: bySource.size };
}

/** An image-stage problem (same codes as the build) or one only `check` reports (photo-oversized). */
type PhotoProblem = Omit<ImageProblem, "code"> & { code: ImageProblem["code"] | "photo-oversized" };

/** Header-only inspection of one photo; a decode only when the tail bytes look wrong. */
async function inspectPhoto(source: string, maxPixels: number, maxBytes: number): Promise<PhotoProblem[]> {
  let head: Buffer;
  let tail: Buffer;
  let size: number;
  let dims: Dimensions | undefined;
  try {
    const handle = await fs.open(source, "r");
    try {
      size = (await handle.stat()).size;
      head = Buffer.alloc(Math.min(HEAD_BYTES, size));
      await handle.read(head, 0, head.length, 0);
      tail = Buffer.alloc(Math.min(TAIL_BYTES, size));
      await handle.read(tail, 0, tail.length, size - tail.length);
      dims = await headerDimensions(head, handle, size);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return [problemFromError(source, error, maxPixels)];
  }
  const kind = sniff(head.subarray(0, SNIFF_BYTES));
  if (kind === "heic" && !heicDecodable()) return [problems.heic(source)];
  if (!DECODABLE.has(kind) && kind !== "heic") return [problems.notAnImage(source, kind)];

  let width: number;
  let height: number;
  let stored: number;
  if (dims) {
    // JPEG and PNG headers are read here directly: a sharp/libvips call costs ~1 ms of CPU per photo.
    stored = dims.width * dims.height;
    [width, height] = dims.orientation >= 5 ? [dims.height, dims.width] : [dims.width, dims.height];
  } else {
    try {
      const meta = await sharp(source, { limitInputPixels: false, failOn: "error" }).metadata();
      stored = (meta.width ?? 0) * (meta.height ?? 0);
      width = meta.autoOrient?.width ?? meta.width ?? 0;
      height = meta.autoOrient?.height ?? meta.height ?? 0;
    } catch (error) {
      return [problemFromError(source, error, maxPixels)];
    }
  }
  if (!width || !height) return [problems.unreadable(source, "no dimensions in the header")];
  if (stored > maxPixels) return [problems.tooLarge(source, width, height, maxPixels)];

  if (looksTruncated(kind, head, tail, size)) {
    // Camera files may carry data after the image (phone "motion photos"): only a decode can tell.
    try {
      await sharp(source, { failOn: "error", limitInputPixels: maxPixels, sequentialRead: true }).resize({ width: 32 }).raw().toBuffer();
    } catch (error) {
      return [problemFromError(source, error, maxPixels, { width, height })];
    }
  }

  const found: PhotoProblem[] = [];
  if (width < SMALL_WIDTH) found.push(problems.small(source, width, height, DEFAULT_IMAGE_OPTIONS.widths[DEFAULT_IMAGE_OPTIONS.widths.length - 1]!));
  if (size > maxBytes) found.push(oversized(source, size, maxBytes, width, height));
  return found;
}

/** Cheap tail test: a JPEG ends with FFD9, a PNG with its IEND chunk, a WebP's RIFF size fits the file. */
function looksTruncated(kind: string, head: Buffer, tail: Buffer, size: number): boolean {
  switch (kind) {
    case "jpeg":
      for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return false;
      return true;
    case "png":
      return !tail.includes("IEND", 0, "latin1");
    case "webp":
      return head.length >= 8 && head.readUInt32LE(4) + 8 > size;
    default:
      return false;
  }
}

function oversized(source: string, bytes: number, limit: number, width: number, height: number): PhotoProblem {
  const name = path.basename(source);
  const pixels = width * height;
  const huge = pixels > HINT_PIXELS;
  return {
    severity: "warning",
    code: "photo-oversized",
    zh: `照片 “${name}” 有 ${mb(bytes)} MB，超过 ${mb(limit)} MB 上限${huge ? `（${width}×${height}，约 ${mp(pixels)} 百万像素）` : ""}`,
    en: `photo "${name}" is ${mb(bytes)} MB, over the ${mb(limit)} MB limit${huge ? ` (${width}×${height}, ${mp(pixels)} MP)` : ""}`,
    fix:
      `相机原图一般 3–12 MB 就足够，网站会自动生成适合网页和手机的小图；请用看图软件把照片“另存为”JPG（质量 85–90）后替换${huge ? `。这张照片约 ${mp(pixels)} 百万像素，网页最大只显示 1600 像素宽，缩小到长边 6000 像素（约 2400 万像素）以内不会影响显示效果` : ""} / ` +
      `Camera originals of 3–12 MB are fine (the site makes web sizes itself); re-save it as JPEG at quality 85–90${huge ? "; at this resolution you can also shrink it to 6000 px on the long side without any visible loss" : ""}.`,
  };
}

/** Photo issues get the line of the photo's name in the article's front matter (files read only when needed). */
async function addPhotoLines(found: readonly { issue: ContentIssue; name: string }[], root: string): Promise<void> {
  const texts = new Map<string, string[]>();
  for (const { issue: i, name } of found) {
    let lines = texts.get(i.file);
    if (!lines) {
      lines = (await fs.readFile(path.join(root, i.file), "utf8").catch(() => "")).split(/\r?\n/);
      texts.set(i.file, lines);
    }
    const field = i.field.startsWith("cover") ? /^(cover|封面)\s*:/ : /^(photos|图片|照片)\s*:/;
    const start = Math.max(
      1,
      lines.findIndex((l) => field.test(l)),
    );
    const at = lines.findIndex((l, n) => n >= start && l.includes(name));
    if (at > 0) i.line = at + 1;
  }
}

interface Dimensions {
  /** As stored (before EXIF rotation). */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (5–8 swap width and height); 1 when absent. */
  orientation: number;
}

/** Camera JPEGs may put large APP segments (maker notes, previews) before the frame header: read this far at most. */
const MAX_HEADER_BYTES = 512 * 1024;

/**
 * Width, height and EXIF orientation of a JPEG or PNG from its header (image-size), reading further
 * into the file when the first bytes do not reach the frame header. Undefined for other formats or
 * headers image-size cannot read; the caller then asks sharp (which also explains what is wrong).
 */
async function headerDimensions(head: Buffer, handle?: fs.FileHandle, size = head.length): Promise<Dimensions | undefined> {
  const isPng = head.length >= 24 && head[0] === 0x89 && head.toString("latin1", 1, 4) === "PNG";
  const isJpeg = head[0] === 0xff && head[1] === 0xd8;
  if (!isPng && !isJpeg) return undefined;
  let buf = head;
  for (;;) {
    try {
      const d = imageSize(buf);
      return d.width && d.height ? { width: d.width, height: d.height, orientation: d.orientation && d.orientation >= 1 && d.orientation <= 8 ? d.orientation : 1 } : undefined;
    } catch {
      if (!handle || buf.length >= Math.min(size, MAX_HEADER_BYTES)) return undefined;
      const more = Buffer.alloc(Math.min(size, MAX_HEADER_BYTES, buf.length * 4));
      const { bytesRead } = await handle.read(more, 0, more.length, 0);
      if (bytesRead <= buf.length) return undefined;
      buf = more.subarray(0, bytesRead);
    }
  }
}

/** Photos in an article's folder that no article lists (as a photo or the cover): a warning each, sorted. */
export async function unlistedPhotos(model: ContentModel): Promise<ContentIssue[]> {
  const byFolder = new Map<string, { file: string; listed: Set<string> }>();
  for (const a of model.all.values()) {
    const entry = byFolder.get(a.folder) ?? { file: a.file, listed: new Set<string>() };
    for (const p of [...a.photos, ...(a.cover ? [a.cover] : [])]) entry.listed.add(path.resolve(p.source));
    // Files linked from the body or listed as attachments are not photos to list.
    for (const f of a.attachments) entry.listed.add(path.resolve(f.source));
    byFolder.set(a.folder, entry);
  }
  const found = await mapLimit([...byFolder], 32, async ([folder, { file, listed }]) => {
    if (path.basename(file) !== "index.md") return [];
    const names = (await fs.readdir(folder, { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isFile() && PHOTO_EXT.test(e.name) && !listed.has(path.join(folder, e.name)))
      .map((e) => e.name)
      .sort();
    if (!names.length) return [];
    const dir = path.relative(model.root, folder).split(path.sep).join("/");
    return [
      issue(
        "warning",
        file,
        "photos",
        "unlisted-photo",
        `文件夹里有 ${names.length} 张照片没有列在 photos 中，不会显示：${names.join("、")}`,
        `${names.length} photo(s) in the folder are not listed under photos and will not be shown: ${names.join(", ")}`,
        `运行 npm run photos -- add ${dir} 自动列出（按拍摄时间排序，再补写 caption）；不要的照片请移出文件夹 / Run \`npm run photos -- add ${dir}\` to list them, or move them out of the folder.`,
      ),
    ];
  });
  return found.flat();
}
