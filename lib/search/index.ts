/**
 * Runs Pagefind (extended build: jieba segmentation for Chinese) over finished HTML through its
 * Node API. One index per <html lang> is kept automatic, so the Simplified pages (zh-CN) and the
 * 繁體 edition (zh-Hant) get separate indexes in one bundle, and the search page loads the index
 * of its own language.
 *
 * Only elements marked data-pagefind-body are indexed (the <article> of each article page);
 * lists, home, search and 404 pages carry none and are skipped.
 */
import fs from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";

/** Where the bundle goes, relative to the site folder (layouts/pages/search.ts links it). */
export const BUNDLE_DIR = "pagefind";

/**
 * Pagefind writes its ready-made UIs into every bundle; the portal uses the JS API only
 * (assets/js/search.js), so these are removed to keep the published site small.
 */
const UNUSED_FILES = [
  "pagefind-ui.js",
  "pagefind-ui.css",
  "pagefind-modular-ui.js",
  "pagefind-modular-ui.css",
  "pagefind-component-ui.js",
  "pagefind-component-ui.css",
  "pagefind-highlight.js",
];

export interface SearchIndexStats {
  /** Pages in the index, all languages (pages without data-pagefind-body are skipped). */
  pages: number;
  /** HTML files Pagefind read. */
  htmlFiles: number;
  /** Pages per index language, from pagefind-entry.json. */
  languages: Record<string, number>;
  /** Every file in the bundle. */
  files: number;
  bytes: number;
  /** The index proper: .pf_meta, .pf_index, .pf_fragment, .pf_filter. */
  indexBytes: number;
  /** The search runtime: pagefind.js, worker, wasm, entry. */
  runtimeBytes: number;
  ms: number;
}

export interface SearchIndexOptions {
  /** Defaults to <siteDir>/pagefind. */
  outputPath?: string;
  /** Glob of HTML files to index, relative to siteDir (Pagefind's default: every .html). */
  glob?: string;
}

export class SearchIndexError extends Error {
  override name = "SearchIndexError";
  constructor(readonly errors: string[]) {
    super(`搜索索引生成失败 (Pagefind search index failed):\n  ${errors.join("\n  ")}`);
  }
}

/** Pagefind's Node API drives one service process per Node process: indexes run one at a time. */
let queue: Promise<unknown> = Promise.resolve();

export function buildSearchIndex(siteDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexStats> {
  const run = queue.then(() => indexOnce(siteDir, options));
  queue = run.catch(() => undefined);
  return run;
}

async function indexOnce(siteDir: string, options: SearchIndexOptions): Promise<SearchIndexStats> {
  const t0 = performance.now();
  const site = path.resolve(siteDir);
  const outputPath = path.resolve(options.outputPath ?? path.join(site, BUNDLE_DIR));
  // writeFiles adds to an existing bundle without removing stale fragments: start clean.
  await fs.rm(outputPath, { recursive: true, force: true });
  try {
    const created = await pagefind.createIndex({});
    if (!created.index || created.errors.length) throw new SearchIndexError(created.errors.length ? created.errors : ["createIndex returned no index"]);
    const index = created.index;
    const added = await index.addDirectory({ path: site, ...(options.glob ? { glob: options.glob } : {}) });
    if (added.errors.length) throw new SearchIndexError(added.errors);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new SearchIndexError(written.errors);
    await index.deleteIndex();
    for (const file of UNUSED_FILES) await fs.rm(path.join(outputPath, file), { force: true });
    const stats = await bundleStats(outputPath);
    const pages = Object.values(stats.languages).reduce((a, b) => a + b, 0);
    return { ...stats, pages, htmlFiles: added.page_count, ms: performance.now() - t0 };
  } finally {
    // Stops the pagefind_extended process so the build's Node process can exit.
    await pagefind.close();
  }
}

/** Sizes of a written bundle, split into the index proper and the search runtime. */
export async function bundleStats(bundleDir: string): Promise<Omit<SearchIndexStats, "pages" | "htmlFiles" | "ms">> {
  let files = 0;
  let bytes = 0;
  let indexBytes = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      else {
        const size = (await fs.stat(p)).size;
        files++;
        bytes += size;
        if (/\.pf_(meta|index|fragment|filter)$/.test(entry.name)) indexBytes += size;
      }
    }
  };
  await walk(bundleDir);
  const languages: Record<string, number> = {};
  try {
    const entry = JSON.parse(await fs.readFile(path.join(bundleDir, "pagefind-entry.json"), "utf8")) as { languages?: Record<string, { page_count?: number }> };
    for (const [lang, info] of Object.entries(entry.languages ?? {}).sort(([a], [b]) => a.localeCompare(b))) languages[lang] = info.page_count ?? 0;
  } catch {
    // No entry file: nothing was indexed.
  }
  return { files, bytes, indexBytes, runtimeBytes: bytes - indexBytes, languages };
}
