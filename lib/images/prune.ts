/** `npm run build -- --prune-cache`: deleting cached results no page uses any more. */
import fs from "node:fs/promises";
import path from "node:path";
import { CACHE_BOOKKEEPING, MANIFEST_FILE, manifestName, SNAPSHOT_FILE, TMP_DIR, VARIANT_FILE } from "./cache-names.ts";
import { listCache, ManifestIndex } from "./manifests.ts";
import type { ProcessedImage } from "./types.ts";

/**
 * Deletes cache files that none of `keep` needs (manifests, variants) — run it after a full
 * build to reclaim space from deleted photos or changed options. Returns the number of files removed.
 */
export async function pruneCache(cacheDir: string, keep: Iterable<ProcessedImage>): Promise<number> {
  const wanted = new Set<string>(CACHE_BOOKKEEPING);
  const manifests = await ManifestIndex.load(cacheDir);
  const kept = new Set<string>();
  for (const img of keep) {
    kept.add(img.hash);
    wanted.add(manifestName(img.hash));
    for (const v of img.variants) wanted.add(v.name);
  }
  let removed = 0;
  for (const name of await listCache(cacheDir)) {
    // Only files this module writes, whatever else someone put in the folder.
    if (wanted.has(name) || !(MANIFEST_FILE.test(name) || VARIANT_FILE.test(name))) continue;
    await fs.rm(path.join(cacheDir, name), { force: true });
    removed++;
  }
  manifests.retain(kept);
  await fs.mkdir(path.join(cacheDir, TMP_DIR), { recursive: true });
  await manifests.save(cacheDir);
  // The last run's results may name removed files (if `keep` was not that run's images).
  if (removed) await fs.rm(path.join(cacheDir, SNAPSHOT_FILE), { force: true });
  return removed;
}
