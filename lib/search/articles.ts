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
import fsSync from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildSearchIndex, FILE_OPS, type SearchIndexStats, type ShardSpec } from "./index.ts";
import { forEachLimit, mapLimit } from "../util/pool.ts";
import { linkOrCopySync } from "../util/link-or-copy.ts";
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
  /** Index copies by page signature (e.g. <root>/.cache/search/copies): unchanged pages are linked, not copied again. */
  copyCacheDir?: string;
  /** The plan (default: planShards(articles)). */
  plan?: SearchShard[];
  /** Known signatures of pages (./input.ts pageSignature), by file relative to the site; others are read. */
  signatures?: (file: string) => string | undefined;
  /** When the pages of the plan's i-th shard are written (default: already). */
  ready?: (shard: number) => Promise<void>;
  /**
   * Where to read a page that must be read (no known signature, no cached copy), by file relative
   * to the site (default: in outputDir). The pipeline reads pages it takes unchanged from the
   * previous site, as they are linked into the new one only after the render.
   */
  pagePath?: (file: string) => string;
}

/** The HTML file of an article page, relative to the site folder. */
export const pageFile = (url: string) => `${url.replace(/^\//, "")}index.html`;

export async function indexArticles({ outputDir, articles, cacheDir, copyCacheDir, plan = planShards(articles), signatures, ready, pagePath }: IndexArticlesOptions): Promise<SearchIndexStats> {
  const site = path.resolve(outputDir);
  const source = pagePath ?? ((page: string) => path.join(site, page));
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
      key: (version) => shardKey(source, pages, version, signatures),
      input: () => writeCopies(source, pages, signatures, copyCacheDir),
      ...(ready ? { ready: ready(i) } : {}),
    });
  }
  const stats = await buildSearchIndex(site, { ...(shards.length ? { shards } : {}), ...(cacheDir ? { cacheDir } : {}) });
  if (copyCacheDir && signatures)
    await pruneCopies(
      copyCacheDir,
      articles.map((a) => pageFile(a.url)),
      signatures,
    ).catch(() => undefined);
  return stats;
}

async function shardKey(source: (page: string) => string, pages: readonly string[], version: string, known?: (file: string) => string | undefined): Promise<string> {
  const signatures = await mapLimit(pages, FILE_OPS, async (page) => known?.(page) ?? pageSignature(await fs.readFile(source(page), "utf8")));
  const hash = crypto.createHash("sha256").update(`pagefind ${version}\ncopy ${COPY_FORMAT}\n`);
  pages.forEach((page, i) => hash.update(`${page}\0${signatures[i]}\0`));
  return hash.digest("hex");
}

/**
 * Writes the index copies of these pages at the same relative paths in a new temporary folder.
 * With `copies` (a cache folder), a page whose signature is known and whose copy is there is
 * linked from it instead of read and copied again (an edit reindexes a shard of mostly unchanged
 * pages); new copies are added to it. Synchronous file calls: this runs while the render keeps
 * the event loop busy, and a thousand awaited calls would each wait for a turn of it.
 */
async function writeCopies(
  source: (page: string) => string,
  pages: readonly string[],
  known?: (file: string) => string | undefined,
  copies?: string,
): Promise<{ site: string; cleanup(): Promise<void> }> {
  if (copies) fsSync.mkdirSync(copies, { recursive: true });
  // Beside the cache (same file system: links, not copies), else in the system's temporary folder.
  const dir = fsSync.mkdtempSync(copies ? path.join(copies, `${INPUT_PREFIX}${process.pid}-`) : path.join(os.tmpdir(), "portal-search-input-"));
  try {
    const made = new Set<string>();
    const folder = (target: string) => {
      const parent = path.dirname(target);
      if (!made.has(parent)) fsSync.mkdirSync(parent, { recursive: true });
      made.add(parent);
    };
    for (const page of pages) {
      const target = path.join(dir, page);
      const signature = known?.(page);
      if (copies && signature) {
        folder(target);
        try {
          fsSync.linkSync(path.join(copies, copyName(signature)), target);
          continue;
        } catch {
          // Not cached yet: made below.
        }
      }
      const html = fsSync.readFileSync(source(page), "utf8");
      const copy = indexCopy(html);
      if (!copy) continue;
      folder(target);
      fsSync.writeFileSync(target, copy);
      // Into the cache under its signature (a failure only costs a later build the copy).
      if (copies) {
        try {
          linkOrCopySync(target, path.join(copies, copyName(signature ?? pageSignature(html))));
        } catch {
          // The cache is an optimisation.
        }
      }
    }
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { site: dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

/** Removes cached copies no page of the site has any more (only when every page's signature is known). */
async function pruneCopies(copies: string, pages: readonly string[], known: (file: string) => string | undefined): Promise<void> {
  const keep = new Set<string>();
  for (const page of pages) {
    const signature = known(page);
    if (!signature) return;
    keep.add(copyName(signature));
  }
  // Copies no page has any more, and input folders an interrupted build of another process left.
  const stale = (await fs.readdir(copies).catch(() => [] as string[])).filter((name) =>
    name.startsWith(INPUT_PREFIX) ? !name.startsWith(`${INPUT_PREFIX}${process.pid}-`) : name.endsWith(".html") && !keep.has(name),
  );
  await forEachLimit(stale, FILE_OPS, (name) => fs.rm(path.join(copies, name), { recursive: true, force: true }));
}

/** Pagefind's input folder for a shard, inside the copy cache: `.input-<pid>-…`. */
const INPUT_PREFIX = ".input-";

/** A cached copy's file name: the copy's form and the page's signature (a new COPY_FORMAT never reads an old copy). */
const copyName = (signature: string) => `${COPY_FORMAT}-${signature}.html`;
