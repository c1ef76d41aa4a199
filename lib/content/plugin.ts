/**
 * Eleventy plugin for stage 1: load and validate all content before anything renders.
 * Any error stops the build with every problem listed; nothing is written.
 */
import yaml from "js-yaml";
import type { DateTime } from "luxon";
import type { EleventyConfig, TemplateData } from "../portal/eleventy.ts";
import type { StageList } from "../portal/stages.ts";
import type { PortalStore } from "../portal/store.ts";
import { ContentError, errorsOf, formatIssues } from "./issues.ts";
import { loadContent } from "./load.ts";

export interface ContentPluginOptions {
  store: PortalStore;
  stages: StageList;
  includeDrafts?: boolean;
  now?: DateTime;
  contentDir?: string;
  /** Where warnings go (stderr by default; tests pass a collector). */
  warn?: (text: string) => void;
}

export function contentPlugin(eleventyConfig: EleventyConfig, options: ContentPluginOptions): void {
  const { store, stages } = options;
  // Dates stay strings in YAML (core schema): lib/content/dates.ts is the only parser.
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA }) } });
  eleventyConfig.addDateParsing(function (value) {
    const article = store.articleFor(this.page.inputPath);
    return article ? article.date : value instanceof Date ? value : undefined;
  });
  eleventyConfig.addGlobalData("portal", store);
  eleventyConfig.addGlobalData("layout", "article.11ty.js");
  // Article URLs come only from validated data (column path + year + ASCII slug).
  eleventyConfig.addGlobalData("permalink", () => (data: TemplateData) => {
    const article = store.articleFor(data.page.inputPath);
    return article ? `${article.url}index.html` : false;
  });

  stages.before.push({
    name: "content",
    async run() {
      const model = await loadContent({
        root: store.root,
        ...(options.contentDir ? { contentDir: options.contentDir } : {}),
        ...(options.includeDrafts ? { includeDrafts: true } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      const errors = errorsOf(model.issues);
      if (errors.length) throw new ContentError(model.issues);
      if (model.issues.length) (options.warn ?? ((t) => process.stderr.write(t + "\n")))(formatIssues(model.issues));
      store.setModel(model);
    },
  });
}

