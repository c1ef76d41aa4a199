/** Bad input becomes an issue naming the article and the photo field (Chinese, English, fix): never a crash or a hang. */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import type { ContentIssue } from "../content/issues.ts";
import { TMP_DIR } from "./cache.ts";
import { heicDecodable, imageCounters, processImages } from "./process.ts";
import { sniff } from "./sniff.ts";
import { heicHeader, jpegBombHeader, pngBombHeader, solid } from "../../scripts/lib/photos/index.ts";
import { job, tempDir } from "./testkit.ts";

let dir: string;
let cacheDir: string;
let good: string;
before(async () => {
  dir = await tempDir();
  cacheDir = path.join(dir, "cache");
  good = await solid(path.join(dir, "good.jpg"), 1000, 700, [60, 120, 180]);
  // Warm sharp/libvips up so memory measurements below compare like with like.
  await processImages([job(good)], { cacheDir });
});
after(() => fs.rm(dir, { recursive: true, force: true }));

const ARTICLE = "content/news/jydt/2024/yundonghui/index.md";

/** Processes the bad file next to a good one; returns the bad one's single issue. */
async function refuse(file: string, code: string, opts: Parameters<typeof processImages>[1] = {}): Promise<ContentIssue> {
  const res = await processImages([job(good, 0, ARTICLE), job(file, 3, ARTICLE)], { cacheDir, ...opts });
  assert.ok(res.images.has(good), "the good photo is still processed");
  assert.equal(res.images.has(file), false, "the bad photo has no result");
  assert.equal(res.stats.failed, 1);
  assert.equal(res.issues.length, 1, JSON.stringify(res.issues));
  const i = res.issues[0]!;
  assert.equal(i.severity, "error");
  assert.equal(i.code, code);
  assert.equal(i.file, ARTICLE, "names the article");
  assert.equal(i.field, "photos[3].file", "names the photo field");
  assert.match(i.zh, /[\u4e00-\u9fff]/, "Chinese message");
  assert.match(i.en, /[a-z]{3}/i, "English message");
  assert.match(i.fix, /[\u4e00-\u9fff].* \/ [A-Z]/, "fix in Chinese, then English");
  assert.ok(i.zh.includes(path.basename(file)) || code === "image-missing" || i.zh.includes(path.basename(file)), "names the photo");
  assert.deepEqual(await fs.readdir(path.join(cacheDir, TMP_DIR)), [], "no temp files left");
  return i;
}

describe("refused photos", () => {
  test("missing file", async () => {
    const i = await refuse(path.join(dir, "不存在.JPG"), "image-missing");
    assert.match(i.zh, /找不到/);
    assert.match(i.fix, /大小写/);
  });

  test("a folder where a photo should be", async () => {
    await fs.mkdir(path.join(dir, "folder.jpg"));
    await refuse(path.join(dir, "folder.jpg"), "image-missing");
  });

  test("truncated JPEG: refused as incomplete, re-copy it", async () => {
    const whole = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
      .jpeg({ quality: 90 })
      .toBuffer();
    for (const fraction of [0.6, 0.98]) {
      const file = path.join(dir, `0J7A6917_副本-${fraction}.JPG`);
      await fs.writeFile(file, whole.subarray(0, Math.floor(whole.length * fraction)));
      const i = await refuse(file, "image-truncated");
      assert.match(i.zh, /不完整/);
      assert.match(i.en, /incomplete|truncated/);
      assert.match(i.fix, /重新拷贝/);
      assert.match(i.fix, /[Rr]e-copy/);
    }
  });

  test("a text file named .jpg", async () => {
    const file = path.join(dir, "notes.jpg");
    await fs.writeFile(file, "会议纪要：这不是照片。\nMeeting notes, not a photo.\n");
    const i = await refuse(file, "image-not-image");
    assert.match(i.zh, /不是可用的照片/);
    assert.match(i.zh, /文本/);
  });

  test("a web page saved as .jpg, an empty file, a BMP", async () => {
    const page = path.join(dir, "saved.jpg");
    await fs.writeFile(page, "<!DOCTYPE html><html><head><title>x</title></head><body><img src=a.jpg></body></html>");
    assert.match((await refuse(page, "image-not-image")).zh, /网页/);
    const empty = path.join(dir, "empty.jpg");
    await fs.writeFile(empty, "");
    assert.match((await refuse(empty, "image-not-image")).zh, /空文件/);
    const bmp = path.join(dir, "scan.jpg");
    await fs.writeFile(bmp, Buffer.concat([Buffer.from("BM"), Buffer.alloc(200, 1)]));
    assert.match((await refuse(bmp, "image-not-image")).zh, /BMP/);
  });

  test("HEIC from a phone: detected by its ftyp box, with how to convert", async (t) => {
    if (heicDecodable()) t.skip("this libvips decodes HEIC");
    for (const [name, bytes] of [
      ["IMG_0001.HEIC", heicHeader("heic", ["mif1", "heic"])],
      ["IMG_0002.jpg", heicHeader("mif1", ["mif1", "heic"])],
      ["IMG_0003.heif", heicHeader("mif1", ["mif1"])],
    ] as const) {
      const file = path.join(dir, name);
      await fs.writeFile(file, bytes);
      const i = await refuse(file, "image-heic");
      assert.match(i.zh, /HEIC/);
      assert.match(i.fix, /兼容性最佳/);
      assert.match(i.fix, /JPEG|JPG/);
    }
  });

  test("sniffing tells AVIF (decodable) from HEIC", () => {
    assert.equal(sniff(heicHeader("avif", ["mif1", "avif"])), "avif");
    assert.equal(sniff(heicHeader("mif1", ["mif1", "avif"])), "avif");
    assert.equal(sniff(heicHeader("heix", ["mif1", "heix"])), "heic");
    assert.equal(sniff(heicHeader("crx ", ["crx "])), "cr3");
  });

  for (const kind of ["PNG", "JPEG"] as const) {
    test(`decompression bomb (${kind} header claiming 30000×30000 in a small file): refused, memory stays low`, async () => {
      const bytes = kind === "PNG" ? pngBombHeader(30000, 30000) : await jpegBombHeader(30000, 30000);
      assert.ok(bytes.length < 200_000, `small file (${bytes.length} bytes)`);
      const file = path.join(dir, `bomb.${kind.toLowerCase()}`);
      await fs.writeFile(file, bytes);
      const meta = await sharp(file, { limitInputPixels: false }).metadata();
      assert.equal(meta.width, 30000);
      const rssBefore = process.memoryUsage().rss;
      const decodedBefore = imageCounters.decoded;
      const t0 = performance.now();
      const i = await refuse(file, "image-too-large");
      assert.ok(performance.now() - t0 < 5000, "refused quickly");
      assert.equal(imageCounters.decoded, decodedBefore, "nothing decoded (the good photo is cached, the bomb refused from its header)");
      const grew = process.memoryUsage().rss - rssBefore;
      assert.ok(grew < 64 * 1024 * 1024, `RSS grew by ${(grew / 1048576).toFixed(1)} MB`);
      assert.match(i.zh, /30000×30000/);
      assert.match(i.zh, /900 百万像素/);
      assert.match(i.fix, /6000/);
    });
  }

  test("the pixel limit is an option", async () => {
    const big = await solid(path.join(dir, "two-mp.jpg"), 2000, 1000, [1, 2, 3]);
    const i = await refuse(big, "image-too-large", { maxInputPixels: 1_000_000 });
    assert.match(i.zh, /2000×1000/);
  });

  test("a very long strip cannot become WebP: refused with a hint", async () => {
    const strip = path.join(dir, "strip.png");
    await sharp({ create: { width: 1700, height: 18000, channels: 3, background: "#fff" } })
      .png({ compressionLevel: 1 })
      .toFile(strip);
    const i = await refuse(strip, "image-too-long");
    assert.match(i.fix, /裁剪|分割/);
  });

  test("a photo used by two articles is reported for both", async () => {
    const missing = path.join(dir, "shared-missing.jpg");
    const res = await processImages([job(missing, 0, "content/a/index.md"), job(missing, 2, "content/b/index.md")], { cacheDir });
    assert.deepEqual(
      res.issues.map((i) => `${i.file} ${i.field} ${i.code}`),
      ["content/a/index.md photos[0].file image-missing", "content/b/index.md photos[2].file image-missing"],
    );
  });
});

describe("warnings", () => {
  test("a small photo is processed but warned about", async () => {
    const small = await solid(path.join(dir, "wechat.jpg"), 640, 480, [5, 5, 5]);
    const res = await processImages([job(small, 1, ARTICLE)], { cacheDir });
    assert.ok(res.images.has(small));
    assert.equal(res.issues.length, 1);
    assert.equal(res.issues[0]!.severity, "warning");
    assert.equal(res.issues[0]!.code, "image-small");
    assert.match(res.issues[0]!.zh, /640×480/);
    // Also when it comes from the cache.
    const again = await processImages([job(small, 1, ARTICLE)], { cacheDir });
    assert.equal(again.stats.cached, 1);
    assert.equal(again.issues[0]?.code, "image-small");
  });

  test("a PNG or WebP named .JPG is fine (content decides, not the name)", async () => {
    const png = path.join(dir, "really-png.JPG");
    await sharp({ create: { width: 900, height: 600, channels: 3, background: "#123" } })
      .png()
      .toFile(png);
    const webp = path.join(dir, "wechat-webp.jpg");
    await sharp({ create: { width: 900, height: 600, channels: 3, background: "#321" } })
      .webp()
      .toFile(webp);
    const res = await processImages([job(png), job(webp, 1)], { cacheDir });
    assert.deepEqual(res.issues, []);
    assert.equal(res.images.size, 2);
  });
});
