/** index.json: (path, size, mtimeMs) → sha256 of the photo's bytes, so unchanged photos are not even re-hashed. */
import path from "node:path";
import { INDEX_FILE } from "./cache-names.ts";
import { EntryFile, INDEX_VERSION } from "./entry-file.ts";

type IndexEntry = [size: number, mtimeMs: number, sha256: string];

/** (path, size, mtimeMs) → sha256 of the bytes. Loaded once, saved atomically once per run. */
export class HashIndex extends EntryFile<IndexEntry> {
  static async load(cacheDir: string): Promise<HashIndex> {
    const index = new HashIndex(path.join(cacheDir, INDEX_FILE), INDEX_VERSION);
    await index.read((e) => Array.isArray(e) && e.length === 3 && typeof e[2] === "string");
    return index;
  }

  lookup(file: string, size: number, mtimeMs: number): string | undefined {
    const e = this.entries.get(file);
    return e && e[0] === size && e[1] === mtimeMs ? e[2] : undefined;
  }

  set(file: string, size: number, mtimeMs: number, hash: string): void {
    this.put(file, [size, mtimeMs, hash]);
  }
}
