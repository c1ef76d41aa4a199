/**
 * Publishing a file under a second name without copying its bytes: a hard link, or a copy
 * (copy-on-write clone where the file system offers one) where a link is impossible — another
 * file system (EXDEV), no hard links (EPERM, ENOTSUP), too many links (EMLINK).
 */
import fsSync from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Stats } from "node:fs";
import { replaceAtomically, tempNameFor } from "./atomic-write.ts";

export type LinkOutcome = "linked" | "copied" | "existing";

export interface LinkOrCopyOptions {
  /**
   * When `to` already exists and is not the same file as `from`: whether it may stay as it is
   * (e.g. content-addressed names, where an equal size means equal bytes). Default: it is replaced.
   */
  keep?: (from: Stats, to: Stats) => boolean;
}

/**
 * Makes `to` hold `from`'s bytes: a hard link, else a copy. An existing `to` that is already the
 * same file (or that `keep` accepts) is left ("existing"); any other is replaced atomically (a link
 * or copy under a temporary name, renamed over it). The folder of `to` is created when missing.
 * A missing `from` rejects with code ENOENT.
 */
export function linkOrCopy(from: string, to: string, options: LinkOrCopyOptions = {}): Promise<LinkOutcome> {
  return place(from, to, options, false);
}

async function place(from: string, to: string, options: LinkOrCopyOptions, madeFolder: boolean): Promise<LinkOutcome> {
  try {
    await fs.link(from, to);
    return "linked";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      // Either `from` is missing (stat rejects with ENOENT) or the folder of `to` is (made, once;
      // a concurrent call may have made it first).
      await fs.stat(from);
      if (madeFolder) throw error;
      await fs.mkdir(path.dirname(to), { recursive: true });
      return place(from, to, options, true);
    }
    if (code !== "EEXIST") {
      await copy(from, to);
      return "copied";
    }
  }
  const [a, b] = await Promise.all([fs.stat(from), fs.stat(to)]);
  if ((a.ino === b.ino && a.dev === b.dev) || options.keep?.(a, b)) return "existing";
  return replaceAtomically(to, async (tmp) => {
    try {
      await fs.link(from, tmp);
      return "linked" as const;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw error;
      await fs.copyFile(from, tmp, fs.constants.COPYFILE_FICLONE);
      return "copied" as const;
    }
  });
}

/** A copy under a temporary name, renamed into place (a reader never sees a partial file). */
async function copy(from: string, to: string): Promise<void> {
  await replaceAtomically(to, (tmp) => fs.copyFile(from, tmp, fs.constants.COPYFILE_FICLONE));
}

/**
 * linkOrCopy without waiting for the event loop: for many small files while the main thread is
 * kept busy by other work (the search stage runs beside the render, which yields rarely: each
 * asynchronous call would wait for a turn of the loop, ~1,000 links took seconds instead of ms).
 * An existing `to` is replaced (through a temporary name), unless it is already the same file.
 */
export function linkOrCopySync(from: string, to: string, madeFolder = false): LinkOutcome {
  try {
    fsSync.linkSync(from, to);
    return "linked";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      fsSync.statSync(from); // throws when `from` is the missing one
      if (madeFolder) throw error;
      fsSync.mkdirSync(path.dirname(to), { recursive: true });
      return linkOrCopySync(from, to, true);
    }
    if (code === "EEXIST") {
      const [a, b] = [fsSync.statSync(from), fsSync.statSync(to)];
      if (a.ino === b.ino && a.dev === b.dev) return "existing";
    }
  }
  // Another file under the name, or no hard link possible: a link or copy under a temporary name, renamed over it.
  const tmp = tempNameFor(to);
  try {
    let outcome: LinkOutcome = "linked";
    try {
      fsSync.linkSync(from, tmp);
    } catch {
      fsSync.copyFileSync(from, tmp, fsSync.constants.COPYFILE_FICLONE);
      outcome = "copied";
    }
    fsSync.renameSync(tmp, to);
    return outcome;
  } catch (error) {
    fsSync.rmSync(tmp, { force: true });
    throw error;
  }
}
