import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { replaceAtomically, writeFileAtomic } from "./atomic-write.ts";

test("writeFileAtomic: replaces the file, leaves no temporary file", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "util-aw-"));
  const file = path.join(dir, "a.json");
  await fs.writeFile(file, "old");
  await writeFileAtomic(file, "new");
  assert.equal(await fs.readFile(file, "utf8"), "new");
  assert.deepEqual(await fs.readdir(dir), ["a.json"]);
  await fs.rm(dir, { recursive: true });
});

test("writeFileAtomic: a given temporary path (another folder, same file system)", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "util-aw-"));
  await fs.mkdir(path.join(dir, ".tmp"));
  await writeFileAtomic(path.join(dir, "b"), new Uint8Array([1, 2, 3]), path.join(dir, ".tmp", "x"));
  assert.deepEqual([...(await fs.readFile(path.join(dir, "b")))], [1, 2, 3]);
  assert.deepEqual(await fs.readdir(path.join(dir, ".tmp")), []);
  await fs.rm(dir, { recursive: true });
});

test("replaceAtomically: a failing writer leaves the old file and no temporary file", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "util-aw-"));
  const file = path.join(dir, "c.txt");
  await fs.writeFile(file, "kept");
  await assert.rejects(
    replaceAtomically(file, async (tmp) => {
      await fs.writeFile(tmp, "half");
      throw new Error("interrupted");
    }),
    /interrupted/,
  );
  assert.equal(await fs.readFile(file, "utf8"), "kept");
  assert.deepEqual(await fs.readdir(dir), ["c.txt"]);
  assert.equal(await replaceAtomically(file, async (tmp) => (await fs.writeFile(tmp, "v2"), 42)), 42);
  assert.equal(await fs.readFile(file, "utf8"), "v2");
  await fs.rm(dir, { recursive: true });
});
