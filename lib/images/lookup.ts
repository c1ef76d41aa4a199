/**
 * Looking a photo up in the cache, for photos last-run.json did not vouch for: its sha256 from
 * index.json, else from git's blob id (git-ids.json), else by reading it; then the cached result
 * under its key from manifests.json, else from its own <key>.json. Each of those files (and the
 * cache listing, and git's ids) is loaded at most once per run, and only when first needed.
 */
import path from "node:path";
import { imageCounters } from "./counters.ts";
import { GitIdIndex, gitBlobIds } from "./git-ids.ts";
import { HashIndex } from "./hash-index.ts";
import { listCache, ManifestIndex, readManifest } from "./manifests.ts";
import { hashFile } from "./source-bytes.ts";
import { SNIFF_BYTES } from "./sniff.ts";
import type { ProcessedImage } from "./types.ts";

interface SourceHash {
  hash: string;
  /** The photo's first bytes, when it was read to hash it (spares reading them again to sniff). */
  head: Buffer | undefined;
  /** Whether the photo's bytes were read and hashed (not found in the index or through git). */
  hashed: boolean;
}

export class CacheLookup {
  #indexes: Promise<[HashIndex, ManifestIndex]> | undefined;
  #listing: Promise<Set<string>> | undefined;
  #git: Promise<[Map<string, string> | undefined, GitIdIndex]> | undefined;

  constructor(readonly cacheDir: string) {}

  /** index.json and manifests.json, loaded on first call. */
  indexes(): Promise<[HashIndex, ManifestIndex]> {
    return (this.#indexes ??= Promise.all([HashIndex.load(this.cacheDir), ManifestIndex.load(this.cacheDir)]));
  }

  #present(): Promise<Set<string>> {
    return (this.#listing ??= listCache(this.cacheDir));
  }

  /** Git's ids of the photos (a fresh checkout has new mtimes): asked once, only if a photo misses the index. */
  #gitIds(source: string): Promise<[Map<string, string> | undefined, GitIdIndex]> {
    return (this.#git ??= Promise.all([gitBlobIds(path.dirname(source)), GitIdIndex.load(this.cacheDir)]));
  }

  /** The sha256 of the photo's bytes; rejects when the photo cannot be read. */
  async sourceHash(source: string, stat: { size: number; mtimeMs: number }): Promise<SourceHash> {
    const [index] = await this.indexes();
    let hash = index.lookup(source, stat.size, stat.mtimeMs);
    if (hash) return { hash, head: undefined, hashed: false };
    const [blobs, known] = await this.#gitIds(source);
    const blob = blobs?.get(source);
    hash = blob ? known.get(blob) : undefined;
    if (hash) {
      index.set(source, stat.size, stat.mtimeMs, hash);
      return { hash, head: undefined, hashed: false };
    }
    const read = await hashFile(source, SNIFF_BYTES);
    index.set(source, stat.size, stat.mtimeMs, read.hash);
    if (blob) known.set(blob, read.hash);
    imageCounters.hashed++;
    return { hash: read.hash, head: read.head, hashed: true };
  }

  /** The cached result under `key`, if complete. */
  async cached(key: string): Promise<ProcessedImage | undefined> {
    const [, manifests] = await this.indexes();
    let cached = manifests.get(key);
    if (!cached) {
      cached = await readManifest(this.cacheDir, key, await this.#present());
      if (cached) manifests.add(cached);
    }
    return cached;
  }

  /** Records a freshly made result in manifests.json (its own <key>.json is already written). */
  async remember(image: ProcessedImage): Promise<void> {
    (await this.indexes())[1].add(image);
  }

  /** Saves what changed (nothing was loaded: nothing to save). */
  async save(): Promise<void> {
    if (!this.#indexes) return;
    const [index, manifests] = await this.#indexes;
    await Promise.all([index.save(this.cacheDir), manifests.save(this.cacheDir), this.#git?.then(([, known]) => known.save(this.cacheDir))]);
  }
}
