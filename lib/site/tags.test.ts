import assert from "node:assert/strict";
import { test } from "node:test";
import type { Article } from "../content/load.ts";
import { siteTags } from "./tags.ts";

const article = (url: string, tags: string[]) => ({ url, tags }) as unknown as Article;

test("tag slugs: pinyin, unique even when another tag's pinyin ends in a number, and independent of article order", () => {
  const articles = [article("/a/", ["中医", "中医2"]), article("/b/", ["中意", "！！"]), article("/c/", ["中医"])];
  const slugs = (list: Article[]) => Object.fromEntries([...siteTags(list).byName].map(([name, t]) => [name, t.slug]));
  const once = slugs(articles);
  assert.equal(new Set(Object.values(once)).size, 4, JSON.stringify(once));
  for (const s of Object.values(once)) assert.match(s, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  assert.equal(once["！！"], "tag", "a tag with no letters still gets an address");
  assert.deepEqual(slugs([...articles].reverse()), once);
  const first = siteTags(articles).all[0]!;
  assert.deepEqual([first.name, first.articles.map((a) => a.url)], ["中医", ["/a/", "/c/"]], "the most used tag first, its articles in site order");
});
