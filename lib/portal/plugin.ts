/**
 * The portal: one Eleventy plugin that registers one plugin per concern and runs their
 * stages in order (content → images → render → files → index). .eleventy.ts only calls this.
 */
import path from "node:path";
import type { DateTime } from "luxon";
import { contentPlugin } from "../content/plugin.ts";
import { feedsPlugin } from "../feeds/plugin.ts";
import { filesPlugin } from "../files/plugin.ts";
import type { ImageOptions } from "../images/options.ts";
import { imagesPlugin } from "../images/plugin.ts";
import { renderPlugin } from "../render/plugin.ts";
import { searchPlugin } from "../search/plugin.ts";
import { traditionalPlugin } from "../traditional/plugin.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { StageList } from "./stages.ts";
import { PortalStore } from "./store.ts";

export interface PortalOptions {
  /** Project root (content/, assets/ and .cache/ live here). */
  root: string;
  contentDir?: string;
  includeDrafts?: boolean;
  now?: DateTime;
  images?: Partial<ImageOptions>;
  /** Build the Pagefind index (off in fast unit builds). */
  search?: boolean;
  quiet?: boolean;
  /** Where the generator's own assets/ live (default: root). */
  packageRoot?: string;
  warn?: (text: string) => void;
}

export interface PortalHandle {
  store: PortalStore;
  stages: StageList;
}

export function portalPlugin(eleventyConfig: EleventyConfig, options: PortalOptions & { handle?: (h: PortalHandle) => void }): void {
  const root = path.resolve(options.root);
  const store = new PortalStore(root);
  const stages = new StageList();
  options.handle?.({ store, stages });

  eleventyConfig.addPlugin(contentPlugin, {
    store,
    stages,
    ...(options.contentDir ? { contentDir: options.contentDir } : {}),
    ...(options.includeDrafts ? { includeDrafts: true } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.warn ? { warn: options.warn } : {}),
  });
  eleventyConfig.addPlugin(imagesPlugin, { store, stages, ...(options.images ? { images: options.images } : {}), ...(options.quiet ? { quiet: true } : {}) });
  eleventyConfig.addPlugin(renderPlugin, { store });
  eleventyConfig.addPlugin(feedsPlugin, { store, stages });
  // After-stage order matters: files → 繁體 edition → search index (which must see both editions).
  eleventyConfig.addPlugin(filesPlugin, { store, stages, assetsDir: path.relative(process.cwd(), path.join(options.packageRoot ?? root, "assets")) || "assets" });
  eleventyConfig.addPlugin(traditionalPlugin, { stages });
  // Search index last: it indexes every HTML page the stages above wrote (both editions).
  eleventyConfig.addPlugin(searchPlugin, { stages, enabled: options.search !== false, ...(options.quiet ? { quiet: true } : {}) });

  eleventyConfig.on("eleventy.before", (event) => stages.run(stages.before, store, event));
  eleventyConfig.on("eleventy.after", (event) => stages.run(stages.after, store, event));
}
