import assert from "node:assert/strict";
import { test } from "node:test";
import { Channel } from "./channel.ts";

test("Channel: items in order; push waits at capacity; next yields undefined once closed and drained", async () => {
  const ch = new Channel<number>(2);
  await ch.push(1);
  await ch.push(2);
  let third = false;
  const p = ch.push(3).then(() => (third = true));
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(third, false, "the third push waits for room");
  assert.equal(await ch.next(), 1);
  await p;
  assert.equal(third, true);
  ch.close();
  assert.equal(await ch.next(), 2);
  assert.equal(await ch.next(), 3);
  assert.equal(await ch.next(), undefined);
});

test("Channel: a waiting consumer gets the next push directly, and undefined on close", async () => {
  const ch = new Channel<string>(1);
  const a = ch.next();
  await ch.push("x");
  assert.equal(await a, "x");
  const b = ch.next();
  ch.close();
  assert.equal(await b, undefined);
});
