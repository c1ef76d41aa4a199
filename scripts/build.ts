/**
 * npm run build — validate, process images, render and index the portal into _site/,
 * atomically: on any error the previous _site/ is left as it was.
 *   --drafts      include drafts and scheduled articles (for review builds)
 *   --out DIR     output folder (default _site)
 *   --prune-cache after a successful build, delete resized photos this build did not use from
 *                 .cache/images (deleted or replaced photos, old settings); CI uses it so the saved cache
 *                 does not grow forever. Not the default: a preview with drafts may still need them.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { pruneCache } from "../lib/images/cache.ts";
import { buildSite } from "../lib/pipeline/build.ts";

const { values } = parseArgs({ options: { drafts: { type: "boolean" }, out: { type: "string" }, quiet: { type: "boolean" }, "prune-cache": { type: "boolean" } } });
const root = process.cwd();
try {
  const result = await buildSite({
    root,
    outputDir: path.resolve(values.out ?? "_site"),
    includeDrafts: values.drafts ?? false,
    quiet: values.quiet ?? false,
    search: true,
  });
  const timings = [...result.timings].map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}s`).join(", ");
  console.log(`构建完成 Built ${result.model.articles.length} articles into ${path.relative(root, result.outputDir)}/ in ${(result.ms / 1000).toFixed(1)}s (${timings})`);
  if (values["prune-cache"]) {
    const removed = await pruneCache(path.join(root, ".cache", "images"), result.images.values());
    console.log(`图片缓存清理 Image cache pruned: ${removed} unused files removed`);
  }
} catch (error) {
  const e = error as Error;
  if (e.name === "ContentError") console.error(`\n${e.message}\n`);
  else console.error(`\n构建失败 Build failed: ${e.stack ?? String(e)}\n`);
  console.error("上一次成功构建的网站未被改动 (the previous _site/ is untouched).");
  process.exitCode = 1;
}
