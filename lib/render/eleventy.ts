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
import { registerPages, type PageHook, type RenderPart } from "./templates.ts";
import type { Article } from "../content/load.ts";

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
  /**
   * The articles to render per edition code, in batches (default: all, one batch; page reuse,
   * ./reuse.ts, leaves out unchanged ones; the search index asks for its shards as batches).
   */
  batches?: ReadonlyMap<string, readonly (readonly Article[])[]>;
  /** Called with every article page rendered (output path relative to the site, HTML). */
  onArticlePage?: PageHook;
  /** Called when every article page of a batch is written (later batches and editions may still be rendering). */
  afterBatch?: (edition: Edition, batch: number) => void;
  /** Pages of the kinds (lists…) taken from the previous site, by output path: not rendered (./reuse.ts). */
  reused?: (file: string) => boolean;
}

/**
 * Eleventy keeps every page of a run in memory until the run ends (about 0.1 MB a page here:
 * 2.1 GB for one edition of 20,000 articles), so a large site is rendered in several runs, one
 * after the other, of at most this many article pages each. (2,000 was tried when the search index
 * began to run beside the render: 3–5 % less peak memory, 10–20 % more CPU; the build's garbage
 * collections after each batch, lib/pipeline/build.ts, do more for less.)
 */
export const ARTICLES_PER_RUN = 4000;

/**
 * The runs of a render, edition after edition. An edition's articles come in batches (default: one
 * batch of all), each batch in slices of at most `perRun`; the edition's other pages (home, lists…)
 * are written by its last run, so a later stage waiting for a batch's article pages (the search
 * index, lib/pipeline/build.ts) can start on it early.
 */
export function renderRuns(input: RenderInput, editions: readonly Edition[], perRun = ARTICLES_PER_RUN, batches?: ReadonlyMap<string, readonly (readonly Article[])[]>): RenderPart[] {
  return editions.flatMap((edition) => {
    const parts: RenderPart[] = [];
    for (const [batch, articles] of (batches?.get(edition.code) ?? [input.model.articles]).entries()) {
      for (let at = 0; at < articles.length; at += perRun) parts.push({ edition, articles: articles.slice(at, at + perRun), otherPages: false, batch });
    }
    // With batches, the other pages come in a run of their own after every batch (its batch number is
    // one past the last), so the last batch is announced without waiting for them.
    const groups = batches?.get(edition.code);
    if (groups && parts.length) parts.push({ edition, articles: [], otherPages: true, batch: groups.length });
    else if (!parts.length) parts.push({ edition, articles: [], otherPages: true, batch: groups?.length ?? 0 });
    else parts[parts.length - 1]!.otherPages = true;
    return parts;
  });
}

/**
 * The configuration of one run, as a callback (`.eleventy.ts` passes all the parts to one run for
 * Eleventy's CLI). Files shared by the editions — assets, feeds, sitemap, headers and what
 * `extend` adds — are written by the first run (`shared`).
 */
export function configureRender(
  eleventyConfig: EleventyConfig,
  options: Pick<RenderOptions, "input" | "assetsDir" | "extend" | "onArticlePage" | "reused">,
  parts: readonly RenderPart[],
  shared = true,
): void {
  eleventyConfig.setTemplateFormats(["11ty.js"]);
  eleventyConfig.setUseGitIgnore(false);
  // No data files: all data comes from the validated model, and a data file could run code.
  eleventyConfig.setDataFileSuffixes([]);
  // Nothing reads Eleventy collections (views are lib/site's), so no page is put into them.
  eleventyConfig.addGlobalData("eleventyExcludeFromCollections", true);
  registerPages(eleventyConfig, options.input, parts, options.onArticlePage, options.reused);
  if (!shared) return;
  eleventyConfig.addPassthroughCopy({ [options.assetsDir]: "assets" });
  feedsPlugin(eleventyConfig, { input: options.input });
  options.extend?.(eleventyConfig, options.input);
}

export async function renderSite(options: RenderOptions): Promise<void> {
  await fs.mkdir(options.workDir, { recursive: true });
  const runs = renderRuns(options.input, options.editions, ARTICLES_PER_RUN, options.batches);
  // Batches announced per edition; an empty batch (nothing to render) is done before the next run starts.
  const announced = new Map<string, number>();
  const announce = (edition: Edition, upTo: number) => {
    for (let b = announced.get(edition.code) ?? 0; b < upTo; b++) options.afterBatch?.(edition, b);
    announced.set(edition.code, Math.max(upTo, announced.get(edition.code) ?? 0));
  };
  for (const [i, part] of runs.entries()) {
    announce(part.edition, part.batch);
    const eleventy = new Eleventy(options.workDir, options.outputDir, {
      quietMode: options.quiet ?? true,
      // No config file (Eleventy: "falsy skips config files"): the callback is the whole configuration.
      configPath: false,
      config: (eleventyConfig: EleventyConfig) => configureRender(eleventyConfig, options, [part], i === 0),
    });
    // We report results and errors ourselves (ContentError lists every problem once, bilingually).
    eleventy.disableLogger();
    await eleventy.write();
    const next = runs[i + 1];
    announce(part.edition, next?.edition === part.edition ? next.batch : (options.batches?.get(part.edition.code)?.length ?? 1));
  }
}
