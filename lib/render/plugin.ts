/**
 * Eleventy plugin for rendering: Markdown through markdown-it 15 (raw HTML off, no template
 * language inside articles) and the typed layouts registered as virtual templates, so the
 * content folder holds only editors' files. The pages themselves come from ./pages.ts, shared
 * with the preview server.
 */
import type { EleventyConfig, TemplateData } from "../portal/eleventy.ts";
import type { PortalStore } from "../portal/store.ts";
import type { ListPage } from "../site/view.ts";
import { FIXED_PAGES, markdownFor, renderArticle, renderHome, renderList, renderNotFound, renderSearch } from "./pages.ts";

export interface RenderPluginOptions {
  store: PortalStore;
}

export function renderPlugin(eleventyConfig: EleventyConfig, { store }: RenderPluginOptions): void {
  eleventyConfig.setLibrary("md", markdownFor(store));

  eleventyConfig.addTemplate("_layouts/article.11ty.js", {
    render(data: TemplateData) {
      const article = store.articleFor(data.page.inputPath);
      // Drafts and scheduled articles have permalink false: Eleventy still renders them, we don't.
      if (!article) return "";
      return renderArticle(store, article, data.content ?? "");
    },
  });

  const page = (file: string, permalink: string, render: () => string) =>
    eleventyConfig.addTemplate(`_portal/${file}.11ty.js`, { data: { permalink, layout: false }, render });
  page("home", `/${FIXED_PAGES.home}`, () => renderHome(store));
  page("404", `/${FIXED_PAGES.notFound}`, () => renderNotFound(store));
  page("search", `/${FIXED_PAGES.search}`, () => renderSearch(store));

  eleventyConfig.addTemplate("_portal/lists.11ty.js", {
    data: {
      layout: false,
      pagination: { data: "portal.listPages", size: 1, alias: "listPage", addAllPagesToCollections: false },
      permalink: (data: TemplateData) => `${(data.listPage as ListPage).url}index.html`,
    },
    render: (data: TemplateData) => renderList(store, data.listPage as ListPage),
  });
}
