/**
 * "Render this page": the one place that turns the render input into each HTML page of an
 * edition. The Eleventy templates (./templates.ts) and the preview server's on-demand rendering
 * both call these, so the preview cannot drift from the build. A Traditional page is rendered by
 * the layouts for its edition (lang, URLs, hreflang, the 简/繁 switch); opencc converts its text.
 */
import { articlePage } from "../../layouts/article.ts";
import { inlinePhotoResolver } from "../../layouts/components/inline-photo.ts";
import { homePage } from "../../layouts/pages/home.ts";
import { notFoundPage } from "../../layouts/pages/not-found.ts";
import { searchPage } from "../../layouts/pages/search.ts";
import type { Article } from "../content/load.ts";
import { createConverter, type Convert } from "../edition/convert.ts";
import { SIMPLIFIED, type Edition } from "../edition/edition.ts";
import { createMarkdown, type MarkdownEnv } from "../markdown.ts";
import { renderContext, type RenderInput } from "./context.ts";
import { PAGE_KINDS, type KindPage, type PageKind } from "./page-kinds.ts";

/** Output paths (relative to an edition's folder, e.g. "news/jydt/index.html") of the fixed pages. */
export const FIXED_PAGES = { home: "index.html", notFound: "404.html", search: "search/index.html" } as const;

/** An edition's page renderer: every page function, bound to one render input and edition. */
export interface EditionPages {
  edition: Edition;
  article(a: Article): string;
  /** A page of one of the PAGE_KINDS (lists, …). */
  page(kind: PageKind, page: KindPage): string;
  home(): string;
  notFound(): string;
  search(): string;
}

const markdown = createMarkdown();
const converters = new Map<string, Convert>();

export function editionPages(input: RenderInput, edition: Edition): EditionPages {
  const ctx = renderContext(input, edition);
  const env: MarkdownEnv = { url: ctx.url };
  let convert: Convert = (html) => html;
  if (edition.code === "zh-Hant") {
    const variant = input.model.site.traditional.variant;
    convert = converters.get(variant) ?? createConverter(variant);
    converters.set(variant, convert);
  }
  return {
    edition,
    article: (a) => convert(articlePage(ctx, a, markdown.render(a.body, { ...env, photo: inlinePhotoResolver(ctx, a) }))),
    page: (kind, page) => convert(kind.render(ctx, page)),
    home: () => convert(homePage(ctx)),
    notFound: () => convert(notFoundPage(ctx)),
    search: () => convert(searchPage(ctx)),
  };
}

/** Output path of a page URL inside an edition ("/news/" → "zh-hant/news/index.html"). */
export const outputPath = (edition: Edition, url: string): string => `${edition.dir}${url.replace(/^\/+/, "")}index.html`;

/**
 * Every HTML page of the given editions, looked up by output path (relative to the site root,
 * e.g. "zh-hant/news/jydt/index.html") and rendered when called: the preview's pages. The lookup
 * tables are built once per input and shared by the editions.
 */
export function pageLookup(input: RenderInput, editions: readonly Edition[]): (outputPath: string) => (() => string) | undefined {
  const byPath = new Map<string, (pages: EditionPages) => string>([
    [FIXED_PAGES.home, (p) => p.home()],
    [FIXED_PAGES.notFound, (p) => p.notFound()],
    [FIXED_PAGES.search, (p) => p.search()],
  ]);
  for (const kind of PAGE_KINDS) for (const page of kind.pages(input)) byPath.set(outputPath(SIMPLIFIED, page.url), (p) => p.page(kind, page));
  for (const a of input.model.articles) byPath.set(outputPath(SIMPLIFIED, a.url), (p) => p.article(a));
  // Longest edition folder first, so "zh-hant/…" is not taken for a Simplified path.
  const bound = editions.map((edition) => ({ dir: edition.dir, pages: editionPages(input, edition) })).sort((x, y) => y.dir.length - x.dir.length);
  return (file) => {
    const edition = bound.find((e) => file.startsWith(e.dir));
    const render = edition ? byPath.get(file.slice(edition.dir.length)) : undefined;
    return edition && render ? () => render(edition.pages) : undefined;
  };
}
