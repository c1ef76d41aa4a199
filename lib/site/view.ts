/**
 * Derived views over validated content: per-column lists, paginated list pages, previous/next,
 * the home page blocks and copyright years. Built once per build in O(articles), so no layout
 * ever scans all pages.
 */
import type { Column } from "../content/columns.ts";
import type { Article, ContentModel } from "../content/load.ts";
import { paginate, type Paged } from "./paginate.ts";
import { relatedArticles } from "./related.ts";
import { siteTags, type SiteTags } from "./tags.ts";

export interface ListPage extends Paged {
  column: Column;
}

export interface Neighbours {
  /** 上一篇: the newer article in the same column. */
  prev: Article | undefined;
  /** 下一篇: the older article in the same column. */
  next: Article | undefined;
}

export interface SiteView {
  /** Column key → its published articles newest first (a section has all of its descendants'). */
  byColumn: Map<string, Article[]>;
  listPages: ListPage[];
  neighbours: Map<Article, Neighbours>;
  /** Articles with photos, newest first (图片新闻 block). */
  withPhotos: Article[];
  firstYear: number;
  lastYear: number;
  /** Every tag with its articles (lib/site/tags.ts). */
  tags: SiteTags;
  /** 相关阅读 of an article (lib/site/related.ts). */
  related(a: Article): Article[];
  /** Top-level navigation: the children of a single pathless root, else the roots. */
  nav: Column[];
}

export function buildView(model: ContentModel): SiteView {
  const byColumn = new Map<string, Article[]>(model.columns.all.map((c) => [c.key, []]));
  // model.articles is newest first, so every list stays sorted as it is filled.
  for (const a of model.articles) for (const c of a.column.trail) byColumn.get(c.key)!.push(a);

  const neighbours = new Map<Article, Neighbours>();
  const place = new Map<Article, number>();
  for (const column of model.columns.leaves) {
    const list = byColumn.get(column.key)!;
    list.forEach((a, i) => {
      neighbours.set(a, { prev: list[i - 1], next: list[i + 1] });
      place.set(a, i);
    });
  }
  const tags = siteTags(model.articles);
  // Asked for by both editions' pages: computed once per article.
  const relatedOf = new Map<Article, Article[]>();
  const related = (a: Article) => {
    let list = relatedOf.get(a);
    if (!list) relatedOf.set(a, (list = relatedArticles(a, tags, byColumn.get(a.column.key) ?? [], place.get(a) ?? -1)));
    return list;
  };

  const size = model.site.pageSize;
  const listPages: ListPage[] = [];
  for (const column of model.columns.all) {
    // A section's page is an overview of its sub-columns (layouts/pages/list.ts), not a paginated
    // list: one page. Paginating it made ceil(descendants / pageSize) identical, unlinked copies
    // (≈400 pages, ×2 with 繁體, at 4,000 articles).
    listPages.push(...paginate({ column }, column.url, byColumn.get(column.key)!, size, column.isLeaf ? Infinity : 1));
  }

  const years = model.articles.map((a) => a.year);
  const lastYear = years.length ? Math.max(...years.slice(0, 1), ...years.slice(-1)) : new Date().getFullYear();
  const firstYear = model.site.firstYear ?? (years.length ? years[years.length - 1]! : lastYear);
  const roots = model.columns.roots;
  const nav = roots.length === 1 && roots[0]!.children.length ? roots[0]!.children : roots;
  return { byColumn, listPages, neighbours, withPhotos: model.articles.filter((a) => a.cover), tags, related, firstYear, lastYear, nav };
}
