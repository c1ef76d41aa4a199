/**
 * published.json: what the last successful build left in its img/ folder, so a rebuild of the same
 * photos can tell, from one stat, that there is nothing to publish.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { PUBLISHED_FILE, TMP_DIR } from "./cache-names.ts";
import { writeCacheFile } from "./cache-temp.ts";

/**
 * What the last successful build left in its img/ folder: the run (snapshot id) whose variants it
 * holds exactly, and the folder's inode and mtime right after. A folder's mtime changes whenever an
 * entry is added, removed or renamed inside it (not when the folder itself is moved), so an equal
 * (inode, mtime) means nobody touched it since, and a rebuild of the same photos has nothing to
 * publish — not even a listing of tens of thousands of names.
 */
export interface PublishedRecord {
  dir: string;
  snapshot: string;
  ino: number;
  mtimeMs: number;
}

export async function readPublished(cacheDir: string): Promise<PublishedRecord | undefined> {
  try {
    const r = JSON.parse(await fs.readFile(path.join(cacheDir, PUBLISHED_FILE), "utf8")) as Partial<PublishedRecord>;
    return typeof r.dir === "string" && typeof r.snapshot === "string" && r.snapshot && typeof r.ino === "number" && typeof r.mtimeMs === "number" ? (r as PublishedRecord) : undefined;
  } catch {
    return undefined;
  }
}

export async function writePublished(cacheDir: string, dir: string, snapshot: string): Promise<void> {
  const s = await fs.stat(dir);
  const record: PublishedRecord = { dir, snapshot, ino: s.ino, mtimeMs: s.mtimeMs };
  await fs.mkdir(path.join(cacheDir, TMP_DIR), { recursive: true });
  await writeCacheFile(cacheDir, path.join(cacheDir, PUBLISHED_FILE), JSON.stringify(record));
}

/** Whether `dir` still holds exactly the variants of run `snapshot` (see PublishedRecord). */
export async function publishedUnchanged(cacheDir: string, dir: string, snapshot: string): Promise<boolean> {
  const [record, s] = await Promise.all([readPublished(cacheDir), fs.stat(dir).catch(() => undefined)]);
  return !!record && !!s && !!snapshot && record.dir === dir && record.snapshot === snapshot && record.ino === s.ino && record.mtimeMs === s.mtimeMs;
}
