/**
 * The countable paths: the pages a build published that may be counted (home, every list page,
 * every article), written by the build as `counter-paths.json` at the output root and loaded by
 * the service, which refuses any other path. Keys are site paths without the path prefix and
 * without the edition folder, so an article read in 繁體 counts for the same article
 * (`/zh-hant/news/jydt/2024/x/` → `/news/jydt/2024/x/`).
 */
import fs from "node:fs";
import path from "node:path";
import { HANT_DIR } from "../edition/edition.ts";

export const COUNTER_PATHS_FILE = "counter-paths.json";
export const COUNTER_PATHS_VERSION = 1;
/** The Traditional edition's folder, as it appears in page paths. */
export const HANT_EDITION_DIR = `${HANT_DIR}/`;

/** What the build knows: the part of the render context this needs (kept structural, so it stays pure). */
export interface CountableSite {
  site: { pathPrefix: string; traditional: { enabled: boolean } };
  model: { articles: readonly { url: string }[] };
  view: { listPages: readonly { url: string }[] };
}

export interface CounterPathsJson {
  version: number;
  /** The site's path prefix ("/" or "/jyj/"): pages are requested under it. */
  pathPrefix: string;
  /** Edition folders under the prefix whose pages count for the same key ("zh-hant/"). */
  editions: string[];
  /** Sorted keys: "/" (home), list pages, articles. */
  paths: string[];
}

/** Site context in, JSON out: the file the build writes. Deterministic (sorted). */
export function counterPathsJson(ctx: CountableSite): string {
  const set = new Set<string>(["/"]);
  for (const p of ctx.view.listPages) set.add(p.url);
  for (const a of ctx.model.articles) set.add(a.url);
  const data: CounterPathsJson = {
    version: COUNTER_PATHS_VERSION,
    pathPrefix: ctx.site.pathPrefix,
    editions: ctx.site.traditional.enabled ? [HANT_EDITION_DIR] : [],
    paths: [...set].sort(),
  };
  return JSON.stringify(data) + "\n";
}

/** A loaded list: maps what a page sends (its location.pathname) to the key it counts under. */
export class PathList {
  readonly #keys: Set<string>;
  readonly #prefix: string;
  readonly #editions: string[];

  constructor(data: CounterPathsJson) {
    this.#keys = new Set(data.paths);
    this.#prefix = data.pathPrefix;
    this.#editions = data.editions;
  }

  get size(): number {
    return this.#keys.size;
  }

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  /** The key a requested path counts under, or undefined when it is not a countable page. */
  keyFor(requested: string): string | undefined {
    if (typeof requested !== "string" || requested.length > 1024 || !requested.startsWith("/")) return undefined;
    let p = requested.replace(/[?#].*$/s, "");
    try {
      // Pages are ASCII (percent-encoded); compare decoded-then-encoded so %7e and ~ agree.
      p = encodeURI(decodeURI(p));
    } catch {
      return undefined;
    }
    if (p.endsWith("/index.html")) p = p.slice(0, -"index.html".length);
    if (!p.startsWith(this.#prefix)) return undefined;
    let rest = p.slice(this.#prefix.length);
    for (const e of this.#editions) {
      if (rest.startsWith(e)) {
        rest = rest.slice(e.length);
        break;
      }
    }
    const key = "/" + rest;
    return this.#keys.has(key) ? key : undefined;
  }

  static parse(text: string, file = COUNTER_PATHS_FILE): PathList {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error(`计数路径清单不是有效的 JSON：${file}（请重新构建网站）/ The countable-path list is not valid JSON: ${file} (rebuild the site). ${(e as Error).message}`);
    }
    const d = data as Partial<CounterPathsJson>;
    if (
      d?.version !== COUNTER_PATHS_VERSION ||
      typeof d.pathPrefix !== "string" ||
      !Array.isArray(d.editions) ||
      !Array.isArray(d.paths) ||
      !d.paths.every((p) => typeof p === "string" && p.startsWith("/")) ||
      !d.editions.every((e) => typeof e === "string")
    ) {
      throw new Error(
        `计数路径清单格式不对：${file}，需要版本 ${COUNTER_PATHS_VERSION}（请用本仓库重新构建网站）/ Unexpected countable-path list in ${file}: expected version ${COUNTER_PATHS_VERSION} with pathPrefix, editions and paths (rebuild the site with this repository).`,
      );
    }
    return new PathList(d as CounterPathsJson);
  }
}

/**
 * Keeps the list of a published folder current: reloaded when the file changes (polled, because
 * publishing swaps the whole folder or a symlink, which a file watch would not follow) and on
 * demand (SIGHUP). A broken new file keeps the previous list and reports the error.
 */
export class PathListSource {
  readonly file: string;
  #list: PathList | undefined;
  #stamp = "";
  #timer: NodeJS.Timeout | undefined;
  error: string | undefined;
  loadedAt: number | undefined;

  constructor(
    siteDir: string,
    private readonly log: (msg: string) => void = () => {},
  ) {
    this.file = path.join(siteDir, COUNTER_PATHS_FILE);
  }

  get list(): PathList | undefined {
    return this.#list;
  }

  /** Reload if the file changed; returns true when a new list was loaded. */
  refresh(): boolean {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(this.file);
    } catch {
      if (!this.#list) this.error = `找不到计数路径清单 ${this.file}（先构建网站，或设置 COUNTER_SITE）/ No countable-path list at ${this.file} (build the site first, or set COUNTER_SITE).`;
      return false;
    }
    const stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    if (stamp === this.#stamp) return false;
    try {
      this.#list = PathList.parse(fs.readFileSync(this.file, "utf8"), this.file);
      this.#stamp = stamp;
      this.error = undefined;
      this.loadedAt = Date.now();
      this.log(`counter: loaded ${this.#list.size} countable paths from ${this.file}`);
      return true;
    } catch (e) {
      this.#stamp = stamp;
      this.error = (e as Error).message;
      this.log(this.error);
      return false;
    }
  }

  watch(intervalMs = 5000): void {
    this.refresh();
    this.#timer = setInterval(() => this.refresh(), intervalMs);
    this.#timer.unref();
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
  }
}
