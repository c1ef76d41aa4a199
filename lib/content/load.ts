/**
 * Stage 1 of the build: read and validate all content. Produces typed Article records and
 * every problem at once. Nothing here writes files. Parsed files are cached by
 * (size, mtime) so the preview server re-reads only what changed.
 */
import fs from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import type { DateTime } from "luxon";
import { buildColumnTree, columnForFolder, type Column, type ColumnTree } from "./columns.ts";
import { formatDay, nowInShanghai, parseDate } from "./dates.ts";
import { decodeText, encodingFix } from "./encoding.ts";
import { lineOf, splitFrontMatter, type Split } from "./frontmatter.ts";
import { issue, type ContentIssue } from "./issues.ts";
import { resolveInside, slugFromFile, suggestSlug, SLUG, toPosix } from "./paths.ts";
import {
  ColumnsFileSchema,
  FIELD_ALIASES,
  FIELD_NAMES_ZH,
  FrontMatterSchema,
  REQUIRED_IDENTITY,
  RESERVED_KEYS,
  SiteSchema,
  type SiteConfig,
} from "./schema.ts";

export interface Photo {
  file: string;
  /** Absolute path. */
  source: string;
  caption: string;
  /** Alt text: the explicit alt, else the caption; never the camera file name. */
  alt: string;
  field: string;
  /** From the content stage's existence check, so the image stage need not stat the photo again. */
  stat?: { size: number; mtimeMs: number };
}

export interface Attachment {
  file: string;
  source: string;
  label: string;
  /** Upper-case type for display, e.g. PDF, DOCX. */
  kind: string;
  bytes: number;
  field: string;
}

export interface Article {
  /** Project-relative path with forward slashes, e.g. content/news/jydt/qiangji-zhuhun/index.md. */
  file: string;
  /** Absolute folder holding the article's photos and attachments. */
  folder: string;
  title: string;
  date: DateTime;
  /** 2024-07-12 */
  day: string;
  year: number;
  source: string;
  column: Column;
  slug: string;
  /** Without path prefix: /news/jydt/2024/qiangji-zhuhun/ */
  url: string;
  summary: string;
  author: string;
  tags: string[];
  photos: Photo[];
  cover: Photo | undefined;
  attachments: Attachment[];
  draft: boolean;
  /** Dated after the build time: scheduled, published by a later build. */
  scheduled: boolean;
  /** Markdown body and the line it starts on. */
  body: string;
  bodyLine: number;
}

export interface ContentModel {
  root: string;
  contentDir: string;
  site: SiteConfig;
  columns: ColumnTree;
  /** Published articles (no drafts, none scheduled), newest first. */
  articles: Article[];
  /** Every valid article including drafts and scheduled ones, keyed by project-relative file. */
  all: Map<string, Article>;
  issues: ContentIssue[];
}

export interface LoadOptions {
  /** Project root; file names in messages are relative to it. */
  root: string;
  /** Content folder (default: <root>/content). */
  contentDir?: string;
  /** Build time, for scheduled articles. */
  now?: DateTime;
  /** Count drafts and scheduled articles as published (preview). */
  includeDrafts?: boolean;
}

const ATTACHMENT_KINDS = new Set(["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "ofd", "txt", "csv", "zip", "rar", "7z"]);
const PHOTO_EXT = /\.(jpe?g|png|webp|tiff?|gif|avif|heic|heif)$/i;

type Parsed = { split: Split; issues: ContentIssue[] } | { split: null; issues: ContentIssue[] };
const parseCache = new Map<string, { key: string; parsed: Parsed }>();

/** One Markdown file's outcome: its issues (parse, then validation) and the article if valid. */
interface FileRecord {
  abs: string;
  issues: ContentIssue[];
  article: Article | undefined;
}

/** What an incremental reload reuses from a model: kept beside it, not in it (models are compared and logged). */
interface LoadState {
  options: LoadOptions;
  site: SiteConfig | undefined;
  columns: ColumnTree | undefined;
  /** Issues of site.yaml and columns.yaml, which come first. */
  dataIssues: ContentIssue[];
  records: FileRecord[];
}
const loadStates = new WeakMap<ContentModel, LoadState>();

/**
 * With `previous`, only the files in `previous.changed` (absolute paths of existing Markdown files
 * of the previous model) are read and validated again; every other file's result, the YAML data
 * and the file list are reused. The caller guarantees nothing else changed (no file added or
 * removed, no YAML, no photo or attachment); the cross-article checks (duplicate URLs, order) run
 * over the whole set as in a full load, so the result equals a full load of the same files.
 * Returns undefined if the previous model cannot be reused (then do a full load).
 */
export async function loadContent(options: LoadOptions): Promise<ContentModel>;
export async function loadContent(options: LoadOptions, previous: { model: ContentModel; changed: ReadonlySet<string> }): Promise<ContentModel | undefined>;
export async function loadContent(options: LoadOptions, previous?: { model: ContentModel; changed: ReadonlySet<string> }): Promise<ContentModel | undefined> {
  const root = path.resolve(options.root);
  const contentDir = path.resolve(options.contentDir ?? path.join(root, "content"));
  const rel = (abs: string) => toPosix(path.relative(root, abs));
  const now = options.now ?? nowInShanghai();

  let state: LoadState;
  if (previous) {
    const before = loadStates.get(previous.model);
    if (!before || before.options.root !== options.root || before.options.contentDir !== options.contentDir || Boolean(before.options.includeDrafts) !== Boolean(options.includeDrafts)) return undefined;
    const known = new Set(before.records.map((r) => r.abs));
    for (const abs of previous.changed) if (!known.has(abs)) return undefined;
    const records = await mapLimit(before.records, 32, async (r): Promise<FileRecord> => {
      if (previous.changed.has(r.abs)) return loadFile(r.abs, rel(r.abs), before.columns, contentDir, now);
      // Scheduled depends on the build time, which moves between loads.
      const a = r.article;
      return a && a.scheduled !== a.date > now ? { ...r, article: { ...a, scheduled: a.date > now } } : r;
    });
    state = { ...before, options, records };
  } else {
    const dataIssues: ContentIssue[] = [];
    const site = await loadSite(path.join(contentDir, "_data", "site.yaml"), rel, dataIssues);
    const columns = await loadColumns(path.join(contentDir, "_data", "columns.yaml"), rel, dataIssues);
    const files = await listMarkdown(contentDir);
    const records = await mapLimit(files, 32, (abs) => loadFile(abs, rel(abs), columns, contentDir, now));
    state = { options, site, columns, dataIssues, records };
  }

  const issues: ContentIssue[] = [...state.dataIssues];
  const all = new Map<string, Article>();
  for (const r of state.records) {
    issues.push(...r.issues);
    if (r.article) all.set(r.article.file, r.article);
  }

  // Two articles on one URL: name both files, on both files.
  const byUrl = new Map<string, Article[]>();
  for (const a of all.values()) byUrl.set(a.url, [...(byUrl.get(a.url) ?? []), a]);
  for (const [url, list] of byUrl) {
    if (list.length < 2) continue;
    for (const a of list) {
      const others = list.filter((o) => o !== a).map((o) => o.file).join(", ");
      issues.push(
        issue("error", a.file, "url", "duplicate-url", `网址 ${url} 与 ${others} 重复`, `URL ${url} is also produced by ${others}`,
          "修改其中一篇的文件夹名（或 slug 字段），使网址不同 / Rename one article's folder (or set `slug`) so the URLs differ."),
      );
    }
  }

  const articles = [...all.values()]
    .filter((a) => options.includeDrafts || (!a.draft && !a.scheduled))
    .sort(newestFirst);
  const model: ContentModel = { root, contentDir, site: state.site ?? SiteSchema.parse({ name: "未命名站点", baseUrl: "https://example.invalid/" }), columns: state.columns ?? buildColumnTree("首页", []).tree, articles, all, issues };
  loadStates.set(model, state);
  return model;
}

async function loadFile(abs: string, relFile: string, columns: ColumnTree | undefined, contentDir: string, now: DateTime): Promise<FileRecord> {
  const parsed = await parseFile(abs, relFile);
  const issues = [...parsed.issues];
  if (!parsed.split || !columns) return { abs, issues, article: undefined };
  const article = await validateArticle(abs, relFile, parsed.split, columns, contentDir, now, issues);
  return { abs, issues, article };
}

export const newestFirst = (a: Article, b: Article): number => b.date.toMillis() - a.date.toMillis() || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

async function readYamlData(file: string, relFile: string, issues: ContentIssue[]): Promise<unknown> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    issues.push(issue("error", relFile, "file", "missing-file", "缺少站点配置文件", "site configuration file is missing", `新建 ${relFile}（可参考示例站点） / Create ${relFile}.`));
    return undefined;
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    issues.push(issue("error", relFile, "encoding", "not-utf8", "文件不是 UTF-8 编码", "file is not UTF-8", encodingFix(relFile)));
    return undefined;
  }
  try {
    return yaml.load(decoded.text, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    const e = error as { mark?: { line?: number }; reason?: string };
    issues.push(issue("error", relFile, "yaml", "bad-yaml", `YAML 格式错误：${e.reason ?? ""}`, `invalid YAML: ${e.reason ?? String(error)}`, "检查冒号、引号与缩进 / Check colons, quotes and indentation.", e.mark?.line !== undefined ? e.mark.line + 1 : undefined));
    return undefined;
  }
}

async function loadSite(file: string, rel: (p: string) => string, issues: ContentIssue[]): Promise<SiteConfig | undefined> {
  const relFile = rel(file);
  const data = await readYamlData(file, relFile, issues);
  if (data === undefined) return undefined;
  const result = SiteSchema.safeParse(data);
  if (!result.success) {
    for (const e of result.error.issues) {
      const field = e.path.join(".") || "site";
      issues.push(issue("error", relFile, field, "bad-site", `站点配置字段 ${field} 无效：${e.message}`, `site setting ${field} is invalid: ${e.message}`, "按说明修改该字段 / Correct the field as described."));
    }
    return undefined;
  }
  for (const { field, zh } of REQUIRED_IDENTITY) {
    if (!result.data[field]) {
      issues.push(issue("warning", relFile, field, "missing-identity", `未填写${zh}，页脚将不显示该项`, `${field} (${zh}) is empty; the footer omits it`, `在 ${relFile} 填写 ${field}（政府网站必备信息，不要编造） / Fill in ${field}; never invent it.`));
    }
  }
  return result.data;
}

async function loadColumns(file: string, rel: (p: string) => string, issues: ContentIssue[]): Promise<ColumnTree | undefined> {
  const relFile = rel(file);
  const data = await readYamlData(file, relFile, issues);
  if (data === undefined) return undefined;
  const result = ColumnsFileSchema.safeParse(data);
  if (!result.success) {
    for (const e of result.error.issues) {
      const field = e.path.join(".") || "columns";
      issues.push(issue("error", relFile, field, "bad-columns", `栏目配置 ${field} 无效：${e.message}`, `column setting ${field} is invalid: ${e.message}`, "按说明修改 / Correct the column definition."));
    }
    return undefined;
  }
  const { tree, problems } = buildColumnTree(result.data.home, result.data.columns);
  for (const p of problems) issues.push(issue("error", relFile, p.key, "bad-columns", p.zh, p.en, "每个栏目的 key 与路径须唯一 / Column keys and paths must be unique."));
  return problems.length ? undefined : tree;
}

/** Every .md file below the content folder, skipping folders that start with _ or . and node_modules. */
async function listMarkdown(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await fs.readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith("_") || e.name.startsWith(".") || e.name === "node_modules") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && /\.md$/i.test(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

async function parseFile(abs: string, relFile: string): Promise<Parsed> {
  const stat = await fs.stat(abs);
  const key = `${stat.size}:${stat.mtimeMs}`;
  const cached = parseCache.get(abs);
  if (cached && cached.key === key) return cached.parsed;
  const parsed = parseBytes(await fs.readFile(abs), relFile);
  parseCache.set(abs, { key, parsed });
  return parsed;
}

export function parseBytes(bytes: Uint8Array, relFile: string): Parsed {
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const what =
      decoded.encoding === "gb18030"
        ? ["文件是 GB18030/GBK 编码（Windows“ANSI”），不是 UTF-8，中文会变成乱码", "file is encoded in GB18030/GBK (Windows \"ANSI\"), not UTF-8"]
        : decoded.encoding === "utf-16"
          ? ["文件是 UTF-16 编码，不是 UTF-8", "file is encoded in UTF-16, not UTF-8"]
          : ["文件不是 UTF-8 编码（可能已损坏）", "file is not valid UTF-8"];
    return { split: null, issues: [issue("error", relFile, "encoding", "not-utf8", what[0]!, what[1]!, encodingFix(relFile))] };
  }
  const result = splitFrontMatter(decoded.text);
  if (!result.ok) return { split: null, issues: [issue("error", relFile, "front matter", "bad-front-matter", result.zh, result.en, result.fix, result.line)] };
  // Chinese field names are accepted as aliases of the English ones.
  const data = result.value.data;
  for (const [zh, en] of Object.entries(FIELD_ALIASES)) {
    if (zh in data && !(en in data)) {
      data[en] = data[zh];
      delete data[zh];
    }
  }
  return { split: result.value, issues: [] };
}

async function validateArticle(
  abs: string,
  relFile: string,
  split: Split,
  columns: ColumnTree,
  contentDir: string,
  now: DateTime,
  issues: ContentIssue[],
): Promise<Article | undefined> {
  const data = split.data;
  const found: ContentIssue[] = [];
  const err = (field: string, code: string, zh: string, en: string, fix: string, line = lineOf(split, field.split(/[.[]/)[0]!)) =>
    found.push(issue("error", relFile, field, code, zh, en, fix, line));
  const warn = (field: string, code: string, zh: string, en: string, fix: string, line = lineOf(split, field.split(/[.[]/)[0]!)) =>
    found.push(issue("warning", relFile, field, code, zh, en, fix, line));

  for (const field of ["title", "date", "source"] as const) {
    const v = data[field];
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
      const zhName = FIELD_NAMES_ZH[field];
      const example = field === "title" ? "title: 我区召开……会议" : field === "date" ? "date: 2024-07-12" : "source: 组织人事科";
      err(field, "missing-field", `缺少必填字段 ${field}（${zhName}）`, `required field "${field}" is missing or empty`, `在 front matter 中加一行：${example} / Add \`${example}\`.`, 1);
    }
  }
  for (const key of Object.keys(data)) {
    if (RESERVED_KEYS.has(key)) {
      err(key, "reserved-field", `不允许使用字段 ${key}（网址和版式由系统生成）`, `field "${key}" is not allowed: URLs and layouts are generated`, `删除这一行；要改网址请改文章文件夹名 / Remove the line; rename the folder to change the URL.`);
    } else if (!(key in FIELD_NAMES_ZH)) warn(key, "unknown-field", `未知字段 ${key}，将被忽略`, `unknown field "${key}" is ignored`, "检查拼写；可用字段见编辑指南 / Check the spelling; see the editors' guide for fields.");
  }
  const parsed = FrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const e of parsed.error.issues) {
      const top = String(e.path[0] ?? "");
      if (["title", "date", "source"].includes(top) && (data[top] === undefined || data[top] === null || data[top] === "")) continue;
      const field = e.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${String(p)}` : String(p))).join("");
      const zhName = FIELD_NAMES_ZH[top] ?? top;
      err(field, "bad-field", `字段 ${field}（${zhName}）的值不符合要求：${e.message}`, `field "${field}" is invalid: ${e.message}`, fieldFix(top));
    }
  }

  const folder = path.dirname(abs);
  const folderSegments = toPosix(path.relative(contentDir, folder)).split("/").filter(Boolean);
  let column: Column | undefined;
  const columnKey = typeof data.column === "string" ? data.column.trim() : undefined;
  if (columnKey) {
    column = columns.byKey.get(columnKey);
    if (!column) err("column", "unknown-column", `栏目 “${columnKey}” 不存在`, `unknown column "${columnKey}"`, `可用栏目：${columns.leaves.map((c) => `${c.key}（${c.name}）`).join("、")} / Use one of these keys.`);
  } else {
    column = columnForFolder(columns, folderSegments);
    if (!column) err("column", "unknown-column", `无法确定栏目：文件夹 ${folderSegments.join("/") || "content"} 不属于任何栏目`, `no column matches the folder ${folderSegments.join("/") || "content"}`, `把文章放到栏目文件夹中（如 content/news/jydt/），或写 column 字段：${columns.leaves.map((c) => c.key).join(", ")} / Move it into a column folder or set \`column\`.`, 1);
  }
  if (column && !column.isLeaf) {
    err("column", "section-column", `栏目“${column.name}”下还有子栏目，文章须放入其中一个子栏目`, `column "${column.key}" has sub-columns; articles belong to one of them`, `改用：${column.children.map((c) => `${c.key}（${c.name}）`).join("、")} / Use one of its sub-columns.`);
    column = undefined;
  }

  let date: DateTime | null = null;
  if (data.date !== undefined && data.date !== null && data.date !== "") {
    date = parseDate(data.date);
    if (!date) err("date", "bad-date", `发布时间 “${String(data.date)}” 不是有效日期`, `date "${String(data.date)}" is not a valid date`, "写成 2024-07-12 或 2024-07-12 09:30:00（北京时间） / Use YYYY-MM-DD or YYYY-MM-DD HH:mm:ss (Beijing time).");
  }

  const rawSlug = typeof data.slug === "string" && data.slug.trim() ? data.slug.trim() : slugFromFile(relFile);
  if (!SLUG.test(rawSlug)) {
    const target = typeof data.slug === "string" ? "slug 字段" : path.basename(relFile) === "index.md" ? "文章文件夹" : "文件";
    err(typeof data.slug === "string" ? "slug" : "file name", "bad-slug", `网址名 “${rawSlug}” 须为小写英文字母、数字和连字符（网址永久不变，不用中文）`, `URL slug "${rawSlug}" must be lowercase ASCII letters, digits and hyphens`, `把${target}改名为 ${suggestSlug(rawSlug)} / Rename it to ${suggestSlug(rawSlug)}.`, typeof data.slug === "string" ? lineOf(split, "slug") : 1);
  }

  const fm = parsed.success ? parsed.data : undefined;
  const photos: Photo[] = [];
  (fm?.photos ?? []).forEach((p, i) => {
    const field = `photos[${i}].file`;
    const line = lineOf(split, "photos", p.file);
    const source = resolveInside(folder, p.file);
    if (!source) {
      err(field, "path-escape", `图片路径 “${p.file}” 不在文章文件夹内`, `photo path "${p.file}" leaves the article's folder`, "把图片放进文章所在文件夹，只写文件名，如 0J7A6917.JPG / Put the photo in the article's folder and give just its name.", line);
      return;
    }
    if (!PHOTO_EXT.test(p.file)) {
      err(field, "bad-photo-type", `“${p.file}” 不是图片文件（支持 JPG、PNG、WebP）`, `"${p.file}" is not an image file (JPG, PNG, WebP)`, "请使用 JPG 格式的照片 / Use a JPEG photo.", line);
      return;
    }
    const caption = p.caption ?? "";
    const alt = p.alt || caption;
    if (!alt) warn(`photos[${i}].caption`, "missing-alt", `图片 ${p.file} 缺少说明文字（caption），读屏软件无法描述该图`, `photo ${p.file} has no caption/alt text`, "为该图片加一行 caption: 图片内容的简短描述 / Add `caption:` describing the photo.", line);
    photos.push({ file: p.file, source, caption, alt, field });
  });
  let cover: Photo | undefined = photos[0];
  if (fm?.cover) {
    cover = photos.find((p) => p.file === fm.cover);
    if (!cover) {
      const source = resolveInside(folder, fm.cover);
      if (!source) err("cover", "path-escape", `封面路径 “${fm.cover}” 不在文章文件夹内`, `cover path "${fm.cover}" leaves the article's folder`, "只写文章文件夹中的图片文件名 / Give the name of a photo in the article's folder.");
      else cover = { file: fm.cover, source, caption: "", alt: fm.title ?? "", field: "cover" };
    }
  }

  const attachments: Attachment[] = [];
  (fm?.attachments ?? []).forEach((a, i) => {
    const field = `attachments[${i}].file`;
    const line = lineOf(split, "attachments", a.file);
    const source = resolveInside(folder, a.file);
    if (!source) {
      err(field, "path-escape", `附件路径 “${a.file}” 不在文章文件夹内`, `attachment path "${a.file}" leaves the article's folder`, "把附件放进文章所在文件夹，只写文件名 / Put the file in the article's folder and give just its name.", line);
      return;
    }
    const ext = path.extname(a.file).slice(1).toLowerCase();
    if (!ATTACHMENT_KINDS.has(ext)) {
      err(field, "bad-attachment-type", `附件类型 .${ext} 不允许`, `attachment type .${ext} is not allowed`, `可用类型：${[...ATTACHMENT_KINDS].join("、")} / Allowed: the types listed.`, line);
      return;
    }
    attachments.push({ file: a.file, source, label: a.label || path.basename(a.file, path.extname(a.file)), kind: ext.toUpperCase(), bytes: 0, field });
  });

  // Existence checks, all at once.
  await Promise.all([
    ...photos.map(async (p) => {
      try {
        const s = await fs.stat(p.source);
        if (!s.isFile()) throw new Error("not a file");
        p.stat = { size: s.size, mtimeMs: s.mtimeMs };
      } catch {
        err(p.field, "missing-photo", `找不到图片文件 ${p.file}`, `photo file ${p.file} does not exist`, `把 ${p.file} 放到 ${toPosix(path.relative(process.cwd(), folder))}/，注意文件名大小写与扩展名（.JPG 与 .jpg 不同） / Put the file next to the article; names are case-sensitive.`, lineOf(split, "photos", p.file));
      }
    }),
    ...attachments.map(async (a) => {
      try {
        const s = await fs.stat(a.source);
        if (!s.isFile()) throw new Error("not a file");
        a.bytes = s.size;
      } catch {
        err(a.field, "missing-attachment", `找不到附件文件 ${a.file}`, `attachment file ${a.file} does not exist`, `把 ${a.file} 放到文章所在文件夹，注意文件名完全一致 / Put the file next to the article.`, lineOf(split, "attachments", a.file));
      }
    }),
    ...(cover && cover.field === "cover"
      ? [fs.stat(cover.source).then((s) => void (cover!.stat = { size: s.size, mtimeMs: s.mtimeMs }), () => err("cover", "missing-photo", `找不到封面图片 ${cover!.file}`, `cover file ${cover!.file} does not exist`, "把封面图片放进文章文件夹 / Put the cover photo in the article's folder."))]
      : []),
  ]);

  issues.push(...found);
  if (found.some((i) => i.severity === "error") || !fm || !date || !column) return undefined;
  const year = date.year;
  return {
    file: relFile,
    folder,
    title: fm.title,
    date,
    day: formatDay(date),
    year,
    source: fm.source,
    column,
    slug: rawSlug,
    url: `/${column.path}/${year}/${rawSlug}/`,
    summary: fm.summary ?? "",
    author: fm.author ?? "",
    tags: fm.tags ?? [],
    photos,
    cover,
    attachments,
    draft: fm.draft ?? false,
    scheduled: date > now,
    body: split.body,
    bodyLine: split.bodyLine,
  };
}

function fieldFix(field: string): string {
  switch (field) {
    case "photos":
      return "photos 下每项写成：- file: 照片.JPG 换行缩进 caption: 图片说明 / Each item: `- file: …` with `caption: …`.";
    case "attachments":
      return "attachments 下每项写成：- file: 文件.pdf 换行缩进 label: 附件名称 / Each item: `- file: …` with `label: …`.";
    case "draft":
      return "draft 只能写 true 或 false / Use true or false.";
    case "tags":
      return "tags 写成 [标签1, 标签2] / Use a list like [a, b].";
    default:
      return "按编辑指南修改该字段 / Correct the field as the editors' guide shows.";
  }
}

/** Runs fn over items with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}
