/**
 * Temporary files of the image cache: every write is write-then-rename through <cacheDir>/.tmp
 * (same file system, so the rename is atomic and an interrupted build never leaves a half-written
 * file under a real name); names start with the writer's pid so leftovers of killed builds can be
 * told from a concurrent live build's.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../util/atomic-write.ts";
import { TMP_DIR } from "./cache-names.ts";

let tmpCounter = 0;

/** A fresh temporary path inside <cacheDir>/.tmp (same file system, so rename is atomic). */
export function tmpPath(cacheDir: string, name: string): string {
  return path.join(cacheDir, TMP_DIR, `${process.pid}-${(tmpCounter++).toString(36)}-${crypto.randomBytes(3).toString("hex")}-${name}`);
}

/** Writes `data` to `target` (a file of the cache) atomically, through <cacheDir>/.tmp. */
export async function writeCacheFile(cacheDir: string, target: string, data: string | Uint8Array): Promise<void> {
  await writeFileAtomic(target, data, tmpPath(cacheDir, path.basename(target)));
}

/**
 * Removes temporary files left by builds that were killed: those of processes that no longer
 * run, and any older than a day. Files of a concurrent live build are left alone.
 */
export async function cleanTemp(cacheDir: string): Promise<void> {
  const dir = path.join(cacheDir, TMP_DIR);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(name.split("-")[0]);
      const file = path.join(dir, name);
      if (pid === process.pid) return;
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        const st = await fs.stat(file).catch(() => undefined);
        if (!st || st.mtimeMs > dayAgo) return;
      }
      await fs.rm(file, { force: true, recursive: true });
    }),
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
