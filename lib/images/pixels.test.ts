/** Correct pixels: ladder without upscaling, EXIF orientation, colour spaces, 16-bit, alpha, metadata stripped. */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { processImages } from "./process.ts";
import { orientedFixture, QUADRANTS, solid, tiff16 } from "../../scripts/lib/photos/index.ts";
import { job, near, pixel, tempDir } from "./testkit.ts";
import type { ProcessedImage } from "./types.ts";

let dir: string;
let cacheDir: string;
before(async () => {
  dir = await tempDir();
  cacheDir = path.join(dir, "cache");
});
after(() => fs.rm(dir, { recursive: true, force: true }));

async function processOne(source: string, opts: Parameters<typeof processImages>[1] = {}): Promise<ProcessedImage> {
  const res = await processImages([job(source)], { cacheDir, ...opts });
  assert.deepEqual(
    res.issues.filter((i) => i.severity === "error"),
    [],
  );
  const img = res.images.get(source);
  assert.ok(img, "image processed");
  return img;
}

const file = (img: ProcessedImage, format: string, width?: number): string => {
  const v = img.variants.filter((x) => x.format === format && (width === undefined || x.width === width)).sort((a, b) => b.width - a.width)[0];
  assert.ok(v, `variant ${format} ${width ?? "largest"}`);
  return path.join(cacheDir, v.name);
};

describe("width ladder", () => {
  test("a wide photo gets 480/720/960/1600 in WebP and JPEG, heights in proportion", async () => {
    const img = await processOne(await solid(path.join(dir, "wide.jpg"), 2400, 1600, [90, 120, 200]));
    assert.equal(img.width, 2400);
    assert.equal(img.height, 1600);
    assert.deepEqual(
      img.variants.map((v) => `${v.format}:${v.width}x${v.height}`),
      ["webp:480x320", "webp:720x480", "webp:960x640", "webp:1600x1067", "jpeg:480x320", "jpeg:720x480", "jpeg:960x640", "jpeg:1600x1067"],
    );
    for (const v of img.variants) {
      const meta = await sharp(path.join(cacheDir, v.name)).metadata();
      assert.equal(meta.format, v.format);
      assert.equal(meta.width, v.width);
      assert.equal(meta.height, v.height);
      assert.equal((await fs.stat(path.join(cacheDir, v.name))).size, v.bytes);
      assert.match(v.name, /^[0-9a-f]{16}-\d+\.(webp|jpg)$/);
    }
  });

  test("never upscaled: a 1200 px photo tops out at 1200, a 300 px photo has one rung", async () => {
    const mid = await processOne(await solid(path.join(dir, "mid.png"), 1200, 800, [10, 20, 30], "png"));
    assert.deepEqual([...new Set(mid.variants.map((v) => v.width))], [480, 720, 960, 1200]);
    const small = await processOne(await solid(path.join(dir, "small.jpg"), 300, 200, [10, 20, 30]));
    assert.deepEqual(
      small.variants.map((v) => `${v.format}:${v.width}x${v.height}`),
      ["webp:300x200", "jpeg:300x200"],
    );
    const exact = await processOne(await solid(path.join(dir, "exact.jpg"), 960, 640, [10, 20, 30]));
    assert.deepEqual([...new Set(exact.variants.map((v) => v.width))], [480, 720, 960]);
  });

  test("the ladder follows the upright width of a photo shot in portrait (EXIF orientation 6)", async () => {
    const source = path.join(dir, "portrait.jpg");
    await sharp({ create: { width: 2000, height: 1000, channels: 3, background: "#357" } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toFile(source);
    const img = await processOne(source);
    assert.equal(img.width, 1000);
    assert.equal(img.height, 2000);
    assert.deepEqual(
      img.variants.filter((v) => v.format === "jpeg").map((v) => `${v.width}x${v.height}`),
      ["480x960", "720x1440", "960x1920", "1000x2000"],
    );
  });

  test("AVIF is produced when asked for", async () => {
    const img = await processOne(await solid(path.join(dir, "avif-src.jpg"), 500, 300, [200, 100, 50]), { formats: ["avif", "webp", "jpeg"] });
    assert.deepEqual([...new Set(img.variants.map((v) => v.format))], ["avif", "webp", "jpeg"]);
    const meta = await sharp(file(img, "avif")).metadata();
    assert.equal(meta.format, "heif");
    assert.equal(meta.compression, "av1");
  });
});

describe("EXIF orientation", () => {
  for (let k = 1; k <= 8; k++) {
    test(`orientation ${k}: upright 64×48 output with the right corner colours`, async () => {
      const source = await orientedFixture(path.join(dir, `orient-${k}.jpg`), k);
      const stored = await sharp(source).metadata();
      assert.equal(stored.orientation, k);
      assert.equal(stored.width, k >= 5 ? 48 : 64);
      const img = await processOne(source);
      assert.equal(img.width, 64);
      assert.equal(img.height, 48);
      for (const format of ["webp", "jpeg"]) {
        const out = file(img, format);
        const meta = await sharp(out).metadata();
        assert.equal(meta.width, 64, `${format} width`);
        assert.equal(meta.height, 48, `${format} height`);
        assert.equal(meta.orientation, undefined, "no orientation tag left to apply twice");
        const corners: [number, number, number[]][] = [
          [3, 3, QUADRANTS.tl],
          [60, 3, QUADRANTS.tr],
          [3, 44, QUADRANTS.bl],
          [60, 44, QUADRANTS.br],
        ];
        for (const [x, y, want] of corners) {
          const got = await pixel(out, x, y);
          assert.ok(near(got, want, 60), `${format} orientation ${k} pixel (${x},${y}) = ${got}, want ${want}`);
        }
      }
    });
  }
});

describe("colour and depth", () => {
  test("a CMYK JPEG becomes sRGB with about the same colour", async () => {
    const source = path.join(dir, "cmyk.jpg");
    await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 40, b: 40 } } })
      .toColourspace("cmyk")
      .jpeg()
      .toFile(source);
    assert.equal((await sharp(source).metadata()).space, "cmyk");
    const img = await processOne(source);
    for (const format of ["webp", "jpeg"]) {
      const out = file(img, format);
      const meta = await sharp(out).metadata();
      assert.equal(meta.space, "srgb");
      assert.equal(meta.channels, 3);
      const px = await pixel(out, 32, 32);
      assert.ok(near(px, [200, 40, 40], 45), `${format} CMYK→sRGB pixel ${px}`);
    }
  });

  test("a photo with an embedded Display P3 profile is converted to sRGB (not just untagged)", async () => {
    const source = path.join(dir, "p3.jpg");
    await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 200, g: 100, b: 50 } } })
      .withIccProfile("p3")
      .jpeg({ quality: 100 })
      .toFile(source);
    const stored = await pixel(await sharp(source, { ignoreIcc: true }).png().toBuffer(), 5, 5);
    assert.ok(!near(stored, [200, 100, 50], 6), `fixture stores P3 values ${stored}`);
    const img = await processOne(source);
    for (const format of ["webp", "jpeg"]) {
      const out = file(img, format);
      assert.equal((await sharp(out).metadata()).icc, undefined);
      const px = await pixel(out, 5, 5);
      assert.ok(near(px, [200, 100, 50], 6), `${format} P3→sRGB ${px}`);
    }
  });

  test("a grey-scale photo is written as ordinary sRGB", async () => {
    const source = path.join(dir, "grey.jpg");
    await sharp({ create: { width: 40, height: 30, channels: 3, background: "#808080" } })
      .toColourspace("b-w")
      .jpeg()
      .toFile(source);
    const img = await processOne(source);
    const px = await pixel(file(img, "jpeg"), 10, 10);
    assert.ok(near(px, [128, 128, 128], 8), `grey ${px}`);
  });

  for (const format of ["png", "tiff"] as const) {
    test(`a 16-bit ${format.toUpperCase()} becomes 8-bit with the right colour`, async () => {
      const source = path.join(dir, `deep.${format}`);
      if (format === "png")
        await sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 30, g: 160, b: 220 } } })
          .toColourspace("rgb16")
          .png()
          .toFile(source);
      else await fs.writeFile(source, tiff16(80, 60, [30 * 257, 160 * 257, 220 * 257]));
      assert.equal((await sharp(source).metadata()).depth, "ushort");
      const img = await processOne(source);
      for (const out of [file(img, "webp"), file(img, "jpeg")]) {
        const meta = await sharp(out).metadata();
        assert.equal(meta.depth, "uchar");
        const px = await pixel(out, 40, 30);
        assert.ok(near(px, [30, 160, 220], 12), `16-bit → ${px}`);
      }
    });
  }

  test("alpha: flattened on white in JPEG, kept in WebP", async () => {
    const w = 40;
    const h = 20;
    const rgba = Buffer.alloc(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgba.set(x < w / 2 ? [220, 20, 20, 255] : [0, 0, 0, 0], (y * w + x) * 4);
    const source = path.join(dir, "alpha.png");
    await sharp(rgba, { raw: { width: w, height: h, channels: 4 } })
      .png()
      .toFile(source);
    const img = await processOne(source);
    const jpeg = file(img, "jpeg");
    assert.equal((await sharp(jpeg).metadata()).hasAlpha, false);
    assert.ok(near(await pixel(jpeg, 35, 10), [255, 255, 255], 12), "transparent → white in JPEG");
    assert.ok(near(await pixel(jpeg, 5, 10), [220, 20, 20], 30), "opaque stays red in JPEG");
    const webp = file(img, "webp");
    assert.equal((await sharp(webp).metadata()).hasAlpha, true);
    assert.equal((await pixel(webp, 35, 10))[3], 0, "transparent stays transparent in WebP");
    assert.equal((await pixel(webp, 5, 10))[3], 255);
  });
});

describe("metadata", () => {
  test("EXIF (camera, GPS), XMP and ICC are stripped from every variant", async () => {
    const source = path.join(dir, "gps.jpg");
    await sharp({ create: { width: 600, height: 400, channels: 3, background: "#6a8" } })
      .withExif({
        IFD0: { Make: "Canon", Model: "Canon EOS R6", Artist: "摄影 张三" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "31/1 14/1 2/1", GPSLongitudeRef: "E", GPSLongitude: "121/1 28/1 3/1" },
      })
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="张三"/></rdf:RDF></x:xmpmeta>',
      )
      .withIccProfile("p3")
      .jpeg()
      .toFile(source);
    const src = await sharp(source).metadata();
    assert.ok(src.exif && src.exif.includes("Canon"), "fixture has EXIF");
    assert.ok(src.exif.includes("GPS") || src.exif.length > 100, "fixture has GPS");
    assert.ok(src.icc, "fixture has ICC");
    assert.ok(src.xmp, "fixture has XMP");
    const img = await processOne(source);
    for (const v of img.variants) {
      const out = path.join(cacheDir, v.name);
      const meta = await sharp(out).metadata();
      assert.equal(meta.exif, undefined, `${v.name} has no EXIF`);
      assert.equal(meta.xmp, undefined, `${v.name} has no XMP`);
      assert.equal(meta.iptc, undefined, `${v.name} has no IPTC`);
      assert.equal(meta.icc, undefined, `${v.name} has no ICC (untagged = sRGB)`);
      const bytes = await fs.readFile(out);
      assert.equal(bytes.includes("Canon"), false, "no camera make anywhere in the file");
      assert.equal(bytes.includes("GPS"), false);
    }
  });

  test("upper-case and Chinese file and folder names work", async () => {
    await fs.mkdir(path.join(dir, "活动照片"), { recursive: true });
    const source = await solid(path.join(dir, "活动照片", "0J7A6917_副本.JPG"), 700, 500, [40, 80, 160]);
    const img = await processOne(source);
    assert.equal(img.width, 700);
    assert.ok(
      img.variants.every((v) => /^[0-9a-f]{16}-\d+\.(webp|jpg)$/.test(v.name)),
      "output names are ASCII",
    );
  });
});
