/**
 * Responsive photos: <picture> with AVIF (when produced) / WebP sources and a JPEG <img>
 * fallback, and the article photo gallery. Without JavaScript every gallery photo is a link to
 * its large JPEG; assets/js/gallery.js turns those links into a lightbox. Alt text comes from
 * the editor (alt, else caption) — never from the camera file name.
 */
import { MIME_TYPES } from "../../lib/images/options.ts";
import type { ImageFormat, ImageVariant, ProcessedImage } from "../../lib/images/types.ts";
import { attr, html, type SafeHtml } from "../../lib/html.ts";

/** Stylesheet and script the gallery needs (site-relative; add the path prefix with ctx.url). */
export const GALLERY_CSS = "/assets/css/gallery.css";
export const GALLERY_JS = "/assets/js/gallery.js";

/**
 * On phones with DPR ≥ 2.5 (iPhones are 3) the slot is reported at two thirds of its width, so
 * they pick the 960 px rung (≈2.7 device pixels per CSS pixel, indistinguishable for photos)
 * instead of 1600 px: about 60 % fewer bytes. Two spellings, for browsers without `resolution`.
 */
const PHONE_DPR_CAP = (phone: string, slot: string): string =>
  [`${phone} and (min-resolution: 2.5dppx) calc((${slot}) * 0.667)`, `${phone} and (-webkit-min-device-pixel-ratio: 2.5) calc((${slot}) * 0.667)`].join(", ");

/**
 * One photo across the article column (.article: max 860 px inside 16 px page padding).
 * At 390 px / DPR 3 it selects the 960 px rung.
 */
export const ARTICLE_SIZES = [PHONE_DPR_CAP("(max-width: 599px)", "100vw - 32px"), "(max-width: 891px) calc(100vw - 32px)", "860px"].join(", ");

/**
 * Gallery photos on phones (below 600 px, one per row across the column); the default `sizes`
 * when a caller lays photos out its own way. Wider, gallery() gives each photo its own `sizes`
 * from its share of its row (rowSizes).
 */
export const GALLERY_SIZES = [PHONE_DPR_CAP("(max-width: 599px)", "100vw - 32px"), "(max-width: 599px) calc(100vw - 32px)", "(max-width: 891px) calc(50vw - 24px)", "422px"].join(", ");

/** The justified gallery's geometry from 600 px up (gallery.css): the article column, the gutter, the row height aimed at. */
const GALLERY_WIDTH = 860;
const GALLERY_GAP = 16;
const GALLERY_ROW_TARGET = 240;
const MAX_PER_ROW = 4;

/** Aspect ratios gallery.css has a class for (.gallery-ar-50 … .gallery-ar-300, steps of 0.05): a photo is shown at the nearest, cropped by at most a few per cent. */
export const snapRatio = (ratio: number): number => Math.min(300, Math.max(50, Math.round((ratio * 100) / 5) * 5)) / 100;

/**
 * Justified rows: splits the photos, in order, into rows that fill the column exactly (widths in
 * proportion to aspect ratio, so a row's photos share one height), choosing the split whose row
 * heights stay closest to GALLERY_ROW_TARGET (least squares of log height ratios). The last row
 * fills the width like every other, and never as one landscape photo blown up to the column's
 * width when it could join a row. Returns the rows as index lists.
 */
export function justifiedRows(ratios: readonly number[], width = GALLERY_WIDTH, gap = GALLERY_GAP, target = GALLERY_ROW_TARGET): number[][] {
  const n = ratios.length;
  const best: { cost: number; from: number }[] = [{ cost: 0, from: 0 }];
  for (let i = 1; i <= n; i++) {
    best[i] = { cost: Infinity, from: i - 1 };
    let sum = 0;
    for (let j = i - 1; j >= Math.max(0, i - MAX_PER_ROW); j--) {
      sum += ratios[j]!;
      const height = (width - (i - j - 1) * gap) / sum;
      const cost = best[j]!.cost + Math.log(height / target) ** 2;
      if (cost < best[i]!.cost) best[i] = { cost, from: j };
    }
  }
  const rows: number[][] = [];
  for (let i = n; i > 0; i = best[i]!.from) rows.unshift(Array.from({ length: i - best[i]!.from }, (_, k) => best[i]!.from + k));
  return rows;
}

/** `sizes` of a photo taking `share` of a row of `count` photos (the gutters excluded): full width on phones. */
export function rowSizes(share: number, count: number): string {
  const gaps = (count - 1) * GALLERY_GAP;
  const f = share.toFixed(4);
  return [
    PHONE_DPR_CAP("(max-width: 599px)", "100vw - 32px"),
    "(max-width: 599px) calc(100vw - 32px)",
    `(max-width: 891px) calc((100vw - ${32 + gaps}px) * ${f})`,
    `${Math.ceil((GALLERY_WIDTH - gaps) * share)}px`,
  ].join(", ");
}

export interface PictureOptions {
  /** "" only for decorative images whose meaning is in adjacent text (e.g. a headline in the same link). */
  alt: string;
  /** The slot width, e.g. GALLERY_SIZES or "(max-width: 700px) 100vw, 360px". */
  sizes: string;
  /** Where the variants are published, with the site path prefix, e.g. "/img/" or "/jyj/img/". */
  urlPrefix: string;
  /** Above the fold (the page's main photo): loading="eager" and fetchpriority="high". */
  eager?: boolean;
  /** Class on the <img>. */
  className?: string;
}

const byFormat = (img: ProcessedImage, format: ImageFormat): ImageVariant[] => img.variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width);

const prefixed = (urlPrefix: string): string => (urlPrefix.endsWith("/") ? urlPrefix : `${urlPrefix}/`);

/** The JPEG ladder (any format if there is no JPEG, which options.ts forbids). */
function fallbackLadder(img: ProcessedImage): ImageVariant[] {
  const jpeg = byFormat(img, "jpeg");
  if (jpeg.length) return jpeg;
  return [...img.variants].sort((a, b) => a.width - b.width);
}

/** URL of the largest JPEG: the gallery link target, and for feeds or Open Graph. */
export function largestUrl(img: ProcessedImage, urlPrefix: string): string {
  const ladder = fallbackLadder(img);
  const top = ladder[ladder.length - 1];
  return top ? prefixed(urlPrefix) + top.name : "";
}

/** The class that keeps a cropped thumbnail on its subject (lib/images/focus.ts; site.css .focus-*), or "". */
export function focusClass(img: ProcessedImage): string {
  const f = img.focus;
  if (!f) return "";
  if (f.x !== 50) return `focus-x-${f.x}`;
  return f.y !== 50 ? `focus-y-${f.y}` : "";
}

export function picture(img: ProcessedImage, opts: PictureOptions): SafeHtml {
  const prefix = prefixed(opts.urlPrefix);
  const srcset = (ladder: ImageVariant[]) => ladder.map((v) => `${prefix}${v.name} ${v.width}w`).join(", ");
  const fallback = fallbackLadder(img);
  const largest = fallback[fallback.length - 1];
  const middle = fallback[Math.floor(fallback.length / 2)];
  if (!largest || !middle) return html``;
  const sources = (["avif", "webp"] as const)
    .map((f) => ({ f, ladder: byFormat(img, f) }))
    .filter((s) => s.ladder.length)
    .map((s) => html`<source type="${MIME_TYPES[s.f]}" srcset="${srcset(s.ladder)}" sizes="${opts.sizes}">`);
  return html`<picture>${sources}<img src="${prefix + middle.name}" srcset="${srcset(fallback)}" sizes="${opts.sizes}" width="${largest.width}" height="${largest.height}" alt="${opts.alt}"${attr("class", opts.className || null)} loading="${opts.eager ? "eager" : "lazy"}"${attr("fetchpriority", opts.eager ? "high" : null)} decoding="async"></picture>`;
}

export interface GalleryPhoto {
  img: ProcessedImage;
  caption: string;
  /** Describes the photo for people who cannot see it; when empty, the caption is used. */
  alt: string;
}

export interface GalleryOptions {
  /** Where the variants are published, with the site path prefix, e.g. "/img/". */
  urlPrefix: string;
  /** Default: each photo's share of its justified row (rowSizes); a value here is used for every photo. */
  sizes?: string;
  /** Accessible name of the section. Default "图片". */
  label?: string;
  /** Load the first photo eagerly with high priority (default true: it is usually the page's main image). */
  eagerFirst?: boolean;
}

export function gallery(photos: readonly GalleryPhoto[], opts: GalleryOptions): SafeHtml {
  if (!photos.length) return html``;
  const eagerFirst = opts.eagerFirst ?? true;
  const ratios = photos.map((p) => snapRatio(aspectOf(p.img)));
  const item = (p: GalleryPhoto, i: number, sizes: string) => {
    const caption = p.caption.trim();
    const alt = p.alt.trim() || caption;
    return html`
  <figure class="gallery-item gallery-ar-${Math.round(ratios[i]! * 100)}">
    <a class="gallery-link" href="${largestUrl(p.img, opts.urlPrefix)}" data-index="${i}">${picture(p.img, { alt, sizes, urlPrefix: opts.urlPrefix, eager: eagerFirst && i === 0 })}<span class="visually-hidden">（查看大图）</span></a>${
      caption
        ? html`
    <figcaption class="gallery-caption">${caption}</figcaption>`
        : ""
    }
  </figure>`;
  };
  const rows = justifiedRows(ratios).map((row) => {
    const sum = row.reduce((s, i) => s + ratios[i]!, 0);
    return html`
 <div class="gallery-row">${row.map((i) => item(photos[i]!, i, opts.sizes ?? rowSizes(ratios[i]! / sum, row.length)))}
 </div>`;
  });
  // The lightbox's words (assets/js/gallery.js) travel with the page, so the 繁體 edition converts them.
  return html`<section class="gallery" aria-label="${opts.label ?? "图片"}" data-count="${photos.length}" data-text-dialog="查看大图" data-text-close="关闭" data-text-prev="上一张" data-text-next="下一张" data-text-position="第 {n} 张，共 {total} 张">${rows}
</section>`;
}

/** Width ÷ height of the processed photo (its largest variant), 1.5 when unknown. */
function aspectOf(img: ProcessedImage): number {
  const top = fallbackLadder(img).at(-1);
  return top && top.height > 0 ? top.width / top.height : 1.5;
}
