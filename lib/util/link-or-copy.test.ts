import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { linkOrCopy, linkOrCopySync } from "./link-or-copy.ts";

async function setup() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "util-loc-"));
  const from = path.join(dir, "src.bin");
  await fs.writeFile(from, "bytes");
  return { dir, from, to: path.join(dir, "out.bin") };
}

test("linkOrCopy: a hard link; again: existing", async () => {
  const { dir, from, to } = await setup();
  assert.equal(await linkOrCopy(from, to), "linked");
  assert.equal((await fs.stat(to)).ino, (await fs.stat(from)).ino);
  assert.equal(await linkOrCopy(from, to), "existing");
  await fs.rm(dir, { recursive: true });
});

test("linkOrCopy: a different file under the name is replaced (as a link), unless `keep` accepts it", async () => {
  const { dir, from, to } = await setup();
  await fs.writeFile(to, "other");
  assert.equal(await linkOrCopy(from, to, { keep: (a, b) => a.size === b.size }), "existing");
  assert.equal(await fs.readFile(to, "utf8"), "other");
  await fs.writeFile(to, "different size");
  assert.equal(await linkOrCopy(from, to, { keep: (a, b) => a.size === b.size }), "linked");
  assert.equal(await fs.readFile(to, "utf8"), "bytes");
  await fs.rm(to);
  await fs.writeFile(to, "replaced by default");
  assert.equal(await linkOrCopy(from, to), "linked");
  assert.equal((await fs.stat(to)).ino, (await fs.stat(from)).ino);
  assert.deepEqual((await fs.readdir(dir)).sort(), ["out.bin", "src.bin"], "no temporary file left");
  await fs.rm(dir, { recursive: true });
});

test("linkOrCopy: the target's folders are created when missing", async () => {
  const { dir, from } = await setup();
  const to = path.join(dir, "a", "b", "out.bin");
  assert.equal(await linkOrCopy(from, to), "linked");
  assert.equal(await fs.readFile(to, "utf8"), "bytes");
  // Many at once into one missing folder: each either makes it or finds it made.
  const many = Array.from({ length: 20 }, (_, i) => path.join(dir, "c", "d", `f${i}`));
  assert.deepEqual(new Set(await Promise.all(many.map((t) => linkOrCopy(from, t)))), new Set(["linked"]));
  await fs.rm(dir, { recursive: true });
});

test("linkOrCopy: a missing source rejects with ENOENT, also when the target exists", async () => {
  const { dir, to } = await setup();
  await assert.rejects(linkOrCopy(path.join(dir, "nope"), to), { code: "ENOENT" });
  await fs.writeFile(to, "t");
  await assert.rejects(linkOrCopy(path.join(dir, "nope"), to), { code: "ENOENT" });
  await fs.rm(dir, { recursive: true });
});

test("linkOrCopy: copies where no link can be made (another file system)", async (t) => {
  // /dev/shm is a tmpfs on Linux: a link from os.tmpdir() into it fails with EXDEV when they differ.
  const shm = await fs.mkdtemp("/dev/shm/util-loc-").catch(() => undefined);
  const { dir, from } = await setup();
  if (!shm || (await fs.stat(shm)).dev === (await fs.stat(dir)).dev) {
    t.skip("no second file system here");
  } else {
    const to = path.join(shm, "out.bin");
    assert.equal(await linkOrCopy(from, to), "copied");
    assert.equal(await fs.readFile(to, "utf8"), "bytes");
    // The copy is another file: replaced, by a copy again.
    assert.equal(await linkOrCopy(from, to), "copied");
  }
  if (shm) await fs.rm(shm, { recursive: true });
  await fs.rm(dir, { recursive: true });
});

test("linkOrCopySync: a hard link (folders made); the same file again is left; another file under the name is replaced; a missing source throws", async () => {
  const { dir, from } = await setup();
  const to = path.join(dir, "a", "b", "out.bin");
  linkOrCopySync(from, to);
  assert.equal((await fs.stat(to)).ino, (await fs.stat(from)).ino);
  linkOrCopySync(from, to);
  await fs.rm(to);
  await fs.writeFile(to, "other");
  linkOrCopySync(from, to);
  assert.equal(await fs.readFile(to, "utf8"), "bytes");
  assert.equal((await fs.stat(to)).ino, (await fs.stat(from)).ino);
  assert.deepEqual((await fs.readdir(path.dirname(to))).sort(), ["out.bin"], "no temporary file left");
  assert.throws(() => linkOrCopySync(path.join(dir, "missing.bin"), path.join(dir, "c", "x.bin")), { code: "ENOENT" });
  await fs.rm(dir, { recursive: true });
});
