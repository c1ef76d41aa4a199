/**
 * Eleventy plugin for Chinese full-text search: an after-stage that indexes the finished HTML
 * with Pagefind and writes the query conversion maps (zh-t2s.json, zh-s2t.json) beside it.
 *
 * One index serves both editions: only the Simplified articles are indexed (the 繁體 search page
 * converts its query 繁→简 and shows the results in 繁體 under /zh-hant/), which halves the
 * indexer's time and memory. A large site is indexed in shards of whole years (lib/search/shards.ts).
 *
 * Order matters: the stage must see every page that will be published, so lib/portal/plugin.ts
 * registers it LAST among the after-stages — files (attachments, /img) → editions (繁體,
 * lib/traditional) → search index (this). A stage that adds HTML must be registered before it.
 */
import path from "node:path";
import type { ContentModel } from "../content/load.ts";
import type { EleventyConfig } from "../portal/eleventy.ts";
import type { StageList } from "../portal/stages.ts";
import type { PortalStore } from "../portal/store.ts";
import { BUNDLE_DIR, buildSearchIndex, type SearchIndexStats } from "./index.ts";
import { planShards, type SearchShard } from "./shards.ts";
import { writeCharMaps } from "./zh-map.ts";

export interface SearchPluginOptions {
  stages: StageList;
  /** PortalOptions.search: false skips indexing (fast test builds); the search page then says search is unavailable. */
  enabled: boolean;
  quiet?: boolean;
}

export interface SearchBuildStats extends SearchIndexStats {
  /** Bytes of the conversion maps written beside the index. */
  mapBytes: Record<string, number>;
  plan: SearchShard[];
}

/** The last index built for a store (read by tests and the benchmark). */
export const searchStats = new WeakMap<PortalStore, SearchBuildStats>();

/** The shard plan of a site: the search page (layouts/pages/search.ts) derives the same one. */
export function sitePlan(model: Pick<ContentModel, "articles">): SearchShard[] {
  return planShards(model.articles.map((a) => ({ url: a.url, year: a.year })));
}

/**
 * Indexes a built site's Simplified articles, as planned (also used by scripts/bench-search.ts).
 * With `cacheDir`, a shard whose article pages did not change reuses its earlier bundle.
 */
export function indexSite(outputDir: string, model: Pick<ContentModel, "articles">, cacheDir?: string): Promise<SearchIndexStats> {
  const plan = sitePlan(model);
  // Each article is <url>index.html: exactly what the shard's glob (<column>/<year>/*/index.html) selects.
  const pagesOf = (years: number[]) => {
    const set = new Set(years);
    return model.articles.filter((a) => set.has(a.year)).map((a) => `${a.url.replace(/^\//, "")}index.html`);
  };
  const shards = plan.filter((s) => s.glob).map((s) => ({ dir: s.dir, glob: s.glob, pages: pagesOf(s.years) }));
  return buildSearchIndex(outputDir, { ...(shards.length ? { shards } : {}), ...(cacheDir ? { cacheDir } : {}) });
}

export function searchPlugin(_eleventyConfig: EleventyConfig, { stages, enabled, quiet }: SearchPluginOptions): void {
  if (!enabled) return;
  stages.after.push({
    name: "search-index",
    async run(store, event) {
      const out = path.resolve(event.directories.output);
      const stats = await indexSite(out, store.model, path.join(store.root, ".cache", "search", "bundles"));
      const traditional = store.model.site.traditional;
      const maps = await writeCharMaps(path.join(out, BUNDLE_DIR), {
        cacheDir: path.join(store.root, ".cache", "search"),
        ...(traditional.enabled ? { variant: traditional.variant } : {}),
      });
      const all: SearchBuildStats = { ...stats, mapBytes: maps.files, plan: sitePlan(store.model) };
      searchStats.set(store, all);
      if (!quiet) {
        const shards = (stats.shards > 1 ? ` in ${stats.shards} shards` : "") + (stats.reused ? ` (${stats.reused} unchanged, reused)` : "");
        console.log(`搜索索引 Search index: ${stats.pages} pages${shards}, index ${kb(stats.indexBytes)}, bundle ${kb(stats.bytes)} in ${(stats.ms / 1000).toFixed(2)}s`);
      }
    },
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
