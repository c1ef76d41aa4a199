/**
 * The search stage as the pipeline calls it: index the finished Simplified article pages with
 * Pagefind (one index for both editions; shards of whole years on large sites) and write the
 * query conversion maps (zh-t2s.json, zh-s2t.json) beside it.
 */
import path from "node:path";
import type { ContentModel } from "../content/load.ts";
import { BUNDLE_DIR } from "./index.ts";
import { indexSite, sitePlan, type SearchBuildStats } from "./plugin.ts";
import { writeCharMaps } from "./zh-map.ts";

export interface SearchStageInput {
  outputDir: string;
  model: Pick<ContentModel, "articles" | "site">;
  /** Project root: bundles and maps are cached under <root>/.cache/search. */
  root: string;
  quiet?: boolean;
  /** Signatures of pages known from the render (lib/search/input.ts pageSignature): those pages are not read again. */
  signatures?: (file: string) => string | undefined;
  /** When the pages of the plan's i-th shard are written (the stage may start while later pages render). */
  ready?: (shard: number) => Promise<void>;
  /** Where a page that must be read is (default: in outputDir); see lib/search/articles.ts. */
  pagePath?: (file: string) => string;
}

export async function indexSearch({ outputDir, model, root, quiet, signatures, ready, pagePath }: SearchStageInput): Promise<SearchBuildStats> {
  const out = path.resolve(outputDir);
  const stats = await indexSite(out, model, path.join(root, ".cache", "search", "bundles"), { ...(signatures ? { signatures } : {}), ...(ready ? { ready } : {}), ...(pagePath ? { pagePath } : {}) });
  const traditional = model.site.traditional;
  const maps = await writeCharMaps(path.join(out, BUNDLE_DIR), {
    cacheDir: path.join(root, ".cache", "search"),
    ...(traditional.enabled ? { variant: traditional.variant } : {}),
  });
  if (!quiet) {
    const shards = (stats.shards > 1 ? ` in ${stats.shards} shards` : "") + (stats.reused ? ` (${stats.reused} unchanged, reused)` : "");
    console.log(`搜索索引 Search index: ${stats.pages} pages${shards}, index ${kb(stats.indexBytes)}, bundle ${kb(stats.bytes)} in ${(stats.ms / 1000).toFixed(2)}s`);
  }
  return { ...stats, mapBytes: maps.files, plan: sitePlan(model) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export { sitePlan };
