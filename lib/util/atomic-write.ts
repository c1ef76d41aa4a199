/**
 * Atomic file writes: the bytes go to a temporary name in the same folder (or one the caller
 * names, on the same file system) and are renamed over the target, so a reader — or a build
 * killed half-way — never sees a half-written file under the real name. The temporary file is
 * removed when anything fails.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

let counter = 0;

/** A fresh temporary name next to `target` (hidden, unique per process and call). */
export function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${(counter++).toString(36)}-${crypto.randomBytes(3).toString("hex")}.tmp`);
}

/**
 * Runs `write(tmp)` — anything that creates the file `tmp` (fs.writeFile, sharp's toFile, a copy) —
 * then renames `tmp` over `target`. `tmp` must be on the target's file system; default: next to it.
 */
export async function replaceAtomically<R>(target: string, write: (tmp: string) => Promise<R>, tmp: string = tempNameFor(target)): Promise<R> {
  try {
    const result = await write(tmp);
    await fs.rename(tmp, target);
    return result;
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/** Writes `data` to `target` atomically (see replaceAtomically). */
export async function writeFileAtomic(target: string, data: string | Uint8Array, tmp?: string): Promise<void> {
  await replaceAtomically(target, (t) => fs.writeFile(t, data), tmp);
}
