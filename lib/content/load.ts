/**
 * Stage 1 of the build: read and validate all content. Produces typed Article records and
 * every problem at once. Nothing here writes files. Parsed files are cached by (size, mtime)
 * so the preview server re-reads only what changed.
 *
 * The jobs live beside this file: site-data.ts (site.yaml, columns.yaml), discover.ts (which
 * files), parse.ts (bytes → front matter), article.ts and article-files.ts (validation),
 * model.ts (the types). This file runs them in order and adds the cross-article checks.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { mapLimit } from "../util/pool.ts";
import { validateArticle } from "./article.ts";
import { buildColumnTree, type ColumnTree } from "./columns.ts";
import { nowInShanghai } from "./dates.ts";
import { isSkipped, listMarkdown, walkOrder } from "./discover.ts";
import { checkGovSite } from "./gov-info.ts";
import { issue, type ContentIssue } from "./issues.ts";
import { newestFirst, type Article, type ContentModel, type HeldBack, type InvalidArticle, type LoadOptions } from "./model.ts";
import { parseFile } from "./parse.ts";
import { toPosix } from "./paths.ts";
import { SiteSchema, type SiteConfig } from "./schema.ts";
import { loadColumns, loadSite } from "./site-data.ts";

export type { Article, ContentModel, LoadOptions } from "./model.ts";

/** One Markdown file's outcome: its issues (parse, then validation) and the article if valid. */
interface FileRecord {
  abs: string;
  issues: ContentIssue[];
  article: Article | undefined;
  place: HeldBack["place"];
  invalid?: InvalidArticle | undefined;
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

const unfinishedSeverity = (options: LoadOptions): "error" | "warning" => options.unfinished ?? (options.includeDrafts ? "warning" : "error");

/**
 * With `previous`, only the files in `previous.changed` (absolute paths of Markdown files under the
 * content folder: edited, new or deleted) are read and validated again; every other file's result
 * and the YAML data are reused. The caller guarantees nothing else changed (no YAML, no photo or
 * attachment); the cross-article checks (duplicate URLs, order) run over the whole set as in a
 * full load, so the result equals a full load of the same files.
 * Returns undefined if the previous model cannot be reused (then do a full load).
 */
export async function loadContent(options: LoadOptions): Promise<ContentModel>;
export async function loadContent(options: LoadOptions, previous: { model: ContentModel; changed: ReadonlySet<string> }): Promise<ContentModel | undefined>;
export async function loadContent(options: LoadOptions, previous?: { model: ContentModel; changed: ReadonlySet<string> }): Promise<ContentModel | undefined> {
  const root = path.resolve(options.root);
  const contentDir = path.resolve(options.contentDir ?? path.join(root, "content"));
  const rel = (abs: string) => toPosix(path.relative(root, abs));
  const now = options.now ?? nowInShanghai();
  const unfinished = unfinishedSeverity(options);

  let state: LoadState;
  if (previous) {
    const before = loadStates.get(previous.model);
    if (
      !before ||
      before.options.root !== options.root ||
      before.options.contentDir !== options.contentDir ||
      Boolean(before.options.includeDrafts) !== Boolean(options.includeDrafts) ||
      unfinishedSeverity(before.options) !== unfinished ||
      Boolean(before.options.holdBack) !== Boolean(options.holdBack)
    )
      return undefined;
    // Changed Markdown files may also be new or deleted: the file list is updated, in the order a
    // full load's walk (listMarkdown) would find them.
    const known = new Set(before.records.map((r) => r.abs));
    const exists = (abs: string) => fs.stat(abs).then((st) => st.isFile(), () => false);
    const present = new Map<string, boolean>();
    for (const abs of previous.changed) {
      if (!abs.startsWith(contentDir + path.sep) || !/\.md$/i.test(abs) || isSkipped(path.relative(contentDir, abs))) return undefined;
      present.set(abs, await exists(abs));
    }
    const fresh = [...present].filter(([abs, here]) => here && !known.has(abs)).map(([abs]) => ({ abs }) as FileRecord);
    const added = fresh.length > 0;
    const listed = [...before.records.filter((r) => present.get(r.abs) !== false), ...fresh];
    // New files are appended above: put them where the walk would find them.
    if (added) listed.sort((a, b) => walkOrder(a.abs, b.abs));
    // Only the changed files are read; the others are reused as they are (no I/O, no await each).
    const reloaded = new Map(await mapLimit([...present].filter(([, here]) => here), 32, async ([abs]) => [abs, await loadFile(abs, rel(abs), before.columns, contentDir, now, unfinished)] as const));
    const records = listed.map((r): FileRecord => {
      const again = reloaded.get(r.abs);
      if (again) return again;
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
    const records = await mapLimit(files, 32, (abs) => loadFile(abs, rel(abs), columns, contentDir, now, unfinished));
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

  // 政务公开 (issue #14): 索引号 unique and matching orgCode and the year; 发布机构 and 替代文件 completed.
  issues.push(...checkGovSite({ site: state.site, columns: state.columns, all: [...all.values(), ...state.records.flatMap((r) => (r.invalid?.govDoc ? [r.invalid.govDoc] : []))], siteFile: rel(path.join(contentDir, "_data", "site.yaml")), columnsFile: rel(path.join(contentDir, "_data", "columns.yaml")) }));

  let heldBack: HeldBack[] | undefined;
  if (options.holdBack) {
    // Articles with errors are left out; site-wide errors (site.yaml, columns.yaml) stay errors.
    heldBack = [];
    const withErrors = new Set(issues.filter((i) => i.severity === "error").map((i) => i.file));
    for (const r of state.records) {
      const file = rel(r.abs);
      if (!withErrors.has(file)) continue;
      all.delete(file);
      heldBack.push({ file, issues: issues.filter((i) => i.file === file), place: r.article ? { columnPath: r.article.column.path, slug: r.article.slug, year: r.article.year } : r.place });
    }
  }

  const invalid = new Map<string, InvalidArticle>();
  for (const r of state.records) if (r.invalid) invalid.set(r.invalid.file, r.invalid);
  const articles = [...all.values()].filter((a) => options.includeDrafts || (!a.draft && !a.scheduled)).sort(newestFirst);
  const model: ContentModel = {
    root,
    contentDir,
    site: state.site ?? SiteSchema.parse({ name: "未命名站点", baseUrl: "https://example.invalid/" }),
    columns: state.columns ?? buildColumnTree("首页", []).tree,
    articles,
    all,
    issues,
    ...(invalid.size ? { invalid } : {}),
    ...(heldBack ? { heldBack } : {}),
  };
  loadStates.set(model, state);
  return model;
}

async function loadFile(abs: string, relFile: string, columns: ColumnTree | undefined, contentDir: string, now: DateTime, unfinished: "error" | "warning"): Promise<FileRecord> {
  const parsed = await parseFile(abs, relFile);
  if (!parsed.split || !columns) return { abs, issues: [...parsed.issues], article: undefined, place: undefined };
  const v = await validateArticle({ abs, relFile, columns, contentDir, now, unfinished }, parsed.split);
  return { abs, issues: [...parsed.issues, ...v.issues], article: v.article, place: v.place, invalid: v.invalid };
}

