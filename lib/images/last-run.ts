/**
 * last-run.json: the previous run's result per photo path (size, mtime → result). A no-change
 * rebuild reads this one file and nothing else — not index.json, not manifests.json.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { FORMAT_CODES, SNAPSHOT_FILE, variantName } from "./cache-names.ts";
import { writeCacheFile } from "./cache-temp.ts";
import { EXTENSIONS } from "./options.ts";
import type { ImageFormat, ImageVariant, ProcessedImage } from "./types.ts";

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
    await writeCacheFile(this.cacheDir, path.join(this.cacheDir, SNAPSHOT_FILE), JSON.stringify({ v: SNAPSHOT_VERSION, id, fingerprint: this.fingerprint, shapes, entries }));
    this.id = id;
  }
}
