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
    reuse: request.reuse ?? true,
    search: true,
    // /admin/ (the browser editor) when content/_data/cms.yaml exists (lib/cms/publish.ts), inside the atomic build.
    addFiles: async (dir, model) => void (await publishAdmin(dir, model)),
    ...extra,
  });
  return {
    model: result.model,
    outputDir: result.outputDir,
    ms: result.ms,
    timings: result.timings,
    pages: result.pages,
    kindPages: result.kindPages,
    ...(result.heldBack ? { heldBack: result.heldBack } : {}),
    pruneCache: () => pruneCache(path.join(request.root, ".cache", "images"), result.images.values()),
  };
}
