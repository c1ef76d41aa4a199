/**
 * Runs Pagefind (extended build: jieba segmentation for Chinese) over finished HTML.
 *
 * The pagefind_extended binary is run as a CLI, one process per shard, one after another: over
 * the same 4,000 pages the CLI used 42 s of CPU where the Node API's service process used 56 s
 * (same 1.8 GB peak), and a process that exits returns its memory before the next shard starts.
 * The binary is the one npm installs with the pinned pagefind package (@pagefind/<platform>-<cpu>),
 * resolved from that package; nothing is downloaded.
 *
 * Bundles are cached (`cacheDir`): a shard whose pages are byte-identical to those of an earlier
 * run gets that run's bundle back (hard links) instead of a Pagefind run. Pagefind has no
 * incremental mode and costs ~7 ms of CPU per page, so a no-change rebuild would otherwise redo all
 * of it, and an edit to one article of a large site reindexes only the shard of its year.
 *
 * Only elements marked data-pagefind-body are indexed (the <article> of each article page); lists,
 * home, search and 404 pages carry none and are skipped. The portal's caller (lib/search/articles.ts)
 * gives each shard an `input` folder of index copies (lib/search/input.ts) and a `key`; a caller
 * without them passes a glob over the site folder; without one, every top-level entry except the
 * 繁體 edition (zh-hant/) and the bundle itself is read.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HANT_DIR } from "../edition/edition.ts";
import { linkOrCopySync } from "../util/link-or-copy.ts";
import { forEachLimit } from "../util/pool.ts";

/** Where the bundle goes, relative to the site folder (layouts/pages/search.ts links it). */
export const BUNDLE_DIR = "pagefind";

/**
 * Pagefind writes its ready-made UIs into every bundle; the portal uses the JS API only
 * (assets/js/search.js), so these are removed to keep the published site small.
 */
const UNUSED_FILES = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"];

/** A merged shard's runtime is never fetched: the browser runs the primary's (mergeIndex loads index files only). */
const SHARD_RUNTIME = /^(pagefind\.js|pagefind-worker\.js|wasm\..*\.pagefind)$/;

export interface SearchIndexStats {
  /** Pages in the index, all shards (pages without data-pagefind-body are skipped). */
  pages: number;
  /** Pages per index language, from pagefind-entry.json, summed over shards. */
  languages: Record<string, number>;
  /** Bundles written: 1, or the number of shards. */
  shards: number;
  /** Every file in the bundle(s). */
  files: number;
  bytes: number;
  /** The index proper: .pf_meta, .pf_index, .pf_fragment, .pf_filter. */
  indexBytes: number;
  /** The search runtime: pagefind.js, worker, wasm, entry. */
  runtimeBytes: number;
  ms: number;
  /** CPU seconds (user + system) of the Pagefind processes, sampled from /proc (Linux; 0 elsewhere). */
  cpuSeconds: number;
  /** Largest resident set of one Pagefind process (VmHWM, Linux; 0 elsewhere). */
  peakRssBytes: number;
  /** Shards taken from the bundle cache instead of running Pagefind. */
  reused: number;
}

export interface ShardSpec {
  /** Folder inside the bundle folder ("" for the primary bundle). */
  dir: string;
  /** Pagefind glob relative to the site folder. */
  glob: string;
  /**
   * The HTML files the glob selects, relative to the site folder: with `cacheDir`, their bytes
   * key the shard's cached bundle. Must be exactly what the glob matches.
   */
  pages?: string[];
  /** The shard's cache key (instead of hashing `pages`); `version` names the Pagefind build. */
  key?: (version: string) => Promise<string>;
  /**
   * Makes the folder Pagefind reads for this shard (instead of the site folder): called only when
   * the bundle is not in the cache, as soon as `ready` settles (possibly while an earlier shard is
   * being indexed); `cleanup` is called after Pagefind ran, or when the stage fails before.
   */
  input?: () => Promise<{ site: string; cleanup(): Promise<void> }>;
  /** Settles when the shard's pages are written (the pipeline indexes a shard while later pages render); a rejection ends the build. */
  ready?: Promise<void>;
}

export interface SearchIndexOptions {
  /** Defaults to <siteDir>/pagefind. */
  outputPath?: string;
  /** Glob of HTML files to index, relative to siteDir (default: everything outside zh-hant/ and the bundle). */
  glob?: string;
  /** Several bundles, indexed one after another (overrides glob). */
  shards?: ShardSpec[];
  /** Bundle cache folder (e.g. <root>/.cache/search/bundles); shards listing their `pages` are looked up there. */
  cacheDir?: string;
}

export class SearchIndexError extends Error {
  override name = "SearchIndexError";
  constructor(readonly errors: string[]) {
    super(`搜索索引生成失败 (Pagefind search index failed):\n  ${errors.join("\n  ")}`);
  }
}

/**
 * The pagefind_extended binary of the installed pagefind package. PAGEFIND_EXTENDED_BINARY_PATH
 * overrides it, as it does for pagefind itself. Only the extended build will do: the standard one
 * has no Chinese segmentation and would index a sentence as one word.
 */
export function pagefindBinary(): string {
  const override = process.env.PAGEFIND_EXTENDED_BINARY_PATH;
  if (override) return override;
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = `@pagefind/${platform}-${process.arch}/bin/pagefind_extended${platform === "windows" ? ".exe" : ""}`;
  let from: string;
  try {
    from = fileURLToPath(import.meta.resolve("pagefind"));
  } catch {
    throw new SearchIndexError(["the pagefind package is not installed: run npm ci"]);
  }
  try {
    return createRequire(from).resolve(name);
  } catch {
    throw new SearchIndexError([`${name} is missing (pagefind installs it as an optional dependency for this platform): run npm ci, or set PAGEFIND_EXTENDED_BINARY_PATH`]);
  }
}

/** Everything outside the 繁體 edition and the bundle: the Simplified pages. */
async function defaultGlob(site: string): Promise<string> {
  const entries = await fs.readdir(site, { withFileTypes: true });
  const alts = entries
    .filter((e) => e.isDirectory() && e.name !== HANT_DIR && e.name !== BUNDLE_DIR)
    .map((e) => `${e.name}/**/*.html`)
    .sort();
  return `{*.html${alts.map((a) => "," + a).join("")}}`;
}

/** Builds run one at a time (one indexer's memory at once, also across concurrent builds in one process). */
let queue: Promise<unknown> = Promise.resolve();

export function buildSearchIndex(siteDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexStats> {
  const run = queue.then(() => indexAll(siteDir, options));
  queue = run.catch(() => undefined);
  return run;
}

async function indexAll(siteDir: string, options: SearchIndexOptions): Promise<SearchIndexStats> {
  const t0 = performance.now();
  const site = path.resolve(siteDir);
  const outputPath = path.resolve(options.outputPath ?? path.join(site, BUNDLE_DIR));
  const shards = options.shards?.length ? options.shards : [{ dir: "", glob: options.glob ?? (await defaultGlob(site)) }];
  // Pagefind adds to an existing bundle without removing stale fragments: start clean.
  await fs.rm(outputPath, { recursive: true, force: true });
  const binary = pagefindBinary();
  const version = options.cacheDir ? await pagefindVersion(binary) : "";
  let cpuSeconds = 0;
  let peakRssBytes = 0;
  let reused = 0;
  const used = new Set<string>();
  const languages: Record<string, number> = {};
  // Each shard is prepared (its key; its input folder when the cache has no bundle for it) as soon
  // as its pages are written, while the shard before it is still being indexed: Pagefind, the
  // longest path of a cold build, goes from one shard to the next without waiting for copies.
  const prepared = shards.map((shard) => {
    const ready = (async () => {
      await shard.ready;
      // A page that cannot be read just means no reuse: Pagefind then reports what is wrong.
      const key = !options.cacheDir ? undefined : shard.key ? await shard.key(version).catch(() => undefined) : shard.pages ? await shardKey(site, shard, version).catch(() => undefined) : undefined;
      const cached = key ? path.join(options.cacheDir!, key) : undefined;
      const hit = cached !== undefined && existsSync(path.join(cached, COMPLETE));
      const input = !hit && shard.input ? await shard.input() : undefined;
      return { key, cached, hit, input };
    })();
    ready.catch(() => undefined);
    return ready;
  });
  const consumed = new Set<number>();
  try {
    for (const [i, shard] of shards.entries()) {
      const { key, cached, hit, input: early } = await prepared[i]!;
      consumed.add(i);
      const out = path.join(outputPath, shard.dir);
      if (cached) used.add(key!);
      if (
        hit &&
        (await linkTree(cached!, out).then(
          () => true,
          () => false,
        ))
      )
        reused++;
      else {
        const input = early ?? (shard.input ? await shard.input() : undefined);
        const run = await runPagefind(binary, input?.site ?? site, shard.glob, out).finally(() => input?.cleanup());
        cpuSeconds += run.cpuSeconds;
        peakRssBytes = Math.max(peakRssBytes, run.peakRssBytes);
        // Synchronous, as below: the render may hold the event loop, and each awaited call would wait for a turn.
        for (const file of readdirSync(out)) {
          if (UNUSED_FILES.includes(file) || (shard.dir && SHARD_RUNTIME.test(file))) rmSync(path.join(out, file), { force: true });
        }
        // Saved before the next shard writes into a sub-folder of this one (the primary holds shard-N/).
        if (cached) saveTree(out, cached, options.cacheDir!);
      }
      for (const [lang, n] of Object.entries(entryLanguages(out))) languages[lang] = (languages[lang] ?? 0) + n;
    }
  } catch (error) {
    // Input folders made for shards never reached are removed once they exist (their pages may still be rendering).
    for (const [i, p] of prepared.entries())
      if (!consumed.has(i))
        p.then(
          (r) => r.input?.cleanup(),
          () => undefined,
        ).catch(() => undefined);
    throw error;
  }
  if (options.cacheDir) await pruneBundles(options.cacheDir, used);
  const sizes = await bundleSizes(outputPath);
  const pages = Object.values(languages).reduce((a, b) => a + b, 0);
  return { ...sizes, languages: sortKeys(languages), pages, shards: shards.length, ms: performance.now() - t0, cpuSeconds, peakRssBytes, reused };
}

/** The pinned package version and the binary's size: a different Pagefind never reuses a bundle. */
async function pagefindVersion(binary: string): Promise<string> {
  let version = "?";
  try {
    const pkg = createRequire(fileURLToPath(import.meta.resolve("pagefind"))).resolve("pagefind/package.json");
    version = (JSON.parse(await fs.readFile(pkg, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    // Resolved through PAGEFIND_EXTENDED_BINARY_PATH only: the binary's size still tells builds apart.
  }
  const size = await fs.stat(binary).then(
    (s) => s.size,
    () => 0,
  );
  return `${version}:${size}`;
}

/** sha256 over everything Pagefind's output depends on: its version, the glob, and every page's path and bytes. */
async function shardKey(site: string, shard: ShardSpec, version: string): Promise<string> {
  const hash = crypto.createHash("sha256").update(`pagefind ${version}\nglob ${shard.glob}\nv1\n`);
  for (const page of [...shard.pages!].sort()) {
    hash.update(`${page}\0`);
    hash.update(await fs.readFile(path.join(site, page)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Hard-links (copies across file systems) every file of a complete cached bundle into `to` (the caller checked `COMPLETE`). */
async function linkTree(from: string, to: string): Promise<void> {
  // Synchronous: the render keeps the event loop busy meanwhile (lib/util/link-or-copy.ts linkOrCopySync).
  for (const entry of await fs.readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === COMPLETE) continue;
    const rel = path.relative(from, path.join(entry.parentPath, entry.name));
    linkOrCopySync(path.join(from, rel), path.join(to, rel));
  }
}

/** File operations in flight at once (links, reads, copies) in this stage. */
export const FILE_OPS = 32;

const COMPLETE = ".complete";

/** Stores a fresh bundle: linked into a temporary folder, marked complete, renamed into place. Synchronous (see indexAll). */
function saveTree(from: string, to: string, cacheDir: string): void {
  const tmp = path.join(cacheDir, `.tmp-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
  try {
    for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const rel = path.relative(from, path.join(entry.parentPath, entry.name));
      linkOrCopySync(path.join(from, rel), path.join(tmp, rel));
    }
    writeFileSync(path.join(tmp, COMPLETE), "");
    rmSync(to, { recursive: true, force: true });
    renameSync(tmp, to);
  } catch {
    // The cache is an optimisation: a bundle that cannot be stored is rebuilt next time.
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Keeps the bundles this run used; removes older ones and leftovers of interrupted runs. */
async function pruneBundles(cacheDir: string, used: ReadonlySet<string>): Promise<void> {
  for (const name of await fs.readdir(cacheDir).catch(() => [] as string[])) {
    if (used.has(name)) continue;
    if (/^[0-9a-f]{64}$/.test(name) || /^\.tmp-\d+-/.test(name)) {
      const pid = Number(name.split("-")[1]);
      if (name.startsWith(".tmp-") && pid === process.pid) continue;
      await fs.rm(path.join(cacheDir, name), { recursive: true, force: true });
    }
  }
}

function runPagefind(binary: string, site: string, glob: string, out: string): Promise<{ cpuSeconds: number; peakRssBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["--site", site, "--glob", glob, "--output-path", out, "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-4000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const usage = { cpuSeconds: 0, peakRssBytes: 0 };
    const sample = () => {
      if (!child.pid) return;
      try {
        const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        usage.cpuSeconds = Math.max(usage.cpuSeconds, (Number(f[11]) + Number(f[12])) / 100);
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (hwm) usage.peakRssBytes = Math.max(usage.peakRssBytes, Number(hwm[1]) * 1024);
      } catch {
        // Not Linux, or the process has just ended.
      }
    };
    const timer = setInterval(sample, 250);
    child.on("error", (error) => {
      clearInterval(timer);
      reject(new SearchIndexError([`${binary}: ${error.message}`]));
    });
    child.on("exit", (code, signal) => {
      clearInterval(timer);
      if (code === 0) resolve(usage);
      else reject(new SearchIndexError([`pagefind_extended exited with ${signal ?? code} (glob ${glob.length > 200 ? glob.slice(0, 200) + "…" : glob})`, ...output.trim().split("\n").slice(-15)]));
    });
  });
}

function entryLanguages(bundleDir: string): Record<string, number> {
  const languages: Record<string, number> = {};
  try {
    const entry = JSON.parse(readFileSync(path.join(bundleDir, "pagefind-entry.json"), "utf8")) as { languages?: Record<string, { page_count?: number }> };
    for (const [lang, info] of Object.entries(entry.languages ?? {})) languages[lang] = info.page_count ?? 0;
  } catch {
    // No entry file: nothing was indexed.
  }
  return languages;
}

const sortKeys = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/** Sizes of a written bundle (shards included), split into the index proper and the search runtime. */
export async function bundleSizes(bundleDir: string): Promise<Pick<SearchIndexStats, "files" | "bytes" | "indexBytes" | "runtimeBytes">> {
  let files = 0;
  let bytes = 0;
  let indexBytes = 0;
  const entries = (await fs.readdir(bundleDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  await forEachLimit(entries, FILE_OPS, async (entry) => {
    const size = (await fs.stat(path.join(entry.parentPath, entry.name))).size;
    files++;
    bytes += size;
    if (/\.pf_(meta|index|fragment|filter)$/.test(entry.name)) indexBytes += size;
  });
  return { files, bytes, indexBytes, runtimeBytes: bytes - indexBytes };
}
