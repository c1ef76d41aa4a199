/**
 * The render stage: Eleventy, through its public API (`new Eleventy(input, output, { config })`),
 * writes every page of every edition, the feeds and the site's assets into the output folder.
 * The configuration is this function's argument, not a file: each build passes its own input,
 * so builds need no shared slot and any number can run in one process.
 */
import fs from "node:fs/promises";
import Eleventy from "@11ty/eleventy";
import type { Edition } from "../edition/edition.ts";
import { feedsPlugin } from "./feeds.ts";
import type { RenderInput } from "./context.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { registerPages } from "./templates.ts";

export interface RenderOptions {
  input: RenderInput;
  editions: readonly Edition[];
  outputDir: string;
  /** The generator's assets/ folder, copied to <output>/assets/. */
  assetsDir: string;
  /**
   * An empty folder Eleventy may treat as its input: every template is virtual, so nothing an
   * editor commits (a stray .11ty.js, a .md file) is ever read or run by Eleventy.
   */
  workDir: string;
  quiet?: boolean;
  /** More templates registered by other concerns (e.g. the view counter's path list). */
  extend?: (eleventyConfig: EleventyConfig, input: RenderInput) => void;
}

/**
 * The whole configuration, as a callback (the same one `.eleventy.ts` uses for the CLI). Files
 * shared by the editions — assets, feeds, sitemap, headers and what `extend` adds — are written
 * by the run that renders the Simplified edition (`shared`).
 */
export function configureRender(eleventyConfig: EleventyConfig, options: Omit<RenderOptions, "outputDir" | "workDir" | "quiet">, shared = true): void {
  eleventyConfig.setTemplateFormats(["11ty.js"]);
  eleventyConfig.setUseGitIgnore(false);
  // No data files: all data comes from the validated model, and a data file could run code.
  eleventyConfig.setDataFileSuffixes([]);
  // Nothing reads Eleventy collections (views are lib/site's), so no page is put into them.
  eleventyConfig.addGlobalData("eleventyExcludeFromCollections", true);
  registerPages(eleventyConfig, options.input, options.editions);
  if (!shared) return;
  eleventyConfig.addPassthroughCopy({ [options.assetsDir]: "assets" });
  feedsPlugin(eleventyConfig, { input: options.input });
  options.extend?.(eleventyConfig, options.input);
}

/**
 * One Eleventy run per edition, one after the other: Eleventy keeps every page it writes in
 * memory until its run ends, so a run per edition halves the build's peak memory (20,000
 * articles: 2.1 GB in one run) for the cost of a second start-up.
 */
export async function renderSite(options: RenderOptions): Promise<void> {
  await fs.mkdir(options.workDir, { recursive: true });
  for (const [i, edition] of options.editions.entries()) {
    const eleventy = new Eleventy(options.workDir, options.outputDir, {
      quietMode: options.quiet ?? true,
      // No config file (Eleventy: "falsy skips config files"): the callback is the whole configuration.
      configPath: false,
      config: (eleventyConfig: EleventyConfig) => configureRender(eleventyConfig, { ...options, editions: [edition] }, i === 0),
    });
    // We report results and errors ourselves (ContentError lists every problem once, bilingually).
    eleventy.disableLogger();
    await eleventy.write();
  }
}
