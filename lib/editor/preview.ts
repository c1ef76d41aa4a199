/**
 * `npm start`: the live preview. A small HTTP server over the output of the real build
 * (buildSite: the same plugins, drafts and scheduled articles included, no search index), rebuilt
 * whenever a file under content/ (or assets/) changes, with live reload in the browser.
 *
 * Why our own server rather than Eleventy's --serve: a content error must show in the browser
 * as a page naming the files (HTTP-visible, so tests and editors see the same thing) and must never
 * stop the server; and the preview must build exactly like `npm run build` (the .eleventy.ts
 * config with its file-only settings, the stage order) without a second configuration path.
 *
 * Output goes to .cache/preview/ (ignored by git, same disk as the image cache so variants are
 * hard-linked, not copied), never to _site/, so a preview cannot clobber a published build.
 * The 繁體 edition is skipped unless `traditional: true` (it doubles the rebuild time).
 *
 * Edits to existing articles' text skip the rebuild (quickBuild): those files are reloaded and
 * every HTML page is rendered per request from the store, with the same page functions as the
 * build (lib/render/pages.ts), so no affected page (neighbours, lists, home) can be missed.
 *
 * Live reload: every HTML response gets <script src="/__preview/reload.js">, which listens on
 * /__preview/events (Server-Sent Events) and reloads the page after each rebuild. While the last
 * build failed, every page is an error page listing the problems (Chinese first) — HTTP 500 —
 * and it reloads by itself once the files are fixed.
 */
import { watch, type FSWatcher } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { DateTime } from "luxon";
import { errorsOf, formatIssues, type ContentIssue } from "../content/issues.ts";
import { loadContent, type Article, type ContentModel, type LoadOptions } from "../content/load.ts";
import type { ImageOptions } from "../images/options.ts";
import { buildSite } from "../portal/build.ts";
import { PACKAGE_ROOT } from "../portal/configure.ts";
import type { PortalStore } from "../portal/store.ts";
import { FIXED_PAGES, htmlPages } from "../render/pages.ts";

export interface PreviewOptions {
  root: string;
  contentDir?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (this computer only); "0.0.0.0" to preview from a phone on the same network. */
  host?: string;
  /** Default <root>/.cache/preview. */
  outputDir?: string;
  /** Also generate the 繁體 edition (slower). */
  traditional?: boolean;
  now?: DateTime;
  images?: Partial<ImageOptions>;
  /** Quiet period after a change before rebuilding, in ms (editors save several files at once). */
  debounceMs?: number;
  log?: (text: string) => void;
}

/** `fast`: only edited articles were reloaded and pages are rendered per request (see quickBuild). */
export type BuildState =
  | { ok: true; n: number; ms: number; articles: number; warnings: ContentIssue[]; at: number; fast?: boolean }
  | { ok: false; n: number; ms: number; issues: ContentIssue[]; message: string; at: number; fast?: boolean };

export interface PreviewServer {
  url: string;
  port: number;
  outputDir: string;
  /** The last finished build. */
  readonly state: BuildState | undefined;
  /** Resolves when no build is running or pending (after the current changes are built). */
  settled(): Promise<BuildState>;
  /** Builds now (also used by the watcher). */
  rebuild(): Promise<BuildState>;
  close(): Promise<void>;
}

const IGNORED = /(^|[\\/])(\.|~\$)|~$|\.(swp|swx|tmp|crdownload|part)$|(^|[\\/])4913$/i;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
  ".doc": "application/msword",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xls": "application/vnd.ms-excel",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".zip": "application/zip",
};

const RELOAD_JS = `(() => {
  const source = new EventSource("/__preview/events");
  source.addEventListener("reload", () => location.reload());
})();
`;

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const root = path.resolve(options.root);
  const contentDir = path.resolve(options.contentDir ?? path.join(root, "content"));
  const outputDir = path.resolve(options.outputDir ?? path.join(root, ".cache", "preview"));
  const log = options.log ?? ((t: string) => process.stderr.write(t + "\n"));
  const debounceMs = options.debounceMs ?? 40;

  let state: BuildState | undefined;
  let n = 0;
  let prefix = "/";
  let running: Promise<BuildState> | undefined;
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let lastWarnings = "";
  /** Wall-clock start of the last build: files modified before it are in it. */
  let lastBuildStart = 0;
  /** Article files of the last good build and files changed since: Eleventy's caches of them are dropped. */
  let known: string[] = [];
  const changed = new Set<string>();
  /** The store of the last good full build (its images, its markdown-it) and its published articles. */
  let store: PortalStore | undefined;
  let built = new Map<string, { url: string; column: string; attachments: string }>();
  /** The last content model (good or with errors) an edit can be reloaded against. */
  let base: ContentModel | undefined;
  /** After a fast rebuild: every HTML page, rendered per request; the files on disk are the last full build's. */
  let pages: Map<string, () => string> | undefined;
  /** A full rebuild is wanted regardless of what changed (e.g. a feed was asked for after a fast rebuild). */
  let forceFull = false;
  const loadOptions = (): LoadOptions => ({ root, contentDir, includeDrafts: true, ...(options.now ? { now: options.now } : {}) });
  const clients = new Set<http.ServerResponse>();
  /** Requests waiting for the build of changes already seen. */
  let waiters: ((s: BuildState) => void)[] = [];
  const nextBuild = (): Promise<BuildState> => new Promise((resolve) => waiters.push(resolve));

  const broadcast = () => {
    for (const res of clients) res.write(`event: reload\ndata: ${n}\n\n`);
  };

  const buildOnce = async (): Promise<BuildState> => {
    const t0 = performance.now();
    lastBuildStart = Date.now();
    const files = [...changed];
    changed.clear();
    n++;
    const quick = forceFull ? undefined : await quickBuild(files, t0);
    if (quick) {
      state = quick;
      broadcast();
      return state;
    }
    forceFull = false;
    return fullBuild(files, t0);
  };

  /**
   * The fast path, when only existing articles' Markdown changed: reload those articles
   * (loadContent reuses every other file's result), rebuild the derived views and render pages
   * on request from the build's own page functions. Undefined when a full rebuild is needed:
   * anything but existing Markdown changed, an article moved (URL or column: files on disk and list
   * page counts would be stale), its attachments changed (they are linked into the output by the
   * build) or it names a photo the last build did not process.
   */
  const quickBuild = async (files: string[], t0: number): Promise<BuildState | undefined> => {
    if (!store || !base || options.traditional || !files.length) return undefined;
    const data = path.join(contentDir, "_data") + path.sep;
    for (const f of files) {
      if (!/\.md$/i.test(f) || !f.startsWith(contentDir + path.sep) || f.startsWith(data)) return undefined;
      if (!(await fs.stat(f).then((s) => s.isFile(), () => false))) return undefined;
    }
    const model = await loadContent(loadOptions(), { model: base, changed: new Set(files) });
    if (!model) return undefined;
    for (const f of files) {
      const a = model.all.get(path.relative(root, f).split(path.sep).join("/"));
      if (!a) continue;
      const was = built.get(a.file);
      if (!was || was.url !== a.url || was.column !== a.column.key || was.attachments !== attachmentsKey(a)) return undefined;
      for (const p of [...a.photos, ...(a.cover ? [a.cover] : [])]) if (!store.images.has(p.source)) return undefined;
    }
    base = model;
    const errors = errorsOf(model.issues);
    if (errors.length) {
      lastWarnings = "";
      log(`\n✗ 内容有错误，预览显示错误页，修改并保存后自动重新生成 (content errors; fix and save)\n\n${formatIssues(model.issues)}\n`);
      return { ok: false, n, ms: performance.now() - t0, issues: [...model.issues], message: "", at: Date.now(), fast: true };
    }
    store.setModel(model);
    pages = htmlPages(store);
    const s: BuildState = { ok: true, n, ms: performance.now() - t0, articles: model.articles.length, warnings: model.issues.filter((i) => i.severity === "warning"), at: Date.now(), fast: true };
    log(`✓ 预览已更新 Updated: ${files.length} 篇文章 edited, ${Math.round(s.ms)} ms`);
    const warnings = model.issues.length ? formatIssues(model.issues) : "";
    if (warnings && warnings !== lastWarnings) log(warnings);
    lastWarnings = warnings;
    return s;
  };

  const fullBuild = async (files: string[], t0: number): Promise<BuildState> => {
    await forgetEleventyCaches([...known, ...files]);
    pages = undefined;
    store = undefined;
    base = undefined;
    let warnings = "";
    try {
      const result = await buildSite({
        root,
        contentDir,
        outputDir,
        includeDrafts: true,
        search: false,
        quiet: true,
        ...(options.now ? { now: options.now } : {}),
        ...(options.images ? { images: options.images } : {}),
        warn: (text) => (warnings = text),
        handle: ({ stages }) => {
          if (options.traditional) return;
          // Runs first, once every plugin has registered its stages: drop the 繁體 edition.
          stages.before.unshift({
            name: "preview",
            async run() {
              const at = stages.after.findIndex((s) => s.name === "traditional");
              if (at >= 0) stages.after.splice(at, 1);
            },
          });
        },
      });
      const model = result.handle.store.model;
      prefix = model.site.pathPrefix;
      known = [...model.all.keys()].map((f) => path.join(root, f));
      // The 繁體 edition is not rendered on demand: with it every change takes the full rebuild.
      if (!options.traditional) {
        store = result.handle.store;
        base = model;
        built = new Map(model.articles.map((a) => [a.file, { url: a.url, column: a.column.key, attachments: attachmentsKey(a) }]));
      }
      state = { ok: true, n, ms: performance.now() - t0, articles: model.articles.length, warnings: model.issues.filter((i) => i.severity === "warning"), at: Date.now() };
      log(`✓ 预览已更新 Rebuilt: ${model.articles.length} 篇文章 articles, ${Math.round(state.ms)} ms`);
      if (warnings && warnings !== lastWarnings) log(warnings);
      lastWarnings = warnings;
    } catch (error) {
      const e = error as Error & { issues?: ContentIssue[] };
      const issues = e.name === "ContentError" && e.issues ? [...e.issues] : [];
      state = { ok: false, n, ms: performance.now() - t0, issues, message: issues.length ? "" : (e.stack ?? String(e)), at: Date.now() };
      lastWarnings = "";
      log(
        issues.length
          ? `\n✗ 内容有错误，预览显示错误页，修改并保存后自动重新生成 (content errors; fix and save)\n\n${formatIssues(issues)}\n`
          : `\n✗ 生成失败 Build failed: ${state.message}\n`,
      );
    }
    broadcast();
    return state;
  };

  /** Builds until no change arrived during the build. */
  const rebuild = (): Promise<BuildState> => {
    if (running) {
      dirty = true;
      return running;
    }
    running = (async () => {
      let s: BuildState;
      do {
        dirty = false;
        s = await buildOnce();
      } while (dirty);
      running = undefined;
      if (!timer) {
        const list = waiters;
        waiters = [];
        for (const w of list) w(s);
      }
      return s;
    })();
    return running;
  };

  const schedule = () => {
    // A build already running picks the change up when the timer fires (rebuild() marks it dirty).
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void rebuild();
    }, debounceMs);
  };

  /**
   * "change" events also come from attribute changes: the build hard-links attachments into the
   * output, which changes their link count. Only a new modification time or size is an edit.
   */
  const seen = new Map<string, string>();
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
        if (before ? before === key : s.mtimeMs < lastBuildStart - 2000) return;
      }
    }
    if (abs) changed.add(abs);
    schedule();
  };

  const watchers: FSWatcher[] = [];
  for (const dir of [contentDir, path.join(PACKAGE_ROOT, "assets")]) {
    try {
      const w = watch(dir, { recursive: true }, (event, file) => void onEvent(dir, event, file === null ? null : String(file)));
      w.on("error", (error) => log(`监视文件夹出错 watch error: ${String(error)}`));
      watchers.push(w);
    } catch (error) {
      if (dir === contentDir) throw error;
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(String(error));
    });
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://preview.invalid");
    if (url.pathname === "/__preview/events") {
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" });
      res.write(`retry: 500\n\n`);
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    if (url.pathname === "/__preview/reload.js") {
      res.writeHead(200, { "content-type": TYPES[".js"]!, "cache-control": "no-store" });
      res.end(RELOAD_JS);
      return;
    }
    // Wait for changes already seen (or being built), so a reload shows the new state.
    let current = running || timer ? await nextBuild() : state;
    // Feeds and the sitemap are written by the full build only: bring the files on disk up to date first.
    if (pages && /\.xml$/i.test(url.pathname)) {
      forceFull = true;
      current = await rebuild();
    }
    if (url.pathname === "/__preview/status") {
      send(res, 200, TYPES[".json"]!, JSON.stringify(current ?? null));
      return;
    }
    let p: string;
    try {
      p = decodeURIComponent(url.pathname);
    } catch {
      send(res, 400, TYPES[".txt"]!, "Bad request");
      return;
    }
    const wantsHtml = /\.html?$/i.test(p) || !/\.[a-z0-9]+$/i.test(p);
    if (current && !current.ok && wantsHtml) {
      send(res, 500, TYPES[".html"]!, errorPage(current, root));
      return;
    }
    if (!options.traditional && p.startsWith(`${prefix}zh-hant/`)) {
      send(res, 404, TYPES[".html"]!, `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>预览不含繁體版</title><p>预览默认不生成繁體版，以便更快刷新。需要时请用 <code>npm start -- --traditional</code> 启动预览。</p><p><a href="${prefix}">返回首页</a></p>${SCRIPT}</html>`);
      return;
    }
    if (!p.startsWith(prefix)) {
      if (p === "/" || p === prefix.slice(0, -1)) return redirect(res, prefix);
      return notFound(res);
    }
    const rendered = pages && current?.ok ? pageFor(pages, p.slice(prefix.length)) : undefined;
    if (rendered) {
      send(res, 200, TYPES[".html"]!, inject(rendered()));
      return;
    }
    const file = path.resolve(outputDir, "." + p.slice(prefix.length - 1));
    if (file !== outputDir && !file.startsWith(outputDir + path.sep)) return notFound(res);
    let target = file;
    const stat = await fs.stat(target).catch(() => undefined);
    if (stat?.isDirectory()) {
      if (!p.endsWith("/")) return redirect(res, `${url.pathname}/${url.search}`);
      target = path.join(target, "index.html");
    } else if (!stat) return notFound(res);
    const body = await fs.readFile(target).catch(() => undefined);
    if (!body) return notFound(res);
    const type = TYPES[path.extname(target).toLowerCase()] ?? "application/octet-stream";
    send(res, 200, type, type.startsWith("text/html") ? inject(body.toString("utf8")) : body);
  };

  const notFound = async (res: http.ServerResponse) => {
    const fresh = pages?.get(FIXED_PAGES.notFound);
    const page = fresh ? fresh() : await fs.readFile(path.join(outputDir, "404.html"), "utf8").catch(() => "<!doctype html><title>404</title><h1>404 页面不存在</h1>");
    send(res, 404, TYPES[".html"]!, inject(page));
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, options.host ?? "127.0.0.1", () => resolve());
  }).catch((error) => {
    for (const w of watchers) w.close();
    throw error;
  });
  // The first build starts once the port is ours; requests meanwhile wait for it.
  void rebuild();
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 8080);
  const shownHost = !options.host || options.host === "0.0.0.0" || options.host === "127.0.0.1" ? "localhost" : options.host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    outputDir,
    get state() {
      return state;
    },
    async settled() {
      return running || timer || !state ? nextBuild() : state;
    },
    rebuild,
    async close() {
      clearTimeout(timer);
      timer = undefined;
      for (const w of watchers) w.close();
      for (const res of clients) res.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await running?.catch(() => undefined);
      for (const w of waiters) if (state) w(state);
      waiters = [];
    },
  };
}

const attachmentsKey = (a: Article): string => JSON.stringify(a.attachments.map((f) => f.file));

/** The page for a path below the site's prefix ("news/jydt/", "404.html"), if it is one we render. */
function pageFor(pages: Map<string, () => string>, rel: string): (() => string) | undefined {
  if (rel === "" || rel.endsWith("/")) return pages.get(`${rel}index.html`);
  return /\.html$/i.test(rel) ? pages.get(rel) : undefined;
}

type Bus = { emit(event: string, ...args: unknown[]): unknown };
let bus: Promise<Bus | undefined> | undefined;

/**
 * Eleventy keeps every template's source (and compiled form) in process-wide caches that only its
 * own watcher clears, so a second build in the same process would render an edited article's old
 * body. We announce the files the way Eleventy's watcher does ("eleventy.resourceModified" on its
 * global event bus). The bus is not exported, so it is imported by file URL (the same module
 * instance Eleventy uses). Announcing every article also keeps those caches from growing per build.
 */
export async function forgetEleventyCaches(files: Iterable<string>): Promise<void> {
  bus ??= (async () => {
    try {
      const entry = createRequire(import.meta.url).resolve("@11ty/eleventy");
      const mod = (await import(pathToFileURL(path.join(path.dirname(entry), "EventBus.js")).href)) as { default: Bus };
      return mod.default;
    } catch {
      return undefined;
    }
  })();
  const b = await bus;
  if (!b) return;
  for (const abs of files) {
    const rel = path.relative(process.cwd(), abs).split(path.sep).join("/");
    await b.emit("eleventy.resourceModified", rel.startsWith(".") ? rel : `./${rel}`, [], { viaConfigReset: false, relevantLayouts: [] });
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

function redirect(res: http.ServerResponse, location: string): void {
  res.writeHead(302, { location, "cache-control": "no-store" });
  res.end();
}

const SCRIPT = `<script src="/__preview/reload.js"></script>`;

function inject(html: string): string {
  const at = html.lastIndexOf("</body>");
  return at >= 0 ? html.slice(0, at) + SCRIPT + html.slice(at) : html + SCRIPT;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page served for every URL while the content has errors: the problems, grouped by file. */
export function errorPage(state: Extract<BuildState, { ok: false }>, root: string): string {
  const byFile = new Map<string, ContentIssue[]>();
  for (const i of state.issues) byFile.set(i.file, [...(byFile.get(i.file) ?? []), i]);
  const errors = errorsOf(state.issues).length;
  const files = [...byFile.keys()].sort();
  const body = state.issues.length
    ? files
        .map((file) => {
          const items = byFile
            .get(file)!
            .sort((a, b) => (a.severity === b.severity ? (a.line ?? 0) - (b.line ?? 0) : a.severity === "error" ? -1 : 1))
            .map(
              (i) => `<li class="${i.severity}"><strong>${i.severity === "error" ? "错误" : "警告"}</strong>${i.line ? ` 第 ${i.line} 行` : ""} <code>${esc(i.field)}</code>：${esc(i.zh)}
<div class="fix">修改方法：${esc(i.fix)}</div><div class="en">${esc(i.en)}</div></li>`,
            )
            .join("\n");
          return `<section><h2><code>${esc(file)}</code></h2><ul>${items}</ul></section>`;
        })
        .join("\n")
    : `<pre>${esc(state.message.replaceAll(root + path.sep, ""))}</pre>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>预览：内容有错误</title>
<style>
body{font:16px/1.7 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#fff7f7;color:#222}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{color:#b00020;font-size:1.5rem}
h2{font-size:1.05rem;margin:1.5rem 0 .5rem;word-break:break-all}
ul{padding-left:1.2rem}
li{margin:.6rem 0}
li.error strong{color:#b00020}
li.warning strong{color:#8a5a00}
.fix{color:#0b5d1e}
.en{color:#666;font-size:.9em}
code{background:#f1e6e6;padding:0 .25em;border-radius:3px}
pre{white-space:pre-wrap;background:#fff;padding:1rem;border:1px solid #e0c0c0}
</style>
</head>
<body>
<main>
<h1>内容有 ${errors || ""} 个错误，预览未更新</h1>
<p>请按下面的提示修改文件并保存，本页会自动刷新。（Content errors: fix the files and save; this page reloads by itself.）</p>
${body}
</main>
${SCRIPT}
</body>
</html>
`;
}
