/**
 * `npm run cms`: the browser editor against the local repository, on 127.0.0.1 only.
 * One origin: /admin/ (written by writeAdmin into a temporary folder) and /assets/ (the portal's
 * CSS for the preview) are served from here, and /api/v1 is passed on to decap-server, run as
 * its documented command (`decap-server`, configured by PORT, BIND_HOST=127.0.0.1, MODE and
 * GIT_REPO_DIRECTORY) in a child process on a free loopback port: its `fs` mode writes straight
 * into the working tree; `git` mode, with --workflow, keeps each article on a cms/… branch until
 * it is published, like a merge request. Everything is answered with the /admin/ headers of
 * lib/cms/headers.ts, so trying it locally runs under the deployed CSP.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import http from "node:http";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadContent } from "../content/load.ts";
import { defaultSourceFor, editorContext } from "../editor/new-article/context.ts";
import { writeAdmin } from "./admin.ts";
import { articleColumns, knownSources } from "./config.ts";
import { adminHeaders } from "./headers.ts";
import { staticFiles } from "../util/static-files.ts";

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

/** Sources used by the site's articles plus each column's default and the site's owner. */
async function sourcesFor(root: string, ctx: Awaited<ReturnType<typeof editorContext>>): Promise<{ sources: string[]; defaults: Map<string, string> }> {
  const model = await loadContent({ root, includeDrafts: true, unfinished: "warning" });
  const defaults = new Map<string, string>();
  for (const c of articleColumns(ctx.columns)) {
    const s = defaultSourceFor(ctx, c.key);
    if (s) defaults.set(c.key, s);
  }
  return {
    sources: knownSources(
      model.articles.map((a) => a.source),
      [...defaults.values(), ctx.site.owner],
    ),
    defaults,
  };
}

export async function startLocalCms(options: LocalCmsOptions): Promise<LocalCms> {
  const root = path.resolve(options.root);
  const log = options.log ?? (() => {});
  const ctx = await editorContext(root);
  const outDir = options.outDir ?? path.join(os.tmpdir(), `portal-cms-${crypto.createHash("sha256").update(root).digest("hex").slice(0, 12)}`);

  const backend = await startDecapServer(root, Boolean(options.workflow), log);
  const server = http.createServer((req, res) => void route(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8081, "127.0.0.1", () => resolve());
  }).catch(async (error) => {
    await backend.close();
    throw error;
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
  const assetsDir = (await fs.stat(path.join(root, "assets")).then(
    () => true,
    () => false,
  ))
    ? path.join(root, "assets")
    : path.join(PROJECT, "assets");
  const adminFiles = staticFiles(path.join(outDir, "admin"), { prefix: "/admin/", headers, live: true });
  const assetFiles = staticFiles(assetsDir, { prefix: "/assets/", headers, live: true });
  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? "/", url).pathname;
    if (pathname.startsWith("/api/v1")) return backend.forward(req, res);
    if (pathname === "/" || pathname === "/admin") {
      res.writeHead(pathname === "/" ? 302 : 301, { ...headers, location: "/admin/" }).end();
      return;
    }
    if (pathname.startsWith("/assets/")) return assetFiles(req, res);
    return adminFiles(req, res);
  }
  log(`网站内容管理（本地模式）已启动 Local editor: ${url}admin/  （仓库 repository: ${root}${options.workflow ? "，编辑流程 editorial workflow: git 分支" : ""}）`);
  return {
    url,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
      await backend.close();
    },
  };
}

/** A free port on 127.0.0.1 (the kernel's choice), for the child process to take. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** decap-server as its own command, on 127.0.0.1, with requests passed through to it. */
async function startDecapServer(root: string, workflow: boolean, log: (line: string) => void) {
  const port = await freePort();
  const child = spawn(process.execPath, [require.resolve("decap-server")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), BIND_HOST: "127.0.0.1", MODE: workflow ? "git" : "fs", GIT_REPO_DIRECTORY: root, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  // Ready when it answers the backend's "info" action.
  const ask = () =>
    fetch(`http://127.0.0.1:${port}/api/v1`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "info", params: { branch: "main" } }) }).then(
      (r) => r.ok,
      () => false,
    );
  for (let i = 0; ; i++) {
    if (await ask()) break;
    if (child.exitCode !== null || i > 300) {
      child.kill();
      throw new Error(`decap-server 未能启动 did not start: ${stderr.trim() || `exit ${child.exitCode}`}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  log(`decap-server: 127.0.0.1:${port} (${workflow ? "git" : "fs"})`);
  return {
    forward(req: http.IncomingMessage, res: http.ServerResponse): void {
      const upstream = http.request({ host: "127.0.0.1", port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on("error", () => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
        res.end("本地后端无响应 The local backend did not answer");
      });
      req.pipe(upstream);
    },
    async close(): Promise<void> {
      if (child.exitCode === null) child.kill();
      await exited;
    },
  };
}
