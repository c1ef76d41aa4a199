/**
 * Compact single-character conversion maps for search queries (Traditional ⇄ Simplified).
 * The browser cannot afford opencc-js's phrase dictionaries (~1 MB), so the search page applies
 * a per-character map instead: a query typed in Traditional (華羅庚) is converted to Simplified
 * (华罗庚) before it reaches the Simplified index, and the 繁體 edition does the reverse.
 *
 * The maps are derived at build time from the pinned opencc-js (never hand-edited): every CJK
 * code point is run through the converter and only the ones that change are kept. Deriving them
 * takes about a second, so they are cached in .cache/search/ keyed by opencc-js version and
 * variant. Output is deterministic (code-point order).
 *
 * File format: {"v":1,"from":"t","to":"cn","pairs":"華华羅罗…"} — pairs is a string of
 * (source, target) code-point pairs; every target is a single code point.
 */
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as OpenCC from "opencc-js";
import type { Variant } from "../edition/edition.ts";
import { writeFileAtomic } from "../util/atomic-write.ts";

export const MAP_FORMAT = 1;

/** CJK Unified Ideographs, Extension A, compatibility ideographs and Extensions B–G. */
const CJK_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x2a6df],
  [0x2a700, 0x2ebef],
  [0x30000, 0x3134f],
];

export interface CharMap {
  v: number;
  from: string;
  to: string;
  pairs: string;
}

type Convert = (text: string) => string;

function derive(convert: Convert): string {
  let pairs = "";
  for (const [first, last] of CJK_RANGES) {
    for (let cp = first; cp <= last; cp++) {
      const ch = String.fromCodePoint(cp);
      const out = convert(ch);
      // Keep one-to-one changes only: the client converts a query code point by code point.
      if (out !== ch && [...out].length === 1) pairs += ch + out;
    }
  }
  return pairs;
}

/**
 * Traditional → Simplified. Tries the standard, Taiwan and Hong Kong forms in turn, so variant
 * characters typed on any keyboard (臺/台, 裡/裏) all land on the mainland form.
 */
export function deriveT2S(): CharMap {
  const converters = (["t", "tw", "hk"] as const).map((from) => OpenCC.Converter({ from, to: "cn" }));
  const pairs = derive((ch) => {
    for (const convert of converters) {
      const out = convert(ch);
      if (out !== ch) return out;
    }
    return ch;
  });
  return { v: MAP_FORMAT, from: "t", to: "cn", pairs };
}

/** Simplified → the site's Traditional variant (the one the 繁體 edition is converted with). */
export function deriveS2T(variant: Variant): CharMap {
  return { v: MAP_FORMAT, from: "cn", to: variant, pairs: derive(OpenCC.Converter({ from: "cn", to: variant })) };
}

/** Applies a map the way assets/js/search.js does (kept here for tests and scripts). */
export function applyCharMap(map: CharMap, text: string): string {
  const table = new Map<string, string>();
  const cps = [...map.pairs];
  for (let i = 0; i + 1 < cps.length; i += 2) table.set(cps[i]!, cps[i + 1]!);
  let out = "";
  for (const ch of text) out += table.get(ch) ?? ch;
  return out;
}

function openccVersion(): string {
  const require = createRequire(import.meta.url);
  try {
    const pkg = require("opencc-js/package.json") as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** Reads a derived map from the cache, deriving and caching it on a miss. */
export async function cachedMap(cacheDir: string | undefined, name: string, derive: () => CharMap): Promise<CharMap> {
  const file = cacheDir ? path.join(cacheDir, `${name}-opencc-${openccVersion()}-v${MAP_FORMAT}.json`) : undefined;
  if (file) {
    try {
      const cached = JSON.parse(await fs.readFile(file, "utf8")) as CharMap;
      if (cached.v === MAP_FORMAT && typeof cached.pairs === "string" && cached.pairs.length > 0) return cached;
    } catch {
      // Missing or unreadable: derive again.
    }
  }
  const map = derive();
  if (file) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, JSON.stringify(map));
  }
  return map;
}

export interface WrittenMaps {
  /** File name → bytes written. */
  files: Record<string, number>;
}

/**
 * The query map split by code point (cp % T2S_BUCKETS): a query loads only the buckets of its
 * own characters (~0.7 KB each) instead of the whole map (~22 KB) — a reader's first query is
 * measured in bytes (docs/search.md).
 */
export const T2S_BUCKETS = 32;

export function bucketPairs(map: CharMap, buckets: number): string[] {
  const out: string[] = Array.from({ length: buckets }, () => "");
  const cps = [...map.pairs];
  for (let i = 0; i + 1 < cps.length; i += 2) out[cps[i]!.codePointAt(0)! % buckets] += cps[i]! + cps[i + 1]!;
  return out;
}

/**
 * Writes zh-t2s.json (always; the whole map, for tools and tests), its buckets
 * zh-t2s/<n>.json (what assets/js/search.js loads) and zh-s2t.json (when the site has a 繁體
 * edition) into the search bundle folder, next to pagefind.js, where the search page finds them
 * through data-bundle.
 */
export async function writeCharMaps(bundleDir: string, options: { variant?: Variant; cacheDir?: string }): Promise<WrittenMaps> {
  const files: Record<string, number> = {};
  const write = async (name: string, map: CharMap) => {
    const body = JSON.stringify(map);
    await fs.writeFile(path.join(bundleDir, name), body);
    files[name] = Buffer.byteLength(body);
  };
  const t2s = await cachedMap(options.cacheDir, "zh-t2s", deriveT2S);
  await write("zh-t2s.json", t2s);
  await fs.mkdir(path.join(bundleDir, "zh-t2s"), { recursive: true });
  const parts = bucketPairs(t2s, T2S_BUCKETS);
  for (let i = 0; i < parts.length; i++) await write(`zh-t2s/${i}.json`, { ...t2s, pairs: parts[i]! });
  if (options.variant) {
    const variant = options.variant;
    await write("zh-s2t.json", await cachedMap(options.cacheDir, `zh-s2t-${variant}`, () => deriveS2T(variant)));
  }
  return { files };
}
