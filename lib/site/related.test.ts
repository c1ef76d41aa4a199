import assert from "node:assert/strict";
import { test } from "node:test";
import { DateTime } from "luxon";
import type { Article } from "../content/load.ts";
import { relatedArticles } from "./related.ts";
import { siteTags } from "./tags.ts";

/** A deterministic pseudo-random site: 300 articles, 3 columns, 6 tags, many ties. */
function site(seed: number) {
  let s = seed;
  const rand = (n: number) => ((s = (s * 1103515245 + 12345) % 2 ** 31), s % n);
  const columns = ["a", "b", "c"].map((key) => ({ key }));
  const tagNames = ["党建", "双减", "安全", "招生", "体育", "德育"];
  const articles = Array.from({ length: 300 }, (_, i) => ({
    url: `/x/${i}/`,
    column: columns[rand(3)]!,
    date: DateTime.fromMillis(Date.UTC(2024, 0, 1) + rand(40) * 86_400_000),
    tags: tagNames.filter(() => rand(4) === 0),
  })) as unknown as Article[];
  articles.sort((x, y) => y.date.toMillis() - x.date.toMillis());
  return articles;
}

/** The rule written out plainly: every candidate ranked by a full sort. */
function reference(a: Article, all: readonly Article[], columnList: readonly Article[], i: number): Article[] {
  const near = new Set(columnList.slice(Math.max(0, i - 5), i + 6));
  const shared = (b: Article) => b.tags.filter((t) => a.tags.includes(t)).length;
  const t = a.date.toMillis();
  return all
    .filter((b) => b !== a && (shared(b) > 0 || near.has(b)))
    .sort(
      (x, y) =>
        shared(y) - shared(x) ||
        Number(y.column === a.column) - Number(x.column === a.column) ||
        Math.abs(x.date.toMillis() - t) - Math.abs(y.date.toMillis() - t) ||
        y.date.toMillis() - x.date.toMillis() ||
        (x.url < y.url ? -1 : 1),
    )
    .slice(0, 5);
}

test("相关阅读 keeps the best five while reading (no full sort) and agrees with a full sort of every candidate", () => {
  for (const seed of [1, 2, 3]) {
    const all = site(seed);
    const tags = siteTags(all);
    for (const a of all) {
      const columnList = all.filter((b) => b.column === a.column);
      const i = columnList.indexOf(a);
      const got = relatedArticles(a, tags, columnList, i);
      assert.deepEqual(
        got.map((b) => b.url),
        reference(a, all, columnList, i).map((b) => b.url),
        `seed ${seed}, ${a.url}`,
      );
      assert.ok(!got.includes(a), "never the article itself");
    }
  }
});

test("an article with no tags and no column neighbours has no 相关阅读", () => {
  const [a] = site(4).slice(0, 1);
  assert.deepEqual(relatedArticles({ ...a!, tags: [] } as Article, siteTags([]), [], -1), []);
});
