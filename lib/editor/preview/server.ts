/**
 * `npm start`: the live preview. An HTTP server on this computer (127.0.0.1 by default) over
 * what lib/editor/preview/builder.ts keeps up to date, with live reload in the browser.
 *
 * Why a server of our own rather than Eleventy's dev server: the dev server listens on every
 * network interface and has no option to bind one address (an editor's drafts would be open to
 * the office network), and a content error must be an HTTP-visible page naming the files
 * (tests and editors see the same thing) that never stops the server. Static files are served
 * by sirv (lib/util/static-files.ts), as in the browser tests; assets come straight from the
 * generator's assets/ folder, so editing CSS needs no rebuild.
 *
 * Output goes to .cache/preview/ (ignored by git, same disk as the image cache so variants are
 * hard-linked, not copied), never to _site/, so a preview cannot clobber a published build.
 * While the content has errors, every page is an error page listing the problems (Chinese
 * first) — HTTP 500 — and it reloads by itself once the files are fixed.
 */
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import type { DateTime } from "luxon";
import type { ImageOptionsInput } from "../../images/options.ts";
import { PACKAGE_ROOT } from "../../pipeline/build.ts";
import { FIXED_PAGES } from "../../render/pages.ts";
import { staticFiles } from "../../util/static-files.ts";
import { PreviewBuilder, type BuildState } from "./builder.ts";
import { errorPage } from "./error-page.ts";
import { EVENTS_PATH, injectReload, RELOAD_JS, RELOAD_PATH, ReloadChannel } from "./reload.ts";
import { watchFiles } from "./watcher.ts";

export type { BuildState } from "./builder.ts";

export interface PreviewOptions {
  root: string;
  contentDir?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (this computer only); "0.0.0.0" to preview from a phone on the same network. */
  host?: string;
  /** Default <root>/.cache/preview. */
  outputDir?: string;
  now?: DateTime;
  images?: ImageOptionsInput;
  /** Quiet period after a change before updating, in ms (editors save several files at once). */
  debounceMs?: number;
  log?: (text: string) => void;
}

export interface PreviewServer {
  url: string;
  port: number;
  outputDir: string;
  /** The last finished update. */
  readonly state: BuildState | undefined;
  /** Resolves when no update is running or pending (after the current changes are shown). */
  settled(): Promise<BuildState>;
  /** Builds everything now. */
  rebuild(): Promise<BuildState>;
  close(): Promise<void>;
}

const send = (res: http.ServerResponse, status: number, type: string, body: string | Buffer) => {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
};
const HTML = "text/html; charset=utf-8";

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const root = path.resolve(options.root);
  const contentDir = path.resolve(options.contentDir ?? path.join(root, "content"));
  const outputDir = path.resolve(options.outputDir ?? path.join(root, ".cache", "preview"));
  const log = options.log ?? ((t: string) => process.stderr.write(t + "\n"));
  const assetsDir = path.join(PACKAGE_ROOT, "assets");
  const builder = new PreviewBuilder({ root, contentDir, outputDir, log, ...(options.now ? { now: options.now } : {}), ...(options.images ? { images: options.images } : {}) });
  const channel = new ReloadChannel();

  // Updates run one at a time; changes that arrive meanwhile are taken by the next one.
  let state: BuildState | undefined;
  let running: Promise<BuildState> | undefined;
  let pending: Set<string> | undefined;
  let wantFull = true;
  let lastStart = 0;
  let waiters: ((s: BuildState) => void)[] = [];

  const step = async (): Promise<BuildState> => {
    lastStart = Date.now();
    const files = [...(pending ?? [])];
    pending = undefined;
    const content = files.filter((f) => f.startsWith(contentDir + path.sep) || f === contentDir);
    let next: BuildState | undefined;
    if (!wantFull && content.length) next = await builder.update(content);
    else if (!wantFull && state) next = { ...state, n: state.n, at: Date.now() }; // assets only: reload, nothing to build
    if (!next) {
      wantFull = false;
      next = await builder.full();
    }
    return next;
  };
  const run = (): Promise<BuildState> => {
    running ??= (async () => {
      let s: BuildState;
      do s = state = await step();
      while (pending?.size || wantFull);
      running = undefined;
      channel.reload(s.n);
      // Changes seen but still in their quiet period: the next update answers the waiters.
      if (!watcher.busy()) {
        const list = waiters;
        waiters = [];
        for (const w of list) w(s);
      }
      return s;
    })();
    return running;
  };
  const nextState = (): Promise<BuildState> => new Promise((resolve) => waiters.push(resolve));

  const watcher = watchFiles({
    dirs: [contentDir, assetsDir],
    debounceMs: options.debounceMs ?? 40,
    builtSince: () => lastStart,
    log,
    onChange: (files) => {
      pending ??= new Set();
      for (const f of files) pending.add(f);
      void run();
    },
  });
  const files = staticFiles(outputDir, { live: true });
  const assets = staticFiles(assetsDir, { live: true });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://preview.invalid");
    if (url.pathname === EVENTS_PATH) return channel.open(req, res);
    if (url.pathname === RELOAD_PATH) return send(res, 200, "text/javascript; charset=utf-8", RELOAD_JS);
    // Wait for changes already seen (or being built), so a reload shows the new state.
    let current = running || watcher.busy() ? await nextState() : state;
    // Feeds and the sitemap are written by full builds only: bring them up to date first.
    if (builder.rendersOnDemand && /\.xml$/i.test(url.pathname)) {
      wantFull = true;
      current = await run();
    }
    if (url.pathname === "/__preview/status") return send(res, 200, "application/json; charset=utf-8", JSON.stringify(current ?? null));
    let p: string;
    try {
      p = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, "text/plain; charset=utf-8", "Bad request");
    }
    const prefix = builder.prefix;
    const wantsHtml = /\.html?$/i.test(p) || !/\.[a-z0-9]+$/i.test(p);
    if (current && !current.ok && wantsHtml) return send(res, 500, HTML, errorPage(current, root));
    if (!p.startsWith(prefix)) {
      if (p === "/" || p === prefix.slice(0, -1)) {
        res.writeHead(302, { location: prefix, "cache-control": "no-store" });
        return void res.end();
      }
      return notFound(res);
    }
    const rel = p.slice(prefix.length);
    if (rel.startsWith("assets/")) {
      req.url = "/" + rel.slice("assets/".length) + url.search;
      return assets(req, res);
    }
    // A folder without its final slash: relative links need it.
    if (rel !== "" && !rel.endsWith("/") && !/\.[a-z0-9]+$/i.test(rel)) {
      const page = `${rel}/index.html`;
      const known = builder.rendersOnDemand
        ? Boolean(builder.page(page))
        : await fs.stat(path.join(outputDir, page)).then(
            () => true,
            () => false,
          );
      if (known) {
        res.writeHead(302, { location: `${url.pathname}/${url.search}`, "cache-control": "no-store" });
        return void res.end();
      }
    }
    if (builder.rendersOnDemand && wantsHtml) {
      const render = builder.page(rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel);
      return render ? send(res, 200, HTML, injectReload(render())) : notFound(res);
    }
    if (wantsHtml) {
      // Pages of the last full build, from disk, with the reload script.
      const file = path.resolve(outputDir, rel.endsWith("/") || rel === "" ? `${rel}index.html` : rel);
      if (!file.startsWith(outputDir + path.sep)) return notFound(res);
      const body = await fs.readFile(file, "utf8").catch(() => undefined);
      return body === undefined ? notFound(res) : send(res, 200, HTML, injectReload(body));
    }
    req.url = url.pathname.slice(prefix.length - 1) + url.search;
    return files(req, res);
  };

  const notFound = async (res: http.ServerResponse) => {
    const render = builder.page(FIXED_PAGES.notFound);
    const page = render ? render() : await fs.readFile(path.join(outputDir, FIXED_PAGES.notFound), "utf8").catch(() => "<!doctype html><title>404</title><h1>404 页面不存在</h1>");
    send(res, 404, HTML, injectReload(page));
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, options.host ?? "127.0.0.1", () => resolve());
  }).catch((error) => {
    watcher.close();
    throw error;
  });
  // The first build starts once the port is ours; requests meanwhile wait for it.
  void run();
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
    settled: () => (running || watcher.busy() || !state ? nextState() : Promise.resolve(state)),
    rebuild: () => {
      wantFull = true;
      return run();
    },
    async close() {
      watcher.close();
      channel.close();
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
