/**
 * npm run build — validate, process images, render and index the portal into _site/,
 * atomically: on any error the previous _site/ is left as it was.
 *   --drafts      include drafts and scheduled articles (for review builds)
 *   --out DIR     output folder (default _site)
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { buildSite } from "../lib/portal/build.ts";

const { values } = parseArgs({ options: { drafts: { type: "boolean" }, out: { type: "string" }, quiet: { type: "boolean" } } });
const root = process.cwd();
try {
  const result = await buildSite({
    root,
    outputDir: path.resolve(values.out ?? "_site"),
    includeDrafts: values.drafts ?? false,
    quiet: values.quiet ?? false,
    search: true,
  });
  const { store, stages } = result.handle;
  const timings = [...stages.timings].map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}s`).join(", ");
  console.log(`构建完成 Built ${store.model.articles.length} articles into ${path.relative(root, result.outputDir)}/ in ${(result.ms / 1000).toFixed(1)}s (${timings})`);
} catch (error) {
  const e = error as Error;
  if (e.name === "ContentError") console.error(`\n${e.message}\n`);
  else console.error(`\n构建失败 Build failed: ${e.stack ?? String(e)}\n`);
  console.error("上一次成功构建的网站未被改动 (the previous _site/ is untouched).");
  process.exitCode = 1;
}
