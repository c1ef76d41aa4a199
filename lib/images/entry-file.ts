/**
 * A `{ v, entries }` JSON file of the image cache held as a Map: read once, entries that fail
 * `valid` skipped (a missing, damaged or other-version file reads as empty: the cost is work redone,
 * never a wrong result), written atomically and only when something changed. Base of index.json,
 * manifests.json and git-ids.json.
 */
import fs from "node:fs/promises";
import { writeCacheFile } from "./cache-temp.ts";

export abstract class EntryFile<V> {
  protected readonly entries = new Map<string, V>();
  #dirty = false;

  protected constructor(
    readonly file: string,
    readonly version: number,
  ) {}

  protected async read(valid: (value: unknown) => boolean): Promise<void> {
    try {
      const data = JSON.parse(await fs.readFile(this.file, "utf8")) as { v?: number; entries?: Record<string, V> };
      if (data.v !== this.version || !data.entries || typeof data.entries !== "object") return;
      for (const [key, value] of Object.entries(data.entries)) if (valid(value)) this.entries.set(key, value);
    } catch {
      // Missing or damaged: empty.
    }
  }

  get size(): number {
    return this.entries.size;
  }

  protected put(key: string, value: V): void {
    this.entries.set(key, value);
    this.#dirty = true;
  }

  forget(key: string): void {
    if (this.entries.delete(key)) this.#dirty = true;
  }

  async save(cacheDir: string): Promise<void> {
    if (!this.#dirty) return;
    await writeCacheFile(cacheDir, this.file, JSON.stringify({ v: this.version, entries: Object.fromEntries(this.entries) }));
    this.#dirty = false;
  }
}

/** Version of index.json and git-ids.json. */
export const INDEX_VERSION = 1;
