/**
 * Indexes a built site's Simplified article pages, shard by shard (lib/search/shards.ts), from
 * their index copies (lib/search/input.ts). No Eleventy object is involved: the inputs are the
 * output folder and each article's URL and year.
 *
 * A shard's cache key is made of what Pagefind would read of its pages — the `data-pagefind-body`
 * element of each, not the page around it — so a new article (which changes its neighbour's
 * 下一篇 link) or a changed navigation does not reindex an archive shard. Copies are only made for
 * shards that are not in the cache, into a temporary folder Pagefind is pointed at.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildSearchIndex, type SearchIndexStats, type ShardSpec } from "./index.ts";
import { indexCopy, pageSignature } from "./input.ts";
import { planShards, type IndexedPage, type SearchShard } from "./shards.ts";

/** Changes whenever the index copy changes form (a new key makes every shard reindex once). */
export const COPY_FORMAT = "chars-v3";

export interface IndexArticlesOptions {
  /** The built site (its article pages are read, nothing in it is changed but the bundle folder). */
  outputDir: string;
  articles: readonly IndexedPage[];
  /** Bundle cache folder (e.g. <root>/.cache/search/bundles). */
  cacheDir?: string;
  /** The plan (default: planShards(articles)). */
  plan?: SearchShard[];
  /** Known signatures of pages (./input.ts pageSignature), by file relative to the site; others are read. */
  signatures?: (file: string) => string | undefined;
  /** When the pages of the plan's i-th shard are written (default: already). */
  ready?: (shard: number) => Promise<void>;
}

/** The HTML file of an article page, relative to the site folder. */
export const pageFile = (url: string) => `${url.replace(/^\//, "")}index.html`;

export async function indexArticles({ outputDir, articles, cacheDir, plan = planShards(articles), signatures, ready }: IndexArticlesOptions): Promise<SearchIndexStats> {
  const site = path.resolve(outputDir);
  const byYear = new Map<number, string[]>();
  for (const a of articles) {
    const list = byYear.get(a.year);
    if (list) list.push(pageFile(a.url));
    else byYear.set(a.year, [pageFile(a.url)]);
  }
  const shards: ShardSpec[] = [];
  for (const [i, shard] of plan.entries()) {
    if (!shard.glob) continue;
    const pages = shard.years.flatMap((y) => byYear.get(y) ?? []).sort();
    shards.push({
      dir: shard.dir,
      glob: "**/*.html",
      key: (version) => shardKey(site, pages, version, signatures),
      input: () => writeCopies(site, pages),
      ...(ready ? { ready: ready(i) } : {}),
    });
  }
  return buildSearchIndex(site, { ...(shards.length ? { shards } : {}), ...(cacheDir ? { cacheDir } : {}) });
}

async function shardKey(site: string, pages: readonly string[], version: string, known?: (file: string) => string | undefined): Promise<string> {
  const hash = crypto.createHash("sha256").update(`pagefind ${version}\ncopy ${COPY_FORMAT}\n`);
  for (const page of pages) {
    const signature = known?.(page) ?? pageSignature(await fs.readFile(path.join(site, page), "utf8"));
    hash.update(`${page}\0${signature}\0`);
  }
  return hash.digest("hex");
}

/** Writes the index copies of these pages at the same relative paths in a new temporary folder. */
async function writeCopies(site: string, pages: readonly string[]): Promise<{ site: string; cleanup(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "portal-search-input-"));
  try {
    const made = new Set<string>();
    for (const page of pages) {
      const copy = indexCopy(await fs.readFile(path.join(site, page), "utf8"));
      if (!copy) continue;
      const target = path.join(dir, page);
      const parent = path.dirname(target);
      if (!made.has(parent)) {
        await fs.mkdir(parent, { recursive: true });
        made.add(parent);
      }
      await fs.writeFile(target, copy);
    }
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { site: dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}
