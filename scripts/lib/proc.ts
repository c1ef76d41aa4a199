/**
 * Benchmark process helpers: run a measurement in a fresh Node child, sample the resident memory
 * of the child and everything it starts (Pagefind's indexer is a separate process), and total
 * the bytes of an output folder.
 */
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";

export interface ChildRun<T> {
  result: T;
  /** Wall time of the whole child process, start-up and imports included. */
  processMs: number;
  /** Peak of the summed RSS of the child and its descendants, sampled every 100 ms (MiB). */
  treePeakRssMb: number;
}

/** RSS (KiB) of pid and all its descendants, from /proc (Linux only; 0 elsewhere). */
async function treeRssKb(root: number): Promise<number> {
  let entries: string[];
  try {
    entries = await fs.readdir("/proc");
  } catch {
    return 0;
  }
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (e) => {
        try {
          const status = await fs.readFile(`/proc/${e}/status`, "utf8");
          const ppid = /^PPid:\s+(\d+)/m.exec(status);
          const vm = /^VmRSS:\s+(\d+)/m.exec(status);
          parent.set(Number(e), ppid ? Number(ppid[1]) : 0);
          rss.set(Number(e), vm ? Number(vm[1]) : 0);
        } catch {
          // exited meanwhile
        }
      }),
  );
  let total = 0;
  for (const [pid, kb] of rss) {
    for (let p = pid, depth = 0; p && depth < 16; p = parent.get(p) ?? 0, depth++) {
      if (p === root) {
        total += kb;
        break;
      }
    }
  }
  return total;
}

/** Runs `node <nodeArgs> <script> <args>` and returns the JSON it wrote to its --result file. */
export async function runChild<T>(opts: { script: string; args: string[]; nodeArgs?: string[]; resultFile: string; cwd: string; label: string }): Promise<ChildRun<T>> {
  await fs.rm(opts.resultFile, { force: true });
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", opts.script, ...opts.args, "--result", opts.resultFile], {
    cwd: opts.cwd,
    stdio: ["ignore", "inherit", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      if (child.pid) peak = Math.max(peak, await treeRssKb(child.pid));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  sampling = false;
  await sampler;
  const processMs = performance.now() - t0;
  if (code !== 0) throw new Error(`${opts.label}: child exited with ${code}\n${stderr.slice(-4000)}`);
  const result = JSON.parse(await fs.readFile(opts.resultFile, "utf8")) as T;
  return { result, processMs, treePeakRssMb: peak / 1024 };
}

export interface TreeSize {
  bytes: number;
  files: number;
  htmlFiles: number;
  /** Bytes per top-level entry (e.g. pagefind, zh-hant, img, news). */
  byTop: Record<string, number>;
}

/** Bytes and files under dir; hard-linked files (images, attachments) are counted once. */
export async function treeSize(dir: string): Promise<TreeSize> {
  const seen = new Set<string>();
  const out: TreeSize = { bytes: 0, files: 0, htmlFiles: 0, byTop: {} };
  const walk = async (d: string, top: string | undefined): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const t = top ?? e.name;
      if (e.isDirectory()) await walk(p, t);
      else if (e.isFile()) {
        const s = await fs.stat(p);
        const id = `${s.dev}:${s.ino}`;
        if (s.nlink > 1) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        out.bytes += s.size;
        out.files++;
        if (e.name.endsWith(".html")) out.htmlFiles++;
        out.byTop[t] = (out.byTop[t] ?? 0) + s.size;
      }
    }
  };
  await walk(dir, undefined);
  return out;
}
