/**
 * Git's object ids for photos, so a fresh checkout does not re-hash every photo.
 *
 * The hash index (hash-index.ts) recognises an unchanged photo by (path, size, mtime); a CI checkout
 * gives every file a new mtime, so each build there would read and sha256 every photo again
 * (~14 ms per camera photo: over two minutes for 10,000). Git already knows each committed file's
 * content id. For files git reports unmodified, blob id → sha256 is looked up in the cache's
 * git-ids.json instead of reading the photo. Modified, untracked or unknown files are hashed as usual;
 * outside a git checkout (or without git) nothing changes.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { GIT_IDS_FILE } from "./cache-names.ts";
import { EntryFile, INDEX_VERSION } from "./entry-file.ts";

const run = promisify(execFile);

/**
 * Absolute path → blob id, for the tracked files of the checkout holding `dir` that are unmodified
 * in the working tree. Undefined when `dir` is not in a git checkout or git is not available.
 */
export async function gitBlobIds(dir: string): Promise<Map<string, string> | undefined> {
  const git = (cwd: string, ...args: string[]) => run("git", ["-C", cwd, ...args], { maxBuffer: 256 * 1024 * 1024, timeout: 60_000, windowsHide: true });
  try {
    const top = (await git(dir, "rev-parse", "--show-toplevel")).stdout.trim();
    const [listed, status] = await Promise.all([git(top, "ls-files", "-s", "-z"), git(top, "status", "--porcelain=v1", "-z", "--untracked-files=no")]);
    const ids = new Map<string, string>();
    for (const record of listed.stdout.split("\0")) {
      // "<mode> <object> <stage>\t<path>"; only stage 0 (no merge in progress for this file).
      const tab = record.indexOf("\t");
      if (tab < 0) continue;
      const [, object, stage] = record.slice(0, tab).split(" ");
      if (stage === "0" && object) ids.set(path.resolve(top, record.slice(tab + 1)), object);
    }
    // Entries are "XY path" (renames add the old path as the next entry): any change means hash it.
    const entries = status.stdout.split("\0");
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.length < 4) continue;
      ids.delete(path.resolve(top, e.slice(3)));
      if (e[0] === "R" || e[0] === "C") ids.delete(path.resolve(top, entries[++i] ?? ""));
    }
    return ids;
  } catch {
    return undefined;
  }
}

/** git-ids.json: git blob id → sha256 of the photo's bytes. Loaded only when a photo misses the hash index. */
export class GitIdIndex extends EntryFile<string> {
  static async load(cacheDir: string): Promise<GitIdIndex> {
    const index = new GitIdIndex(path.join(cacheDir, GIT_IDS_FILE), INDEX_VERSION);
    await index.read((sha) => typeof sha === "string" && /^[0-9a-f]{64}$/.test(sha));
    return index;
  }

  get(blob: string): string | undefined {
    return this.entries.get(blob);
  }

  set(blob: string, sha256: string): void {
    if (this.entries.get(blob) !== sha256) this.put(blob, sha256);
  }
}
