/**
 * 政府信息公开目录 (issue #14): for every 政务公开 column, and for the 政务公开 section as a whole, a
 * table of its documents that works without JavaScript. Filters and the oldest-first order are
 * static pages, one list per filter value (主题分类, 发布机构, 年份, 有效性), each paginated like a
 * column list:
 *
 *   /zwgk/zcwj/ml/                      all documents, newest first
 *   /zwgk/zcwj/ml/oldest/               all documents, oldest first
 *   /zwgk/zcwj/ml/category/jichu-jiaoyu/  one 主题分类 (likewise publisher/<slug>/, year/2024/, validity/repealed/)
 *   …/page/2/                           further pages of any of these
 *
 * Each filter splits a scope's documents into disjoint lists, so a scope of N documents has about
 * 6·N/pageSize pages plus one per filter value (not one per combination): at 4,000 articles with
 * ≈600 政务公开 documents and 20 per page, ≈ 2 × (6·30 + 40) ≈ 440 pages per edition.
 * Derived once per build in O(documents × scopes); layouts/pages/catalog.ts lays a page out.
 */
import type { Column } from "../content/columns.ts";
import { VALIDITY_ZH } from "../content/gov-info.ts";
import type { Article, ContentModel } from "../content/load.ts";
import type { Validity } from "../content/model.ts";
import { suggestSlug } from "../content/paths.ts";
import { paginate, type Paged } from "./paginate.ts";
import type { SiteView } from "./view.ts";

export type CatalogFilterKey = "category" | "publisher" | "year" | "validity";

/** The filters in the order the filter bar shows them, with their Chinese names. */
export const CATALOG_FILTERS: readonly { key: CatalogFilterKey; name: string }[] = [
  { key: "category", name: "主题分类" },
  { key: "publisher", name: "发布机构" },
  { key: "year", name: "年份" },
  { key: "validity", name: "有效性" },
];

/** Column types whose documents the 目录 lists (the 指南 is a page of its own, not a document). */
const LISTED_TYPES: ReadonlySet<string> = new Set(["policy", "info", "report"]);

const VALIDITY_SLUG: Record<Validity, string> = { valid: "valid", expired: "expired", repealed: "repealed" };

export interface CatalogFacetValue {
  /** What the reader sees: 基础教育, 示范区教育局, 2024, 有效. */
  label: string;
  /** URL segment: ASCII, unique within its filter. */
  slug: string;
  count: number;
  /** First page of this filter value's list (site URL without the edition folder). */
  url: string;
}

export interface CatalogFacet {
  key: CatalogFilterKey;
  name: string;
  values: CatalogFacetValue[];
}

/** One 目录: a 政务公开 column (or the 政务公开 section) and everything its filter bar links to. */
export interface CatalogScope {
  column: Column;
  /** /zwgk/zcwj/ml/ */
  url: string;
  oldestUrl: string;
  total: number;
  facets: CatalogFacet[];
}

export interface CatalogPage extends Paged {
  scope: CatalogScope;
  /** The active filter value, or none (all documents). */
  filter: { key: CatalogFilterKey; name: string; value: CatalogFacetValue } | undefined;
  order: "newest" | "oldest";
}

/** Whether a column's articles are 目录 documents. */
export const isCatalogColumn = (c: Column): boolean => c.isLeaf && LISTED_TYPES.has(c.type);

/** A section gets a 目录 of its own when every leaf under it is 政务公开 (documents or the 指南). */
function sectionQualifies(c: Column): boolean {
  const leaves = leavesOf(c);
  return leaves.some(isCatalogColumn) && leaves.every((l) => isCatalogColumn(l) || l.type === "guide");
}

const leavesOf = (c: Column): Column[] => (c.isLeaf ? [c] : c.children.flatMap(leavesOf));

const catalogUrl = (column: Column): string => `${column.url}ml/`;

/** The 目录 of a column, if it has one (for links from column pages and the 网站地图). */
export function catalogUrlOf(column: Column, view: Pick<SiteView, "byColumn">): string | undefined {
  if (!(isCatalogColumn(column) || (!column.isLeaf && sectionQualifies(column)))) return undefined;
  return (view.byColumn.get(column.key) ?? []).some((a) => a.gov) ? catalogUrl(column) : undefined;
}

/** Slugs per label, unique within one filter: collisions get -2, -3… in label order (deterministic). */
function slugsFor(labels: readonly string[], make: (label: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const label of [...labels].sort()) {
    const base = make(label) || "x";
    let slug = base;
    for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
    used.add(slug);
    out.set(label, slug);
  }
  return out;
}

const valueOf = (a: Article, key: CatalogFilterKey): string => {
  const gov = a.gov!;
  if (key === "category") return gov.category;
  if (key === "publisher") return gov.publisher;
  if (key === "year") return String(a.year);
  return VALIDITY_ZH[gov.validity];
};

/** Every 目录 page of the site (both orders, every filter value, every page). */
export function catalogPages(model: Pick<ContentModel, "columns" | "site">, view: Pick<SiteView, "byColumn">): CatalogPage[] {
  const size = model.site.pageSize;
  const pages: CatalogPage[] = [];
  for (const column of model.columns.all) {
    const url = catalogUrlOf(column, view);
    if (!url) continue;
    // byColumn is newest first; only documents of listed columns (not the 指南) that carry 政务公开 metadata.
    const docs = (view.byColumn.get(column.key) ?? []).filter((a) => a.gov && isCatalogColumn(a.column));
    const facets: CatalogFacet[] = CATALOG_FILTERS.map(({ key, name }) => {
      const counts = new Map<string, number>();
      for (const a of docs) {
        const v = valueOf(a, key);
        if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      const labels = [...counts.keys()];
      const slugs =
        key === "year"
          ? new Map(labels.map((l) => [l, l]))
          : key === "validity"
            ? new Map(labels.map((l) => [l, VALIDITY_SLUG[(Object.entries(VALIDITY_ZH).find(([, zh]) => zh === l)?.[0] ?? "valid") as Validity]]))
            : slugsFor(labels, suggestSlug);
      const order =
        key === "year"
          ? labels.sort((x, y) => Number(y) - Number(x))
          : key === "validity"
            ? labels.sort((x, y) => Object.values(VALIDITY_ZH).indexOf(x) - Object.values(VALIDITY_ZH).indexOf(y))
            : key === "category"
              ? labels.sort((x, y) => categoryRank(model, x) - categoryRank(model, y) || (x < y ? -1 : 1))
              : labels.sort((x, y) => counts.get(y)! - counts.get(x)! || (x < y ? -1 : 1));
      return { key, name, values: order.map((label) => ({ label, slug: slugs.get(label)!, count: counts.get(label)!, url: `${url}${key}/${slugs.get(label)!}/` })) };
    });
    const scope: CatalogScope = { column, url, oldestUrl: `${url}oldest/`, total: docs.length, facets };
    pages.push(...paginate({ scope, filter: undefined, order: "newest" as const }, url, docs, size));
    pages.push(...paginate({ scope, filter: undefined, order: "oldest" as const }, scope.oldestUrl, [...docs].reverse(), size));
    for (const facet of facets) {
      for (const value of facet.values) {
        const list = docs.filter((a) => valueOf(a, facet.key) === value.label);
        pages.push(...paginate({ scope, filter: { key: facet.key, name: facet.name, value }, order: "newest" as const }, value.url, list, size));
      }
    }
  }
  return pages;
}

/** 主题分类 in the order columns.yaml lists them. */
function categoryRank(model: Pick<ContentModel, "columns">, label: string): number {
  const i = (model.columns.categories ?? []).indexOf(label);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}
