/**
 * Shared Eleventy setup for every entry point: the .eleventy.ts config file (CLI), the atomic
 * build (scripts/build.ts), the preview server, tests and the benchmark.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { EleventyConfig } from "./eleventy.ts";
import { portalPlugin, type PortalHandle, type PortalOptions } from "./plugin.ts";

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
  setMarkdownTemplateEngine(engine: string | false): void;
  setHtmlTemplateEngine(engine: string | false): void;
};

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
  // No template language runs inside articles: an editor typing {{ must not break the build.
  cfg.setMarkdownTemplateEngine(false);
  cfg.setHtmlTemplateEngine(false);
  cfg.addPlugin(portalPlugin, { packageRoot: PACKAGE_ROOT, ...options, root, contentDir });
}
