/**
 * 相关阅读 (issue #17): up to five other articles for an article page, ranked by the number of
 * tags they share with it, then whether they are in the same column, then nearness in time
 * (the newer first when equally near), then URL, so the list is the same on every build and in
 * both editions. Candidates are the articles sharing a tag (from the tag lists) and the column's
 * neighbours in time; the best five are kept while the candidates are read (no sort of them all),
 * so a tag on a thousand articles costs a thousand comparisons per article, not a sort.
 */
import type { Article } from "../content/load.ts";
import type { SiteTags } from "./tags.ts";

export const RELATED_MAX = 5;

/** How far on each side of the article its column list is searched for same-column candidates. */
const COLUMN_WINDOW = RELATED_MAX;

interface Ranked {
  b: Article;
  tags: number;
  column: number;
  distance: number;
  time: number;
}

/** Negative when x ranks before y. */
const compare = (x: Ranked, y: Ranked): number => y.tags - x.tags || y.column - x.column || x.distance - y.distance || y.time - x.time || (x.b.url < y.b.url ? -1 : x.b.url > y.b.url ? 1 : 0);

/** `columnList`: the article's column, newest first; `i`: the article's place in it (-1: not in it). */
export function relatedArticles(a: Article, tags: SiteTags, columnList: readonly Article[], i: number, max = RELATED_MAX): Article[] {
  const shared = new Map<Article, number>();
  for (const name of new Set(a.tags)) {
    for (const other of tags.byName.get(name)?.articles ?? []) if (other !== a) shared.set(other, (shared.get(other) ?? 0) + 1);
  }
  if (i >= 0) for (const other of columnList.slice(Math.max(0, i - COLUMN_WINDOW), i + COLUMN_WINDOW + 1)) if (other !== a && !shared.has(other)) shared.set(other, 0);
  const t = a.date.toMillis();
  const best: Ranked[] = [];
  for (const [b, n] of shared) {
    const time = b.date.toMillis();
    const r: Ranked = { b, tags: n, column: b.column === a.column ? 1 : 0, distance: Math.abs(time - t), time };
    if (best.length === max && compare(r, best[max - 1]!) >= 0) continue;
    let at = best.length;
    while (at > 0 && compare(r, best[at - 1]!) < 0) at--;
    best.splice(at, 0, r);
    if (best.length > max) best.pop();
  }
  return best.map((r) => r.b);
}
