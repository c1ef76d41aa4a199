/**
 * The content-addressed image cache (.cache/images/, outside the output folder):
 *   <key>.json            manifest: oriented size and variants; written last, so its presence
 *                         means every variant it lists is complete
 *   <key16>-<width>.<ext> variants
 *   index.json            (path, size, mtimeMs) → sha256 of the bytes, so unchanged photos are not even re-hashed
 *   manifests.json        every manifest above in one file, read once when needed (not 10,000 reads and a listing)
 *   last-run.json         the previous run's result per photo path (size, mtime → result): a no-change
 *                         rebuild reads this one file and nothing else, not even the two above
 *   .tmp/                 temporary names; every write is write-then-rename within the cache's
 *                         file system, so an interrupted build never leaves a half-written file under a real name
 * key = sha256(sha256(photo bytes) + fingerprint of the options that change output bytes).
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { ProcessedImage } from "./types.ts";
import { EXTENSIONS } from "./options.ts";
import type { ImageFormat, ImageVariant } from "./types.ts";

export const TMP_DIR = ".tmp";
export const INDEX_FILE = "index.json";
export const MANIFESTS_FILE = "manifests.json";
export const SNAPSHOT_FILE = "last-run.json";
export const GIT_IDS_FILE = "git-ids.json";
const MANIFEST_VERSION = 1;
const INDEX_VERSION = 1;

let tmpCounter = 0;

/** A fresh temporary path inside <cacheDir>/.tmp (same file system, so rename is atomic). */
export function tmpPath(cacheDir: string, name: string): string {
  return path.join(cacheDir, TMP_DIR, `${process.pid}-${(tmpCounter++).toString(36)}-${crypto.randomBytes(3).toString("hex")}-${name}`);
}

/** Writes `data` to `target` atomically: temp file in the same file system, then rename. */
export async function writeFileAtomic(cacheDir: string, target: string, data: string | Uint8Array): Promise<void> {
  const tmp = tmpPath(cacheDir, path.basename(target));
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Removes temporary files left by builds that were killed: those of processes that no longer
 * run, and any older than a day. Files of a concurrent live build are left alone.
 */
export async function cleanTemp(cacheDir: string): Promise<void> {
  const dir = path.join(cacheDir, TMP_DIR);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(name.split("-")[0]);
      const file = path.join(dir, name);
      if (pid === process.pid) return;
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        const st = await fs.stat(file).catch(() => undefined);
        if (!st || st.mtimeMs > dayAgo) return;
      }
      await fs.rm(file, { force: true, recursive: true });
    }),
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Streams a file through sha256 in 1 MB reads (never the whole file in memory); also returns its first bytes for sniffing. */
export async function hashFile(file: string, headBytes: number): Promise<{ hash: string; head: Buffer; bytes: number }> {
  const hash = crypto.createHash("sha256");
  const handle = await fs.open(file, "r");
  const chunk = Buffer.allocUnsafe(1 << 20);
  let head: Buffer | undefined;
  let bytes = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (!bytesRead) break;
      head ??= Buffer.from(chunk.subarray(0, Math.min(headBytes, bytesRead)));
      hash.update(chunk.subarray(0, bytesRead));
      bytes += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return { hash: hash.digest("hex"), head: head ?? Buffer.alloc(0), bytes };
}

/** Reads the first bytes of a file (for sniffing when the hash came from the index). */
export async function readHead(file: string, headBytes: number): Promise<Buffer> {
  const handle = await fs.open(file, "r");
  try {
    const buf = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buf, 0, headBytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** One-shot crypto.hash (Node ≥ 20.12) is ~3× faster than createHash for short strings; computed per photo per build. */
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === "function"
    ? (text) => (crypto as unknown as { hash: (alg: string, data: string) => string }).hash("sha256", text)
    : (text) => crypto.createHash("sha256").update(text).digest("hex");

export function cacheKey(sourceHash: string, fingerprint: string): string {
  return sha256Hex(`${sourceHash}\n${fingerprint}`);
}

export function variantName(key: string, width: number, format: ImageFormat): string {
  return `${key.slice(0, 16)}-${width}.${EXTENSIONS[format]}`;
}

export const manifestName = (key: string): string => `${key}.json`;

interface Manifest extends ProcessedImage {
  v: number;
  source: string;
}

export async function writeManifest(cacheDir: string, image: ProcessedImage, sourceHash: string): Promise<void> {
  const manifest: Manifest = { v: MANIFEST_VERSION, source: sourceHash, ...image };
  await writeFileAtomic(cacheDir, path.join(cacheDir, manifestName(image.hash)), JSON.stringify(manifest));
}

/**
 * The cached result for `key`, or undefined when it is missing, unreadable, from another
 * version, or any of its variants is gone (`present` is a listing of the cache folder).
 */
export async function readManifest(cacheDir: string, key: string, present: ReadonlySet<string>): Promise<ProcessedImage | undefined> {
  const name = manifestName(key);
  if (!present.has(name)) return undefined;
  try {
    const m = JSON.parse(await fs.readFile(path.join(cacheDir, name), "utf8")) as Partial<Manifest>;
    if (m.v !== MANIFEST_VERSION || m.hash !== key || !Array.isArray(m.variants) || !m.variants.length) return undefined;
    if (!m.variants.every((v) => typeof v?.name === "string" && present.has(v.name))) return undefined;
    return { hash: m.hash, width: Number(m.width), height: Number(m.height), variants: m.variants };
  } catch {
    return undefined;
  }
}

/** The file names in the cache folder (one readdir instead of a stat per variant). */
export async function listCache(cacheDir: string): Promise<Set<string>> {
  try {
    return new Set(await fs.readdir(cacheDir));
  } catch {
    return new Set();
  }
}

/**
 * A `{ v, entries }` JSON file of the cache held as a Map: read once, entries that fail `valid`
 * skipped (a missing, damaged or other-version file reads as empty: the cost is work redone, never a
 * wrong result), written atomically and only when something changed.
 */
abstract class EntryFile<V> {
  protected readonly entries = new Map<string, V>();
  #dirty = false;

  protected constructor(
    readonly file: string,
    readonly version: number,
  ) {}

  protected async read(valid: (value: unknown) => boolean): Promise<void> {
    try {
      const data = JSON.parse(await fs.readFile(this.file, "utf8")) as { v?: number; entries?: Record<string, V> };
      if (data.v !== this.version || !data.entries || typeof data.entries !== "object") return;
      for (const [key, value] of Object.entries(data.entries)) if (valid(value)) this.entries.set(key, value);
    } catch {
      // Missing or damaged: empty.
    }
  }

  get size(): number {
    return this.entries.size;
  }

  protected put(key: string, value: V): void {
    this.entries.set(key, value);
    this.#dirty = true;
  }

  forget(key: string): void {
    if (this.entries.delete(key)) this.#dirty = true;
  }

  async save(cacheDir: string): Promise<void> {
    if (!this.#dirty) return;
    await writeFileAtomic(cacheDir, this.file, JSON.stringify({ v: this.version, entries: Object.fromEntries(this.entries) }));
    this.#dirty = false;
  }
}

type IndexEntry = [size: number, mtimeMs: number, sha256: string];

/** (path, size, mtimeMs) → sha256 of the bytes. Loaded once, saved atomically once per run. */
export class HashIndex extends EntryFile<IndexEntry> {
  static async load(cacheDir: string): Promise<HashIndex> {
    const index = new HashIndex(path.join(cacheDir, INDEX_FILE), INDEX_VERSION);
    await index.read((e) => Array.isArray(e) && e.length === 3 && typeof e[2] === "string");
    return index;
  }

  lookup(file: string, size: number, mtimeMs: number): string | undefined {
    const e = this.entries.get(file);
    return e && e[0] === size && e[1] === mtimeMs ? e[2] : undefined;
  }

  set(file: string, size: number, mtimeMs: number, hash: string): void {
    this.put(file, [size, mtimeMs, hash]);
  }
}

/**
 * Deletes cache files that none of `keep` needs (manifests, variants) — run it after a full
 * build to reclaim space from deleted photos or changed options. Returns the number of files removed.
 */
export async function pruneCache(cacheDir: string, keep: Iterable<ProcessedImage>): Promise<number> {
  const wanted = new Set<string>([INDEX_FILE, MANIFESTS_FILE, SNAPSHOT_FILE, PUBLISHED_FILE, GIT_IDS_FILE, TMP_DIR]);
  const manifests = await ManifestIndex.load(cacheDir);
  const kept = new Set<string>();
  for (const img of keep) {
    kept.add(img.hash);
    wanted.add(manifestName(img.hash));
    for (const v of img.variants) wanted.add(v.name);
  }
  let removed = 0;
  for (const name of await listCache(cacheDir)) {
    // Only files this module writes, whatever else someone put in the folder.
    if (wanted.has(name) || !(/^[0-9a-f]{64}\.json$/.test(name) || /^[0-9a-f]{16}-\d+\.(?:jpg|webp|avif)$/.test(name))) continue;
    await fs.rm(path.join(cacheDir, name), { force: true });
    removed++;
  }
  manifests.retain(kept);
  await fs.mkdir(path.join(cacheDir, TMP_DIR), { recursive: true });
  await manifests.save(cacheDir);
  // The last run's results may name removed files (if `keep` was not that run's images).
  if (removed) await fs.rm(path.join(cacheDir, SNAPSHOT_FILE), { force: true });
  return removed;
}

const FORMAT_CODES: readonly ImageFormat[] = ["webp", "jpeg", "avif"];
type CompactVariant = [width: number, height: number, format: number, bytes: number];
type CompactImage = [width: number, height: number, variants: CompactVariant[]];

/** Git blob id → sha256 of the photo's bytes (see git-ids.ts). Loaded only when a photo misses the hash index. */
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

/**
 * Every manifest in one file (key → oriented size and variants), loaded once per build. An entry is
 * added only after its variants and its own <key>.json were written, so it is trusted without
 * listing the cache; the per-photo manifests stay the source of truth when this file is missing,
 * damaged or behind (an interrupted build). A variant deleted by hand is caught when publishing
 * (lib/images/plugin.ts then forgets the entry and processes the photo again).
 */
export class ManifestIndex extends EntryFile<CompactImage> {
  static async load(cacheDir: string): Promise<ManifestIndex> {
    // Missing or damaged: empty, and the per-photo manifests answer instead (entries are checked in get()).
    const index = new ManifestIndex(path.join(cacheDir, MANIFESTS_FILE), MANIFEST_VERSION);
    await index.read(() => true);
    return index;
  }

  get(key: string): ProcessedImage | undefined {
    const e = this.entries.get(key);
    if (!Array.isArray(e) || e.length !== 3 || !Array.isArray(e[2]) || !e[2].length) return undefined;
    const variants = [];
    for (const v of e[2]) {
      const format = FORMAT_CODES[v?.[2] ?? -1];
      if (!Array.isArray(v) || v.length !== 4 || !format) return undefined;
      variants.push({ width: v[0], height: v[1], format, name: variantName(key, v[0], format), bytes: v[3] });
    }
    return { hash: key, width: e[0], height: e[1], variants };
  }

  add(image: ProcessedImage): void {
    // Names are derived on load; an image whose names do not follow the rule stays per-photo only.
    if (!image.variants.every((v) => v.name === variantName(image.hash, v.width, v.format))) return;
    this.put(image.hash, [image.width, image.height, image.variants.map((v) => [v.width, v.height, FORMAT_CODES.indexOf(v.format), v.bytes])]);
  }

  retain(keys: ReadonlySet<string>): void {
    for (const key of [...this.entries.keys()]) if (!keys.has(key)) this.forget(key);
  }
}

/** Drops cached results (both manifests) so the photos are processed again, e.g. when a variant was deleted by hand. */
export async function forgetImages(cacheDir: string, keys: Iterable<string>): Promise<void> {
  const manifests = await ManifestIndex.load(cacheDir);
  for (const key of keys) {
    manifests.forget(key);
    await fs.rm(path.join(cacheDir, manifestName(key)), { force: true });
  }
  await fs.mkdir(path.join(cacheDir, TMP_DIR), { recursive: true });
  await manifests.save(cacheDir);
  await fs.rm(path.join(cacheDir, SNAPSHOT_FILE), { force: true });
}

type SnapshotEntry = [rel: string, size: number, mtimeMs: number, key: string, width: number, height: number, shape: number, bytes: number[]];
/** A ladder's variants without their sizes: [width, height, format code, …]; photos of one camera share one. */
type Shape = number[];
const SNAPSHOT_VERSION = 2;

/**
 * The previous run's results by photo path, for the common case of a rebuild where no photo
 * changed: one file, no hashing, no key derivation. Valid only for the same pixel options
 * (fingerprint); anything that does not match exactly falls through to the index and manifests.
 * Variant widths/heights/formats are stored once per distinct ladder ("shapes"), since a camera's
 * photos all share one; each entry keeps only its variants' byte sizes (a third of the file).
 * Paths under the project (the cache folder's grandparent, <root>/.cache/images) are stored
 * relative to it: shorter, and the project can move. Not path.relative: it costs ~10 µs a call.
 */
export class RunSnapshot {
  #byPath = new Map<string, SnapshotEntry>();
  #shapes: { shape: Shape; exts: string[]; formats: ImageFormat[] }[] = [];
  readonly #base: string;
  /** Changes whenever the file is rewritten: "the same photos as run <id>". */
  id = "";

  private constructor(
    readonly cacheDir: string,
    readonly fingerprint: string,
  ) {
    this.#base = path.resolve(cacheDir, "..", "..") + path.sep;
  }

  #rel(source: string): string {
    return source.startsWith(this.#base) ? source.slice(this.#base.length) : source;
  }

  static async load(cacheDir: string, fingerprint: string): Promise<RunSnapshot> {
    const snap = new RunSnapshot(cacheDir, fingerprint);
    try {
      const data = JSON.parse(await fs.readFile(path.join(cacheDir, SNAPSHOT_FILE), "utf8")) as { v?: number; id?: string; fingerprint?: string; shapes?: Shape[]; entries?: SnapshotEntry[] };
      if (data.v === SNAPSHOT_VERSION && data.fingerprint === fingerprint && Array.isArray(data.entries) && Array.isArray(data.shapes)) {
        for (const shape of data.shapes) {
          const formats: ImageFormat[] = [];
          for (let i = 2; i < shape.length; i += 3) formats.push(FORMAT_CODES[shape[i]!]!);
          if (!Array.isArray(shape) || !shape.length || shape.length % 3 || formats.some((f) => !f)) throw new Error("bad shape");
          snap.#shapes.push({ shape, formats, exts: formats.map((f) => EXTENSIONS[f]) });
        }
        for (const e of data.entries) if (Array.isArray(e) && e.length === 8) snap.#byPath.set(e[0], e);
        snap.id = String(data.id ?? "");
      }
    } catch {
      // Missing or damaged: every photo takes the index path.
      snap.#byPath.clear();
    }
    return snap;
  }

  get size(): number {
    return this.#byPath.size;
  }

  lookup(source: string, size: number, mtimeMs: number): ProcessedImage | undefined {
    const e = this.#byPath.get(this.#rel(source));
    if (!e || e[1] !== size || e[2] !== mtimeMs || typeof e[3] !== "string") return undefined;
    const s = this.#shapes[e[6]];
    const bytes = e[7];
    if (!s || !Array.isArray(bytes) || bytes.length !== s.formats.length) return undefined;
    const key = e[3];
    const stem = key.slice(0, 16);
    const { shape, formats, exts } = s;
    const variants: ImageVariant[] = new Array(formats.length);
    for (let i = 0; i < formats.length; i++) {
      const w = shape[i * 3]!;
      // The name as variantName() makes it, inlined: this runs for every variant of every photo.
      variants[i] = { width: w, height: shape[i * 3 + 1]!, format: formats[i]!, name: `${stem}-${w}.${exts[i]}`, bytes: bytes[i]! };
    }
    return { hash: key, width: e[4], height: e[5], variants };
  }

  /** Replaces the file with this run's results (photos that failed are simply absent). */
  async save(results: Iterable<[source: string, stat: { size: number; mtimeMs: number }, image: ProcessedImage]>): Promise<void> {
    const entries: SnapshotEntry[] = [];
    const shapes: Shape[] = [];
    const shapeIndex = new Map<string, number>();
    for (const [source, stat, img] of results) {
      if (!img.variants.every((v) => v.name === variantName(img.hash, v.width, v.format))) continue;
      const shape = img.variants.flatMap((v) => [v.width, v.height, FORMAT_CODES.indexOf(v.format)]);
      const id = shape.join(",");
      let index = shapeIndex.get(id);
      if (index === undefined) {
        index = shapes.push(shape) - 1;
        shapeIndex.set(id, index);
      }
      entries.push([this.#rel(source), stat.size, stat.mtimeMs, img.hash, img.width, img.height, index, img.variants.map((v) => v.bytes)]);
    }
    const id = crypto.randomBytes(8).toString("hex");
    await writeFileAtomic(this.cacheDir, path.join(this.cacheDir, SNAPSHOT_FILE), JSON.stringify({ v: SNAPSHOT_VERSION, id, fingerprint: this.fingerprint, shapes, entries }));
    this.id = id;
  }
}

export const PUBLISHED_FILE = "published.json";

/**
 * What the last successful build left in its img/ folder: the run (snapshot id) whose variants it
 * holds exactly, and the folder's inode and mtime right after. A folder's mtime changes whenever an
 * entry is added, removed or renamed inside it (not when the folder itself is moved), so an equal
 * (inode, mtime) means nobody touched it since, and a rebuild of the same photos has nothing to
 * publish — not even a listing of tens of thousands of names.
 */
export interface PublishedRecord {
  dir: string;
  snapshot: string;
  ino: number;
  mtimeMs: number;
}

export async function readPublished(cacheDir: string): Promise<PublishedRecord | undefined> {
  try {
    const r = JSON.parse(await fs.readFile(path.join(cacheDir, PUBLISHED_FILE), "utf8")) as Partial<PublishedRecord>;
    return typeof r.dir === "string" && typeof r.snapshot === "string" && r.snapshot && typeof r.ino === "number" && typeof r.mtimeMs === "number" ? (r as PublishedRecord) : undefined;
  } catch {
    return undefined;
  }
}

export async function writePublished(cacheDir: string, dir: string, snapshot: string): Promise<void> {
  const s = await fs.stat(dir);
  const record: PublishedRecord = { dir, snapshot, ino: s.ino, mtimeMs: s.mtimeMs };
  await fs.mkdir(path.join(cacheDir, TMP_DIR), { recursive: true });
  await writeFileAtomic(cacheDir, path.join(cacheDir, PUBLISHED_FILE), JSON.stringify(record));
}

/** Whether `dir` still holds exactly the variants of run `snapshot` (see PublishedRecord). */
export async function publishedUnchanged(cacheDir: string, dir: string, snapshot: string): Promise<boolean> {
  const [record, s] = await Promise.all([readPublished(cacheDir), fs.stat(dir).catch(() => undefined)]);
  return !!record && !!s && !!snapshot && record.dir === dir && record.snapshot === snapshot && record.ino === s.ino && record.mtimeMs === s.mtimeMs;
}
