/**
 * Eleventy's CLI entry, kept thin: `tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts`
 * renders the same site as `npm run build` (the same pipeline steps, lib/pipeline/build.ts), but
 * writes straight into Eleventy's output folder — no atomic swap. `npm run build` is the way to
 * publish; this file is for working with Eleventy's own tools.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { completeOutput, prepareSite, renderOptionsFor } from "./lib/pipeline/build.ts";
import type { EleventyConfig } from "./lib/render/eleventy-config.ts";
import { configureRender, renderRuns } from "./lib/render/eleventy.ts";

export default async function (eleventyConfig: EleventyConfig): Promise<void> {
  const options = { root: process.cwd() };
  const site = await prepareSite(options);
  const output = path.resolve("_site");
  const render = renderOptionsFor(site, options, output);
  await fs.mkdir(render.workDir, { recursive: true });
  eleventyConfig.setInputDirectory(path.relative(process.cwd(), render.workDir));
  eleventyConfig.setOutputDirectory("_site");
  // One run for everything: the CLI renders all parts at once (a large site may need the memory of several runs: `npm run build`).
  configureRender(eleventyConfig, render, renderRuns(render.input, render.editions, Infinity));
  eleventyConfig.on("eleventy.after", async () => {
    await completeOutput(site, options, output, undefined);
  });
}
