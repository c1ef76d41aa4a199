/** How a render is split into Eleventy runs: each edition's articles in batches and slices, its other pages with the last run. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Article } from "../content/load.ts";
import { SIMPLIFIED, traditionalEdition } from "../edition/edition.ts";
import type { RenderInput } from "./context.ts";
import { renderRuns } from "./eleventy.ts";

const articles = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `/a/${i}/` })) as unknown as Article[];
const input = (n: number) => ({ model: { articles: articles(n) } }) as unknown as RenderInput;
const HANT = traditionalEdition("t");
const shape = (parts: ReturnType<typeof renderRuns>) => parts.map((p) => `${p.edition.code}:${p.batch}:${p.articles.length}${p.otherPages ? "+" : ""}`);

test("every article once per edition, in slices of at most the run size; other pages with the last slice", () => {
  assert.deepEqual(shape(renderRuns(input(9001), [SIMPLIFIED, HANT], 4000)), ["zh-CN:0:4000", "zh-CN:0:4000", "zh-CN:0:1001+", "zh-Hant:0:4000", "zh-Hant:0:4000", "zh-Hant:0:1001+"]);
  assert.deepEqual(shape(renderRuns(input(4000), [SIMPLIFIED, HANT], 4000)), ["zh-CN:0:4000+", "zh-Hant:0:4000+"]);
  assert.deepEqual(shape(renderRuns(input(0), [SIMPLIFIED, HANT], 4000)), ["zh-CN:0:0+", "zh-Hant:0:0+"], "an empty site still gets its home, search, 404 and lists");
  assert.deepEqual(shape(renderRuns(input(20_000), [SIMPLIFIED, HANT], Infinity)), ["zh-CN:0:20000+", "zh-Hant:0:20000+"], "one run per edition when unbounded (the CLI)");
  const urls = renderRuns(input(9001), [SIMPLIFIED], 4000).flatMap((p) => p.articles.map((a) => a.url));
  assert.equal(new Set(urls).size, 9001);
});

test("batches (search shards, pages to render again) keep their order; empty batches get no run", () => {
  const all = articles(10);
  const batches = new Map([
    [SIMPLIFIED.code, [all.slice(0, 3), [], all.slice(3, 10)]],
    [HANT.code, [[]]],
  ]);
  // The other pages in a run of their own after the batches (so the last batch's pages are announced first).
  assert.deepEqual(shape(renderRuns(input(10), [SIMPLIFIED, HANT], 4, batches)), ["zh-CN:0:3", "zh-CN:2:4", "zh-CN:2:3", "zh-CN:3:0+", "zh-Hant:1:0+"]);
});
