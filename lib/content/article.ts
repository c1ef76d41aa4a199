/**
 * Validating one article's front matter and body into an Article. Every problem of the file is
 * reported in the same run: a field that fails does not hide the checks of the others (photos are
 * checked even when the title is missing).
 */
import path from "node:path";
import type { DateTime } from "luxon";
import { articleFiles } from "./article-files.ts";
import { addInlinePhotos } from "./inline-photos.ts";
import { unfinishedBody, unfinishedIssue } from "./body.ts";
import { columnForFolder, type Column, type ColumnTree } from "./columns.ts";
import { formatDay, parseDate } from "./dates.ts";
import { lineOf, type Split } from "./frontmatter.ts";
import { readGov, strayGovFields } from "./gov-info.ts";
import { issue, type ContentIssue } from "./issues.ts";
import type { Article, HeldBack, InvalidArticle, Photo } from "./model.ts";
import { slugFromFile, suggestSlug, SLUG, toPosix } from "./paths.ts";
import { FIELD_ALIASES, FIELD_NAMES_ZH, FrontMatterSchema, RESERVED_KEYS, type FrontMatter } from "./schema.ts";
import { didYouMean } from "./suggest.ts";

const REQUIRED = ["title", "date", "source"] as const;
const EXAMPLES: Record<(typeof REQUIRED)[number], string> = { title: "title: 我区召开……会议", date: "date: 2024-07-12", source: "source: 组织人事科" };
/** Every name a field may be written as: the English names and the Chinese aliases. */
const KNOWN_NAMES = [...Object.keys(FIELD_NAMES_ZH), ...Object.keys(FIELD_ALIASES)];
const SHAPE = FrontMatterSchema.shape;

export interface ArticleContext {
  abs: string;
  relFile: string;
  columns: ColumnTree;
  contentDir: string;
  now: DateTime;
  /** Severity of an unfinished body for a non-draft article. */
  unfinished: "error" | "warning";
}

export interface Validated {
  article: Article | undefined;
  issues: ContentIssue[];
  /** Where the article is (or was) published, as far as its front matter tells. */
  place: HeldBack["place"];
  /** When the article has errors: the photos it names that exist. */
  invalid?: InvalidArticle;
}

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

export async function validateArticle(ctx: ArticleContext, split: Split): Promise<Validated> {
  const { relFile, columns } = ctx;
  const data = split.data;
  const found: ContentIssue[] = [];
  const at = (field: string) => lineOf(split, field.split(/[.[]/)[0]!);
  const err = (field: string, code: string, zh: string, en: string, fix: string, line = at(field)) => void found.push(issue("error", relFile, field, code, zh, en, fix, line));
  const warn = (field: string, code: string, zh: string, en: string, fix: string, line = at(field)) => void found.push(issue("warning", relFile, field, code, zh, en, fix, line));

  // Unknown keys: a misspelt required field is named as such (not "missing" plus "unknown").
  const misspelt = new Set<string>();
  for (const key of Object.keys(data)) {
    if (RESERVED_KEYS.has(key)) {
      err(key, "reserved-field", `不允许使用字段 ${key}（网址和版式由系统生成）`, `field "${key}" is not allowed: URLs and layouts are generated`, `删除这一行；要改网址请改文章文件夹名 / Remove the line; rename the folder to change the URL.`);
      continue;
    }
    if (key in FIELD_NAMES_ZH) continue;
    const near = didYouMean(key, KNOWN_NAMES);
    const target = near === undefined ? undefined : (FIELD_ALIASES[near] ?? near);
    if (near && target && (REQUIRED as readonly string[]).includes(target) && blank(data[target]) && !misspelt.has(target)) {
      misspelt.add(target);
      err(key, "misspelled-field", `字段名 ${key} 拼写有误，应为 ${near}（${FIELD_NAMES_ZH[target]}）`, `unknown field "${key}": did you mean "${near}"? (the required field "${target}" is missing)`, `把 ${key} 改成 ${near} / Rename "${key}" to "${near}".`);
    } else if (near) {
      warn(key, "unknown-field", `未知字段 ${key}，将被忽略；是不是 ${near}？`, `unknown field "${key}" is ignored; did you mean "${near}"?`, `把 ${key} 改成 ${near} / Rename "${key}" to "${near}".`);
    } else {
      warn(key, "unknown-field", `未知字段 ${key}，将被忽略`, `unknown field "${key}" is ignored`, "检查拼写；可用字段见编辑指南 / Check the spelling; see the editors' guide for fields.");
    }
  }
  // Keys inside photo and attachment items (file, caption, alt / file, label): a misspelt one would be dropped silently.
  for (const [list, keys] of [["photos", ["file", "caption", "alt", "focus"]], ["attachments", ["file", "label"]]] as const) {
    const items = data[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      if (!item || typeof item !== "object" || Array.isArray(item)) return;
      for (const key of Object.keys(item)) {
        if ((keys as readonly string[]).includes(key)) continue;
        const near = didYouMean(key, keys);
        const where = list === "photos" ? `第 ${i + 1} 张照片` : `第 ${i + 1} 个附件`;
        const line = lineOf(split, list, `${key}:`);
        if (near) warn(`${list}[${i}].${key}`, "unknown-field", `${where}的字段 ${key} 不认识，将被忽略；是不是 ${near}？`, `${list} item ${i + 1}: unknown field "${key}" is ignored; did you mean "${near}"?`, `把 ${key} 改成 ${near} / Rename "${key}" to "${near}".`, line);
        else warn(`${list}[${i}].${key}`, "unknown-field", `${where}的字段 ${key} 不认识，将被忽略`, `${list} item ${i + 1}: unknown field "${key}" is ignored`, `可用字段：${keys.join("、")} / Use: ${keys.join(", ")}.`, line);
      }
    });
  }
  for (const field of REQUIRED) {
    if (!blank(data[field]) || misspelt.has(field)) continue;
    const example = EXAMPLES[field];
    err(field, "missing-field", `缺少必填字段 ${field}（${FIELD_NAMES_ZH[field]}）`, `required field "${field}" is missing or empty`, `在 front matter 中加一行：${example} / Add \`${example}\`.`, 1);
  }

  // Each field on its own, so one bad field does not hide the others.
  const fm: Partial<FrontMatter> = {};
  for (const [key, schema] of Object.entries(SHAPE) as [keyof FrontMatter, (typeof SHAPE)[keyof FrontMatter]][]) {
    if (data[key] === undefined) continue;
    if ((REQUIRED as readonly string[]).includes(key) && blank(data[key])) continue;
    const r = schema.safeParse(data[key]);
    if (r.success) {
      (fm as Record<string, unknown>)[key] = r.data;
      continue;
    }
    for (const e of r.error.issues) {
      const field = [key, ...e.path].map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${String(p)}` : String(p))).join("");
      const zhName = FIELD_NAMES_ZH[key] ?? key;
      const item = typeof e.path[0] === "number" ? (key === "photos" ? `（第 ${e.path[0] + 1} 张照片）` : key === "attachments" ? `（第 ${e.path[0] + 1} 个附件）` : "") : "";
      err(field, "bad-field", `字段 ${field}（${zhName}）${item}的值不符合要求：${e.message}`, `field "${field}" is invalid: ${e.message}`, fieldFix(key));
    }
  }

  const folder = path.dirname(ctx.abs);
  const folderSegments = toPosix(path.relative(ctx.contentDir, folder)).split("/").filter(Boolean);
  let column: Column | undefined;
  const columnKey = typeof data.column === "string" ? data.column.trim() : undefined;
  if (columnKey) {
    column = columns.byKey.get(columnKey);
    if (!column) {
      const near = didYouMean(columnKey, columns.leaves.map((c) => c.key));
      err("column", "unknown-column", `栏目 “${columnKey}” 不存在${near ? `；是不是 ${near}？` : ""}`, `unknown column "${columnKey}"${near ? `; did you mean "${near}"?` : ""}`, `可用栏目：${columns.leaves.map((c) => `${c.key}（${c.name}）`).join("、")} / Use one of these keys.`);
    }
  } else {
    column = columnForFolder(columns, folderSegments);
    if (!column) err("column", "unknown-column", `无法确定栏目：文件夹 ${folderSegments.join("/") || "content"} 不属于任何栏目`, `no column matches the folder ${folderSegments.join("/") || "content"}`, `把文章放到栏目文件夹中（如 content/news/jydt/），或写 column 字段：${columns.leaves.map((c) => c.key).join(", ")} / Move it into a column folder or set \`column\`.`, 1);
  }
  const placeColumn = column;
  if (column && !column.isLeaf) {
    err("column", "section-column", `栏目“${column.name}”下还有子栏目，文章须放入其中一个子栏目`, `column "${column.key}" has sub-columns; articles belong to one of them`, `改用：${column.children.map((c) => `${c.key}（${c.name}）`).join("、")} / Use one of its sub-columns.`);
    column = undefined;
  }

  let date: DateTime | null = null;
  if (!blank(data.date)) {
    date = parseDate(data.date);
    if (!date) err("date", "bad-date", `发布时间 “${String(data.date)}” 不是有效日期`, `date "${String(data.date)}" is not a valid date`, "写成 2024-07-12 或 2024-07-12 09:30（北京时间；也可写 2024.7.12、2024/7/12、2024年7月12日） / Use YYYY-MM-DD or YYYY-MM-DD HH:mm (Beijing time).");
  }

  // 政务公开 metadata (issue #14): lib/content/gov-info.ts; 索引号 is checked site-wide in load.ts.
  const govCtx = { data, columns, date, draft: data.draft === true, lineOf: at, err: (f: string, c: string, zh: string, en: string, fix: string) => err(f, c, zh, en, fix), warn: (f: string, c: string, zh: string, en: string, fix: string) => warn(f, c, zh, en, fix) };
  const gov = column ? readGov({ ...govCtx, column }) : undefined;
  if (column) strayGovFields(data, column, govCtx.warn);

  const rawSlug = typeof data.slug === "string" && data.slug.trim() ? data.slug.trim() : slugFromFile(relFile);
  if (!SLUG.test(rawSlug)) {
    const target = typeof data.slug === "string" ? "slug 字段" : path.basename(relFile) === "index.md" ? "文章文件夹" : "文件";
    err(typeof data.slug === "string" ? "slug" : "file name", "bad-slug", `网址名 “${rawSlug}” 须为小写英文字母、数字和连字符（网址永久不变，不用中文）`, `URL slug "${rawSlug}" must be lowercase ASCII letters, digits and hyphens`, `把${target}改名为 ${suggestSlug(rawSlug)} / Rename it to ${suggestSlug(rawSlug)}.`, typeof data.slug === "string" ? lineOf(split, "slug") : 1);
  }

  const files = await articleFiles({
    folder,
    photos: fm.photos ?? [],
    attachments: fm.attachments ?? [],
    cover: fm.cover,
    title: fm.title ?? "",
    lineOf: (field, name) => lineOf(split, field, name),
    err: (field, code, zh, en, fix, line) => err(field, code, zh, en, fix, line),
    warn: (field, code, zh, en, fix, line) => warn(field, code, zh, en, fix, line),
    unfinished: (field, code, zh, en, fix, line) => void found.push(issue(fm.draft ? "warning" : ctx.unfinished, relFile, field, code, zh, en, fix, line)),
  });
  await addInlinePhotos({ folder, body: split.body, bodyLine: split.bodyLine, photos: files.photos, err: (f, c, zh, en, fix, l) => err(f, c, zh, en, fix, l), warn: (f, c, zh, en, fix, l) => warn(f, c, zh, en, fix, l) });
  files.cover ??= files.photos[0]; // an article with body photos only: its first one is the cover

  const draft = fm.draft ?? false;
  const body = unfinishedBody(split.body);
  if (body) {
    const line = split.bodyLine + (split.body.slice(0, body.offset).match(/\n/g) ?? []).length;
    found.push(unfinishedIssue(relFile, body.code, draft ? "warning" : ctx.unfinished, line));
  }

  const place = placeColumn ? { columnPath: placeColumn.path, slug: rawSlug, year: date?.year } : undefined;
  if (found.some((i) => i.severity === "error") || !date || !column || !fm.title || !fm.source) {
    const exists = (p: Photo | undefined) => p?.stat !== undefined;
    const govDoc = gov && date && column ? { file: relFile, date, year: date.year, day: formatDay(date), column, draft: data.draft === true, url: `/${column.path}/${date.year}/${rawSlug}/`, gov, invalid: true } : undefined;
    return { article: undefined, issues: found, place, invalid: { file: relFile, folder, photos: files.photos.filter(exists), cover: exists(files.cover) ? files.cover : undefined, ...(govDoc ? { govDoc } : {}) } };
  }
  const year = date.year;
  const article: Article = {
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
    photos: files.photos,
    cover: files.cover,
    attachments: files.attachments,
    draft,
    scheduled: date > ctx.now,
    ...(body || found.some((i) => i.code === "placeholder-caption") ? { unfinished: true } : {}),
    ...(gov ? { gov } : {}),
    body: split.body,
    bodyLine: split.bodyLine,
  };
  return { article, issues: found, place };
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
