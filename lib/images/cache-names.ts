/**
 * Names in the image cache folder (.cache/images/) and the key every cached result is filed under.
 * The folder's layout is described in cache.ts.
 * key = sha256(sha256(photo bytes) + fingerprint of the options that change output bytes).
 */
import crypto from "node:crypto";
import { EXTENSIONS } from "./options.ts";
import type { ImageFormat } from "./types.ts";

export const TMP_DIR = ".tmp";
export const INDEX_FILE = "index.json";
export const MANIFESTS_FILE = "manifests.json";
export const SNAPSHOT_FILE = "last-run.json";
export const GIT_IDS_FILE = "git-ids.json";
export const PUBLISHED_FILE = "published.json";

/** The bookkeeping files and folder of the cache (never pruned). */
export const CACHE_BOOKKEEPING: readonly string[] = [INDEX_FILE, MANIFESTS_FILE, SNAPSHOT_FILE, PUBLISHED_FILE, GIT_IDS_FILE, TMP_DIR];

/** A variant's file name: `<key16>-<width>.<ext>`. */
export const VARIANT_FILE = /^[0-9a-f]{16}-\d+\.(?:jpg|webp|avif)$/;
/** A per-photo manifest's file name: `<key>.json`. */
export const MANIFEST_FILE = /^[0-9a-f]{64}\.json$/;

/** Formats by their number in the compact files (manifests.json, last-run.json). */
export const FORMAT_CODES: readonly ImageFormat[] = ["webp", "jpeg", "avif"];

/** One-shot crypto.hash (Node ≥ 20.12) is ~3× faster than createHash for short strings; computed per photo per build. */
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === "function"
    ? (text) => (crypto as unknown as { hash: (alg: string, data: string) => string }).hash("sha256", text)
    : (text) => crypto.createHash("sha256").update(text).digest("hex");

export function cacheKey(sourceHash: string, fingerprint: string): string {
  return sha256Hex(`${sourceHash}\n${fingerprint}`);
}

export function variantName(key: string, width: number, format: ImageFormat): string {
  return `${key.slice(0, 16)}-${width}.${EXTENSIONS[format]}`;
}

export const manifestName = (key: string): string => `${key}.json`;
