/**
 * Serving a built site's files over HTTP, for the preview server and the browser tests: sirv
 * (MIME types from mrmime, index.html for folders, no path outside the folder), under an optional
 * path prefix, with fixed extra headers (e.g. the shipped CSP) and the site's own 404 page.
 */
import fs from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import sirv from "sirv";

export interface StaticFilesOptions {
  /** The site's path prefix ("/" or "/jyj/"): other paths are not found. */
  prefix?: string;
  /** Headers added to every response. */
  headers?: Readonly<Record<string, string>>;
  /** Files change while serving (the preview): read them on each request, never cache. */
  live?: boolean;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** Answers every request from `dir`; an unknown path gets the site's 404.html (status 404). */
export function staticFiles(dir: string, options: StaticFilesOptions = {}): Handler {
  const prefix = options.prefix ?? "/";
  const headers = options.headers ?? {};
  const serve = sirv(dir, {
    dev: options.live ?? false,
    etag: !options.live,
    dotfiles: false,
    extensions: ["html"],
    setHeaders: (res) => {
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      if (options.live) res.setHeader("cache-control", "no-store");
    },
  });
  const notFound = async (res: http.ServerResponse) => {
    const body = await fs.readFile(path.join(dir, "404.html")).catch(() => Buffer.from("<!doctype html><title>404</title><h1>404 页面不存在</h1>"));
    res.writeHead(404, { "content-type": "text/html; charset=utf-8", ...headers });
    res.end(body);
  };
  return (req, res) =>
    new Promise<void>((resolve) => {
      const url = req.url ?? "/";
      if (!url.startsWith(prefix) && `${url}/` !== prefix) {
        void notFound(res).then(resolve);
        return;
      }
      req.url = "/" + url.slice(prefix.length);
      res.once("finish", () => resolve());
      res.once("close", () => resolve());
      serve(req, res, () => void notFound(res));
    });
}
