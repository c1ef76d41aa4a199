/**
 * `npm run cms`: the browser editor against the local repository, on 127.0.0.1 only.
 * One server on one port: /admin/ (written by writeAdmin into a temporary folder), /assets/ (the
 * portal's CSS for the preview) and /api/v1 — decap-server's local backend (its `fs` mode writes
 * straight into the working tree; `git` mode, with --workflow, keeps each article on a cms/…
 * branch until it is published, like a merge request). Everything is answered with the /admin/
 * headers of lib/cms/headers.ts, so trying it locally runs under the deployed CSP.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadContent } from "../content/load.ts";
import { defaultSourceFor, editorContext } from "../editor/new-article/context.ts";
import { writeAdmin } from "./admin.ts";
import { articleColumns, knownSources } from "./config.ts";
import { adminHeaders } from "./headers.ts";

const require = createRequire(import.meta.url);
const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface LocalCmsOptions {
  /** The site's repository (content/ inside). */
  root: string;
  /** 0 = any free port. */
  port?: number;
  /** decap-server's git mode with the editorial workflow (needs a git repository with a main branch). */
  workflow?: boolean;
  /** Where the admin files are written (default: a folder under the system's temp dir, outside the repository, which git mode commits with `git add .`). */
  outDir?: string;
  log?: (line: string) => void;
}

export interface LocalCms {
  url: string;
  port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".yml": "text/yaml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** Sources used by the site's articles plus each column's default and the site's owner. */
async function sourcesFor(root: string, ctx: Awaited<ReturnType<typeof editorContext>>): Promise<{ sources: string[]; defaults: Map<string, string> }> {
  const model = await loadContent({ root, includeDrafts: true, unfinished: "warning" });
  const defaults = new Map<string, string>();
  for (const c of articleColumns(ctx.columns)) {
    const s = defaultSourceFor(ctx, c.key);
    if (s) defaults.set(c.key, s);
  }
  return { sources: knownSources(model.articles.map((a) => a.source), [...defaults.values(), ctx.site.owner]), defaults };
}

export async function startLocalCms(options: LocalCmsOptions): Promise<LocalCms> {
  const root = path.resolve(options.root);
  const log = options.log ?? (() => {});
  const ctx = await editorContext(root);
  const outDir = options.outDir ?? path.join(os.tmpdir(), `portal-cms-${crypto.createHash("sha256").update(root).digest("hex").slice(0, 12)}`);

  // decap-server's own express (its dependency), with its local backend middleware.
  const decapRequire = createRequire(require.resolve("decap-server/package.json"));
  const express = decapRequire("express") as (() => http.RequestListener & { use: Function; post: Function; get: Function }) & { static: Function };
  const middlewares = decapRequire("./dist/middlewares.js") as { registerLocalFs(app: unknown, o?: { logLevel?: string }): Promise<void>; registerLocalGit(app: unknown, o?: { logLevel?: string }): Promise<void> };
  const app = express();
  const previousRepo = process.env.GIT_REPO_DIRECTORY;
  process.env.GIT_REPO_DIRECTORY = root;
  try {
    await (options.workflow ? middlewares.registerLocalGit(app, { logLevel: "warn" }) : middlewares.registerLocalFs(app, { logLevel: "warn" }));
  } finally {
    if (previousRepo === undefined) delete process.env.GIT_REPO_DIRECTORY;
    else process.env.GIT_REPO_DIRECTORY = previousRepo;
  }

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8081, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;

  const { sources, defaults } = await sourcesFor(root, ctx);
  await writeAdmin(outDir, {
    site: ctx.site,
    columns: ctx.columns,
    sources,
    defaultSources: defaults,
    backend: { name: "local", proxyUrl: `${url}api/v1`, workflow: Boolean(options.workflow) },
  });
  const headers = adminHeaders("");
  const assetsDir = (await fs.stat(path.join(root, "assets")).then(() => true, () => false)) ? path.join(root, "assets") : path.join(PROJECT, "assets");
  const sendFile = async (res: http.ServerResponse, dir: string, rel: string): Promise<void> => {
    const file = path.resolve(dir, "." + path.posix.normalize("/" + rel));
    if (!file.startsWith(dir + path.sep)) {
      res.writeHead(403, headers).end();
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { ...headers, "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404, { ...headers, "content-type": "text/plain; charset=utf-8" }).end("未找到 Not found");
    }
  };
  (app as unknown as { get(p: string | RegExp, h: (req: http.IncomingMessage, res: http.ServerResponse) => void): void }).get(/^\/(admin|assets)(\/.*)?$/, (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", url).pathname);
    if (pathname === "/admin") {
      res.writeHead(301, { ...headers, location: "/admin/" }).end();
      return;
    }
    if (pathname.startsWith("/assets/")) void sendFile(res, assetsDir, pathname.slice("/assets/".length));
    else void sendFile(res, path.join(outDir, "admin"), pathname.slice("/admin/".length) || "index.html");
  });
  (app as unknown as { get(p: string, h: (req: http.IncomingMessage, res: http.ServerResponse) => void): void }).get("/", (_req, res) => {
    res.writeHead(302, { ...headers, location: "/admin/" }).end();
  });
  log(`网站内容管理（本地模式）已启动 Local editor: ${url}admin/  （仓库 repository: ${root}${options.workflow ? "，编辑流程 editorial workflow: git 分支" : ""}）`);
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
