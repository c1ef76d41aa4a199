/**
 * Eleventy plugin for Chinese full-text search: an after-stage that indexes the finished HTML
 * with Pagefind and writes the query conversion maps (zh-t2s.json, zh-s2t.json) beside it.
 *
 * Order matters: the stage must see every page that will be published, so lib/portal/plugin.ts
 * registers it LAST among the after-stages — files (attachments, /img) → editions (繁體,
 * lib/traditional) → search index (this). A stage that adds HTML must be registered before it.
 */
import path from "node:path";
import type { EleventyConfig } from "../portal/eleventy.ts";
import type { StageList } from "../portal/stages.ts";
import type { PortalStore } from "../portal/store.ts";
import { BUNDLE_DIR, buildSearchIndex, type SearchIndexStats } from "./index.ts";
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
}

/** The last index built for a store (read by tests and the benchmark). */
export const searchStats = new WeakMap<PortalStore, SearchBuildStats>();

export function searchPlugin(_eleventyConfig: EleventyConfig, { stages, enabled, quiet }: SearchPluginOptions): void {
  if (!enabled) return;
  stages.after.push({
    name: "search-index",
    async run(store, event) {
      const out = path.resolve(event.directories.output);
      const stats = await buildSearchIndex(out);
      const traditional = store.model.site.traditional;
      const maps = await writeCharMaps(path.join(out, BUNDLE_DIR), {
        cacheDir: path.join(store.root, ".cache", "search"),
        ...(traditional.enabled ? { variant: traditional.variant } : {}),
      });
      const all: SearchBuildStats = { ...stats, mapBytes: maps.files };
      searchStats.set(store, all);
      if (!quiet) {
        const langs = Object.entries(stats.languages)
          .map(([lang, n]) => `${lang} ${n}`)
          .join(", ");
        console.log(`搜索索引 Search index: ${stats.pages} pages (${langs}), index ${kb(stats.indexBytes)}, bundle ${kb(stats.bytes)} in ${(stats.ms / 1000).toFixed(2)}s`);
      }
    },
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
