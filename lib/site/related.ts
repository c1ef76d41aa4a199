/**
 * 相关阅读 (issue #17): up to five other articles for an article page, ranked by the number of
 * tags they share with it, then whether they are in the same column, then nearness in time
 * (the newer first when equally near), then URL, so the list is the same on every build and in
 * both editions. Candidates are the articles sharing a tag (from the tag lists) and the column's
 * neighbours in time, so the cost per article is bounded by those lists, never by the site.
 */
import type { Article } from "../content/load.ts";
import type { SiteTags } from "./tags.ts";

export const RELATED_MAX = 5;

/** How far on each side of the article its column list is searched for same-column candidates. */
const COLUMN_WINDOW = RELATED_MAX;

/** `columnList`: the article's column, newest first; `i`: the article's place in it. */
export function relatedArticles(a: Article, tags: SiteTags, columnList: readonly Article[], i: number, max = RELATED_MAX): Article[] {
  const shared = new Map<Article, number>();
  for (const name of new Set(a.tags)) {
    for (const other of tags.byName.get(name)?.articles ?? []) if (other !== a) shared.set(other, (shared.get(other) ?? 0) + 1);
  }
  if (i >= 0) for (const other of columnList.slice(Math.max(0, i - COLUMN_WINDOW), i + COLUMN_WINDOW + 1)) if (other !== a && !shared.has(other)) shared.set(other, 0);
  const t = a.date.toMillis();
  const key = (b: Article) => ({ tags: shared.get(b)!, column: b.column === a.column ? 1 : 0, distance: Math.abs(b.date.toMillis() - t), time: b.date.toMillis() });
  return [...shared.keys()]
    .map((b) => ({ b, k: key(b) }))
    .sort((x, y) => y.k.tags - x.k.tags || y.k.column - x.k.column || x.k.distance - y.k.distance || y.k.time - x.k.time || (x.b.url < y.b.url ? -1 : x.b.url > y.b.url ? 1 : 0))
    .slice(0, max)
    .map((x) => x.b);
}
