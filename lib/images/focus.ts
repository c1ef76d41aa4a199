/**
 * Crops that keep people (issue #17). Thumbnails (home 图片新闻, the 图片新闻 list) show a photo at
 * 3:2 with CSS `object-fit: cover`, which crops from the centre: a portrait photo of a speaker
 * became a thumbnail from the chin down. For every article cover this finds where the crop should
 * sit — sharp's attention strategy (the region with skin tones, saturation and luminance
 * contrast), or the editor's `focus: top|center|bottom` — and records it on the image as
 * object-position percentages; layouts turn that into a class (no inline style under the CSP).
 *
 * It reads the smallest JPEG variant the image stage already made (480 px wide), not the camera
 * original: a few milliseconds per cover. Results are cached by the variant's content-addressed
 * name and FOCUS_VERSION, so a rebuild computes nothing for unchanged covers.
 */
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { PhotoFocus } from "../content/model.ts";
import { TMP_DIR } from "./cache-names.ts";
import { writeCacheFile } from "./cache-temp.ts";
import type { ProcessedImage } from "./types.ts";

/** Bump when the strategy or the ratio changes: every cover's focus is found again once. */
export const FOCUS_VERSION = "attention-3x2-v1";
/** The thumbnails' shape (site.css: aspect-ratio 3 / 2). */
export const THUMB_RATIO = 3 / 2;

export interface Focus {
  x: number;
  y: number;
}

const EDITOR_FOCUS: Record<PhotoFocus, Focus> = { top: { x: 50, y: 0 }, center: { x: 50, y: 50 }, bottom: { x: 50, y: 100 } };

/** Percent steps of the CSS classes (site.css .focus-x-N / .focus-y-N). */
export const FOCUS_STEP = 10;
const snap = (p: number) => Math.min(100, Math.max(0, Math.round(p / FOCUS_STEP) * FOCUS_STEP));

/** A photo close enough to 3:2 is shown whole: nothing to find. */
const needsCrop = (img: Pick<ProcessedImage, "width" | "height">) => Math.abs(img.width / img.height - THUMB_RATIO) > 0.02;

/** Where sharp's attention strategy puts a 3:2 crop of this JPEG, as object-position percentages. */
export async function attentionFocus(file: string | Buffer): Promise<Focus> {
  const meta = await sharp(file).metadata();
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (!w || !h) return { x: 50, y: 50 };
  const tall = w / h < THUMB_RATIO;
  const cw = tall ? w : Math.round(h * THUMB_RATIO);
  const ch = tall ? Math.round(w / THUMB_RATIO) : h;
  const { info } = await sharp(file).resize(cw, ch, { fit: "cover", position: sharp.strategy.attention }).toBuffer({ resolveWithObject: true });
  // sharp reports the crop's offset into the (unscaled) image as negative numbers.
  const left = Math.abs((info as { cropOffsetLeft?: number }).cropOffsetLeft ?? 0);
  const top = Math.abs((info as { cropOffsetTop?: number }).cropOffsetTop ?? 0);
  return { x: w > cw ? snap((left / (w - cw)) * 100) : 50, y: h > ch ? snap((top / (h - ch)) * 100) : 50 };
}

type FocusCache = Record<string, Focus>;

/**
 * Sets `focus` on the processed image of every cover (`covers`: source path → the editor's focus,
 * if any). Mutates the images in place; they are the render stage's input.
 */
export async function addCoverFocus(images: ReadonlyMap<string, ProcessedImage>, covers: ReadonlyMap<string, PhotoFocus | undefined>, cacheDir: string): Promise<void> {
  const file = path.join(cacheDir, `focus-${FOCUS_VERSION}.json`);
  const cache: FocusCache = await fs
    .readFile(file, "utf8")
    .then((t) => JSON.parse(t) as FocusCache)
    .catch(() => ({}));
  let changed = false;
  // Images may come from the last run's snapshot: a focus the editor has since removed must not stay.
  for (const img of images.values()) delete img.focus;
  for (const [source, editor] of covers) {
    const img = images.get(source);
    if (!img) continue;
    if (editor) {
      img.focus = EDITOR_FOCUS[editor];
      continue;
    }
    if (!needsCrop(img)) continue;
    const small = img.variants.filter((v) => v.format === "jpeg").sort((a, b) => a.width - b.width)[0];
    if (!small) continue;
    let focus = cache[small.name];
    if (!focus) {
      focus = await attentionFocus(path.join(cacheDir, small.name)).catch(() => ({ x: 50, y: 50 }));
      cache[small.name] = focus;
      changed = true;
    }
    img.focus = focus;
  }
  if (changed) {
    await fs.mkdir(path.join(cacheDir, TMP_DIR), { recursive: true });
    await writeCacheFile(cacheDir, file, JSON.stringify(cache));
  }
}
