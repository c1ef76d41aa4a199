import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { applyCharMap, bucketPairs, cachedMap, deriveS2T, deriveT2S, T2S_BUCKETS, writeCharMaps, type CharMap } from "./zh-map.ts";

let t2s: CharMap;
let dir: string;

before(async () => {
  t2s = deriveT2S();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "zh-map-"));
});
after(() => fs.rm(dir, { recursive: true, force: true }));

test("Traditional → Simplified per character: 華羅庚 → 华罗庚, variants of every region", () => {
  assert.equal(applyCharMap(t2s, "華羅庚"), "华罗庚");
  assert.equal(applyCharMap(t2s, "強基鑄魂 立德樹人"), "强基铸魂 立德树人");
  // Taiwan and Hong Kong forms land on the mainland form too.
  assert.equal(applyCharMap(t2s, "臺灣 裡 裏"), "台湾 里 里");
  // Simplified text, digits and Latin letters pass through unchanged.
  assert.equal(applyCharMap(t2s, "华罗庚 2024年 abc"), "华罗庚 2024年 abc");
});

test("the map is compact: a few thousand pairs, tens of KB", () => {
  const pairs = [...t2s.pairs].length / 2;
  const bytes = Buffer.byteLength(JSON.stringify(t2s));
  assert.ok(pairs > 2500 && pairs < 6000, `pairs ${pairs}`);
  assert.ok(bytes > 10_000 && bytes < 60_000, `bytes ${bytes}`);
  assert.equal([...t2s.pairs].length % 2, 0);
});

test("Simplified → Traditional for the 繁體 edition uses the site's variant", () => {
  assert.equal(applyCharMap(deriveS2T("t"), "华罗庚 强基铸魂"), "華羅庚 強基鑄魂");
  assert.equal(applyCharMap(deriveS2T("tw"), "台湾 里面"), "臺灣 裡面");
  assert.equal(applyCharMap(deriveS2T("hk"), "台湾 里面"), "台灣 裏面");
  // The known limit of per-character conversion: one-to-many characters take their commonest form.
  assert.equal(applyCharMap(deriveS2T("t"), "头发"), "頭發");
});

test("maps are cached and written beside the index", async () => {
  let derived = 0;
  const derive = () => {
    derived++;
    return t2s;
  };
  await cachedMap(dir, "zh-t2s", derive);
  await cachedMap(dir, "zh-t2s", derive);
  assert.equal(derived, 1);
  const bundle = path.join(dir, "bundle");
  await fs.mkdir(bundle);
  const written = await writeCharMaps(bundle, { cacheDir: dir });
  assert.deepEqual(Object.keys(written.files), ["zh-t2s.json", ...Array.from({ length: T2S_BUCKETS }, (_, i) => `zh-t2s/${i}.json`)]);
  const onDisk = JSON.parse(await fs.readFile(path.join(bundle, "zh-t2s.json"), "utf8")) as CharMap;
  assert.equal(onDisk.pairs, t2s.pairs);
  // The buckets the search page loads hold every pair once, each in the bucket of its code point.
  let joined = 0;
  for (let i = 0; i < T2S_BUCKETS; i++) {
    const part = [...(JSON.parse(await fs.readFile(path.join(bundle, "zh-t2s", `${i}.json`), "utf8")) as CharMap).pairs];
    for (let k = 0; k < part.length; k += 2) assert.equal(part[k]!.codePointAt(0)! % T2S_BUCKETS, i);
    joined += part.length;
  }
  assert.equal(joined, [...t2s.pairs].length);
  assert.equal(applyCharMap({ ...t2s, pairs: bucketPairs(t2s, T2S_BUCKETS)["華".codePointAt(0)! % T2S_BUCKETS]! }, "華"), "华");
});
