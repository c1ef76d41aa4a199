/**
 * Creating the article: content/<column path>/<slug>/index.md from the template. Never overwrites:
 * the file is opened with the exclusive flag, and an existing article (or one with the same slug in
 * the column and year) is refused with another slug suggested.
 */
import fs from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import type { DateTime } from "luxon";
import { BODY_PLACEHOLDER } from "../../content/body.ts";
import { noticeBodyTemplate } from "../../markdown/gongwen-template.ts";
import type { Column } from "../../content/columns.ts";
import { formatDay, nowInShanghai, parseDate } from "../../content/dates.ts";
import { splitFrontMatter } from "../../content/frontmatter.ts";
import { listMarkdown } from "../../content/discover.ts";
import { isGovColumn, nextIndexNo } from "../../content/gov-info.ts";
import { SLUG, suggestSlug, toPosix } from "../../content/paths.ts";
import { defaultSourceFor, editorContext, EditorError, leafColumn, type EditorContext } from "./context.ts";
import { slugForTitle } from "./slug.ts";

export interface NewArticleInput {
  /** Project root (content/ lives here). */
  root: string;
  /** Column key from content/_data/columns.yaml, e.g. "jydt"; leaf columns only. */
  column: string;
  title: string;
  /** 信息来源; default: the column's defaultSource (or its parent's), else site.yaml `owner`. */
  source?: string;
  /** URL name; default: from the title's pinyin (slugForTitle). */
  slug?: string;
  /** 发布时间 as editors write it (2025-06-01, 2025-06-01 09:30) or a DateTime; default: today in Beijing time. */
  date?: string | DateTime;
  contentDir?: string;
  /** "Today", for tests. */
  now?: DateTime;
}

export interface NewArticleResult {
  /** Absolute path of the new index.md. */
  file: string;
  /** Project-relative, forward slashes. */
  rel: string;
  folder: string;
  slug: string;
  /** Site-relative URL without the path prefix, e.g. /news/jydt/2025/zhao-kai-2025-nian/. */
  url: string;
  column: Column;
  date: DateTime;
  source: string;
  /** Dated in the future: appears from its date on (scheduled publishing). */
  scheduled: boolean;
  /** 政务公开 (policy/info columns, site.yaml orgCode set): the 索引号 assigned, the next free one of the year. */
  indexNo?: string;
}

export async function createArticle(input: NewArticleInput): Promise<NewArticleResult> {
  const root = path.resolve(input.root);
  const ctx = await editorContext(root, input.contentDir ? path.resolve(input.contentDir) : undefined);
  return createWithContext(ctx, input);
}

export async function createWithContext(ctx: EditorContext, input: NewArticleInput): Promise<NewArticleResult> {
  const column = leafColumn(ctx, input.column);
  const title = input.title.trim().replace(/\s+/g, " ");
  if (!title) throw new EditorError("missing-field", "缺少标题（title）", "the title is missing", '加上 --title "文章标题" / Pass --title.');
  if (title.length > 200) throw new EditorError("missing-field", "标题超过 200 字", "the title is longer than 200 characters", "缩短标题 / Shorten the title.");
  const source = (input.source ?? defaultSourceFor(ctx, column.key) ?? "").trim();
  if (!source) throw new EditorError("missing-field", "缺少信息来源（source）", "the source is missing", '加上 --source "区教育局办公室" / Pass --source.');
  if (source.length > 100) throw new EditorError("missing-field", "信息来源超过 100 字", "the source is longer than 100 characters", "缩短信息来源 / Shorten the source.");

  const slug = (input.slug ?? slugForTitle(title)).trim();
  if (!SLUG.test(slug)) {
    throw new EditorError(
      "bad-slug",
      `网址名 “${slug}” 须为小写英文字母、数字和连字符`,
      `slug "${slug}" must be lowercase ASCII letters, digits and hyphens`,
      `例如：${suggestSlug(slug)} / For example: ${suggestSlug(slug)}.`,
    );
  }

  const now = input.now ?? nowInShanghai();
  let date: DateTime;
  let dateText: string;
  if (input.date === undefined || input.date === "") {
    date = now.startOf("day");
    dateText = formatDay(now);
  } else {
    const parsed = typeof input.date === "string" ? parseDate(input.date) : input.date.isValid ? input.date : null;
    if (!parsed) {
      throw new EditorError(
        "bad-date",
        `发布时间 “${String(input.date)}” 不是有效日期`,
        `date "${String(input.date)}" is not a valid date`,
        "写成 2025-06-01 或 2025-06-01 09:30（北京时间） / Use YYYY-MM-DD or YYYY-MM-DD HH:mm (Beijing time).",
      );
    }
    date = parsed.setZone("Asia/Shanghai");
    const hasTime = date.hour !== 0 || date.minute !== 0 || date.second !== 0;
    dateText = date.toFormat(!hasTime ? "yyyy-MM-dd" : date.second ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm");
  }

  const columnDir = path.join(ctx.contentDir, ...column.path.split("/"));
  const folder = path.join(columnDir, slug);
  const file = path.join(folder, "index.md");
  const rel = toPosix(path.relative(ctx.root, file));
  const taken = await sameSlugIn(columnDir, slug, date.year);
  if (taken) {
    const other = toPosix(path.relative(ctx.root, taken));
    const alternative = await freeSlug(columnDir, slug);
    throw new EditorError(
      "exists",
      `已有文章使用网址名 “${slug}”：${other}（不会覆盖已有文章）`,
      `an article with the slug "${slug}" already exists: ${other} (it is never overwritten)`,
      `换一个网址名，例如 --slug ${alternative}；若要修改原文章，直接编辑 ${other} / Choose another slug, e.g. --slug ${alternative}, or edit the existing file.`,
    );
  }

  // 政务公开: the next free 索引号 of the year, from every article's front matter as written
  // (drafts and articles with errors included, so a number is never handed out twice).
  const indexNo = column.type === "policy" || column.type === "info" ? (ctx.site.orgCode ? nextIndexNo(await usedIndexNos(ctx.contentDir), ctx.site.orgCode, date.year) : undefined) : undefined;
  const gov = isGovColumn(column) ? { indexNo, publisher: column.defaultSource || ctx.site.owner || ctx.site.name, categories: column.categories ?? ctx.columns.categories ?? [] } : undefined;
  const text = articleTemplate({ title, date: dateText, source, column, slug, folderRel: toPosix(path.relative(ctx.root, folder)), owner: ctx.site.owner || ctx.site.name, ...(gov ? { gov } : {}) });
  await fs.mkdir(folder, { recursive: true });
  try {
    // "wx": fails if the file appeared meanwhile, so an article is never overwritten.
    await fs.writeFile(file, text, { encoding: "utf8", flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const alternative = await freeSlug(columnDir, slug);
    throw new EditorError(
      "exists",
      `文章已存在：${rel}（不会覆盖）`,
      `${rel} already exists (never overwritten)`,
      `换一个网址名，例如 --slug ${alternative} / Choose another slug, e.g. --slug ${alternative}.`,
    );
  }
  return {
    file,
    rel,
    folder,
    slug,
    url: `/${column.path}/${date.year}/${slug}/`,
    column,
    date,
    source,
    scheduled: date > now,
    ...(indexNo ? { indexNo } : {}),
  };
}

/** Every 索引号 written in the content's front matter (Chinese or English key), read without validation. */
async function usedIndexNos(contentDir: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of await listMarkdown(contentDir)) {
    let text: string;
    try {
      text = await fs.readFile(file, "utf8");
    } catch {
      continue;
    }
    if (!text.includes("索引号") && !text.includes("indexNo")) continue;
    const split = splitFrontMatter(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
    const value = split.ok ? (split.value.data["索引号"] ?? split.value.data.indexNo) : undefined;
    if (typeof value === "string") found.push(value);
  }
  return found;
}

/**
 * An existing article of the column with this slug: the folder itself, or a folder/file of the same
 * name below the column (e.g. in a year folder) dated in the same year, which would share the URL.
 */
async function sameSlugIn(columnDir: string, slug: string, year: number): Promise<string | undefined> {
  const direct = path.join(columnDir, slug, "index.md");
  if (await exists(direct)) return direct;
  const candidates: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith("_") || e.name.startsWith(".")) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === slug) candidates.push(path.join(p, "index.md"));
        else if (depth < 3) await walk(p, depth + 1);
      } else if (e.isFile() && (e.name === `${slug}.md` || new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${slug}\\.md$`).test(e.name))) candidates.push(p);
    }
  };
  await walk(columnDir, 0);
  for (const candidate of candidates) {
    let text: string;
    try {
      text = await fs.readFile(candidate, "utf8");
    } catch {
      continue;
    }
    const split = splitFrontMatter(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
    const raw = split.ok ? (split.value.data.date ?? split.value.data["发布时间"] ?? split.value.data["日期"]) : undefined;
    const date = parseDate(raw);
    if (!date || date.year === year) return candidate;
  }
  return undefined;
}

async function freeSlug(columnDir: string, slug: string): Promise<string> {
  const base = slug.replace(/-\d+$/, "");
  for (let n = 2; n < 100; n++) {
    const candidate = `${base}-${n}`;
    if (!(await exists(path.join(columnDir, candidate)))) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

const exists = (p: string): Promise<boolean> =>
  fs.stat(p).then(
    () => true,
    () => false,
  );

/** One YAML scalar, quoted only when needed (core schema: what the loader reads back). */
const scalar = (value: string): string => yaml.dump(value, { schema: yaml.CORE_SCHEMA, lineWidth: -1 }).trimEnd();

/** The 政务公开 block of a new document's front matter, with what each field means. */
function govTemplate(column: Column, date: string, gov: { indexNo: string | undefined; publisher: string; categories: readonly string[] }): string {
  const numbered = column.type === "policy" || column.type === "info";
  const year = Number(date.slice(0, 4));
  const lines = ["# —— 政务公开信息（显示在正文上方的表格中；说明见 docs/editor-guide.zh-CN.md“政务公开”一章）——"];
  if (numbered) {
    lines.push(
      gov.indexNo
        ? `索引号: ${gov.indexNo}    # 已自动分配本年度下一个编号，发布后永不改变`
        : `# 索引号: 机构代码/${year}-00001    # site.yaml 未填写 orgCode，无法自动分配；填写后重新运行 npm run new`,
    );
    lines.push(gov.categories.length ? `主题分类:    # 必填，选一个：${gov.categories.join("、")}` : "# 主题分类: 分类名    # columns.yaml 的 categories 列表中的一项");
  }
  lines.push(`发布机构: ${scalar(gov.publisher)}    # 发布机构全称`);
  if (numbered) {
    lines.push(
      `# 成文日期: ${date.slice(0, 10)}    # 公文落款处的日期（可早于发布时间，不能晚于）`,
      `# 文号: 坛教发〔${year}〕1号    # 年份用六角括号〔〕，序号后加“号”；有文号时删除行首的“# ”并照公文抄写`,
      "有效性: 有效    # 有效 / 失效 / 废止；失效或废止时加一行 失效日期: 或 废止日期:",
      `# 废止日期: ${year + 1}-01-01`,
      "# 替代文件:    # 废止或失效后由哪个文件替代（写文号和/或链接）",
      `#   文号: 坛教发〔${year + 1}〕3号`,
      `#   链接: /${column.path}/${year + 1}/xin-wenjian/`,
      "# 主题词: [词一, 词二]    # 几个简短的词",
    );
  }
  return lines.join("\n") + "\n";
}

export function articleTemplate(a: {
  title: string;
  date: string;
  source: string;
  column: Column;
  slug: string;
  folderRel: string;
  owner?: string;
  gov?: { indexNo: string | undefined; publisher: string; categories: readonly string[] };
}): string {
  return `---
title: ${scalar(a.title)}
date: ${a.date}
source: ${scalar(a.source)}
# 栏目：${a.column.name}（${a.column.key}），由文件夹 ${a.folderRel.split("/").slice(0, -1).join("/")}/ 决定，不用填写。
# 网址：/${a.column.path}/年份/${a.slug}/（网址名就是文件夹名 ${a.slug}，发布后不要再改）。
# 以下为可选字段，需要时删除行首的“# ”：
# summary: 一两句话的摘要，显示在列表和搜索结果中
# author: 作者姓名
# tags: [标签一, 标签二]
# draft: true        # 草稿：写 true 时不发布，只在预览（npm start）中可见
#
# 照片：先把照片放进本文件夹（保留相机原文件名，大小写要一致），再把下面的 [] 换成照片列表，
# 每张照片写 file（文件名）、caption（图片说明，显示在照片下方）、alt（给视障读者的图片描述，可省略，省略时用 caption）：
# photos:
#   - file: IMG_1234.JPG
#     caption: 区教育局召开2025年教育工作会议
#     alt: 会场全景，主席台上六位领导就座，台下坐满参会校长
#   - file: IMG_1240.JPG
#     caption: 实验小学校长作交流发言
photos: []
# 附件：把文件放进本文件夹，再按下面的格式写（去掉行首的“# ”）：
# attachments:
#   - file: 附件1：报名表.docx
#     label: 附件1：报名表
${a.gov ? govTemplate(a.column, a.date, a.gov) : ""}---

${a.column.type === "notice" ? noticeBodyTemplate(BODY_PLACEHOLDER, a.owner ?? "", a.date) : BODY_PLACEHOLDER}
`;
}
