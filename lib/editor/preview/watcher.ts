/**
 * Watches folders for edits and reports the changed files in batches, after a quiet period
 * (editors save several files at once). Editors' tools leave temporary files (~$x.docx, .swp,
 * 4913, .crdownload): ignored. A "change" event that is only an attribute change (the build
 * hard-links attachments, which changes their link count) is not an edit: only a new
 * modification time or size is.
 */
import { watch, type FSWatcher } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

const IGNORED = /(^|[\\/])(\.|~\$)|~$|\.(swp|swx|tmp|crdownload|part)$|(^|[\\/])4913$/i;

export interface WatchOptions {
  /** Folders to watch recursively; the first must exist, the others may not. */
  dirs: readonly string[];
  debounceMs: number;
  /** Called with the absolute paths changed since the last call. */
  onChange: (files: string[]) => void;
  /** Files modified before this time (ms) are already part of the last build. */
  builtSince: () => number;
  log: (text: string) => void;
}

export interface Watcher {
  /** A change was seen and is waiting for its quiet period to end. */
  busy(): boolean;
  close(): void;
}

export function watchFiles(options: WatchOptions): Watcher {
  // The first build starts after this: files last modified before it are in it.
  const started = Date.now();
  const changed = new Set<string>();
  const seen = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    timer = undefined;
    const files = [...changed];
    changed.clear();
    options.onChange(files);
  };
  const onEvent = async (dir: string, event: string, file: string | null): Promise<void> => {
    if (file && IGNORED.test(file)) return;
    const abs = file ? path.join(dir, file) : undefined;
    if (event === "change" && abs) {
      const s = await fs.stat(abs).catch(() => undefined);
      if (s) {
        if (s.isDirectory()) return;
        const key = `${s.mtimeMs}:${s.size}`;
        const before = seen.get(abs);
        seen.set(abs, key);
        // File times may lag the wall clock slightly: only clearly older files count as already built.
        if (before ? before === key : s.mtimeMs < Math.max(started, options.builtSince() - 2000)) return;
      }
    }
    if (abs) changed.add(abs);
    clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs);
  };

  const watchers: FSWatcher[] = [];
  for (const [i, dir] of options.dirs.entries()) {
    try {
      const w = watch(dir, { recursive: true }, (event, file) => void onEvent(dir, event, file === null ? null : String(file)));
      w.on("error", (error) => options.log(`监视文件夹出错 watch error: ${String(error)}`));
      watchers.push(w);
    } catch (error) {
      if (i === 0) throw error;
    }
  }
  return {
    busy: () => timer !== undefined,
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
