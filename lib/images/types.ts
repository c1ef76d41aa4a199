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
  /**
   * Where a 3:2 thumbnail crop keeps this photo, as CSS object-position percentages (./focus.ts):
   * set for article covers only; undefined means the centre.
   */
  focus?: { x: number; y: number };
}

/** One use of a photo by an article. The same source may appear in several jobs (it is processed once). */
export interface PhotoJob {
  /** Absolute path of the photo. */
  source: string;
  /** Project-relative path of the article .md, for messages. */
  file: string;
  /** Front-matter field, e.g. "photos[2].file". */
  field: string;
  /** The photo's size and mtime if the caller already has them (the content stage does): saves a stat per photo. */
  stat?: { size: number; mtimeMs: number };
}

/** Reported after each distinct source photo is finished (cached, processed or failed). */
export interface Progress {
  /** Distinct source photos in this run. */
  total: number;
  /** Finished so far: cached + processed + failed. */
  done: number;
  cached: number;
  processed: number;
  failed: number;
  /** Photos found not to be in the cache so far (they need decoding); final once scanned === total. */
  toProcess: number;
  /** Photos whose cache state is known. */
  scanned: number;
  /** Milliseconds since processImages started. */
  elapsedMs: number;
  /** The photo that just finished. */
  source: string;
  /** How it finished. */
  outcome: "cached" | "processed" | "failed";
}

export interface ImageStats {
  /** Distinct source photos. */
  total: number;
  /** Decoded and encoded in this run. */
  processed: number;
  /** Served from the cache without decoding. */
  cached: number;
  /** Refused (see issues). */
  failed: number;
  /** Photos whose bytes were hashed (not found unchanged in the index). */
  hashed: number;
  ms: number;
}
