/** Planning a photo's width ladder: which widths it gets, and whether the top rung is encodable at all. */
import { problems, type ImageProblem } from "./messages.ts";
import { widthLadder, type ResolvedImageOptions } from "./options.ts";
import type { PhotoHeader } from "./decode.ts";

/** WebP (and AVIF here) cannot be taller than this. */
const WEBP_MAX = 16383;
const JPEG_MAX = 65500;

interface LadderPlan {
  /** Widths ascending; the last is the top rung the photo is decoded to. */
  ladder: number[];
  top: number;
}

/** The ladder for a photo of this displayed size, or the problem when the top rung would be too tall for the formats. */
export function planLadder(source: string, { width, height }: PhotoHeader, opts: ResolvedImageOptions): LadderPlan | { problem: ImageProblem } {
  const ladder = widthLadder(width, opts.widths);
  const top = ladder[ladder.length - 1]!;
  const topHeight = Math.round((height * top) / width);
  if (topHeight > (opts.formats.includes("webp") || opts.formats.includes("avif") ? WEBP_MAX : JPEG_MAX) || topHeight < 1) {
    return { problem: problems.tooLong(source, width, height) };
  }
  return { ladder, top };
}
