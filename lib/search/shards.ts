/**
 * How the search index is split (measured choices: docs/search.md).
 *
 * Pagefind has no incremental mode: a bundle is rebuilt whole whenever one of its pages changes
 * (the bundle cache, lib/search/index.ts, hands back every unchanged one). So a site above
 * SINGLE_MAX_PAGES is split by year:
 *   - the primary bundle holds the newest years, up to half of SHARD_MAX_PAGES (at least the
 *     newest year) — most edits land there, so an edit reindexes a few hundred pages, not the site;
 *   - older years are archive shards of whole years up to SHARD_MAX_PAGES, which change rarely.
 * Every bundle costs a reader's first query some index chunks of its own (Pagefind chunks each
 * bundle's index at ~20,000 word positions), so there are as few as memory allows: Pagefind holds
 * a bundle in memory while it writes it (~0.27 MB per page of the index copies, beside a build
 * process of ~0.5 GB at 4,000 articles and ~1.5 GB at 20,000).
 *
 * Only the Simplified articles are indexed: the 繁體 search page uses the same index (its query is
 * converted 繁→简 and its results are shown in 繁體, see assets/js/search.js).
 *
 * The plan is a pure function of the articles (URL and year), so the search page (which tells the
 * browser the shards) and the index stage agree without a manifest file.
 */

/** One bundle up to this many pages (an edit then reindexes them all: ~1,000 pages ≈ 3 s of Pagefind). */
export const SINGLE_MAX_PAGES = 1000;
/**
 * Archive shards of whole years up to this many pages: Pagefind takes ~0.31 MB per page of the
 * bench corpus, so ≤ ~0.56 GB beside a ~0.6 GB build process keeps a 4,000-article build under
 * 1.2 GB (shards of up to 2,000 pages peaked at 1.22 GB, up to 1,600 at 1.08 GB; 1,800 makes
 * three bundles of the bench corpus instead of four). The primary bundle takes the newest years
 * up to half of it.
 */
export const SHARD_MAX_PAGES = 1800;

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
 * Shards newest first: the primary bundle holds the newest years up to half the shard limit (at
 * least the newest year: where edits and most queries land), archive shards hold older whole years. Years are never split, so the browser can ask one
 * shard for its years with a 年份 filter; a single year larger than the limit is one (larger) shard.
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
    const recent = [years[0]!];
    let recentPages = byYear.get(years[0]!)!.length;
    for (const y of years.slice(1)) {
      const n = byYear.get(y)!.length;
      if (recentPages + n > Math.floor(limits.shard / 2)) break;
      recent.push(y);
      recentPages += n;
    }
    groups.push(recent);
    let current: number[] = [];
    let count = 0;
    for (const y of years.slice(recent.length)) {
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
