/**
 * The publish step: a build writes into a fresh temporary folder beside the output folder, and
 * only a fully successful build is swapped in, with renames. A failed build leaves the previous
 * site untouched and no temporary folder.
 *
 * The replaced site is moved into a trash folder (`.cache/trash/`), which the next build empties
 * on another thread while it reads the content: removing ~25,000 entries of a 4,000-article site
 * costs ~1–1.8 s of file-system time, which would otherwise end every build.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";

/** A temporary folder beside the output folder (same file system, so the swap is a rename). */
export const tempOutputFor = (outputDir: string): string => `${outputDir}.tmp-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/**
 * Removes a failed build's folder. Eleventy rejects on the first template error while its other
 * templates are still rendering and writing (TemplateWriter awaits them with Promise.all), and
 * those late writes would recreate the folder after a plain rm: wait until no new file has
 * appeared for a moment, then remove it (and again if anything still came back).
 */
export async function discard(dir: string, quietMs = 300, maxMs = 120_000): Promise<void> {
  const count = () =>
    fs.readdir(dir, { recursive: true }).then(
      (e) => e.length,
      () => -1,
    );
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const t0 = performance.now();
  let last = await count();
  let since = performance.now();
  while (performance.now() - t0 < maxMs && performance.now() - since < quietMs) {
    await sleep(50);
    const n = await count();
    if (n !== last) [last, since] = [n, performance.now()];
  }
  for (let i = 0; i < 5; i++) {
    await fs.rm(dir, { recursive: true, force: true });
    await sleep(i === 0 ? 50 : 200);
    if ((await count()) === -1) return;
  }
}

/**
 * Replaces `target` with `fresh` using renames only; the old tree is removed afterwards.
 * `carry` folders are moved from the old tree into the fresh one first (and moved back if the swap
 * fails), then their `remove` entries are deleted from the new site.
 */
export async function swapIn(fresh: string, target: string, carry: readonly { dir: string; remove: string[] }[] = [], trash?: string): Promise<void> {
  const moved: string[] = [];
  const moveBack = async (from: string) => {
    for (const dir of moved.reverse()) await fs.rename(path.join(from, dir), path.join(target, dir)).catch(() => undefined);
  };
  try {
    for (const c of carry) {
      await fs.rename(path.join(target, c.dir), path.join(fresh, c.dir));
      moved.push(c.dir);
    }
  } catch (error) {
    await moveBack(fresh);
    throw error;
  }
  const old = `${target}.old-${process.pid}-${Date.now().toString(36)}`;
  let hadOld = true;
  try {
    await fs.rename(target, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      await moveBack(fresh);
      throw error;
    }
    hadOld = false;
  }
  try {
    await fs.rename(fresh, target);
  } catch (error) {
    if (hadOld) {
      await fs.rename(old, target);
      await moveBack(fresh);
    }
    throw error;
  }
  for (const c of carry) for (const name of c.remove) await fs.rm(path.join(target, c.dir, name), { force: true });
  if (hadOld && !(trash && (await moveToTrash(old, trash)))) await fs.rm(old, { recursive: true, force: true });
}

/** Moves a replaced site into the trash; false when it cannot (another file system: then it is removed at once). */
async function moveToTrash(dir: string, trash: string): Promise<boolean> {
  try {
    await fs.mkdir(trash, { recursive: true });
    await fs.rename(dir, path.join(trash, path.basename(dir)));
    return true;
  } catch {
    return false;
  }
}

// rmSync on a worker thread: the main thread goes on reading content meanwhile (fs.rm's async
// walk would queue thousands of callbacks between the content stage's own).
const REMOVE = `const { rmSync } = require("node:fs");
for (const p of require("node:worker_threads").workerData) rmSync(p, { recursive: true, force: true, maxRetries: 2 });`;

/**
 * Removes what the trash folder holds now (earlier builds' replaced sites) on a worker thread.
 * Entries moved in meanwhile are left for the next build. Never rejects: a failure only leaves
 * files for the next build to remove.
 */
export async function emptyTrash(trash: string): Promise<void> {
  const entries = await fs.readdir(trash).catch(() => [] as string[]);
  if (!entries.length) return;
  await new Promise<void>((resolve) => {
    const worker = new Worker(REMOVE, { eval: true, workerData: entries.map((e) => path.join(trash, e)) });
    worker.once("error", () => resolve());
    worker.once("exit", () => resolve());
  });
}

/** Eleventy wraps errors thrown by event handlers and templates; surface ours. */
export function unwrap(error: unknown): unknown {
  let e = error as { originalError?: unknown; cause?: unknown; name?: string } | undefined;
  for (let i = 0; i < 6 && e; i++) {
    if (e.name === "ContentError") return e;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return error;
}
