/** The content-addressed cache: hits never decode, the index avoids hashing, writes are atomic, publishing is idempotent. */
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import { cacheKey, cleanTemp, forgetImages, HashIndex, ManifestIndex, MANIFESTS_FILE, pruneCache, TMP_DIR, variantName } from "./cache.ts";
import { pixelFingerprint, resolveImageOptions } from "./options.ts";
import { imageCounters, MissingVariantsError, processImages, publishImages } from "./process.ts";
import { solid } from "../../scripts/lib/photos/index.ts";
import { job, listFiles, tempDir } from "./testkit.ts";
import type { Progress } from "./types.ts";

let dir: string;
let photos: string[];
let cacheDir: string;

before(async () => {
  dir = await tempDir();
  await fs.mkdir(path.join(dir, "photos"));
  photos = await Promise.all(Array.from({ length: 5 }, (_, i) => solid(path.join(dir, "photos", `IMG_${i}.JPG`), 900 + i * 100, 600, [i * 50, 100, 200 - i * 30])));
});
after(() => fs.rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  cacheDir = await fs.mkdtemp(path.join(dir, "cache-"));
});

const jobs = () => photos.map((p, i) => job(p, i));
const snapshot = () => ({ ...imageCounters });
const sha256 = async (file: string) =>
  crypto
    .createHash("sha256")
    .update(await fs.readFile(file))
    .digest("hex");

/** Only manifests, variants, the index and an empty temp folder: nothing half-written. */
async function assertClean(folder: string): Promise<void> {
  const files = await listFiles(folder);
  for (const f of files) assert.match(f, /^(?:[0-9a-f]{64}\.json|[0-9a-f]{16}-\d+\.(?:webp|jpg|avif)|(?:index|manifests|last-run)\.json)$/, `unexpected file in cache: ${f}`);
  assert.deepEqual(await fs.readdir(path.join(folder, TMP_DIR)), [], "temp folder is empty");
}

describe("cache hits", () => {
  test("a second run processes nothing, decodes nothing and hashes nothing", async () => {
    const first = await processImages(jobs(), { cacheDir });
    assert.equal(first.stats.processed, 5);
    assert.equal(first.stats.cached, 0);
    const before = snapshot();
    const second = await processImages(jobs(), { cacheDir });
    assert.equal(second.stats.cached, 5);
    assert.equal(second.stats.processed, 0);
    assert.equal(second.stats.hashed, 0);
    assert.equal(imageCounters.decoded - before.decoded, 0, "nothing decoded");
    assert.equal(imageCounters.hashed - before.hashed, 0, "nothing hashed");
    assert.deepEqual([...second.images.entries()], [...first.images.entries()], "same results from the manifests");
    await assertClean(cacheDir);
  });

  test("the index is trusted for unchanged (path, size, mtime): the file is not even read", async () => {
    const victim = photos[2]!;
    const when = 1_700_000_000; // whole seconds, so the mtime can be restored exactly
    await fs.utimes(victim, when, when);
    await processImages(jobs(), { cacheDir });
    // Same size and mtime but unreadable bytes: only a decode or a hash would notice.
    const original = await fs.readFile(victim);
    try {
      await fs.writeFile(victim, Buffer.alloc(original.length, 0x41));
      await fs.utimes(victim, when, when);
      const before = snapshot();
      const res = await processImages(jobs(), { cacheDir });
      assert.equal(res.stats.cached, 5);
      assert.equal(imageCounters.decoded - before.decoded, 0);
      assert.equal(imageCounters.hashed - before.hashed, 0);
    } finally {
      await fs.writeFile(victim, original);
    }
  });

  test("without the index every photo is hashed once, still nothing decoded", async () => {
    await processImages(jobs(), { cacheDir });
    await fs.rm(path.join(cacheDir, "index.json"));
    const before = snapshot();
    const res = await processImages(jobs(), { cacheDir });
    assert.equal(res.stats.cached, 5);
    assert.equal(res.stats.hashed, 5);
    assert.equal(imageCounters.decoded - before.decoded, 0);
    const again = await processImages(jobs(), { cacheDir });
    assert.equal(again.stats.hashed, 0, "index rewritten");
  });

  test("a touched photo (new mtime, same bytes) is re-hashed but not decoded; changed bytes are processed", async () => {
    await processImages(jobs(), { cacheDir });
    const later = new Date(Date.now() + 5000);
    await fs.utimes(photos[0]!, later, later);
    let before = snapshot();
    let res = await processImages(jobs(), { cacheDir });
    assert.equal(res.stats.hashed, 1);
    assert.equal(res.stats.cached, 5);
    assert.equal(imageCounters.decoded - before.decoded, 0);

    const changed = path.join(dir, "photos", "changed.jpg");
    await solid(changed, 800, 600, [1, 2, 3]);
    const first = await processImages([job(changed)], { cacheDir });
    await solid(changed, 800, 600, [200, 2, 3]);
    before = snapshot();
    res = await processImages([job(changed)], { cacheDir });
    assert.equal(res.stats.processed, 1);
    assert.equal(imageCounters.decoded - before.decoded, 1);
    assert.notEqual(res.images.get(changed)!.hash, first.images.get(changed)!.hash);
  });

  test("the key is sha256 of the bytes plus the options that change pixels", async () => {
    const res = await processImages(jobs().slice(0, 1), { cacheDir });
    const opts = resolveImageOptions({ cacheDir });
    const key = cacheKey(await sha256(photos[0]!), pixelFingerprint(opts));
    assert.equal(res.images.get(photos[0]!)!.hash, key);
    assert.deepEqual(JSON.parse(await fs.readFile(path.join(cacheDir, `${key}.json`), "utf8")).variants, res.images.get(photos[0]!)!.variants);
    // Quality changes the key; cacheDir, concurrency and the pixel limit do not.
    assert.notEqual(pixelFingerprint(resolveImageOptions({ quality: { webp: 70 } })), pixelFingerprint(opts));
    assert.equal(pixelFingerprint(resolveImageOptions({ concurrency: 7, maxInputPixels: 5, cacheDir: "/x" })), pixelFingerprint(opts));
    // AVIF quality only matters when AVIF is produced.
    assert.equal(pixelFingerprint(resolveImageOptions({ quality: { avif: 30 } })), pixelFingerprint(opts));
    const before = snapshot();
    const requal = await processImages(jobs().slice(0, 1), { cacheDir, quality: { webp: 60 } });
    assert.equal(requal.stats.processed, 1);
    assert.equal(imageCounters.decoded - before.decoded, 1);
  });

  test("identical bytes under two names are decoded once and share variants", async () => {
    const copy = path.join(dir, "photos", "副本 copy.JPG");
    await fs.copyFile(photos[1]!, copy);
    const before = snapshot();
    const res = await processImages([job(photos[1]!, 0), job(copy, 1, "content/other/index.md")], { cacheDir, concurrency: 2 });
    assert.equal(imageCounters.decoded - before.decoded, 1);
    assert.equal(res.images.get(copy)!.hash, res.images.get(photos[1]!)!.hash);
  });

  test("manifests.json answers a rebuild without reading any per-photo manifest or listing the cache", async () => {
    const first = await processImages(jobs(), { cacheDir });
    const index = await ManifestIndex.load(cacheDir);
    assert.equal(index.size, 5);
    for (const [source, img] of first.images) assert.deepEqual(index.get(img.hash), img, source);
    // Per-photo manifests gone: still all cached, from the one file.
    for (const img of first.images.values()) await fs.rm(path.join(cacheDir, `${img.hash}.json`));
    const before = snapshot();
    const res = await processImages(jobs(), { cacheDir });
    assert.equal(res.stats.cached, 5);
    assert.equal(imageCounters.decoded - before.decoded, 0);
    assert.deepEqual([...res.images.entries()], [...first.images.entries()]);
  });

  test("given the content stage's stat, a no-change run reads last-run.json only: no index, no manifests, no hashing", async () => {
    const withStat = async () =>
      Promise.all(
        jobs().map(async (j) => {
          const s = await fs.stat(j.source);
          return { ...j, stat: { size: s.size, mtimeMs: s.mtimeMs } };
        }),
      );
    const first = await processImages(await withStat(), { cacheDir });
    assert.equal(first.stats.processed, 5);
    await fs.rm(path.join(cacheDir, "index.json"));
    await fs.rm(path.join(cacheDir, MANIFESTS_FILE));
    const before = snapshot();
    const again = await processImages(await withStat(), { cacheDir });
    assert.equal(again.stats.cached, 5);
    assert.equal(imageCounters.decoded - before.decoded, 0);
    assert.equal(imageCounters.hashed - before.hashed, 0);
    assert.deepEqual([...again.images.entries()], [...first.images.entries()]);
    assert.equal(await fs.stat(path.join(cacheDir, "index.json")).catch(() => null), null, "the index was not needed");
    // A touched photo misses the snapshot and takes the index path (re-hashed, not decoded).
    const later = new Date(Date.now() + 7000);
    await fs.utimes(photos[1]!, later, later);
    const touched = await processImages(await withStat(), { cacheDir });
    assert.equal(touched.stats.hashed, 1);
    assert.equal(touched.stats.cached, 5);
    assert.equal(imageCounters.decoded - before.decoded, 0);
    // Other pixel options: the snapshot does not apply.
    const requal = await processImages(await withStat(), { cacheDir, quality: { webp: 61 } });
    assert.equal(requal.stats.processed, 5);
  });

  test("a small photo keeps its warning on every no-change run (the one-file path never drops issues)", async () => {
    const small = await solid(path.join(dir, "photos", "small.jpg"), 600, 400, [5, 5, 5]);
    const s = await fs.stat(small);
    const jobsWithSmall = [{ ...job(small, 0), stat: { size: s.size, mtimeMs: s.mtimeMs } }];
    for (let i = 0; i < 2; i++) {
      const res = await processImages(jobsWithSmall, { cacheDir });
      assert.deepEqual(
        res.issues.map((x) => x.code),
        ["image-small"],
        `run ${i + 1}`,
      );
    }
  });

  test("without manifests.json (older cache) the per-photo manifests answer, and the file is rebuilt", async () => {
    await processImages(jobs(), { cacheDir });
    await fs.rm(path.join(cacheDir, MANIFESTS_FILE));
    const before = snapshot();
    const res = await processImages(jobs(), { cacheDir });
    assert.equal(res.stats.cached, 5);
    assert.equal(imageCounters.decoded - before.decoded, 0);
    assert.equal((await ManifestIndex.load(cacheDir)).size, 5);
  });

  test("a variant deleted from the cache: publishing names it; once forgotten, the photo is processed again", async () => {
    const first = await processImages(jobs(), { cacheDir });
    const img = first.images.get(photos[3]!)!;
    const lost = img.variants[2]!.name;
    await fs.rm(path.join(cacheDir, lost));
    const out = path.join(dir, "_site-lost", "img");
    await assert.rejects(publishImages(first.images.values(), cacheDir, out), (e: unknown) => e instanceof MissingVariantsError && e.names.join() === lost);
    await forgetImages(cacheDir, [img.hash]);
    const res = await processImages(jobs(), { cacheDir });
    assert.equal(res.stats.processed, 1);
    assert.equal(res.stats.cached, 4);
    assert.deepEqual(res.images.get(photos[3]!), img, "same names: pages already rendered stay valid");
    await publishImages(res.images.values(), cacheDir, out);
    await assertClean(cacheDir);
  });

  test("a damaged manifest or index is treated as missing, never as a crash", async () => {
    const first = await processImages(jobs(), { cacheDir });
    await fs.writeFile(path.join(cacheDir, `${first.images.get(photos[0]!)!.hash}.json`), "{ half-writ");
    await fs.writeFile(path.join(cacheDir, "index.json"), "[");
    await fs.writeFile(path.join(cacheDir, MANIFESTS_FILE), '{ "v": 1, "entries": { "x": [1, ');
    const res = await processImages(jobs(), { cacheDir });
    assert.equal(res.stats.processed, 1);
    assert.equal(res.stats.cached, 4);
    assert.equal(res.issues.length, 0);
  });
});

describe("atomic writes", () => {
  test("no temporary file is left; leftovers of dead builds are removed", async () => {
    await fs.mkdir(path.join(cacheDir, TMP_DIR), { recursive: true });
    // A process id that cannot be alive (above pid_max on Linux).
    const stale = path.join(cacheDir, TMP_DIR, "99999999-0-abcdef-deadbeefdeadbeef-960.webp");
    await fs.writeFile(stale, "half");
    await processImages(jobs(), { cacheDir, concurrency: 3 });
    await assertClean(cacheDir);
  });

  test("when a write fails mid-photo, no manifest is recorded and no temp file remains", async () => {
    const opts = resolveImageOptions({ cacheDir });
    const key = cacheKey(await sha256(photos[4]!), pixelFingerprint(opts));
    // The 480 px JPEG is written last; make its final name impossible to take.
    const blocker = path.join(cacheDir, variantName(key, 480, "jpeg"));
    await fs.mkdir(path.join(blocker, "x"), { recursive: true });
    const res = await processImages(jobs(), { cacheDir });
    assert.equal(res.stats.processed, 4);
    assert.equal(res.stats.failed, 1);
    assert.equal(res.images.has(photos[4]!), false);
    const problem = res.issues.find((i) => i.field === "photos[4].file");
    assert.equal(problem?.code, "image-write-failed");
    assert.equal(await fs.stat(path.join(cacheDir, `${key}.json`)).catch(() => null), null, "no manifest");
    assert.deepEqual(await fs.readdir(path.join(cacheDir, TMP_DIR)), []);
    await fs.rm(blocker, { recursive: true });
    const retry = await processImages(jobs(), { cacheDir });
    assert.equal(retry.stats.processed, 1);
    assert.equal(retry.stats.cached, 4);
    await assertClean(cacheDir);
  });

  test("cleanTemp keeps the temp files of a live build", async () => {
    await fs.mkdir(path.join(cacheDir, TMP_DIR), { recursive: true });
    const mine = path.join(cacheDir, TMP_DIR, `${process.pid}-1-aaaaaa-x.webp`);
    const dead = path.join(cacheDir, TMP_DIR, "99999999-1-aaaaaa-x.webp");
    await fs.writeFile(mine, "");
    await fs.writeFile(dead, "");
    await cleanTemp(cacheDir);
    assert.deepEqual(await fs.readdir(path.join(cacheDir, TMP_DIR)), [path.basename(mine)]);
  });

  test("the index round-trips and is written atomically", async () => {
    const index = await HashIndex.load(cacheDir);
    index.set("/a/b.jpg", 10, 123.5, "f".repeat(64));
    await fs.mkdir(path.join(cacheDir, TMP_DIR), { recursive: true });
    await index.save(cacheDir);
    const again = await HashIndex.load(cacheDir);
    assert.equal(again.lookup("/a/b.jpg", 10, 123.5), "f".repeat(64));
    assert.equal(again.lookup("/a/b.jpg", 11, 123.5), undefined);
    assert.equal(again.lookup("/a/b.jpg", 10, 124), undefined);
    assert.deepEqual(await fs.readdir(path.join(cacheDir, TMP_DIR)), []);
  });
});

describe("publishing", () => {
  test("hard links into the output folder; idempotent; works again after the output folder is deleted, without decoding", async () => {
    const out = path.join(dir, "_site", "img");
    const first = await processImages(jobs(), { cacheDir });
    const counts = await publishImages(first.images.values(), cacheDir, out);
    const names = [...first.images.values()].flatMap((i) => i.variants.map((v) => v.name)).sort();
    assert.deepEqual(await listFiles(out), names);
    assert.equal(counts.linked, names.length);
    const v = first.images.get(photos[0]!)!.variants[0]!;
    const [a, b] = await Promise.all([fs.stat(path.join(cacheDir, v.name)), fs.stat(path.join(out, v.name))]);
    assert.equal(a.ino, b.ino, "hard link, not a copy");
    const again = await publishImages(first.images.values(), cacheDir, out);
    assert.equal(again.existing, names.length);

    await fs.rm(path.join(dir, "_site"), { recursive: true });
    const before = snapshot();
    const second = await processImages(jobs(), { cacheDir });
    assert.equal(imageCounters.decoded - before.decoded, 0);
    await publishImages(second.images.values(), cacheDir, out);
    assert.deepEqual(await listFiles(out), names);
  });

  test("reusing the previous img/: only new variants are linked into it; what is no longer used is listed", async () => {
    const previous = path.join(dir, "_site-prev", "img");
    const all = await processImages(jobs(), { cacheDir });
    await publishImages(all.images.values(), cacheDir, previous);
    await fs.writeFile(path.join(previous, "notes.txt"), "not a variant");
    const fresh = path.join(dir, "_site-tmp", "img");
    // Photo 0 dropped, a new photo added.
    const added = await solid(path.join(dir, "photos", "new.jpg"), 1000, 700, [9, 9, 9]);
    const next = await processImages([...jobs().slice(1), job(added, 9)], { cacheDir });
    const result = await publishImages(next.images.values(), cacheDir, fresh, { reuse: previous });
    assert.equal(result.dir, previous);
    assert.equal(result.linked, next.images.get(added)!.variants.length);
    assert.equal(result.existing, 4 * 8);
    assert.deepEqual(
      result.unused.sort(),
      all.images
        .get(photos[0]!)!
        .variants.map((v) => v.name)
        .sort(),
      "photo 0's variants, never other files",
    );
    assert.equal(await fs.stat(fresh).catch(() => null), null, "nothing written into the fresh output");
    // No previous folder: a normal publish into the fresh output.
    const plain = await publishImages(next.images.values(), cacheDir, fresh, { reuse: path.join(dir, "nowhere") });
    assert.equal(plain.dir, fresh);
    assert.equal(plain.linked, 5 * 8);
  });

  test("a missing cache file is a clear error", async () => {
    const first = await processImages(jobs().slice(0, 1), { cacheDir });
    const img = first.images.get(photos[0]!)!;
    await fs.rm(path.join(cacheDir, img.variants[0]!.name));
    await assert.rejects(publishImages([img], cacheDir, path.join(dir, "_site2")), /缺少|missing/);
  });

  test("pruneCache keeps what is used and only removes its own kind of files", async () => {
    const all = await processImages(jobs(), { cacheDir });
    await fs.writeFile(path.join(cacheDir, "README.txt"), "not ours");
    const keep = [all.images.get(photos[0]!)!];
    const removed = await pruneCache(cacheDir, keep);
    assert.equal(removed, 4 * 9, "4 photos × (8 variants + manifest)");
    const left = await listFiles(cacheDir);
    assert.ok(left.includes("README.txt"));
    assert.ok(left.includes("index.json"));
    const res = await processImages(jobs().slice(0, 1), { cacheDir });
    assert.equal(res.stats.cached, 1);
    assert.equal((await ManifestIndex.load(cacheDir)).size, 1, "manifests.json keeps only what is used");
  });
});

describe("progress and concurrency", () => {
  test("onProgress is called once per distinct photo, in order of completion, ending at total", async () => {
    const events: Progress[] = [];
    const dup = [...jobs(), job(photos[0]!, 9, "content/other/index.md")];
    const res = await processImages(dup, { cacheDir, concurrency: 2 }, (p) => events.push(p));
    assert.equal(res.stats.total, 5);
    assert.equal(events.length, 5);
    assert.deepEqual(
      events.map((e) => e.done),
      [1, 2, 3, 4, 5],
    );
    assert.ok(events.every((e) => e.total === 5 && e.outcome === "processed"));
    assert.equal(events.at(-1)!.toProcess, 5);
    const cachedEvents: Progress[] = [];
    await processImages(jobs(), { cacheDir }, (p) => cachedEvents.push(p));
    assert.ok(cachedEvents.every((e) => e.outcome === "cached"));
    assert.equal(cachedEvents.at(-1)!.toProcess, 0);
  });

  for (const concurrency of [1, 4]) {
    test(`concurrency ${concurrency} gives the same result`, async () => {
      const res = await processImages(jobs(), { cacheDir, concurrency });
      assert.equal(res.stats.processed, 5);
      assert.equal(res.images.size, 5);
      await assertClean(cacheDir);
    });
  }
});
