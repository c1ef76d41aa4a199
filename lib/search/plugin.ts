/**
 * What the search stage indexes: the Simplified article pages of a built site, as planned by the
 * shard plan (lib/search/shards.ts). One index serves both editions (the 繁體 search page converts
 * its query 繁→简 and shows the results in 繁體 under /zh-hant/). The pipeline calls it through
 * ./stage.ts after every page is written.
 */
import path from "node:path";
import type { ContentModel } from "../content/load.ts";
import { indexArticles, type IndexArticlesOptions } from "./articles.ts";
import type { SearchIndexStats } from "./index.ts";
import { planShards, type SearchShard } from "./shards.ts";

export interface SearchBuildStats extends SearchIndexStats {
  /** Bytes of the conversion maps written beside the index. */
  mapBytes: Record<string, number>;
  plan: SearchShard[];
}

/** The shard plan of a site: the pipeline passes it to the search page (data-shards) too. */
export function sitePlan(model: Pick<ContentModel, "articles">): SearchShard[] {
  return planShards(model.articles.map((a) => ({ url: a.url, year: a.year })));
}

/**
 * Indexes a built site's Simplified articles, as planned, from their index copies
 * (lib/search/articles.ts; also used by scripts/bench-search.ts). With `cacheDir`, a shard whose
 * articles did not change reuses its earlier bundle.
 */
export function indexSite(
  outputDir: string,
  model: Pick<ContentModel, "articles">,
  cacheDir?: string,
  pages: Pick<IndexArticlesOptions, "signatures" | "ready" | "pagePath"> = {},
): Promise<SearchIndexStats> {
  // Index copies are cached beside the bundles (…/search/copies next to …/search/bundles).
  return indexArticles({ outputDir, articles: model.articles, plan: sitePlan(model), ...(cacheDir ? { cacheDir, copyCacheDir: path.join(path.dirname(cacheDir), "copies") } : {}), ...pages });
}
