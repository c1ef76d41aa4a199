/**
 * Encoding a decoded photo into its variants: every rung × format from the one raw buffer, each
 * written under a temporary name in the cache and renamed into place (never a partial file under a
 * variant's name).
 */
import path from "node:path";
import sharp, { type Sharp } from "sharp";
import { replaceAtomically } from "../util/atomic-write.ts";
import { variantName } from "./cache-names.ts";
import { tmpPath } from "./cache-temp.ts";
import type { DecodedPhoto } from "./decode.ts";
import { ENCODERS, IMAGE_FORMATS, type ResolvedImageOptions } from "./options.ts";
import type { ImageFormat, ImageVariant } from "./types.ts";

function encoder(p: Sharp, format: ImageFormat, quality: number): Sharp {
  switch (format) {
    case "jpeg":
      return p.jpeg({ quality, ...ENCODERS.jpeg });
    case "webp":
      return p.webp({ quality, ...ENCODERS.webp });
    case "avif":
      return p.avif({ quality, ...ENCODERS.avif });
  }
}

/** Writes every variant of `ladder` × `opts.formats` into the cache; returns them ordered by format, then width. */
export async function encodeVariants({ data, info }: DecodedPhoto, ladder: readonly number[], key: string, opts: ResolvedImageOptions): Promise<ImageVariant[]> {
  const raw = { width: info.width, height: info.height, channels: info.channels };
  const alpha = info.channels === 4 || info.channels === 2;
  const variants: ImageVariant[] = [];
  for (const w of [...ladder].reverse()) {
    for (const format of opts.formats) {
      let p = sharp(data, { raw });
      if (w !== info.width) p = p.resize({ width: w });
      // JPEG has no alpha: flatten on white. WebP and AVIF keep it.
      if (format === "jpeg" && alpha) p = p.flatten({ background: "#ffffff" });
      p = encoder(p, format, opts.quality[format]);
      const name = variantName(key, w, format);
      const out = await replaceAtomically(path.join(opts.cacheDir, name), (tmp) => p.toFile(tmp), tmpPath(opts.cacheDir, name));
      variants.push({ width: out.width, height: out.height, format, name, bytes: out.size });
    }
  }
  return variants.sort((a, b) => IMAGE_FORMATS.indexOf(a.format) - IMAGE_FORMATS.indexOf(b.format) || a.width - b.width);
}
