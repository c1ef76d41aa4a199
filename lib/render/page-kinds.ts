/**
 * The kinds of generated pages besides articles and the fixed pages (home, search, 404): column
 * lists today; a new kind (tag pages, a catalogue, a sitemap for people…) is one entry here.
 * Eleventy's templates (./templates.ts), the preview's lookup (./pages.ts), the view counter's
 * path list and the link check all read this list, so a kind cannot be published by one and
 * missed by another.
 */
import type { RenderContext } from "../../layouts/context.ts";
import { listPage } from "../../layouts/pages/list.ts";
import type { ListPage } from "../site/view.ts";
import { infoPage } from "../../layouts/pages/info.ts";
import { infoPages, type InfoPage } from "../site/info-pages.ts";
import { catalogPage } from "../../layouts/pages/catalog.ts";
import { catalogPages, catalogUrlOf, type CatalogPage } from "../site/catalog.ts";
import { tagPage } from "../../layouts/pages/tag.ts";
import { tagPages, type TagPage } from "../site/tags.ts";
import type { RenderInput } from "./context.ts";

/** What a kind derives its pages from: the validated content and its views (no images needed, so the link check can call it). */
export type KindSource = Pick<RenderInput, "model" | "view">;

/** One page of a kind: its site URL without the edition folder ("/news/jydt/page/2/"), plus what its layout needs. */
export interface KindPage {
  url: string;
}

export interface PageKind<P extends KindPage = KindPage> {
  /** Unique, used in template names. */
  name: string;
  /** Every page of the kind, derived from the render input (the view), never by scanning in a layout. */
  pages(input: KindSource): readonly P[];
  /** The layout of one page; a method, so a PageKind<ListPage> is a PageKind. */
  render(ctx: RenderContext, page: P): string;
  /**
   * What a page shows besides its page object and what every page shares (site, columns, navigation:
   * ./reuse.ts sharedKey), for page reuse: an unchanged page is linked from the previous site instead
   * of rendered. A kind without it is rendered every time. The layout must read nothing else.
   */
  inputs?(input: KindSource, page: P): unknown;
}

export const PAGE_KINDS: readonly PageKind[] = [
  {
    name: "lists",
    pages: (input) => input.view.listPages,
    render: listPage,
    // A section's page shows the newest articles of each sub-column; every list links its 目录 if it has one.
    inputs: (input, page) => ({
      catalog: catalogUrlOf(page.column, input.view) ?? null,
      blocks: page.column.isLeaf ? null : page.column.children.map((c) => (input.view.byColumn.get(c.key) ?? []).slice(0, input.model.site.homeItems)),
    }),
  } satisfies PageKind<ListPage>,
  // A handful of pages, one of which (网站地图) reads the tag list: always rendered.
  { name: "info", pages: (input) => infoPages(input.model.site), render: infoPage } satisfies PageKind<InfoPage>,
  { name: "catalog", pages: (input) => catalogPages(input.model, input.view), render: catalogPage, inputs: () => null } satisfies PageKind<CatalogPage>,
  { name: "tags", pages: (input) => tagPages(input.model, input.view.tags), render: tagPage, inputs: () => null } satisfies PageKind<TagPage>,
];

/** The URLs of every page of every kind, in kind order (for the counter's path list, the link check…). */
export const kindPageUrls = (input: KindSource): string[] => PAGE_KINDS.flatMap((kind) => kind.pages(input).map((p) => p.url));
