/**
 * Reading one photo that missed the cache: sniff its first bytes, check its header (real size
 * against the pixel limit, before any pixel is decoded), and decode it ONCE — JPEG shrink-on-load
 * straight to the ladder's top rung, EXIF orientation applied — as raw sRGB pixels.
 */
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { imageCounters } from "./counters.ts";
import { problemFromError, problems, type ImageProblem } from "./messages.ts";
import type { ResolvedImageOptions } from "./options.ts";
import { DECODABLE, sniff, SNIFF_BYTES } from "./sniff.ts";
import { readHead } from "./source-bytes.ts";

/** libvips raises errors from the whole decode on a damaged or truncated photo; warnings (common in camera files) pass. */
const FAIL_ON = "error" as const;

/** Whether this libvips can decode HEVC-coded HEIF (the prebuilt one only decodes AVIF). */
export function heicDecodable(): boolean {
  const suffixes = (sharp.format as unknown as Record<string, { input?: { fileSuffix?: string[] } } | undefined>).heif?.input?.fileSuffix ?? [];
  return suffixes.includes(".heic");
}

/** A photo's displayed size (after EXIF orientation), from its header. */
export interface PhotoHeader {
  width: number;
  height: number;
}

const input = (opts: ResolvedImageOptions) => ({ failOn: FAIL_ON, limitInputPixels: opts.maxInputPixels, sequentialRead: true }) as const;

/**
 * Sniffs the photo (`knownHead`: its first bytes, when the hash pass already read them) and reads
 * its header: the displayed size, or the problem that refuses it (not an image, HEIC without a
 * decoder, no dimensions, over the pixel limit).
 */
export async function readHeader(source: string, knownHead: Buffer | undefined, opts: ResolvedImageOptions): Promise<PhotoHeader | { problem: ImageProblem }> {
  let head: Buffer;
  try {
    head = knownHead ?? (await readHead(source, SNIFF_BYTES));
  } catch (error) {
    return { problem: problemFromError(source, error, opts.maxInputPixels) };
  }
  const kind = sniff(head);
  if (kind === "heic" && !heicDecodable()) return { problem: problems.heic(source) };
  if (!DECODABLE.has(kind) && kind !== "heic") return { problem: problems.notAnImage(source, kind) };

  // Header only: refuse bombs with their real size before any pixel is decoded.
  let meta: Metadata;
  try {
    meta = await sharp(source, { ...input(opts), limitInputPixels: false }).metadata();
  } catch (error) {
    return { problem: problemFromError(source, error, opts.maxInputPixels) };
  }
  const stored = { width: meta.width ?? 0, height: meta.height ?? 0 };
  const width = meta.autoOrient?.width ?? stored.width;
  const height = meta.autoOrient?.height ?? stored.height;
  if (!width || !height) return { problem: problems.unreadable(source, "no dimensions in the header") };
  if (stored.width * stored.height > opts.maxInputPixels) return { problem: problems.tooLarge(source, width, height, opts.maxInputPixels) };
  return { width, height };
}

export interface DecodedPhoto {
  data: Buffer;
  info: OutputInfo;
}

/** Decodes the photo once, oriented, scaled to `top` pixels wide when narrower than the original, as raw 8-bit sRGB. */
export async function decodeToWidth(source: string, header: PhotoHeader, top: number, opts: ResolvedImageOptions): Promise<DecodedPhoto | { problem: ImageProblem }> {
  try {
    imageCounters.decoded++;
    let pipeline = sharp(source, { ...input(opts), autoOrient: true });
    // A width well below the original lets libjpeg decode at 1/2, 1/4 or 1/8 scale (shrink-on-load).
    if (top < header.width) pipeline = pipeline.resize({ width: top });
    return await pipeline.toColourspace("srgb").raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
  } catch (error) {
    return { problem: problemFromError(source, error, opts.maxInputPixels, header) };
  }
}
