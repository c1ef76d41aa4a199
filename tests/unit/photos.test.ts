/** The one photo generator (scripts/lib/photos): deterministic, EXIF orientation on request, and the committed demo photos are exactly what it makes. */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import sharp from "sharp";
import { photosOf, readFrontMatter, refsOf } from "../../scripts/generate-demo-photos.ts";
import { cameraJpeg } from "../../scripts/lib/photos/index.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

test("cameraJpeg: the same options give the same bytes; another seed other bytes", async () => {
  const a = await cameraJpeg({ seed: 7, width: 96, height: 64 });
  const b = await cameraJpeg({ seed: 7, width: 96, height: 64 });
  const c = await cameraJpeg({ seed: 8, width: 96, height: 64 });
  assert.ok(a.equals(b));
  assert.ok(!a.equals(c));
});

test("cameraJpeg: EXIF orientation 1 by default, 6 on request (pixels as generated: displayed as a portrait)", async () => {
  const upright = await sharp(await cameraJpeg({ seed: 3, width: 96, height: 64 })).metadata();
  assert.equal(upright.orientation, 1);
  const turned = await sharp(await cameraJpeg({ seed: 3, width: 96, height: 64, orientation: 6 })).metadata();
  assert.equal(turned.orientation, 6);
  assert.deepEqual([turned.width, turned.height, turned.autoOrient?.width, turned.autoOrient?.height], [96, 64, 64, 96]);
  await assert.rejects(cameraJpeg({ seed: 3, width: 96, height: 64, orientation: 9 }), /orientation/);
});

test("the committed demo photos are byte-identical to what the generator makes", async () => {
  const contentDir = path.join(ROOT, "content");
  const md = path.join(contentDir, "news", "jydt", "jiaoyu-gongzuo-huiyi", "index.md");
  const data = readFrontMatter(await fs.readFile(md, "utf8"));
  assert.ok(data);
  const problems: string[] = [];
  const planned = photosOf(refsOf(data, "content/news/jydt/jiaoyu-gongzuo-huiyi/index.md", path.dirname(md)), contentDir, false, problems);
  assert.deepEqual(problems, []);
  assert.ok(planned.length >= 1);
  for (const { target, options } of planned.slice(0, 2)) {
    const committed = await fs.readFile(target);
    assert.ok((await cameraJpeg(options)).equals(committed), `${path.relative(ROOT, target)} differs from the generator's output`);
  }
});
