/** How a render is split into Eleventy runs: each edition's articles in slices, its other pages with the first. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SIMPLIFIED, traditionalEdition } from "../edition/edition.ts";
import type { RenderInput } from "./context.ts";
import { renderRuns } from "./eleventy.ts";

const input = (n: number) => ({ model: { articles: Array.from({ length: n }, (_, i) => ({ url: `/a/${i}/` })) } }) as unknown as RenderInput;
const shape = (n: number, perRun?: number) => renderRuns(input(n), [SIMPLIFIED, traditionalEdition("t")], perRun).map((p) => `${p.edition.code}:${p.articles.length}${p.otherPages ? "+" : ""}`);

test("every article once per edition, in slices of at most the run size; other pages with the first slice", () => {
  assert.deepEqual(shape(9001, 4000), ["zh-CN:4000+", "zh-CN:4000", "zh-CN:1001", "zh-Hant:4000+", "zh-Hant:4000", "zh-Hant:1001"]);
  assert.deepEqual(shape(4000, 4000), ["zh-CN:4000+", "zh-Hant:4000+"]);
  assert.deepEqual(shape(0, 4000), ["zh-CN:0+", "zh-Hant:0+"], "an empty site still gets its home, search, 404 and lists");
  assert.deepEqual(shape(20_000, Infinity), ["zh-CN:20000+", "zh-Hant:20000+"], "one run per edition when unbounded (the CLI)");
  const urls = renderRuns(input(9001), [SIMPLIFIED], 4000).flatMap((p) => p.articles.map((a) => a.url));
  assert.equal(new Set(urls).size, 9001);
});
