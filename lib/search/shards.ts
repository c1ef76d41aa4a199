/**
 * How the search index is split. Pagefind keeps a whole index in memory while it builds it
 * (~0.45 MB per page, measured: 4,000 pages → 1.8 GB peak), so a large site is indexed in shards
 * of whole years, one Pagefind process at a time; the search page merges them in the browser
 * (Pagefind's mergeIndex). A small site stays one bundle so a phone's cold query loads one
 * index, not several.
 *
 * Only the Simplified articles are indexed: the 繁體 search page uses the same index (its query is
 * converted 繁→简 and its results are shown in 繁體, see assets/js/search.js).
 *
 * The plan is a pure function of the articles (URL and year), so the search page (which tells the
 * browser the shards, layouts/pages/search.ts) and the index stage agree without a manifest file.
 */

/** One bundle up to this many pages: Pagefind ~2 GB beside a ~0.6 GB build process. */
export const SINGLE_MAX_PAGES = 4500;
/** Above SINGLE_MAX_PAGES, shards of whole years up to this many pages (~1.1 GB of Pagefind each). */
export const SHARD_MAX_PAGES = 2500;

export interface ShardLimits {
  single: number;
  shard: number;
}

/**
 * The limits, overridable for tests and benchmarks (PORTAL_SEARCH_SINGLE_MAX,
 * PORTAL_SEARCH_SHARD_MAX), e.g. to try the sharded layout on a small site.
 */
export function shardLimits(env: NodeJS.ProcessEnv = process.env): ShardLimits {
  const read = (name: string, fallback: number) => {
    const n = Number(env[name]);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  return { single: read("PORTAL_SEARCH_SINGLE_MAX", SINGLE_MAX_PAGES), shard: read("PORTAL_SEARCH_SHARD_MAX", SHARD_MAX_PAGES) };
}

export interface SearchShard {
  /** Folder of the bundle inside the primary bundle folder: "" for the primary, "shard-2/"… */
  dir: string;
  /** Years in the shard, newest first. */
  years: number[];
  pages: number;
  /** Pagefind glob (relative to the site folder) selecting exactly these articles' folders. */
  glob: string;
}

export interface IndexedPage {
  /** Site URL without the path prefix, e.g. /news/jydt/2024/qiangji-zhuhun/ */
  url: string;
  year: number;
}

/**
 * Shards newest first (the primary bundle holds the newest years: the first page of a date sort
 * and most queries land there). Years are never split, so the browser can ask one shard for its
 * years with a 年份 filter; a single year larger than the limit is one (larger) shard.
 */
export function planShards(pages: readonly IndexedPage[], limits: ShardLimits = shardLimits()): SearchShard[] {
  const byYear = new Map<number, IndexedPage[]>();
  for (const p of pages) {
    const list = byYear.get(p.year);
    if (list) list.push(p);
    else byYear.set(p.year, [p]);
  }
  const years = [...byYear.keys()].sort((a, b) => b - a);
  const groups: number[][] = [];
  if (pages.length <= limits.single) groups.push(years);
  else {
    let current: number[] = [];
    let count = 0;
    for (const y of years) {
      const n = byYear.get(y)!.length;
      if (current.length && count + n > limits.shard) {
        groups.push(current);
        current = [];
        count = 0;
      }
      current.push(y);
      count += n;
    }
    if (current.length) groups.push(current);
  }
  return groups.map((ys, i) => {
    const members = ys.flatMap((y) => byYear.get(y)!);
    return { dir: i === 0 ? "" : `shard-${i + 1}/`, years: ys, pages: members.length, glob: articleGlob(members.map((m) => m.url)) };
  });
}

/**
 * A glob of the folders holding these pages: an article lives at <column>/<year>/<slug>/index.html,
 * so listing the <column>/<year> folders (tens, not thousands) selects the articles and nothing of
 * the 繁體 edition (zh-hant/…), whose pages Pagefind then never reads.
 */
export function articleGlob(urls: readonly string[]): string {
  const parents = new Set<string>();
  for (const url of urls) {
    const parts = url.split("/").filter(Boolean);
    parents.add(parts.slice(0, -1).join("/"));
  }
  const list = [...parents].sort();
  if (!list.length) return "";
  // A page directly under the site root has no parent folder: "" would make "{,a}/*/index.html".
  const alts = list.map((p) => (p ? `${p}/*/index.html` : "*/index.html"));
  return alts.length === 1 ? alts[0]! : `{${alts.join(",")}}`;
}
