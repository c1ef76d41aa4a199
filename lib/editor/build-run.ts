/** The real build behind `npm run build`'s command line (lib/editor/build-cli.ts): the pipeline with the CLI's request. */
import path from "node:path";
import { pruneCache } from "../images/prune.ts";
import { publishAdmin } from "../cms/publish.ts";
import { buildSite, type BuildOptions } from "../pipeline/build.ts";
import type { BuildRequest, BuildRun } from "./build-cli.ts";

export async function runBuild(request: BuildRequest, extra: Partial<BuildOptions> = {}): Promise<BuildRun> {
  const result = await buildSite({
    root: request.root,
    outputDir: request.outputDir,
    includeDrafts: request.includeDrafts,
    quiet: request.quiet,
    holdBack: request.holdBack,
    search: true,
    ...extra,
  });
  await publishAdmin(result.outputDir, result.model); // /admin/ (browser editor) when content/_data/cms.yaml exists: lib/cms/publish.ts
  return {
    model: result.model,
    outputDir: result.outputDir,
    ms: result.ms,
    timings: result.timings,
    ...(result.heldBack ? { heldBack: result.heldBack } : {}),
    pruneCache: () => pruneCache(path.join(request.root, ".cache", "images"), result.images.values()),
  };
}
