/**
 * `npm run new`: creates an article folder with a filled-in index.md, so an editor never starts
 * from a blank file. The core is createArticle() (tested); runNewArticleCli() adds flags and,
 * when a person is at the keyboard, prompts for whatever is missing.
 *
 *   content/<column path>/<slug>/index.md
 *
 * Never overwrites: the file is opened with the exclusive flag, and an existing article (or one
 * with the same slug in the column) is refused with another slug suggested.
 */
import fs from "node:fs/promises";
import path from "node:path";
import readline from "node:readline/promises";
import { parseArgs } from "node:util";
import yaml from "js-yaml";
import type { DateTime } from "luxon";
import { buildColumnTree, type Column, type ColumnTree } from "../content/columns.ts";
import { formatDay, nowInShanghai, parseDate } from "../content/dates.ts";
import { decodeText } from "../content/encoding.ts";
import { splitFrontMatter } from "../content/frontmatter.ts";
import { SLUG, suggestSlug, toPosix } from "../content/paths.ts";
import { ColumnsFileSchema, SiteSchema, type ColumnInput, type SiteConfig } from "../content/schema.ts";

/** The body a new article starts with; `npm run check` warns while it is still there. */
export const BODY_PLACEHOLDER = "（在这里写正文。段落之间空一行。写完后删除这一行。）";

/** Words (pinyin syllables or ASCII words) a suggested slug keeps. */
export const SLUG_WORDS = 6;
const SLUG_MAX = 40;

/** Openings that every headline of a bureau shares: they make slugs long and alike. */
const GENERIC_OPENINGS = /^(关于|我区|我局|本区|区教育局|市教育局|县教育局|教育局)+/;

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
}

/** A refusal the editor can act on: Chinese first, English, and the fix. */
export class EditorError extends Error {
  constructor(
    readonly code: "bad-site" | "unknown-column" | "section-column" | "missing-field" | "bad-slug" | "bad-date" | "exists",
    readonly zh: string,
    readonly en: string,
    readonly fix: string,
  ) {
    super(`${zh}\n${en}\n修改方法 fix: ${fix}`);
    this.name = "EditorError";
  }
}

export interface EditorContext {
  root: string;
  contentDir: string;
  site: SiteConfig;
  columns: ColumnTree;
  /** Column key → its declared inputs (for defaultSource, which the tree does not carry). */
  inputs: Map<string, { input: ColumnInput; parent: string | undefined }>;
}

/** Reads site.yaml and columns.yaml; refuses (pointing at `npm run check`) when they are broken. */
export async function editorContext(root: string, contentDir = path.join(root, "content")): Promise<EditorContext> {
  const read = async (name: string): Promise<unknown> => {
    const file = path.join(contentDir, "_data", name);
    const rel = toPosix(path.relative(root, file));
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch {
      throw new EditorError("bad-site", `找不到 ${rel}`, `${rel} is missing`, "请在网站项目的根目录运行本命令 / Run the command in the site's root folder.");
    }
    const decoded = decodeText(bytes);
    try {
      if (!decoded.ok) throw new Error("not UTF-8");
      return yaml.load(decoded.text, { schema: yaml.CORE_SCHEMA });
    } catch {
      throw new EditorError("bad-site", `${rel} 无法读取`, `${rel} cannot be read`, "先运行 npm run check，按提示修正 / Run `npm run check` and fix what it reports.");
    }
  };
  const [siteData, columnsData] = await Promise.all([read("site.yaml"), read("columns.yaml")]);
  const site = SiteSchema.safeParse(siteData);
  const cols = ColumnsFileSchema.safeParse(columnsData);
  if (!site.success || !cols.success) {
    throw new EditorError("bad-site", "站点配置或栏目配置有错误", "site.yaml or columns.yaml is invalid", "先运行 npm run check，按提示修正 / Run `npm run check` and fix what it reports.");
  }
  const { tree, problems } = buildColumnTree(cols.data.home, cols.data.columns);
  if (problems.length) throw new EditorError("bad-site", problems[0]!.zh, problems[0]!.en, "先运行 npm run check，按提示修正 / Run `npm run check` and fix what it reports.");
  const inputs = new Map<string, { input: ColumnInput; parent: string | undefined }>();
  const walk = (list: readonly ColumnInput[], parent: string | undefined): void => {
    for (const input of list) {
      inputs.set(input.key, { input, parent });
      walk(input.children ?? [], input.key);
    }
  };
  walk(cols.data.columns, undefined);
  return { root, contentDir, site: site.data, columns: tree, inputs };
}

/** The 信息来源 proposed for a column: its own defaultSource, an ancestor's, else the site's owner. */
export function defaultSourceFor(ctx: EditorContext, columnKey: string): string | undefined {
  for (let key: string | undefined = columnKey; key; key = ctx.inputs.get(key)?.parent) {
    const source = ctx.inputs.get(key)?.input.defaultSource;
    if (source) return source;
  }
  return ctx.site.owner || undefined;
}

/** A short, readable ASCII slug from a headline: pinyin of its first words, generic openings dropped. */
export function slugForTitle(title: string): string {
  const trimmed = title.trim().replace(/^[“"《【\[(（\s]+/, "");
  const core = trimmed.replace(GENERIC_OPENINGS, "") || trimmed;
  const words = suggestSlug(core).split("-").filter(Boolean);
  let slug = "";
  for (const word of words.slice(0, SLUG_WORDS)) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX) break;
    slug = next;
  }
  return slug || words[0]?.slice(0, SLUG_MAX) || "article";
}

/** Resolves a column key to a leaf column, or explains which keys exist. */
export function leafColumn(ctx: EditorContext, key: string): Column {
  const column = ctx.columns.byKey.get(key.trim());
  const list = (cols: readonly Column[]) => cols.map((c) => `${c.key}（${c.name}）`).join("、");
  if (!column) {
    throw new EditorError("unknown-column", `栏目 “${key}” 不存在`, `unknown column "${key}"`, `可用栏目：${list(ctx.columns.leaves)} / Use one of these keys.`);
  }
  if (!column.isLeaf) {
    throw new EditorError("section-column", `栏目“${column.name}”下还有子栏目，文章须放入其中一个子栏目`, `column "${column.key}" has sub-columns`, `改用：${list(column.children.filter((c) => c.isLeaf))} / Use one of its sub-columns.`);
  }
  return column;
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
    throw new EditorError("bad-slug", `网址名 “${slug}” 须为小写英文字母、数字和连字符`, `slug "${slug}" must be lowercase ASCII letters, digits and hyphens`, `例如：${suggestSlug(slug)} / For example: ${suggestSlug(slug)}.`);
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
      throw new EditorError("bad-date", `发布时间 “${String(input.date)}” 不是有效日期`, `date "${String(input.date)}" is not a valid date`, "写成 2025-06-01 或 2025-06-01 09:30（北京时间） / Use YYYY-MM-DD or YYYY-MM-DD HH:mm (Beijing time).");
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

  const text = articleTemplate({ title, date: dateText, source, column, slug, folderRel: toPosix(path.relative(ctx.root, folder)) });
  await fs.mkdir(folder, { recursive: true });
  try {
    // "wx": fails if the file appeared meanwhile, so an article is never overwritten.
    await fs.writeFile(file, text, { encoding: "utf8", flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const alternative = await freeSlug(columnDir, slug);
    throw new EditorError("exists", `文章已存在：${rel}（不会覆盖）`, `${rel} already exists (never overwritten)`, `换一个网址名，例如 --slug ${alternative} / Choose another slug, e.g. --slug ${alternative}.`);
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
  };
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

export function articleTemplate(a: { title: string; date: string; source: string; column: Column; slug: string; folderRel: string }): string {
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
---

${BODY_PLACEHOLDER}
`;
}

// ---------------------------------------------------------------------------------------------
// Command line

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** A person at the keyboard: prompt for what is missing. */
  interactive: boolean;
  cwd: string;
  now?: DateTime;
}

export const NEW_USAGE = `用法 Usage:
  npm run new                                   （逐项提问 / asks for each item）
  npm run new -- --column jydt --title "文章标题" [--source "信息来源"] [--slug wang-zhi-ming] [--date 2025-06-01]

  --column  栏目 key（见 content/_data/columns.yaml，只能用最末一级栏目）/ column key (leaf columns only)
  --title   标题 / title (required)
  --source  信息来源，默认取栏目的 defaultSource 或 site.yaml 的 owner / source
  --slug    网址名：小写拼音或英文、数字、连字符，默认由标题拼音生成 / URL name, default from the title's pinyin
  --date    发布时间，默认今天（北京时间）；写将来的日期即为定时发布 / date, default today; a future date schedules it
`;

/** Runs `npm run new`; returns the exit code. */
export async function runNewArticleCli(argv: readonly string[], io: CliIo): Promise<number> {
  const out = (s: string) => io.stdout.write(s + "\n");
  const err = (s: string) => io.stderr.write(s + "\n");
  let values: { column?: string; title?: string; source?: string; slug?: string; date?: string; root?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        column: { type: "string", short: "c" },
        title: { type: "string", short: "t" },
        source: { type: "string", short: "s" },
        slug: { type: "string" },
        date: { type: "string", short: "d" },
        root: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    err(`参数有误 Invalid arguments: ${(error as Error).message}\n\n${NEW_USAGE}`);
    return 1;
  }
  if (values.help) {
    out(NEW_USAGE);
    return 0;
  }
  const root = path.resolve(io.cwd, values.root ?? ".");
  let ctx: EditorContext;
  try {
    ctx = await editorContext(root);
  } catch (error) {
    return report(error, err);
  }

  const given = { column: values.column?.trim(), title: values.title?.trim(), source: values.source?.trim(), slug: values.slug?.trim(), date: values.date?.trim() };
  if (!io.interactive) {
    const missing: string[] = [];
    if (!given.column) missing.push("--column 栏目 key");
    if (!given.title) missing.push("--title 标题");
    if (!given.source && given.column && ctx.columns.byKey.has(given.column) && !defaultSourceFor(ctx, given.column)) missing.push("--source 信息来源");
    if (missing.length) {
      err(`缺少必填参数：${missing.join("、")}（不是在终端中运行，无法逐项提问）`);
      err(`Missing required option(s): ${missing.map((m) => m.split(" ")[0]).join(", ")} (not run from a terminal, so no questions can be asked)\n`);
      err(NEW_USAGE);
      err(`可用栏目 Columns: ${ctx.columns.leaves.map((c) => `${c.key}（${c.name}）`).join("、")}`);
      return 1;
    }
    try {
      return done(await createWithContext(ctx, { root, ...definedOnly(given), column: given.column!, title: given.title!, ...(io.now ? { now: io.now } : {}) }), ctx, out);
    } catch (error) {
      return report(error, err);
    }
  }

  const rl = readline.createInterface({ input: io.stdin, output: io.stdout, terminal: Boolean((io.stdin as { isTTY?: boolean }).isTTY) });
  try {
    const ask = async (q: string): Promise<string> => (await rl.question(q)).trim();
    let column: Column | undefined;
    if (given.column) {
      try {
        column = leafColumn(ctx, given.column);
      } catch (error) {
        report(error, err);
      }
    }
    if (!column) {
      out("\n栏目 Columns:");
      ctx.columns.leaves.forEach((c, i) => out(`  ${String(i + 1).padStart(2)}. ${c.key.padEnd(8)} ${c.trail.map((t) => t.name).join(" › ")}`));
      while (!column) {
        const answer = await ask("选择栏目（输入编号或 key）Column (number or key): ");
        const n = Number(answer);
        const picked = Number.isInteger(n) && n >= 1 && n <= ctx.columns.leaves.length ? ctx.columns.leaves[n - 1] : undefined;
        try {
          column = picked ?? leafColumn(ctx, answer);
        } catch (error) {
          report(error, err);
        }
      }
    }
    let title = given.title ?? "";
    while (!title) title = await ask("标题 Title: ");
    let source = given.source ?? "";
    if (!source) {
      const fallback = defaultSourceFor(ctx, column.key);
      while (!source) source = (await ask(fallback ? `信息来源 Source [${fallback}]: ` : "信息来源 Source: ")) || fallback || "";
    }
    let slug = given.slug;
    for (;;) {
      if (!slug) {
        const suggested = slugForTitle(title);
        slug = (await ask(`网址名 Slug（小写拼音，回车使用建议值 / Enter to accept）[${suggested}]: `)) || suggested;
      }
      try {
        const result = await createWithContext(ctx, { root, column: column.key, title, source, slug, ...(given.date ? { date: given.date } : {}), ...(io.now ? { now: io.now } : {}) });
        return done(result, ctx, out);
      } catch (error) {
        if (error instanceof EditorError && (error.code === "bad-slug" || error.code === "exists")) {
          report(error, err);
          slug = undefined;
          continue;
        }
        return report(error, err);
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_USE_AFTER_CLOSE" || (error as Error).name === "AbortError") {
      err("\n已取消，未创建文件 (cancelled; nothing was created)");
      return 1;
    }
    throw error;
  } finally {
    rl.close();
  }
}

function definedOnly<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as { [K in keyof T]?: string };
}

function report(error: unknown, err: (s: string) => void): number {
  if (error instanceof EditorError) {
    err(`\n未创建文章 Not created: ${error.zh}\n  ${error.en}\n  修改方法 fix: ${error.fix}`);
    return 1;
  }
  throw error;
}

function done(r: NewArticleResult, ctx: EditorContext, out: (s: string) => void): number {
  const prefix = ctx.site.pathPrefix;
  const folderRel = toPosix(path.relative(ctx.root, r.folder));
  out(`
已创建文章 Created: ${r.rel}
  栏目 column: ${r.column.name}（${r.column.key}）  发布时间 date: ${formatDay(r.date)}  信息来源 source: ${r.source}
  网址 URL: ${prefix}${r.url.slice(1)}${r.scheduled ? `\n  这是定时发布：${formatDay(r.date)} 之后的构建才会在网站上显示 (scheduled: appears from its date on)` : ""}

下一步 Next steps:
  1. 用编辑器打开 ${r.rel}，写好正文（删除占位的那一行）；用记事本时请“另存为”并选择 UTF-8 编码。
  2. 照片和附件放进文件夹 ${folderRel}/，按文件里的示例填写 photos 和 attachments（每张照片都要写 caption 说明）。
  3. 运行 npm run check 检查有没有错误。
  4. 运行 npm start，在浏览器打开 http://localhost:8080${prefix}${r.url.slice(1)} 预览。
`);
  return 0;
}
