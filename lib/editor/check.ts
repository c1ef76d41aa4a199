/**
 * `npm run check`: every problem in the content, without rendering anything. Fast enough to run
 * before each commit (seconds on thousands of articles): it validates with loadContent(), reads
 * only photo headers (plus a few tail bytes), and parses Markdown bodies only to find links.
 *
 * On top of what loadContent() reports (schema, dates, columns, paths, encodings, duplicate URLs,
 * slugs, missing files, alt text) it checks:
 *  - photos: really images (not text or HTML named .jpg), not HEIC, complete, not decompression
 *    bombs, not oversized (site.checks.maxPhotoBytes), not too small — with the image stage's codes;
 *  - links in article bodies: site-absolute links point at a page, feed or attachment of the site;
 *    relative links to files exist in the article's folder and are published (listed as attachments);
 *    Markdown images are reported (photos belong in the `photos` field);
 *  - government-site rules: a news column not updated for checks.newsStaleDays days, a notice column
 *    not for checks.noticeStaleDays days, an empty leaf column.
 * Errors make the command exit with 1; warnings alone exit with 0.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import MarkdownIt from "markdown-it";
import type { DateTime } from "luxon";
import sharp from "sharp";
import type { Column } from "../content/columns.ts";
import { formatDay, nowInShanghai, parseDate } from "../content/dates.ts";
import { formatIssues, issue, type ContentIssue } from "../content/issues.ts";
import { loadContent, mapLimit, type Article, type ContentModel } from "../content/load.ts";
import { resolveInside, toPosix } from "../content/paths.ts";
import { problemFromError, problems, type ImageProblem } from "../images/messages.ts";
import { DEFAULT_IMAGE_OPTIONS } from "../images/options.ts";
import { heicDecodable, SMALL_WIDTH } from "../images/process.ts";
import { DECODABLE, sniff, SNIFF_BYTES } from "../images/sniff.ts";
import { buildView } from "../site/view.ts";
import { BODY_PLACEHOLDER } from "./new-article.ts";

export interface CheckOptions {
  /** Project root; file names in messages are relative to it. */
  root: string;
  contentDir?: string;
  /** "Today" for scheduled articles and stale columns (default: now in Beijing time). */
  now?: DateTime;
  /** Photos with more pixels are refused as decompression bombs (default: the image stage's limit, 100 MP). */
  maxInputPixels?: number;
  /** Photos inspected at once. */
  concurrency?: number;
  /** Where the site's own assets/ live (links to /assets/… are checked there); default: the generator's. */
  packageRoot?: string;
}

export interface CheckResult {
  issues: ContentIssue[];
  errors: number;
  warnings: number;
  /** Articles found valid (drafts and scheduled ones included). */
  articles: number;
  /** Distinct photo files inspected. */
  photos: number;
  ms: number;
}

/** Above this a photo is hinted to be larger than the web ever needs (in the oversized warning). */
export const HINT_PIXELS = 30_000_000;

const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Folder of the 繁體 edition (lib/traditional/convert.ts HANT_DIR; not imported: opencc is slow to load). */
const HANT_PREFIX = "/zh-hant/";

export async function checkSite(options: CheckOptions): Promise<CheckResult> {
  const t0 = performance.now();
  const root = path.resolve(options.root);
  const now = options.now ?? nowInShanghai();
  const model = await loadContent({ root, now, ...(options.contentDir ? { contentDir: options.contentDir } : {}) });
  const issues = [...model.issues];
  const rel = (abs: string) => toPosix(path.relative(root, abs));
  const configBroken = model.issues.some((i) => i.severity === "error" && /content\/_data\/(site|columns)\.yaml$/.test(i.file));

  const photoIssues = await checkPhotos(model, options);
  issues.push(...photoIssues.issues);
  issues.push(...(await checkBodies(model, options.packageRoot ?? PACKAGE_ROOT)));
  if (!configBroken) issues.push(...(await checkColumns(model, rel, now)));

  const errors = issues.filter((i) => i.severity === "error").length;
  return { issues, errors, warnings: issues.length - errors, articles: model.all.size, photos: photoIssues.count, ms: performance.now() - t0 };
}

export const exitCodeOf = (result: Pick<CheckResult, "errors">): 0 | 1 => (result.errors ? 1 : 0);

/** The `--json` output. */
export function checkJson(result: CheckResult): { errors: number; warnings: number; articles: number; photos: number; ms: number; issues: ContentIssue[] } {
  return { errors: result.errors, warnings: result.warnings, articles: result.articles, photos: result.photos, ms: Math.round(result.ms), issues: result.issues };
}

// ---------------------------------------------------------------------------------------------
// Photos

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

async function checkPhotos(model: ContentModel, options: CheckOptions): Promise<{ issues: ContentIssue[]; count: number }> {
  const bySource = new Map<string, PhotoUse[]>();
  for (const a of model.all.values()) {
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
export type PhotoProblem = Omit<ImageProblem, "code"> & { code: ImageProblem["code"] | "photo-oversized" };

/** Header-only inspection of one photo; a decode only when the tail bytes look wrong. */
export async function inspectPhoto(source: string, maxPixels: number, maxBytes: number): Promise<PhotoProblem[]> {
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
      dims = await headerDimensions(head, handle);
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

export interface Dimensions {
  /** As stored (before EXIF rotation). */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (5–8 swap width and height); 1 when absent. */
  orientation: number;
}

/**
 * Width, height and EXIF orientation from a JPEG's markers or a PNG's IHDR, reading further into
 * the file only when large APP segments precede the frame header. Undefined when the header is not
 * one this reader understands; the caller then asks sharp (which also explains what is wrong).
 */
export async function headerDimensions(head: Buffer, handle?: fs.FileHandle): Promise<Dimensions | undefined> {
  if (head.length >= 24 && head[0] === 0x89 && head.toString("latin1", 1, 4) === "PNG" && head.toString("latin1", 12, 16) === "IHDR") {
    const width = head.readUInt32BE(16);
    const height = head.readUInt32BE(20);
    return width && height ? { width, height, orientation: 1 } : undefined;
  }
  if (!(head[0] === 0xff && head[1] === 0xd8)) return undefined;
  let buf = head;
  let base = 0;
  /** The bytes [at, at + n) of the file, from the buffer or read on demand. */
  const bytes = async (at: number, n: number): Promise<Buffer | undefined> => {
    if (at >= base && at + n <= base + buf.length) return buf.subarray(at - base, at - base + n);
    if (!handle) return undefined;
    const chunk = Buffer.alloc(Math.max(n, HEAD_BYTES));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
    if (bytesRead < n) return undefined;
    buf = chunk.subarray(0, bytesRead);
    base = at;
    return buf.subarray(0, n);
  };
  let orientation = 1;
  let at = 2;
  for (let guard = 0; guard < 256; guard++) {
    const m = await bytes(at, 4);
    if (!m || m[0] !== 0xff) return undefined;
    const marker = m[1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const length = m.readUInt16BE(2);
    if (length < 2) return undefined;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const sof = await bytes(at + 4, 5);
      if (!sof) return undefined;
      const height = sof.readUInt16BE(1);
      const width = sof.readUInt16BE(3);
      return width && height ? { width, height, orientation } : undefined;
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // image data before any frame header
    if (marker === 0xe1 && orientation === 1) {
      const app1 = await bytes(at + 4, Math.min(length - 2, 65533));
      if (app1) orientation = exifOrientation(app1);
    }
    at += 2 + length;
  }
  return undefined;
}

/** Tag 0x0112 of IFD0 in an APP1 "Exif" segment; 1 when absent or unreadable. */
function exifOrientation(app1: Buffer): number {
  if (app1.length < 14 || app1.toString("latin1", 0, 6) !== "Exif\0\0") return 1;
  const tiff = app1.subarray(6);
  const le = tiff.toString("latin1", 0, 2) === "II";
  if (!le && tiff.toString("latin1", 0, 2) !== "MM") return 1;
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
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
    const start = Math.max(1, lines.findIndex((l) => field.test(l)));
    const at = lines.findIndex((l, n) => n >= start && l.includes(name));
    if (at > 0) i.line = at + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Links and images in Markdown bodies

const md = new MarkdownIt({ html: false, linkify: true });

interface BodyRef {
  href: string;
  /** 0-based line within the body. */
  line: number;
  image: boolean;
}

/** Links and images of a Markdown body, with their lines (links inside code are not links). */
export function extractLinks(body: string): BodyRef[] {
  if (!body.includes("](") && !body.includes("]:") && !body.includes("<")) return [];
  const refs: BodyRef[] = [];
  let blockLine = 0;
  for (const token of md.parse(body, {})) {
    if (token.map) blockLine = token.map[0];
    if (token.type !== "inline" || !token.children) continue;
    let offset = 0;
    for (const child of token.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") offset++;
      else if (child.type === "link_open") refs.push({ href: String(child.attrGet("href") ?? ""), line: blockLine + offset, image: false });
      else if (child.type === "image") refs.push({ href: String(child.attrGet("src") ?? ""), line: blockLine + offset, image: true });
      else if (child.type === "text" || child.type === "code_inline") offset += (child.content.match(/\n/g) ?? []).length;
    }
  }
  return refs;
}

interface KnownUrls {
  /** Published pages, feeds and attachments (decoded, without path prefix). */
  published: Set<string>;
  /** URLs of drafts and scheduled articles: they appear later, or never. */
  unpublished: Map<string, Article>;
  baseHost: string;
  prefix: string;
  traditional: boolean;
}

function knownUrls(model: ContentModel): KnownUrls {
  const published = new Set<string>(["/", "/search/", "/feed.xml", "/sitemap.xml", "/robots.txt", "/404.html"]);
  const view = buildView(model);
  for (const page of view.listPages) published.add(page.url);
  for (const c of model.columns.leaves) published.add(`${c.url}feed.xml`);
  for (const a of model.articles) {
    published.add(a.url);
    for (const f of a.attachments) published.add(a.url + f.file);
  }
  const unpublished = new Map<string, Article>();
  for (const a of model.all.values()) if (!published.has(a.url)) unpublished.set(a.url, a);
  let baseHost = "";
  try {
    baseHost = new URL(model.site.baseUrl).host.toLowerCase();
  } catch {
    // reported by loadContent
  }
  return { published, unpublished, baseHost, prefix: model.site.pathPrefix, traditional: model.site.traditional.enabled };
}

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

async function checkBodies(model: ContentModel, packageRoot: string): Promise<ContentIssue[]> {
  const known = knownUrls(model);
  const found: ContentIssue[] = [];
  const assetCache = new Map<string, Promise<boolean>>();
  const assetExists = (p: string) => {
    let hit = assetCache.get(p);
    if (!hit) {
      const file = resolveInside(path.join(packageRoot, "assets"), p);
      hit = file ? isFile(file) : Promise.resolve(false);
      assetCache.set(p, hit);
    }
    return hit;
  };

  await mapLimit([...model.all.values()], 32, async (a) => {
    const placeholder = a.body.indexOf(BODY_PLACEHOLDER);
    if (placeholder >= 0) {
      const line = a.bodyLine + (a.body.slice(0, placeholder).match(/\n/g) ?? []).length;
      found.push(issue("warning", a.file, "body", "placeholder-body", "正文还是新建文章时的占位文字", "the body still holds the placeholder text of a new article", "把占位的那一行换成正文 / Replace the placeholder line with the article's text.", line));
    }
    for (const ref of extractLinks(a.body)) {
      const line = a.bodyLine + ref.line;
      const href = ref.href.trim();
      if (ref.image) {
        if (!href || /^(https?:)?\/\//i.test(href) || /^data:/i.test(href)) continue;
        found.push(
          issue("warning", a.file, "body", "markdown-image", `正文中插入的图片 “${decode(href)}” 不会按网站照片处理（不生成手机尺寸、没有说明文字），也不会被发布`, `the Markdown image "${decode(href)}" is not processed or published like photos`, "把图片放进文章文件夹，改写到 front matter 的 photos 字段（file + caption + alt），并删除正文中的 ![](…) / List the photo in the `photos` field instead and remove the Markdown image.", line),
        );
        continue;
      }
      const problem = await checkHref(href, a, known, assetExists);
      if (problem) found.push(issue(problem.severity, a.file, "body", problem.code, problem.zh, problem.en, problem.fix, line));
    }
  });
  return found;
}

type LinkProblem = Pick<ContentIssue, "severity" | "code" | "zh" | "en" | "fix">;

async function checkHref(href: string, a: Article, known: KnownUrls, assetExists: (p: string) => Promise<boolean>): Promise<LinkProblem | undefined> {
  if (!href || href.startsWith("#")) return undefined;
  let sitePath: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) {
    // External, unless it names this site's own address.
    let url: URL;
    try {
      url = new URL(href.startsWith("//") ? `https:${href}` : href);
    } catch {
      return undefined;
    }
    if (!/^https?:$/.test(url.protocol) || !known.baseHost || url.host.toLowerCase() !== known.baseHost) return undefined;
    if (!url.pathname.startsWith(known.prefix)) return broken(href, url.pathname);
    sitePath = "/" + url.pathname.slice(known.prefix.length);
  } else if (href.startsWith("/")) {
    sitePath = href.replace(/[?#].*$/, "");
  } else {
    // Relative: resolved against the article's own URL, where its attachments are published.
    const resolved = new URL(href, `https://site.invalid${a.url}`).pathname;
    if (resolved.startsWith(a.url)) return checkOwnFile(href, decode(resolved.slice(a.url.length)), a);
    sitePath = resolved;
  }
  const p = decode(sitePath);
  if (isKnown(p, known.published)) return undefined;
  if (known.traditional && p.startsWith(HANT_PREFIX) && isKnown(p.slice(HANT_PREFIX.length - 1), known.published)) return undefined;
  if (p.startsWith("/assets/") && (await assetExists(p.slice("/assets/".length)))) return undefined;
  if (p.startsWith("/img/") || p.startsWith("/pagefind/") || /^\/sitemap-\d+\.xml$/.test(p)) return undefined;
  const draft = lookup(p, known.unpublished);
  if (draft) {
    const why = draft.draft ? "草稿（draft: true）" : `定时发布的文章（${draft.day} 才发布）`;
    return {
      severity: "warning",
      code: "link-to-unpublished",
      zh: `链接 ${href} 指向${why}：${draft.file}，该文章发布前这个链接打不开`,
      en: `link ${href} points at ${draft.draft ? "a draft" : `an article scheduled for ${draft.day}`} (${draft.file}); it is broken until that article is published`,
      fix: "确认该文章会先于或同时发布，否则暂时删除链接 / Make sure that article is published first, or remove the link for now.",
    };
  }
  return broken(href, p);
}

function isKnown(p: string, set: ReadonlySet<string>): boolean {
  const clean = p.replace(/index\.html$/, "");
  return set.has(clean) || (!clean.endsWith("/") && !/\.[a-z0-9]+$/i.test(clean) && set.has(`${clean}/`));
}

function lookup<T>(p: string, map: ReadonlyMap<string, T>): T | undefined {
  const clean = p.replace(/index\.html$/, "");
  return map.get(clean) ?? (clean.endsWith("/") ? undefined : map.get(`${clean}/`));
}

function broken(href: string, p: string): LinkProblem {
  return {
    severity: "error",
    code: "broken-link",
    zh: `站内链接 ${href} 打不开：网站上没有 ${p} 这个网址`,
    en: `internal link ${href} is broken: the site has no page ${p}`,
    fix: "从浏览器地址栏复制正确的网址（只写 / 之后的部分，如 /news/jydt/2024/qiangji-zhuhun/），或删除该链接 / Copy the page's address from the browser (the part from /) or remove the link.",
  };
}

async function checkOwnFile(href: string, file: string, a: Article): Promise<LinkProblem | undefined> {
  if (file === "" || file === "index.html") return undefined;
  if (a.attachments.some((f) => f.file === file)) return undefined;
  const abs = resolveInside(a.folder, file);
  if (!abs || !(await isFile(abs))) {
    return {
      severity: "error",
      code: "missing-link-file",
      zh: `正文链接的文件 “${file}” 在文章文件夹中不存在`,
      en: `the linked file "${file}" is not in the article's folder`,
      fix: "把文件放进文章文件夹并核对文件名（大小写、扩展名须完全一致），再把它列入 attachments / Put the file next to the article (exact name) and list it under `attachments`.",
    };
  }
  return {
    severity: "error",
    code: "unlisted-link-file",
    zh: `正文链接了 “${file}”，但它没有列在 attachments 中，网站上不会发布，链接打不开`,
    en: `the body links to "${file}", which is not listed under attachments, so it is not published`,
    fix: `在 front matter 的 attachments 中加上：- file: ${file} / Add it under \`attachments\`.`,
  };
}

const isFile = (p: string): Promise<boolean> =>
  fs.stat(p).then(
    (s) => s.isFile(),
    () => false,
  );

// ---------------------------------------------------------------------------------------------
// Government-site rules: columns kept up to date, no empty columns

async function checkColumns(model: ContentModel, rel: (abs: string) => string, now: DateTime): Promise<ContentIssue[]> {
  const file = path.join(model.contentDir, "_data", "columns.yaml");
  const relFile = rel(file);
  const lines = (await fs.readFile(file, "utf8").catch(() => "")).split(/\r?\n/);
  const lineOfKey = (key: string): number | undefined => {
    const re = new RegExp(`\\bkey:\\s*["']?${key}["']?\\s*(?:[,}#]|$)`);
    const at = lines.findIndex((l) => re.test(l));
    return at >= 0 ? at + 1 : undefined;
  };
  const view = buildView(model);
  const { newsStaleDays, noticeStaleDays } = model.site.checks;
  const found: ContentIssue[] = [];
  for (const column of model.columns.leaves) {
    const list = view.byColumn.get(column.key) ?? [];
    const line = lineOfKey(column.key);
    const newest = list[0];
    if (!newest) {
      found.push(
        issue("warning", relFile, column.key, "empty-column", `栏目“${column.name}”（${column.key}）还没有任何已发布的文章（空白栏目）`, `column "${column.key}" (${column.name}) has no published article`,
          "政府网站不应有空白栏目：发布至少一篇文章，或从 columns.yaml 中删除该栏目 / Government sites may not have empty columns: publish an article or remove the column.", line),
      );
      continue;
    }
    const limit = staleLimit(column, newsStaleDays, noticeStaleDays);
    if (limit === undefined) continue;
    const days = Math.floor(now.diff(newest.date, "days").days);
    if (days > limit) {
      found.push(
        issue("warning", relFile, column.key, "stale-column",
          `栏目“${column.name}”已 ${days} 天没有更新（最近一篇：${formatDay(newest.date)}《${newest.title}》），超过 ${limit} 天的更新期限`,
          `column "${column.key}" (${column.name}) has not been updated for ${days} days (last: ${formatDay(newest.date)}), more than ${limit}`,
          `政府网站检查要求动态类栏目约 2 周内、通知公告类栏目 6 个月内有更新：请发布新内容。期限可在 content/_data/site.yaml 的 checks.newsStaleDays / checks.noticeStaleDays（或栏目的 staleDays）中调整 / Publish something new; the limits are checks.newsStaleDays / noticeStaleDays in site.yaml or staleDays on the column.`,
          line),
      );
    }
  }
  return found;
}

function staleLimit(column: Column, newsDays: number, noticeDays: number): number | undefined {
  if (column.staleDays) return column.staleDays;
  if (column.type === "news" || column.type === "photo") return newsDays;
  if (column.type === "notice") return noticeDays;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Command line

export const CHECK_USAGE = `用法 Usage: npm run check [-- --json] [--now 2025-06-01] [--root 目录]
  --json   以 JSON 输出 {errors, warnings, issues:[…]}，供其他工具使用 / machine-readable output
  --now    以指定日期为“今天”检查（定时发布、栏目更新期限）/ check as of this date
退出码 Exit code: 有错误 1，只有警告或没有问题 0 / 1 on errors, 0 on warnings only.
`;

export interface CheckIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

export async function runCheckCli(argv: readonly string[], io: CheckIo): Promise<number> {
  let values: { json?: boolean; now?: string; root?: string; help?: boolean };
  try {
    values = parseArgs({ args: [...argv], options: { json: { type: "boolean" }, now: { type: "string" }, root: { type: "string" }, help: { type: "boolean", short: "h" } } }).values;
  } catch (error) {
    io.stderr.write(`参数有误 Invalid arguments: ${(error as Error).message}\n\n${CHECK_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(CHECK_USAGE);
    return 0;
  }
  let now: DateTime | undefined;
  if (values.now) {
    now = parseDate(values.now) ?? undefined;
    if (!now) {
      io.stderr.write(`--now “${values.now}” 不是有效日期 (not a valid date)\n`);
      return 2;
    }
  }
  const result = await checkSite({ root: path.resolve(io.cwd, values.root ?? "."), ...(now ? { now } : {}) });
  if (values.json) {
    io.stdout.write(JSON.stringify(checkJson(result), null, 2) + "\n");
    return exitCodeOf(result);
  }
  const out: string[] = [];
  if (result.issues.length) out.push(formatIssues(result.issues), "");
  out.push(`检查了 ${result.articles} 篇文章、${result.photos} 张照片，用时 ${(result.ms / 1000).toFixed(1)} 秒 (checked ${result.articles} articles and ${result.photos} photos in ${(result.ms / 1000).toFixed(1)} s)`);
  if (result.errors) out.push(`✗ 检查未通过：有 ${result.errors} 个错误，请按上面的“修改方法”逐个修改后再运行 npm run check (${result.errors} error(s): fix them and run again)`);
  else if (result.warnings) out.push(`✓ 检查通过，但有 ${result.warnings} 个警告，建议处理 (passed with ${result.warnings} warning(s))`);
  else out.push("✓ 检查通过，没有发现问题 (no problems found)");
  io.stdout.write(out.join("\n") + "\n");
  return exitCodeOf(result);
}
