/** Shared image types (the image stage's output, read by layouts). */
export type ImageFormat = "avif" | "webp" | "jpeg";

export interface ImageVariant {
  width: number;
  height: number;
  format: ImageFormat;
  /** Content-addressed file name in the cache and under /img/ in the output. */
  name: string;
  bytes: number;
}

export interface ProcessedImage {
  hash: string;
  width: number;
  height: number;
  variants: ImageVariant[];
}
