/**
 * The portal's pages as Eleventy virtual templates, created from the validated content model:
 * one paginated template per page kind and edition (articles, lists) plus the fixed pages.
 * Eleventy never reads an editor's file: permalinks, pagination and writing are its job,
 * everything it renders comes from the model (lib/content) through ./pages.ts.
 */
import type { Article } from "../content/load.ts";
import type { RenderInput } from "./context.ts";
import type { EleventyConfig, TemplateData } from "./eleventy-config.ts";
import { editionPages, FIXED_PAGES, outputPath } from "./pages.ts";
import { PAGE_KINDS, type KindPage } from "./page-kinds.ts";
import type { Edition } from "../edition/edition.ts";

/** One part of a render: an edition's pages for some of the articles, and optionally its other pages. */
export interface RenderPart {
  edition: Edition;
  articles: readonly Article[];
  /** Home, search, 404 and the pages of every PAGE_KINDS kind (lists, …) of the edition. */
  otherPages: boolean;
  /** Which batch of the edition's articles (./eleventy.ts renderRuns) these belong to. */
  batch: number;
}

/**
 * Global data of the render: a class instance, so Eleventy keeps it by reference instead of
 * merging it into every page's data (and pagination reads its arrays in place).
 */
export class PortalData {
  constructor(
    readonly parts: readonly RenderPart[],
    /** Per part: kind name → its pages to render (./page-kinds.ts; pages taken from the previous site left out). */
    readonly kinds: readonly Readonly<Record<string, readonly KindPage[]>>[],
  ) {}
}

/** Sees every article page as it is rendered: its edition, output path (relative to the site) and HTML. */
export type PageHook = (edition: Edition, file: string, html: string) => void;

/** Article pages rendered between two turns of the event loop. */
const YIELD_EVERY = 25;
let rendered = 0;

/**
 * `reused`: output paths (relative to the site) of pages taken unchanged from the previous site
 * (./reuse.ts): not rendered.
 */
export function registerPages(eleventyConfig: EleventyConfig, input: RenderInput, parts: readonly RenderPart[], onArticlePage?: PageHook, reused?: (file: string) => boolean): void {
  const all = Object.fromEntries(PAGE_KINDS.map((kind) => [kind.name, kind.pages(input)]));
  const kinds = parts.map(({ edition, otherPages }) =>
    !otherPages ? {} : Object.fromEntries(Object.entries(all).map(([name, pages]) => [name, reused ? pages.filter((p) => !reused(outputPath(edition, p.url))) : pages])),
  );
  eleventyConfig.addGlobalData("portal", new PortalData(parts, kinds));
  for (const [i, { edition, otherPages }] of parts.entries()) {
    const pages = editionPages(input, edition);
    const name = (kind: string) => `_portal/${edition.dir}${kind}-${i}.11ty.js`;
    eleventyConfig.addTemplate(name("articles"), {
      data: {
        pagination: { data: `portal.parts.${i}.articles`, size: 1, alias: "article", addAllPagesToCollections: false },
        permalink: (data: TemplateData) => `/${outputPath(edition, (data["article"] as Article).url)}`,
      },
      render: async (data: TemplateData) => {
        // Let the event loop turn now and then: the search index is prepared beside the render
        // (lib/pipeline/build.ts), and Eleventy's chain of pages otherwise holds the loop for seconds.
        if (++rendered % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        const a = data["article"] as Article;
        const page = pages.article(a);
        onArticlePage?.(edition, outputPath(edition, a.url), page);
        return page;
      },
    });
    if (!otherPages) continue;
    const fixed = (kind: string, file: string, render: () => string) => eleventyConfig.addTemplate(name(kind), { data: { permalink: `/${edition.dir}${file}` }, render });
    fixed("home", FIXED_PAGES.home, pages.home);
    fixed("404", FIXED_PAGES.notFound, pages.notFound);
    fixed("search", FIXED_PAGES.search, pages.search);
    for (const kind of PAGE_KINDS) {
      eleventyConfig.addTemplate(name(kind.name), {
        data: {
          pagination: { data: `portal.kinds.${i}.${kind.name}`, size: 1, alias: "kindPage", addAllPagesToCollections: false },
          permalink: (data: TemplateData) => `/${outputPath(edition, (data["kindPage"] as KindPage).url)}`,
        },
        render: (data: TemplateData) => pages.page(kind, data["kindPage"] as KindPage),
      });
    }
  }
}
