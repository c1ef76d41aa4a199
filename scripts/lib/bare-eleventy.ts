/**
 * The benchmark's baseline: bare Eleventy 3 over the same Markdown files, with the least a real
 * site needs and nothing of the portal — one tiny layout (applied through global data), the same
 * markdown-it 15 settings as the portal (raw HTML off, linkify), no template language inside
 * Markdown, and a one-line date parser (our dates carry a wall-clock time, "2024-07-12 09:30",
 * which Eleventy's own ISO-only parsing refuses). No lists, feeds, sitemap, images, search or
 * 繁體 edition. Used as an Eleventy config file (its `config` export carries the settings
 * Eleventy only takes from a file) by scripts/lib/bench-child.ts.
 */
import { DateTime } from "luxon";
import MarkdownIt from "markdown-it";
import { escapeHtml } from "../../lib/html.ts";

export const config = { markdownTemplateEngine: false, htmlTemplateEngine: false, dataTemplateEngine: false };

interface BareConfig {
  setLayoutsDirectory(dir: string): void;
  setTemplateFormats(formats: string[]): void;
  setUseGitIgnore(enabled: boolean): void;
  setLibrary(name: string, lib: unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(path: string, content: unknown): void;
  addDateParsing(fn: (value: unknown) => unknown): void;
}

export default function (eleventyConfig: BareConfig): void {
  eleventyConfig.setLayoutsDirectory("_layouts");
  eleventyConfig.setTemplateFormats(["md", "11ty.js"]);
  // The corpus lives in bench-corpus/, which the repository's .gitignore lists.
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.setLibrary("md", new MarkdownIt({ html: false, linkify: true }));
  eleventyConfig.addDateParsing((value) => (typeof value === "string" ? DateTime.fromISO(value.trim().replace(" ", "T"), { zone: "Asia/Shanghai" }) : undefined));
  eleventyConfig.addGlobalData("layout", "bare.11ty.js");
  eleventyConfig.addTemplate("_layouts/bare.11ty.js", {
    render(data: { title?: string; content?: string }) {
      const title = escapeHtml(String(data.title ?? ""));
      return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1>
${data.content ?? ""}
</main></body>
</html>
`;
    },
  });
}
