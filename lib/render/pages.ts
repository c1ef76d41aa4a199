/**
 * "Render this page": the one place that turns the store into each HTML page. Eleventy's virtual
 * templates (lib/render/plugin.ts) and the preview server's on-demand rendering
 * (lib/editor/preview.ts) both call these, so the preview cannot drift from the build.
 */
import { articlePage } from "../../layouts/article.ts";
import { homePage } from "../../layouts/pages/home.ts";
import { listPage } from "../../layouts/pages/list.ts";
import { notFoundPage } from "../../layouts/pages/not-found.ts";
import { searchPage } from "../../layouts/pages/search.ts";
import type { MarkdownIt } from "markdown-it";
import type { Article } from "../content/load.ts";
import { createMarkdown } from "../markdown.ts";
import type { PortalStore } from "../portal/store.ts";
import type { ListPage } from "../site/view.ts";

/** The markdown-it instance of each store's build (the one Eleventy renders articles with). */
const markdowns = new WeakMap<PortalStore, MarkdownIt>();

export function markdownFor(store: PortalStore): MarkdownIt {
  let md = markdowns.get(store);
  if (!md) {
    md = createMarkdown({ pathPrefix: () => store.model.site.pathPrefix });
    markdowns.set(store, md);
  }
  return md;
}

export const renderArticle = (store: PortalStore, article: Article, bodyHtml: string): string => articlePage(store.context(), article, bodyHtml);
export const renderHome = (store: PortalStore): string => homePage(store.context());
export const renderNotFound = (store: PortalStore): string => notFoundPage(store.context());
export const renderSearch = (store: PortalStore): string => searchPage(store.context());
export const renderList = (store: PortalStore, page: ListPage): string => listPage(store.context(), page);

/** Output paths (relative to the output folder, e.g. "news/jydt/index.html") of the fixed pages. */
export const FIXED_PAGES = { home: "index.html", notFound: "404.html", search: "search/index.html" } as const;

/**
 * Every HTML page of the Simplified site by output path, each rendered when called, with
 * article bodies through the build's markdown-it (Eleventy passes the body to it the same way).
 */
export function htmlPages(store: PortalStore): Map<string, () => string> {
  const md = markdownFor(store);
  const pages = new Map<string, () => string>();
  const out = (url: string) => `${url.replace(/^\/+/, "")}index.html`;
  pages.set(FIXED_PAGES.home, () => renderHome(store));
  pages.set(FIXED_PAGES.notFound, () => renderNotFound(store));
  pages.set(FIXED_PAGES.search, () => renderSearch(store));
  for (const page of store.view.listPages) pages.set(out(page.url), () => renderList(store, page));
  for (const a of store.model.articles) pages.set(out(a.url), () => renderArticle(store, a, md.render(a.body)));
  return pages;
}
