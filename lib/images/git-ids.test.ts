/** A fresh checkout gives every photo a new mtime: git's blob ids spare re-hashing the unmodified ones. */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { gitBlobIds } from "./git-ids.ts";
import { imageCounters, processImages } from "./process.ts";
import { solid } from "../../scripts/lib/photos/index.ts";
import { job, tempDir } from "./testkit.ts";

let repo: string;
let photo: string;
let other: string;
const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { stdio: "pipe" }).toString();

before(async () => {
  repo = await tempDir();
  git("init", "-q");
  git("config", "user.email", "test@example.invalid");
  git("config", "user.name", "test");
  await fs.mkdir(path.join(repo, "content", "照片"), { recursive: true });
  photo = await solid(path.join(repo, "content", "照片", "现场 1.JPG"), 900, 600, [10, 120, 200]);
  other = await solid(path.join(repo, "content", "照片", "b.jpg"), 900, 600, [200, 120, 10]);
  git("add", ".");
  git("commit", "-q", "-m", "photos");
});
after(() => fs.rm(repo, { recursive: true, force: true }));

const withStat = async (files: string[]) =>
  Promise.all(
    files.map(async (f, i) => {
      const s = await fs.stat(f);
      return { ...job(f, i), stat: { size: s.size, mtimeMs: s.mtimeMs } };
    }),
  );
const touchAll = async (files: string[], seconds: number) => {
  const t = new Date(Date.now() + seconds * 1000);
  for (const f of files) await fs.utimes(f, t, t);
};

test("gitBlobIds lists committed, unmodified files by absolute path (Chinese names too)", async () => {
  const ids = await gitBlobIds(path.join(repo, "content"));
  assert.equal(ids?.get(photo), git("rev-parse", `HEAD:content/照片/现场 1.JPG`).trim());
  // Outside a checkout: nothing (every photo is hashed as before).
  assert.equal(await gitBlobIds(await tempDir("not-git-")), undefined);
});

test("after a checkout's new mtimes, unmodified photos are not read again; a modified one is hashed and processed", async () => {
  const cacheDir = path.join(repo, ".cache-images");
  const files = [photo, other];
  const first = await processImages(await withStat(files), { cacheDir });
  assert.equal(first.stats.hashed, 2);
  // A fresh checkout: same bytes, new mtimes (the hash index and last-run.json no longer match).
  await touchAll(files, 10);
  const before = { ...imageCounters };
  const again = await processImages(await withStat(files), { cacheDir });
  assert.equal(again.stats.hashed, 0, "ids from git, no photo read");
  assert.equal(again.stats.cached, 2);
  assert.equal(imageCounters.decoded - before.decoded, 0);
  assert.deepEqual(again.images.get(photo), first.images.get(photo));

  // Edited but not committed: git reports it modified, so its bytes are hashed (and it is new).
  await solid(other, 900, 600, [0, 0, 0]);
  await touchAll([other], 20);
  const edited = await processImages(await withStat(files), { cacheDir });
  assert.equal(edited.stats.hashed, 1);
  assert.equal(edited.stats.processed, 1);
  assert.notEqual(edited.images.get(other)!.hash, first.images.get(other)!.hash);
});
