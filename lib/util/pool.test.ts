import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { forEachLimit, mapLimit } from "./pool.ts";

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

describe("mapLimit", () => {
  test("keeps the order of the items, whatever order they finish in", async () => {
    const out = await mapLimit([30, 10, 20, 0], 3, async (ms, i) => {
      await tick(ms);
      return `${i}:${ms}`;
    });
    assert.deepEqual(out, ["0:30", "1:10", "2:20", "3:0"]);
  });

  test("never runs more than `limit` at once, and uses all of them", async () => {
    let running = 0,
      peak = 0;
    await mapLimit(
      Array.from({ length: 20 }, (_, i) => i),
      4,
      async () => {
        peak = Math.max(peak, ++running);
        await tick();
        running--;
      },
    );
    assert.equal(peak, 4);
  });

  test("an empty list and a limit above the count", async () => {
    assert.deepEqual(await mapLimit([], 8, async () => 1), []);
    assert.deepEqual(await mapLimit([1, 2], 50, async (x) => x * 2), [2, 4]);
  });

  test("rejects with the first error and starts nothing after it", async () => {
    const started: number[] = [];
    await assert.rejects(
      mapLimit([0, 1, 2, 3, 4, 5, 6, 7], 2, async (x) => {
        started.push(x);
        await tick();
        if (x === 1) throw new Error("boom");
      }),
      /boom/,
    );
    await tick(5);
    assert.ok(started.length <= 3, `started ${started.join(",")}`);
  });
});

describe("forEachLimit", () => {
  test("reads any iterable lazily, at most `limit` at once", async () => {
    let pulled = 0,
      running = 0,
      peak = 0;
    function* gen() {
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield i;
      }
    }
    const seen: number[] = [];
    await forEachLimit(gen(), 3, async (i) => {
      peak = Math.max(peak, ++running);
      assert.ok(pulled - seen.length <= 3);
      await tick();
      seen.push(i);
      running--;
    });
    assert.equal(peak, 3);
    assert.deepEqual(
      seen.sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  });

  test("rejects with the first error", async () => {
    await assert.rejects(
      forEachLimit(new Set([1, 2, 3]), 1, async (i) => {
        if (i === 2) throw new Error("two");
      }),
      /two/,
    );
  });
});
