/**
 * Publishing variants into the output: hard links from the cache into <output>/img/ (a copy where
 * links are impossible), or — on a rebuild — only the missing ones into the previous build's img/,
 * which the build then carries over into the new output.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { linkOrCopy } from "../util/link-or-copy.ts";
import { forEachLimit } from "../util/pool.ts";
import { VARIANT_FILE } from "./cache-names.ts";
import type { ProcessedImage } from "./types.ts";

export interface PublishOptions {
  /**
   * The previous build's img/ folder. Variants are content-addressed and immutable, so instead of
   * linking every one again into a fresh output, only the missing ones are linked into this folder
   * (extra files never disturb the live site) and the build moves it into the new output when it
   * swaps that in (lib/pipeline/publish.ts). `unused` lists what the new site no longer references.
   */
  reuse?: string;
}

export interface PublishResult {
  /** The folder the variants are in: outDir, or `reuse`. */
  dir: string;
  linked: number;
  copied: number;
  /** Already there (published by an earlier build). */
  existing: number;
  /** Files in the reused folder that no image references any more (variant names only). */
  unused: string[];
}

/** Variants the cache should have but does not (deleted by hand): the caller forgets and reprocesses those photos. */
export class MissingVariantsError extends Error {
  override name = "MissingVariantsError";
  constructor(
    readonly names: string[],
    cacheDir: string,
  ) {
    super(
      `图片缓存中缺少 ${names.slice(0, 3).join(", ")}${names.length > 3 ? " …" : ""}，请重新构建（必要时删除 ${cacheDir}） / image cache is missing ${names.length} variant(s); build again (delete the cache folder if it persists)`,
    );
  }
}

/** Names are content-addressed: a file of the same name and size holds the same bytes. */
const sameSize = (a: { size: number }, b: { size: number }): boolean => a.size === b.size;

/**
 * Hard-links every variant from the cache into `outDir` (a copy where links are impossible,
 * e.g. another file system), or only the missing ones into `options.reuse`. Idempotent: names
 * are content-addressed, so an existing file of that name is the same file.
 */
export async function publishImages(images: Iterable<ProcessedImage>, cacheDir: string, outDir: string, options: PublishOptions = {}): Promise<PublishResult> {
  const names = new Set<string>();
  for (const img of images) for (const v of img.variants) names.add(v.name);
  let dir = outDir;
  let have = new Set<string>();
  if (options.reuse) {
    const listed = await fs.readdir(options.reuse).catch(() => undefined);
    if (listed) {
      dir = options.reuse;
      have = new Set(listed);
    }
  }
  await fs.mkdir(dir, { recursive: true });
  const result: PublishResult = { dir, linked: 0, copied: 0, existing: 0, unused: [] };
  for (const name of have) if (!names.has(name) && VARIANT_FILE.test(name)) result.unused.push(name);
  const missing: string[] = [];
  const todo: string[] = [];
  for (const name of names) {
    if (have.has(name)) result.existing++;
    else todo.push(name);
  }
  await forEachLimit(todo, 16, async (name) => {
    try {
      result[await linkOrCopy(path.join(cacheDir, name), path.join(dir, name), { keep: sameSize })]++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      missing.push(name);
    }
  });
  if (missing.length) throw new MissingVariantsError(missing.sort(), cacheDir);
  return result;
}
