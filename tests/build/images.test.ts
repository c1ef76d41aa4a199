/**
 * The image stage across rebuilds: a rebuild carries the previous img/ folder over instead of
 * linking every variant again, drops what the site no longer uses, and repairs a cache whose
 * variant files were deleted by hand — the published site always references only files it has.
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { article, fixture, jpeg, type Fixture } from "../helpers/fixture.ts";

/** Every /img/ file the HTML pages reference, relative to the output. */
async function referencedImages(out: string): Promise<Set<string>> {
  const refs = new Set<string>();
  for (const rel of await fs.readdir(out, { recursive: true })) {
    if (!rel.endsWith(".html")) continue;
    const html = await fs.readFile(path.join(out, rel), "utf8");
    for (const m of html.matchAll(/\/img\/([0-9a-f]{16}-\d+\.(?:webp|jpg|avif))/g)) refs.add(m[1]!);
  }
  return refs;
}

const imgFiles = async (out: string) => (await fs.readdir(path.join(out, "img"))).sort();

describe("images across rebuilds", () => {
  let site: Fixture;
  before(async () => {
    site = await fixture({
      "content/news/jydt/huiyi/index.md": article({ title: "会议", date: "2024-07-12", source: "办公室", photos: [{ file: "IMG_1.JPG", caption: "现场" }] }),
      "content/news/jydt/huiyi/IMG_1.JPG": await jpeg(1200, 800, [200, 30, 30]),
      "content/news/tpxw/huodong/index.md": article({ title: "活动", date: "2024-07-10", source: "办公室", photos: [{ file: "现场照片.jpg", caption: "活动" }] }),
      "content/news/tpxw/huodong/现场照片.jpg": await jpeg(1000, 700, [30, 200, 30]),
    });
    await site.build();
    assert.ifError(site.error);
  });
  after(() => site.cleanup());

  test("the first build publishes exactly the referenced variants", async () => {
    const refs = await referencedImages(site.out);
    assert.ok(refs.size >= 4);
    assert.deepEqual(await imgFiles(site.out), [...refs].sort());
  });

  test("a no-change rebuild processes nothing and moves the previous img/ folder over (no re-linking)", async () => {
    const before = await fs.stat(path.join(site.out, "img"));
    const files = await imgFiles(site.out);
    await site.build();
    assert.ifError(site.error);
    const stats = site.result!.imageStats!;
    assert.equal(stats.processed, 0);
    assert.equal(stats.cached, 2);
    assert.equal((await fs.stat(path.join(site.out, "img"))).ino, before.ino, "the same folder, renamed into the new output");
    assert.deepEqual(await imgFiles(site.out), files);
    assert.deepEqual((await fs.readdir(site.root)).sort(), [".cache", "_site", "content"], "no temporary or old folder left");
  });

  test("a variant deleted from the published img/ by hand is put back by the next build", async () => {
    await site.build(); // records what img/ holds
    assert.ifError(site.error);
    const files = await imgFiles(site.out);
    await fs.rm(path.join(site.out, "img", files[0]!));
    await site.build();
    assert.ifError(site.error);
    assert.deepEqual(await imgFiles(site.out), files);
  });

  test("a removed article's variants leave img/; a new photo's arrive", async () => {
    await fs.rm(path.join(site.root, "content/news/tpxw/huodong"), { recursive: true });
    await site.write("content/news/jydt/xin/index.md", article({ title: "新", date: "2024-07-20", source: "办公室", photos: [{ file: "b.jpg", caption: "新照片" }] }));
    await site.write("content/news/jydt/xin/b.jpg", await jpeg(900, 600, [30, 30, 200]));
    await site.build();
    assert.ifError(site.error);
    assert.deepEqual(await imgFiles(site.out), [...(await referencedImages(site.out))].sort());
  });

  test("variants deleted from the cache by hand are made again, even with no previous output", async () => {
    const cache = path.join(site.root, ".cache", "images");
    const variants = [...(await referencedImages(site.out))].sort();
    for (const n of variants.slice(0, 3)) await fs.rm(path.join(cache, n));
    await fs.rm(site.out, { recursive: true });
    await site.build();
    assert.ifError(site.error);
    assert.ok(site.result!.imageStats!.processed >= 1, "reprocessed");
    assert.deepEqual(await imgFiles(site.out), [...(await referencedImages(site.out))].sort());
    for (const n of variants.slice(0, 3)) assert.ok(await fs.stat(path.join(cache, n)), `${n} is back in the cache`);
  });
});
