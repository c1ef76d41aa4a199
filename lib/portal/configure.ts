/**
 * Shared Eleventy setup for every entry point: the .eleventy.ts config file (CLI), the atomic
 * build (scripts/build.ts), the preview server, tests and the benchmark.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { EleventyConfig } from "./eleventy.ts";
import { portalPlugin, type PortalHandle, type PortalOptions } from "./plugin.ts";
// Replaces one quadratic lookup inside Eleventy with an indexed one (see the file).
import "./eleventy-speedups.ts";

/** The repository's own folder (assets ship with the generator, not with each site). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface ConfigureOptions extends PortalOptions {
  handle?: (h: PortalHandle) => void;
}

type FullConfig = EleventyConfig & {
  setInputDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  setDataDirectory(dir: string): void;
  setTemplateFormats(formats: string[]): void;
  setUseGitIgnore(enabled: boolean): void;
  setDataFileSuffixes(suffixes: string[]): void;
};

/**
 * Settings Eleventy only takes from a config file's exports (there is no API call for them):
 * no template language runs inside articles, so an editor typing {{ cannot break the build.
 */
export const ELEVENTY_FILE_CONFIG = { markdownTemplateEngine: false, htmlTemplateEngine: false, dataTemplateEngine: false } as const;

export const CONFIG_FILE = fileURLToPath(new URL("../../.eleventy.ts", import.meta.url));

/**
 * Programmatic builds load the same .eleventy.ts as the CLI; their options travel through this
 * slot, taken once when Eleventy calls the config function (builds are serialised in build.ts).
 */
let pending: ConfigureOptions | undefined;
export function setPendingOptions(options: ConfigureOptions): void {
  pending = options;
}
export function takePendingOptions(): ConfigureOptions | undefined {
  const options = pending;
  pending = undefined;
  return options;
}

export function configurePortal(eleventyConfig: EleventyConfig, options: ConfigureOptions): void {
  const cfg = eleventyConfig as FullConfig;
  const root = path.resolve(options.root);
  const contentDir = path.resolve(options.contentDir ?? path.join(root, "content"));
  cfg.setInputDirectory(path.relative(process.cwd(), contentDir) || ".");
  // Layouts are virtual templates registered by lib/render/plugin.ts; the folder need not exist.
  cfg.setLayoutsDirectory("_layouts");
  // Site settings are YAML read and validated by lib/content; Eleventy's data folder stays unused.
  cfg.setDataDirectory("_eleventy_data");
  cfg.setTemplateFormats(["md", "11ty.js"]);
  // lib/content validates every .md under content/; Eleventy must render that same set. Its
  // default reads the working directory's .gitignore, which silently dropped every article of a
  // site root inside an ignored folder (bench-corpus/): pages missing, model and lists intact.
  cfg.setUseGitIgnore(false);
  // No template/directory data files (index.11tydata.js, <folder>/<folder>.json…): all data comes
  // from validated front matter and site.yaml, and such a file could set permalink or layout, or
  // run code, past the schema. Eleventy otherwise probes ~10 candidate files per folder level for
  // every article (≈1.3 s of exists() calls at 4,000 articles).
  cfg.setDataFileSuffixes([]);
  // Our layouts, lists and feeds read the store, never Eleventy collections; keeping every page out
  // of collections.all skips Eleventy filling and sorting it (and its per-item linear lookups).
  cfg.addGlobalData("eleventyExcludeFromCollections", true);
  cfg.addPlugin(portalPlugin, { packageRoot: PACKAGE_ROOT, ...options, root, contentDir });
}
