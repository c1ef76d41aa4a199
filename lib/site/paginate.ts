/** The one pagination rule of every list (column lists, 目录, tag pages): page 1 at the list's URL, then …/page/N/. */
import type { Article } from "../content/load.ts";

export interface Paged {
  url: string;
  /** 1-based. */
  number: number;
  count: number;
  items: Article[];
  /** URL of every page of this list, index 0 = page 1 (for the pagination component). */
  pageUrls: string[];
  total: number;
}

export const pageUrl = (first: string, n: number): string => (n === 1 ? first : `${first}page/${n}/`);

/** The pages of `items` at `size` per page (at most `maxPages`; a list always has a first page). */
export function paginate<B extends object>(base: B, first: string, items: readonly Article[], size: number, maxPages = Infinity): (B & Paged)[] {
  const count = Math.max(1, Math.min(maxPages, Math.ceil(items.length / size)));
  const pageUrls = Array.from({ length: count }, (_, i) => pageUrl(first, i + 1));
  return pageUrls.map((url, i) => ({ ...base, url, number: i + 1, count, items: items.slice(i * size, (i + 1) * size), pageUrls, total: items.length }));
}
