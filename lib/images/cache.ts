/**
 * The content-addressed image cache (.cache/images/, outside the output folder), one module per file kind:
 *   <key>.json            manifest: oriented size and variants; written last, so its presence
 *                         means every variant it lists is complete                          manifests.ts
 *   <key16>-<width>.<ext> variants                                                         encode.ts
 *   index.json            (path, size, mtimeMs) → sha256 of the bytes, so unchanged photos
 *                         are not even re-hashed                                           hash-index.ts
 *   git-ids.json          git blob id → sha256 (a fresh checkout's new mtimes)             git-ids.ts
 *   manifests.json        every manifest above in one file, read once when needed
 *                         (not 10,000 reads and a listing)                                  manifests.ts
 *   last-run.json         the previous run's result per photo path (size, mtime → result): a no-change
 *                         rebuild reads this one file and nothing else, not even the two above  last-run.ts
 *   published.json        what the last build's img/ folder holds                          published.ts
 *   .tmp/                 temporary names; every write is write-then-rename within the cache's
 *                         file system, so an interrupted build never leaves a half-written
 *                         file under a real name                                            cache-temp.ts
 * Names and the key: cache-names.ts (key = sha256(sha256(photo bytes) + fingerprint of the options
 * that change output bytes)). Deleting what no page uses: prune.ts.
 *
 * This module only re-exports what the rest of the repo uses.
 */
export { cacheKey, MANIFESTS_FILE, TMP_DIR, variantName } from "./cache-names.ts";
export { cleanTemp } from "./cache-temp.ts";
export { HashIndex } from "./hash-index.ts";
export { forgetImages, ManifestIndex } from "./manifests.ts";
export { pruneCache } from "./prune.ts";
export { publishedUnchanged, writePublished } from "./published.ts";
