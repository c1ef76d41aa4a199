/**
 * Page reuse (issue #15): an article page whose inputs are the same as in the last published
 * build is not rendered again — the previous site's file is hard-linked into the new one.
 *
 * Article pages are ~85 % of a site's pages and of its render time. Each gets a key: a hash of
 * everything its layout reads (layouts/article.ts and the components it calls):
 *   - the generator itself (every source file of lib/ and layouts/, package-lock.json, patches/):
 *     a changed layout or dependency renders every page again;
 *   - the edition, the site settings, the column tree, the navigation and the footer's years;
 *   - the article (front matter, body, photos, attachments), its processed photos (variant names,
 *     sizes, crop focus), its 上一篇/下一篇, its 相关阅读 and the URLs of its tags.
 * The pages of the list kinds (column lists, tag pages, 目录: ./page-kinds.ts `inputs`) are reused
 * the same way: their key is the shared part, the page object with each article in it as a digest
 * of the whole article and its processed photos, and what else the page shows (a section's blocks
 * of its sub-columns' newest articles). They were ~1,600 of 9,600 pages at 4,000 articles and half
 * of an edit's render. The home, search and 404 pages, the info pages and the feeds are always rendered.
 * tests/build/reuse.test.ts builds a site, changes each of these, and checks that the reusing build
 * writes the same bytes as a build from scratch.
 *
 * A page is reused only when the record of the last published build (.cache/render/) has the same
 * key for it, that build was published to the same folder, and the file there still has the size
 * and modification time the record noted (so a file changed by hand is rendered again). The record
 * is written only after a build is published: a failed build leaves the previous record, which
 * still describes the site that is online.
 */
import crypto from "node:crypto";
import fsSync from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Article } from "../content/load.ts";
import type { Column } from "../content/columns.ts";
import type { Edition } from "../edition/edition.ts";
import { writeFileAtomic } from "../util/atomic-write.ts";
import { linkOrCopySync } from "../util/link-or-copy.ts";
import { forEachLimit } from "../util/pool.ts";
import type { RenderInput } from "./context.ts";
import { PAGE_KINDS } from "./page-kinds.ts";
import { outputPath } from "./pages.ts";

/** The record file, under <root>/.cache/render/; bump the version when the record changes form. */
export const RENDER_RECORD_FILE = "pages-v1.json";

export interface PageRecord {
  key: string;
  size: number;
  mtimeMs: number;
  /** What a later stage derived from the page's HTML (the search index's signature), kept with it. */
  note?: string;
}

interface RecordFile {
  format: 1;
  /** The folder the build was published to. */
  output: string;
  pages: Record<string, PageRecord>;
}

export interface ReusePlan {
  /** Output path (relative to the site, e.g. "zh-hant/news/jydt/2024/x/index.html") → the page's key. */
  keys: Map<string, string>;
  /** The articles to render, per edition code. */
  render: Map<string, Article[]>;
  /** Pages taken from the previous site (articles and pages of the kinds, ./page-kinds.ts): output path → its record there. */
  reuse: Map<string, PageRecord>;
  /** Output paths of the pages of reusable kinds (lists, tags, 目录), reused or not. */
  kindFiles: ReadonlySet<string>;
  /** The previous site these pages are linked from. */
  previousOutput: string | undefined;
  /** Reused pages that had to be copied (no hard link possible): their new files have new times. */
  copied: Set<string>;
}

/** Hash of the generator's code: its source folders' files and the locked dependency versions. */
export async function codeKey(packageRoot: string, folders: readonly string[] = ["lib", "layouts", "patches"], files: readonly string[] = ["package-lock.json"]): Promise<string> {
  const hash = crypto.createHash("sha256");
  const list: string[] = [...files];
  for (const folder of folders) {
    const entries = await fs.readdir(path.join(packageRoot, folder), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isFile()) list.push(path.relative(packageRoot, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
  }
  for (const file of list.sort()) {
    const bytes = await fs.readFile(path.join(packageRoot, file)).catch(() => undefined);
    hash.update(`${file}\0${bytes ? bytes.length : -1}\0`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest("hex");
}

/** A column as every page shows it (name, URL, type, description, place in the tree). */
const columnFacts = (c: Column) => ({
  key: c.key,
  name: c.name,
  type: c.type,
  description: c.description,
  url: c.url,
  parent: c.parent?.key ?? null,
  depth: c.depth,
  staleDays: c.staleDays ?? null,
  defaultSource: c.defaultSource ?? null,
  categories: c.categories ?? null,
});

/** JSON of a value where columns appear as their key (their facts are in the shared part) and DateTimes as ISO strings (their toJSON). */
const json = (value: unknown) => JSON.stringify(value, (k, v: unknown) => (k === "stat" ? undefined : isColumn(v) ? `column:${v.key}` : v));
const isColumn = (v: unknown): v is Column => typeof v === "object" && v !== null && "trail" in v && "isLeaf" in v && "key" in v;

/** What every article page of an edition shares: code, edition, settings, column tree, navigation, footer. */
export function sharedKey(input: RenderInput, edition: Edition, code: string): string {
  const { model, view } = input;
  return crypto
    .createHash("sha256")
    .update(
      JSON.stringify({
        code,
        edition,
        site: model.site,
        home: model.columns.home,
        columns: model.columns.all.map(columnFacts),
        categories: model.columns.categories ?? null,
        nav: view.nav.map((c) => c.key),
        years: [view.firstYear, view.lastYear],
      }),
    )
    .digest("hex");
}

/** What the image stage made of an article's photos and cover (variant names, sizes, crop focus). */
const processedPhotos = (input: RenderInput, a: Article) => [...a.photos, ...(a.cover ? [a.cover] : [])].map((p) => input.images.get(p.source) ?? null);

/** An article's own inputs and what its page shows of others (the same for every edition). */
export function articleInputs(input: RenderInput, a: Article): string {
  const { view } = input;
  const link = (b: Article | undefined) => (b ? { url: b.url, title: b.title, date: b.date, day: b.day, column: b.column.name } : null);
  const n = view.neighbours.get(a);
  return json({
    a,
    images: processedPhotos(input, a),
    prev: link(n?.prev),
    next: link(n?.next),
    related: view.related(a).map(link),
    tags: a.tags.map((t) => view.tags.byName.get(t)?.url ?? null),
  });
}

/** The key of an article's page in an edition: its edition's shared key and its own inputs. */
export const articleKey = (shared: string, inputs: string): string => crypto.createHash("sha256").update(shared).update(inputs).digest("hex");

const isArticle = (v: unknown): v is Article => typeof v === "object" && v !== null && "body" in v && "slug" in v && "file" in v && "url" in v;

/**
 * The inputs of every page of the kinds that can be reused (./page-kinds.ts `inputs`), by URL: the
 * page object and what else it shows, with each article in it as a digest of the whole article and
 * its processed photos — so a list page is rendered again when anything of an article it lists
 * changes (an edit to one article's body renders the few lists that hold it), and never reads stale.
 */
export function kindInputs(input: RenderInput): { kind: string; url: string; inputs: string }[] {
  const digests = new Map<Article, string>();
  const digest = (a: Article) => {
    let d = digests.get(a);
    if (d === undefined) {
      d = crypto
        .createHash("sha256")
        .update(json({ a, images: processedPhotos(input, a) }))
        .digest("base64url");
      digests.set(a, d);
    }
    return d;
  };
  const text = (value: unknown) => JSON.stringify(value, (k, v: unknown) => (k === "stat" ? undefined : isColumn(v) ? `column:${v.key}` : isArticle(v) ? `article:${digest(v)}` : v));
  const out: { kind: string; url: string; inputs: string }[] = [];
  for (const kind of PAGE_KINDS) {
    if (!kind.inputs) continue;
    for (const page of kind.pages(input)) out.push({ kind: kind.name, url: page.url, inputs: `${text(page)}\0${text(kind.inputs(input, page)) ?? ""}` });
  }
  return out;
}

async function readRecord(file: string): Promise<RecordFile | undefined> {
  try {
    const record = JSON.parse(await fs.readFile(file, "utf8")) as RecordFile;
    return record.format === 1 && typeof record.output === "string" && record.pages && typeof record.pages === "object" ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which article pages to render and which to take from `previousOutput` (undefined: render all).
 * A page is taken only when its key matches the record and its file there is the one recorded.
 */
export async function planReuse(options: { input: RenderInput; editions: readonly Edition[]; code: string; recordFile: string; previousOutput: string | undefined }): Promise<ReusePlan> {
  const { input, editions, previousOutput } = options;
  const articles = input.model.articles;
  const record = previousOutput ? await readRecord(options.recordFile) : undefined;
  const usable = record && path.resolve(record.output) === path.resolve(previousOutput!) ? record.pages : undefined;
  const keys = new Map<string, string>();
  const candidates: [string, PageRecord][] = [];
  const inputs = articles.map((a) => articleInputs(input, a));
  const kinds = kindInputs(input);
  const kindFiles = new Set<string>();
  for (const edition of editions) {
    const shared = sharedKey(input, edition, options.code);
    const consider = (file: string, key: string) => {
      keys.set(file, key);
      const old = usable?.[file];
      if (old && old.key === key) candidates.push([file, old]);
    };
    for (const [i, a] of articles.entries()) consider(outputPath(edition, a.url), articleKey(shared, inputs[i]!));
    for (const k of kinds) {
      const file = outputPath(edition, k.url);
      kindFiles.add(file);
      consider(file, crypto.createHash("sha256").update(shared).update(`kind ${k.kind}\0`).update(k.inputs).digest("hex"));
    }
  }
  // The file must still be the one written then (a hand-edited or missing file is rendered again).
  // Synchronous: nothing else runs yet, and 8,000 awaited stats cost ~0.3 s of promise overhead alone.
  const reuse = new Map<string, PageRecord>();
  for (const [file, old] of candidates) {
    const stat = fsSync.statSync(path.join(previousOutput!, file), { throwIfNoEntry: false });
    if (stat && stat.size === old.size && stat.mtimeMs === old.mtimeMs) reuse.set(file, old);
  }
  // The rest is rendered, in the model's order.
  const render = new Map(editions.map((e) => [e.code, articles.filter((a) => !reuse.has(outputPath(e, a.url)))]));
  return { keys, render, reuse, kindFiles, previousOutput, copied: new Set() };
}

/** Hard-links the reused pages from the previous site into the new one (copies where links are impossible). */
export async function linkReused(plan: ReusePlan, outputDir: string): Promise<void> {
  // Synchronous, before the render and the search start: two system calls a page, no promise each.
  for (const file of plan.reuse.keys()) {
    const to = path.join(outputDir, file);
    fsSync.mkdirSync(path.dirname(to), { recursive: true });
    if (linkOrCopySync(path.join(plan.previousOutput!, file), to) === "copied") plan.copied.add(file);
  }
}

/**
 * Writes the record of a published build: every article page's key, its file's size and time
 * there, and `notes` (output path → note) for pages rendered this time; reused pages keep theirs
 * (a hard link is the same file: its size and time are the recorded ones).
 */
export async function saveRecord(recordFile: string, outputDir: string, plan: ReusePlan, notes: ReadonlyMap<string, string>): Promise<void> {
  const pages: Record<string, PageRecord> = {};
  await forEachLimit(plan.keys.keys(), 64, async (file) => {
    const old = plan.reuse.get(file);
    const stat = old && !plan.copied.has(file) ? old : await fs.stat(path.join(outputDir, file)).catch(() => undefined);
    if (!stat) return;
    const note = notes.get(file) ?? old?.note;
    pages[file] = { key: plan.keys.get(file)!, size: stat.size, mtimeMs: stat.mtimeMs, ...(note ? { note } : {}) };
  });
  await fs.mkdir(path.dirname(recordFile), { recursive: true });
  const record: RecordFile = { format: 1, output: path.resolve(outputDir), pages };
  await writeFileAtomic(recordFile, JSON.stringify(record));
}

/** Forgets the record, or with `ifOutput` only a record of that folder (a build wrote into it in place). */
export async function dropRecord(recordFile: string, ifOutput?: string): Promise<void> {
  if (ifOutput !== undefined) {
    const record = await readRecord(recordFile);
    if (!record || path.resolve(record.output) !== path.resolve(ifOutput)) return;
  }
  await fs.rm(recordFile, { force: true });
}

/** The note a reused page carried in the record (undefined for a page rendered this time). */
export const reusedNote = (plan: ReusePlan, file: string): string | undefined => plan.reuse.get(file)?.note;
