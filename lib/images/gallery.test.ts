/** Markup of picture() and gallery() (layouts/components/gallery.ts). */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { describe, test } from "node:test";
import { ARTICLE_SIZES, gallery, GALLERY_SIZES, justifiedRows, largestUrl, picture, rowSizes, snapRatio } from "../../layouts/components/gallery.ts";
import { widthLadder } from "./options.ts";
import type { ImageVariant, ProcessedImage } from "./types.ts";

function fakeImage(hash: string, width: number, height: number, formats = ["webp", "jpeg"] as const, widths = [480, 960, 1600]): ProcessedImage {
  const variants: ImageVariant[] = [];
  for (const format of formats) {
    for (const w of widthLadder(width, widths)) {
      variants.push({ width: w, height: Math.round((height * w) / width), format, name: `${hash.slice(0, 16)}-${w}.${format === "jpeg" ? "jpg" : format}`, bytes: w * 100 });
    }
  }
  return { hash, width, height, variants };
}

const IMG = fakeImage("3fa9c1e2b4d5a6b7".padEnd(64, "0"), 5472, 3648);
const attrs = (markup: string, tag: string): Record<string, string>[] =>
  [...markup.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))].map((m) => Object.fromEntries([...m[1]!.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!, a[2] ?? ""])));

describe("picture()", () => {
  test("WebP source, JPEG img with srcset, sizes, intrinsic size of the largest variant, lazy by default", () => {
    const out = picture(IMG, { alt: "开学典礼现场", sizes: GALLERY_SIZES, urlPrefix: "/img/" }).value;
    assert.match(out, /^<picture><source type="image\/webp"/);
    const [source] = attrs(out, "source");
    assert.equal(source!.srcset, "/img/3fa9c1e2b4d5a6b7-480.webp 480w, /img/3fa9c1e2b4d5a6b7-960.webp 960w, /img/3fa9c1e2b4d5a6b7-1600.webp 1600w");
    assert.equal(source!.sizes, GALLERY_SIZES);
    const [img] = attrs(out, "img");
    assert.equal(img!.src, "/img/3fa9c1e2b4d5a6b7-960.jpg", "middle JPEG");
    assert.equal(img!.srcset, "/img/3fa9c1e2b4d5a6b7-480.jpg 480w, /img/3fa9c1e2b4d5a6b7-960.jpg 960w, /img/3fa9c1e2b4d5a6b7-1600.jpg 1600w");
    assert.equal(img!.width, "1600");
    assert.equal(img!.height, "1067");
    assert.equal(img!.alt, "开学典礼现场");
    assert.equal(img!.loading, "lazy");
    assert.equal(img!.decoding, "async");
    assert.equal(img!.fetchpriority, undefined);
    assert.equal(out.includes("avif"), false);
  });

  test("AVIF first when present; eager gets fetchpriority=high; class on the img; a site path prefix", () => {
    const withAvif = fakeImage("a".repeat(64), 1200, 800, ["avif", "webp", "jpeg"] as never);
    const out = picture(withAvif, { alt: "x", sizes: "100vw", urlPrefix: "/jyj/img", eager: true, className: "hero" }).value;
    const sources = attrs(out, "source");
    assert.deepEqual(
      sources.map((s) => s.type),
      ["image/avif", "image/webp"],
    );
    assert.ok(sources[0]!.srcset!.startsWith("/jyj/img/aaaaaaaaaaaaaaaa-480.avif 480w"));
    assert.ok(sources[0]!.srcset!.endsWith("-1200.avif 1200w"), "own width tops the ladder");
    const [img] = attrs(out, "img");
    assert.equal(img!.loading, "eager");
    assert.equal(img!.fetchpriority, "high");
    assert.equal(img!.class, "hero");
    assert.equal(img!.width, "1200");
    assert.equal(img!.height, "800");
  });

  test("alt is escaped and may be empty (decorative)", () => {
    const out = picture(IMG, { alt: '"><script>alert(1)</script>', sizes: "100vw", urlPrefix: "/img/" }).value;
    assert.equal(out.includes("<script>"), false);
    assert.match(out, /alt="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.match(picture(IMG, { alt: "", sizes: "100vw", urlPrefix: "/img/" }).value, / alt="" /);
  });
});

describe("gallery()", () => {
  const photos = Array.from({ length: 9 }, (_, i) => ({
    img: fakeImage(`${i}`.repeat(64), 5472, 3648),
    caption: i === 2 ? "<script>alert('x')</script> 校园 & 运动会" : `第${i + 1}张：学生参加运动会`,
    alt: i === 1 ? "两名学生在跑道上接力" : "",
  }));
  const out = gallery(photos, { urlPrefix: "/img/" }).value;

  test("a labelled section of figures with captions", () => {
    // The lightbox's words travel with the page (the 繁體 edition converts them with the rest).
    assert.match(
      out,
      /^<section class="gallery" aria-label="图片" data-count="9" data-text-dialog="查看大图" data-text-close="关闭" data-text-prev="上一张" data-text-next="下一张" data-text-position="第 \{n\} 张，共 \{total\} 张">/,
    );
    assert.equal((out.match(/<figure class="gallery-item gallery-ar-150">/g) ?? []).length, 9);
    assert.equal((out.match(/<figcaption class="gallery-caption">/g) ?? []).length, 9);
  });

  test("each picture is wrapped in a link to its largest JPEG with data-index", () => {
    const links = attrs(out, "a");
    assert.equal(links.length, 9);
    links.forEach((a, i) => {
      assert.equal(a.class, "gallery-link");
      assert.equal(a["data-index"], String(i));
      assert.equal(a.href, `/img/${`${i}`.repeat(16)}-1600.jpg`);
    });
    assert.equal(largestUrl(photos[0]!.img, "/img"), "/img/0000000000000000-1600.jpg");
    assert.match(out, /<span class="visually-hidden">（查看大图）<\/span><\/a>/);
  });

  test("first photo eager with high priority, the rest lazy", () => {
    const imgs = attrs(out, "img");
    assert.equal(imgs[0]!.loading, "eager");
    assert.equal(imgs[0]!.fetchpriority, "high");
    for (const img of imgs.slice(1)) {
      assert.equal(img.loading, "lazy");
      assert.equal(img.fetchpriority, undefined);
    }
    const none = gallery(photos, { urlPrefix: "/img/", eagerFirst: false }).value;
    assert.ok(attrs(none, "img").every((i) => i.loading === "lazy"));
  });

  test("alt from alt, else caption; never the file name; captions escaped", () => {
    const imgs = attrs(out, "img");
    assert.equal(imgs[0]!.alt, "第1张：学生参加运动会");
    assert.equal(imgs[1]!.alt, "两名学生在跑道上接力");
    assert.equal(out.includes("<script>"), false);
    assert.match(out, /&lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt; 校园 &amp; 运动会/);
    assert.equal(/0J7A|\.JPG|IMG_/i.test(out.replace(/\/img\/[^" ]+/g, "")), false);
    const noCaption = gallery([{ img: IMG, caption: "", alt: "" }], { urlPrefix: "/img/" }).value;
    assert.equal(noCaption.includes("<figcaption"), false);
    assert.match(noCaption, / alt="" /);
    assert.match(noCaption, /查看大图/, "the link still has a name");
  });

  test("sizes: each photo's share of its justified row, or the caller's", () => {
    const imgs = attrs(out, "img");
    // Nine 3:2 photos: rows of 3, 2, 2, 2 (closest to the target height), each photo its share.
    assert.deepEqual(justifiedRows(Array(9).fill(1.5)), [
      [0, 1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ]);
    assert.equal(imgs[0]!.sizes, rowSizes(1 / 3, 3));
    assert.equal(imgs[8]!.sizes, rowSizes(0.5, 2));
    assert.match(imgs[8]!.sizes, /, 422px$/);
    const custom = gallery(photos.slice(0, 1), { urlPrefix: "/img/", sizes: "50vw", label: "活动照片" }).value;
    assert.match(custom, /aria-label="活动照片"/);
    assert.equal(attrs(custom, "img")[0]!.sizes, "50vw");
    assert.equal(gallery([], { urlPrefix: "/img/" }).value, "");
  });

  test("no inline style or script anywhere (CSP)", () => {
    assert.equal(/style=|<script|on[a-z]+=/i.test(out), false);
  });
});

/**
 * Which rung a browser picks for a `sizes` value: the smallest candidate whose width covers
 * slot × DPR (WebKit's rule; Chrome's geometric-mean rule never picks a larger one).
 */
function pick(sizes: string, viewport: number, dpr: number, widths = [480, 960, 1600]): number {
  for (const entry of sizes.split(/,\s*(?![^()]*\))/)) {
    const m = entry.trim().match(/^((?:\([^()]*\)(?:\s+and\s+)?)+)\s+(\S.*)$/) ?? [null, null, entry.trim()];
    const [, cond, value] = m as [unknown, string | null, string];
    if (cond) {
      const max = cond.match(/max-width:\s*(\d+)px/);
      const res = cond.match(/(?:min-resolution:\s*([\d.]+)dppx|-webkit-min-device-pixel-ratio:\s*([\d.]+))/);
      if (max && viewport > Number(max[1])) continue;
      if (res && dpr < Number(res[1] ?? res[2])) continue;
    }
    const vw = viewport / 100;
    const slot = Function(
      "vw",
      `return ${value
        .replace(/calc/g, "")
        .replace(/(\d+(?:\.\d+)?)vw/g, "($1*vw)")
        .replace(/px/g, "")}`,
    )(vw) as number;
    return widths.find((w) => w >= slot * dpr) ?? widths[widths.length - 1]!;
  }
  throw new Error("no sizes entry matched");
}

describe("sizes budget", () => {
  test("390 px phones at DPR 2 and 3 get the 960 rung; desktops the 480 (DPR 1) or 960 (DPR 2) rung", () => {
    assert.equal(pick(GALLERY_SIZES, 390, 3), 960);
    assert.equal(pick(GALLERY_SIZES, 390, 2), 960);
    assert.equal(pick(GALLERY_SIZES, 1280, 1), 480);
    assert.equal(pick(GALLERY_SIZES, 1280, 2), 960);
    assert.equal(pick(GALLERY_SIZES, 768, 2), 960);
    assert.equal(pick(ARTICLE_SIZES, 390, 3), 960);
    assert.equal(pick(ARTICLE_SIZES, 1280, 2), 1600);
  });

  test("row sizes: a half-row photo on desktops and 390 px phones stays within the old budget", () => {
    assert.equal(pick(rowSizes(0.5, 2), 390, 3), 960);
    assert.equal(pick(rowSizes(0.5, 2), 1280, 1), 480);
    assert.equal(pick(rowSizes(0.5, 2), 1280, 2), 960);
    assert.equal(pick(rowSizes(0.2, 3), 1280, 2), 480);
  });

  test("the CSS rows match the breakpoint rowSizes assumes (one photo per row below 600 px), with a class for every snapped ratio", async () => {
    const css = await fs.readFile(path.join(import.meta.dirname, "../../assets/css/gallery.css"), "utf8");
    assert.match(css, /@media \(min-width: 600px\)\s*\{\s*\.gallery-row\s*\{\s*flex-direction: row;/);
    for (let r = 50; r <= 300; r += 5) assert.ok(css.includes(`.gallery-ar-${r} {`), `class for ratio ${r / 100}`);
    assert.equal(snapRatio(1067 / 1600), 0.65);
    assert.equal(snapRatio(10), 3);
  });

  test("justified rows: no lone landscape photo at the end, a portrait joins a row", () => {
    // 强基铸魂: eight 3:2 photos and one 2:3 (third).
    const ratios = [1.5, 1.5, 0.65, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5];
    const rows = justifiedRows(ratios);
    assert.deepEqual(rows, [
      [0, 1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ]);
    assert.deepEqual(justifiedRows([1.5]), [[0]]);
    assert.deepEqual(justifiedRows([1.5, 1.5, 1.5]), [[0, 1, 2]]);
  });
});
