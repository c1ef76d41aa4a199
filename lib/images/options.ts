/**
 * Options of the image stage, their defaults, validation, the width ladder and the
 * fingerprint of everything that changes output bytes (part of every cache key).
 */
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { ImageFormat } from "./types.ts";

export type { ImageFormat } from "./types.ts";

export const IMAGE_FORMATS: readonly ImageFormat[] = ["avif", "webp", "jpeg"];

export interface ImageOptions {
  /** Width ladder in CSS/device pixels; never upscaled. Default [480, 720, 960, 1600]. */
  widths: number[];
  /** Output formats. "jpeg" is the required fallback; "avif" is opt-in (slow to encode). Default ["webp", "jpeg"]. */
  formats: ImageFormat[];
  /** Encoder quality 1–100 per format. Default { avif: 50, webp: 75, jpeg: 80 }. */
  quality: Record<ImageFormat, number>;
  /** Photos with more pixels than this are refused (decompression bombs). Default 100,000,000 (1 亿像素). */
  maxInputPixels: number;
  /** Content-addressed cache, outside the output folder. Default ".cache/images" (resolved against the working directory). */
  cacheDir: string;
  /** Photos decoded at once. Default os.availableParallelism(). */
  concurrency?: number;
}

/** What callers may pass: any subset, quality per format too. */
export type ImageOptionsInput = Partial<Omit<ImageOptions, "quality">> & { quality?: Partial<Record<ImageFormat, number>> };

/** Validated options: widths ascending and unique, cacheDir absolute, concurrency known. */
export interface ResolvedImageOptions extends ImageOptions {
  concurrency: number;
}

export const DEFAULT_IMAGE_OPTIONS: Readonly<Omit<ImageOptions, "concurrency">> = Object.freeze({
  // 720 keeps a phone's first view under 300 KB even with Chromium's generous lazy-load distance (measured).
  widths: [480, 720, 960, 1600],
  formats: ["webp", "jpeg"] as ImageFormat[],
  quality: { avif: 50, webp: 75, jpeg: 80 },
  // Cameras in use make 20–61 MP; 100 MP leaves room for phone panoramas and refuses bombs
  // (a 30000×30000 PNG is 900 MP). Decoding is streamed, so even 100 MP stays small in memory.
  maxInputPixels: 100_000_000,
  cacheDir: ".cache/images",
});

/**
 * Encoder settings that are not options but change output bytes: bump PIPELINE_VERSION or edit
 * these and every cache key changes. Chosen by measurement (scripts/bench-images.ts):
 * - JPEG: progressive (≈3 % smaller, renders early on slow links), no mozjpeg (7× slower encode
 *   for a format that only the ~3 % of browsers without WebP fetch).
 * - WebP effort 4 (libwebp default): effort 6 is 3× slower for ≈2 % smaller files.
 * - AVIF effort 2: effort 4 is ≈7× slower (seconds per variant).
 */
export const PIPELINE_VERSION = 1;
export const ENCODERS = Object.freeze({
  jpeg: { progressive: true, mozjpeg: false, chromaSubsampling: "4:2:0" },
  webp: { effort: 4, smartSubsample: false },
  avif: { effort: 2, chromaSubsampling: "4:2:0" },
} as const);

export const EXTENSIONS: Readonly<Record<ImageFormat, string>> = Object.freeze({ avif: "avif", webp: "webp", jpeg: "jpg" });
export const MIME_TYPES: Readonly<Record<ImageFormat, string>> = Object.freeze({ avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" });

/** Fills in defaults and validates. Throws (a programming error, not a content problem) on nonsense. */
export function resolveImageOptions(input: ImageOptionsInput = {}): ResolvedImageOptions {
  const widths = [...new Set(input.widths ?? DEFAULT_IMAGE_OPTIONS.widths)].sort((a, b) => a - b);
  if (!widths.length || widths.some((w) => !Number.isInteger(w) || w < 16 || w > 8192)) {
    throw new Error(`image widths must be integers between 16 and 8192, got ${JSON.stringify(input.widths)}`);
  }
  const formats = [...new Set(input.formats ?? DEFAULT_IMAGE_OPTIONS.formats)];
  if (formats.some((f) => !IMAGE_FORMATS.includes(f))) throw new Error(`image formats must be among ${IMAGE_FORMATS.join(", ")}, got ${JSON.stringify(input.formats)}`);
  if (!formats.includes("jpeg")) throw new Error(`image formats must include "jpeg" (the <img> fallback every browser can show), got ${JSON.stringify(input.formats)}`);
  formats.sort((a, b) => IMAGE_FORMATS.indexOf(a) - IMAGE_FORMATS.indexOf(b));
  const quality = { ...DEFAULT_IMAGE_OPTIONS.quality, ...input.quality };
  for (const f of IMAGE_FORMATS) {
    if (!Number.isInteger(quality[f]) || quality[f] < 1 || quality[f] > 100) throw new Error(`image quality.${f} must be an integer 1–100, got ${quality[f]}`);
  }
  const maxInputPixels = input.maxInputPixels ?? DEFAULT_IMAGE_OPTIONS.maxInputPixels;
  if (!Number.isInteger(maxInputPixels) || maxInputPixels < 1) throw new Error(`maxInputPixels must be a positive integer, got ${maxInputPixels}`);
  const concurrency = input.concurrency ?? os.availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`image concurrency must be a positive integer, got ${concurrency}`);
  return { widths, formats, quality, maxInputPixels, cacheDir: path.resolve(input.cacheDir ?? DEFAULT_IMAGE_OPTIONS.cacheDir), concurrency };
}

/**
 * The widths to produce for a photo `sourceWidth` pixels wide (after orientation): every rung
 * narrower than the photo, plus the photo's own width as the top rung when a rung would
 * otherwise upscale it. Ascending, no duplicates, never wider than the photo.
 */
export function widthLadder(sourceWidth: number, widths: readonly number[]): number[] {
  const ladder = widths.filter((w) => w < sourceWidth);
  if (widths.some((w) => w >= sourceWidth)) ladder.push(sourceWidth);
  return [...new Set(ladder)].sort((a, b) => a - b);
}

/** Hex digest of everything that changes the output bytes (not cacheDir, concurrency or the pixel limit). */
export function pixelFingerprint(opts: Pick<ImageOptions, "widths" | "formats" | "quality">): string {
  const formats = [...opts.formats].sort();
  const basis = {
    v: PIPELINE_VERSION,
    widths: [...opts.widths].sort((a, b) => a - b),
    formats: formats.map((f) => ({ f, q: opts.quality[f], enc: ENCODERS[f] })),
  };
  return crypto.createHash("sha256").update(JSON.stringify(basis)).digest("hex");
}
