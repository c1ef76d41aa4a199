/**
 * Cached results (what a photo became: oriented size and variants), in two forms:
 *   <key>.json       one manifest per photo, written last (after every variant it lists), so its
 *                    presence means the result is complete — the source of truth;
 *   manifests.json   every manifest in one file, read once when needed (not 10,000 reads and a listing).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { FORMAT_CODES, MANIFESTS_FILE, manifestName, SNAPSHOT_FILE, TMP_DIR, variantName } from "./cache-names.ts";
import { writeCacheFile } from "./cache-temp.ts";
import { EntryFile } from "./entry-file.ts";
import type { ProcessedImage } from "./types.ts";

const MANIFEST_VERSION = 1;

interface Manifest extends ProcessedImage {
  v: number;
  source: string;
}

export async function writeManifest(cacheDir: string, image: ProcessedImage, sourceHash: string): Promise<void> {
  const manifest: Manifest = { v: MANIFEST_VERSION, source: sourceHash, ...image };
  await writeCacheFile(cacheDir, path.join(cacheDir, manifestName(image.hash)), JSON.stringify(manifest));
}

/**
 * The cached result for `key`, or undefined when it is missing, unreadable, from another
 * version, or any of its variants is gone (`present` is a listing of the cache folder).
 */
export async function readManifest(cacheDir: string, key: string, present: ReadonlySet<string>): Promise<ProcessedImage | undefined> {
  const name = manifestName(key);
  if (!present.has(name)) return undefined;
  try {
    const m = JSON.parse(await fs.readFile(path.join(cacheDir, name), "utf8")) as Partial<Manifest>;
    if (m.v !== MANIFEST_VERSION || m.hash !== key || !Array.isArray(m.variants) || !m.variants.length) return undefined;
    if (!m.variants.every((v) => typeof v?.name === "string" && present.has(v.name))) return undefined;
    return { hash: m.hash, width: Number(m.width), height: Number(m.height), variants: m.variants };
  } catch {
    return undefined;
  }
}

/** The file names in the cache folder (one readdir instead of a stat per variant). */
export async function listCache(cacheDir: string): Promise<Set<string>> {
  try {
    return new Set(await fs.readdir(cacheDir));
  } catch {
    return new Set();
  }
}

type CompactVariant = [width: number, height: number, format: number, bytes: number];
type CompactImage = [width: number, height: number, variants: CompactVariant[]];

/**
 * Every manifest in one file (key → oriented size and variants), loaded once per build. An entry is
 * added only after its variants and its own <key>.json were written, so it is trusted without
 * listing the cache; the per-photo manifests stay the source of truth when this file is missing,
 * damaged or behind (an interrupted build). A variant deleted by hand is caught when publishing
 * (the image stage then forgets the entry and processes the photo again: stage.ts).
 */
export class ManifestIndex extends EntryFile<CompactImage> {
  static async load(cacheDir: string): Promise<ManifestIndex> {
    // Missing or damaged: empty, and the per-photo manifests answer instead (entries are checked in get()).
    const index = new ManifestIndex(path.join(cacheDir, MANIFESTS_FILE), MANIFEST_VERSION);
    await index.read(() => true);
    return index;
  }

  get(key: string): ProcessedImage | undefined {
    const e = this.entries.get(key);
    if (!Array.isArray(e) || e.length !== 3 || !Array.isArray(e[2]) || !e[2].length) return undefined;
    const variants = [];
    for (const v of e[2]) {
      const format = FORMAT_CODES[v?.[2] ?? -1];
      if (!Array.isArray(v) || v.length !== 4 || !format) return undefined;
      variants.push({ width: v[0], height: v[1], format, name: variantName(key, v[0], format), bytes: v[3] });
    }
    return { hash: key, width: e[0], height: e[1], variants };
  }

  add(image: ProcessedImage): void {
    // Names are derived on load; an image whose names do not follow the rule stays per-photo only.
    if (!image.variants.every((v) => v.name === variantName(image.hash, v.width, v.format))) return;
    this.put(image.hash, [image.width, image.height, image.variants.map((v) => [v.width, v.height, FORMAT_CODES.indexOf(v.format), v.bytes])]);
  }

  retain(keys: ReadonlySet<string>): void {
    for (const key of [...this.entries.keys()]) if (!keys.has(key)) this.forget(key);
  }
}

/** Drops cached results (both manifests) so the photos are processed again, e.g. when a variant was deleted by hand. */
export async function forgetImages(cacheDir: string, keys: Iterable<string>): Promise<void> {
  const manifests = await ManifestIndex.load(cacheDir);
  for (const key of keys) {
    manifests.forget(key);
    await fs.rm(path.join(cacheDir, manifestName(key)), { force: true });
  }
  await fs.mkdir(path.join(cacheDir, TMP_DIR), { recursive: true });
  await manifests.save(cacheDir);
  await fs.rm(path.join(cacheDir, SNAPSHOT_FILE), { force: true });
}
