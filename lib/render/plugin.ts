/**
 * Eleventy plugin for rendering: Markdown through markdown-it 15 (raw HTML off, no template
 * language inside articles) and the typed layouts registered as virtual templates, so the
 * content folder holds only editors' files.
 */
import { articlePage } from "../../layouts/article.ts";
import { homePage } from "../../layouts/pages/home.ts";
import { listPage } from "../../layouts/pages/list.ts";
import { notFoundPage } from "../../layouts/pages/not-found.ts";
import { searchPage } from "../../layouts/pages/search.ts";
import { createMarkdown } from "../markdown.ts";
import type { EleventyConfig, TemplateData } from "../portal/eleventy.ts";
import type { PortalStore } from "../portal/store.ts";
import type { ListPage } from "../site/view.ts";

export interface RenderPluginOptions {
  store: PortalStore;
}

export function renderPlugin(eleventyConfig: EleventyConfig, { store }: RenderPluginOptions): void {
  eleventyConfig.setLibrary("md", createMarkdown({ pathPrefix: () => store.model.site.pathPrefix }));

  eleventyConfig.addTemplate("_layouts/article.11ty.js", {
    render(data: TemplateData) {
      const article = store.articleFor(data.page.inputPath);
      // Drafts and scheduled articles have permalink false: Eleventy still renders them, we don't.
      if (!article) return "";
      return articlePage(store.context(), article, data.content ?? "");
    },
  });

  const page = (file: string, permalink: string, render: () => string) =>
    eleventyConfig.addTemplate(`_portal/${file}.11ty.js`, { data: { permalink, layout: false }, render });
  page("home", "/index.html", () => homePage(store.context()));
  page("404", "/404.html", () => notFoundPage(store.context()));
  page("search", "/search/index.html", () => searchPage(store.context()));

  eleventyConfig.addTemplate("_portal/lists.11ty.js", {
    data: {
      layout: false,
      pagination: { data: "portal.listPages", size: 1, alias: "listPage", addAllPagesToCollections: false },
      permalink: (data: TemplateData) => `${(data.listPage as ListPage).url}index.html`,
    },
    render: (data: TemplateData) => listPage(store.context(), data.listPage as ListPage),
  });
}
