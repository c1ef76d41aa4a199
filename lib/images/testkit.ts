/** Helpers for the image tests: temp folders, jobs and pixel probes. (The test images themselves: scripts/lib/photos/.) */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { PhotoJob } from "./types.ts";

export async function tempDir(prefix = "img-test-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export const job = (source: string, i = 0, file = "content/news/jydt/2024/test/index.md"): PhotoJob => ({ source, file, field: `photos[${i}].file` });

/** RGB (and alpha) of one pixel of an image file or buffer. */
export async function pixel(input: string | Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(input).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [...data.subarray(i, i + info.channels)];
}

export function near(actual: readonly number[], expected: readonly number[], tolerance = 40): boolean {
  return expected.every((e, i) => Math.abs((actual[i] ?? -999) - e) <= tolerance);
}

/** Every file under dir, relative, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  await walk(dir);
  return out.sort();
}
