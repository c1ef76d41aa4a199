import assert from "node:assert/strict";
import { test } from "node:test";
import { articleGlob, planShards, shardLimits } from "./shards.ts";

const pages = (year: number, n: number, column = "news/jydt") => Array.from({ length: n }, (_, i) => ({ url: `/${column}/${year}/a${i}/`, year }));

test("a small site is one bundle holding every year, newest first", () => {
  const plan = planShards([...pages(2023, 3), ...pages(2025, 2)], { single: 10, shard: 4 });
  assert.equal(plan.length, 1);
  assert.deepEqual(plan[0]!.years, [2025, 2023]);
  assert.equal(plan[0]!.dir, "");
  assert.equal(plan[0]!.glob, "{news/jydt/2023/*/index.html,news/jydt/2025/*/index.html}");
});

test("a large site: shards of whole years up to the limit, newest in the primary bundle", () => {
  const plan = planShards([...pages(2021, 3), ...pages(2022, 2), ...pages(2023, 2), ...pages(2024, 5), ...pages(2025, 1, "zwgk/zcwj")], { single: 10, shard: 4 });
  assert.deepEqual(
    plan.map((s) => [s.dir, s.years, s.pages]),
    [
      ["", [2025], 1],
      ["shard-2/", [2024], 5], // one year larger than the limit stays whole
      ["shard-3/", [2023, 2022], 4],
      ["shard-4/", [2021], 3],
    ],
  );
  assert.equal(plan[0]!.glob, "zwgk/zcwj/2025/*/index.html");
});

test("the primary bundle takes the newest years up to half the shard limit, so an edit reindexes few pages", () => {
  const plan = planShards([...pages(2021, 4), ...pages(2022, 4), ...pages(2023, 3), ...pages(2024, 2), ...pages(2025, 2)], { single: 2, shard: 10 });
  assert.deepEqual(
    plan.map((s) => [s.dir, s.years, s.pages]),
    [
      ["", [2025, 2024], 4],
      ["shard-2/", [2023, 2022], 7],
      ["shard-3/", [2021], 4],
    ],
  );
});

test("globs never select the 繁體 edition; limits can be overridden from the environment", () => {
  assert.ok(!articleGlob(["/news/jydt/2024/a/", "/zwgk/zcwj/2024/b/"]).includes("zh-hant"));
  assert.deepEqual(shardLimits({ PORTAL_SEARCH_SINGLE_MAX: "50", PORTAL_SEARCH_SHARD_MAX: "20" }), { single: 50, shard: 20 });
  assert.deepEqual(shardLimits({ PORTAL_SEARCH_SINGLE_MAX: "x" }).single, 1000);
});
