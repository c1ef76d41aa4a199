/**
 * The view-counter HTTP service (Hono on Node). Endpoints:
 *
 *   GET  /v1/stats?path=/news/…/   the page's 浏览量 and the site's 昨天/今天/本月/上月/总数, in one
 *                                 response; `record: true` when this visitor's view of the page is
 *                                 not counted yet today (the figures then already include it, and
 *                                 the page script sends the view)
 *   POST /v1/views {"path": "/news/…/"}   record a view (navigator.sendBeacon, text/plain)
 *   GET  /healthz
 *
 * Nothing about a visitor is stored but a salted daily key (privacy.ts); no cookies are read or set.
 * Every error is a short JSON reason with a 4xx/5xx status, never a stack trace.
 *
 * The two endpoints every page view calls are written once, framework-free (`postView`,
 * `getStats`), and reached two ways: through Hono like every route (tests, `app.request`) and,
 * when the service runs on node:http (server.ts), through `handleNode`, which answers them straight
 * from the IncomingMessage: Hono's Request/Response adaptation cost more CPU per request than the
 * counting itself (docs/performance.md, View counter).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { Batcher } from "./batcher.ts";
import { isBot } from "./bots.ts";
import type { PathList } from "./paths.ts";
import { visitorKey } from "./privacy.ts";
import { RateLimiter } from "./rate-limit.ts";
import type { CounterStore, SiteFigures, ViewRecord } from "./store.ts";
import { periodClock, type Period } from "./time.ts";

export const MAX_BODY_BYTES = 1024;

export interface CounterServiceOptions {
  store: CounterStore;
  /** The current countable-path list (undefined until a build has been published). */
  paths: () => PathList | undefined;
  /** Why there is no list, for /healthz and 503 answers. */
  pathsError?: () => string | undefined;
  /** Origins whose pages may read the figures cross-origin (exact "https://host[:port]"). */
  allowOrigins?: readonly string[];
  /** Take the client address from X-Forwarded-For: "loopback" (only from a proxy on this host, the default), "always", "never". */
  trustProxy?: "loopback" | "always" | "never";
  rate?: { perSecond: number; burst: number };
  /** How long the site figures may be served from memory (ms; dropped whenever this instance writes). */
  cacheMs?: number;
  now?: () => number;
  log?: (message: string) => void;
  /** /healthz also reports counts, rate-limit table size and memory (COUNTER_HEALTH_DETAIL=1; for benchmarks and monitoring on the host). */
  healthDetail?: boolean;
}

/** What the two hot endpoints read of a request, from Hono or from node:http. */
interface Incoming {
  /** A request header by its lower-case name. */
  header(name: string): string | undefined;
  /** The peer's address. */
  remote: string;
}

/** An answer: a status, extra headers and a JSON body (none: empty). */
interface Outgoing {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
}

export interface CounterService {
  app: Hono;
  /**
   * Answers POST /v1/views and GET /v1/stats from node:http directly; false for any other
   * request (the caller hands it to Hono).
   */
  handleNode(req: IncomingMessage, res: ServerResponse): boolean;
  /** Waits for queued views to be written. */
  drain(): Promise<void>;
  stats: { recorded: number; counted: number; batches: number };
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

export function createCounterService(options: CounterServiceOptions): CounterService {
  const { store } = options;
  const now = options.now ?? Date.now;
  const currentPeriod = periodClock(now);
  const log = options.log ?? ((m: string) => process.stderr.write(m + "\n"));
  const allow = new Set(options.allowOrigins ?? []);
  const trust = options.trustProxy ?? "loopback";
  const limiter = new RateLimiter(options.rate ?? { perSecond: 20, burst: 200 });
  const cacheMs = options.cacheMs ?? 1000;
  const stats = { recorded: 0, counted: 0, batches: 0 };

  let siteCache: { today: string; at: number; figures: SiteFigures } | undefined;
  let saltCache: { day: string; salt: Buffer } | undefined;

  const batcher = new Batcher<ViewRecord>(
    async (views) => {
      const n = await store.record(views);
      stats.recorded += views.length;
      stats.counted += n;
      stats.batches++;
    },
    2000,
    () => {
      siteCache = undefined;
    },
  );

  async function salt(day: string): Promise<Buffer> {
    if (saltCache?.day === day) return saltCache.salt;
    const s = await store.salt(day);
    saltCache = { day, salt: s };
    siteCache = undefined;
    return s;
  }

  async function siteFigures(period: Period): Promise<SiteFigures> {
    const t = now();
    if (siteCache && siteCache.today === period.today && t - siteCache.at < cacheMs) return siteCache.figures;
    const figures = await store.site(period);
    siteCache = { today: period.today, at: t, figures };
    return figures;
  }

  function clientAddress(req: Incoming): string {
    const xff = req.header("x-forwarded-for");
    if (xff && (trust === "always" || (trust === "loopback" && LOOPBACK.test(req.remote)))) {
      const last = xff.split(",").pop()!.trim();
      if (last) return last;
    }
    return req.remote;
  }

  /** A Hono request as the endpoints read it. */
  function fromHono(c: Context): Incoming {
    let remote = "";
    try {
      remote = getConnInfo(c).remote.address ?? "";
    } catch {
      remote = "";
    }
    return { header: (name) => c.req.header(name), remote };
  }

  const fail = (c: Context, status: 400 | 403 | 404 | 405 | 413 | 415 | 429 | 500 | 503, error: string) => c.json({ error }, status);

  /** Same origin (behind the site's nginx) or an allowed one; requests without Origin are not from pages of other sites. */
  function originAllowed(req: Incoming): boolean {
    const origin = req.header("origin");
    if (!origin || allow.has(origin)) return true;
    const host = req.header("x-forwarded-host") ?? req.header("host");
    try {
      return !!host && new URL(origin).host === host;
    } catch {
      return false;
    }
  }

  const error = (status: number, message: string, headers?: Record<string, string>): Outgoing => ({ status, json: { error: message }, ...(headers ? { headers } : {}) });

  /** POST /v1/views: `body` reads the request body (already limited to MAX_BODY_BYTES). */
  async function postView(req: Incoming, body: () => Promise<string>): Promise<Outgoing> {
    const client = clientAddress(req);
    const wait = limiter.take(client, now());
    if (wait) return error(429, "too many requests", { "Retry-After": String(wait) });
    if (!originAllowed(req)) return error(403, "origin not allowed");
    const type = (req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "text/plain" && type !== "application/json" && type !== "") return error(415, "send JSON as text/plain or application/json");
    let parsed: unknown;
    try {
      parsed = JSON.parse(await body());
    } catch {
      return error(400, "bad JSON");
    }
    const requested = (parsed as { path?: unknown } | null)?.path;
    if (typeof requested !== "string" || !requested) return error(400, 'expected {"path": "/…/"}');
    const list = options.paths();
    if (!list) return error(503, "no countable-path list loaded");
    const key = list.keyFor(requested);
    if (!key) return error(404, "unknown path");
    const ua = req.header("user-agent");
    if (isBot({ userAgent: ua, purpose: req.header("sec-purpose") ?? req.header("purpose") })) return { status: 204 };
    const period = currentPeriod();
    const visitor = visitorKey(await salt(period.today), client, ua ?? "", key);
    await batcher.add({ key, visitor, day: period.today, month: period.month });
    return { status: 204 };
  }

  /** GET /v1/stats?path=… */
  async function getStats(req: Incoming, requested: string | undefined): Promise<Outgoing> {
    const client = clientAddress(req);
    const wait = limiter.take(client, now());
    if (wait) return error(429, "too many requests", { "Retry-After": String(wait) });
    if (requested !== undefined && requested.length > 1024) return error(400, "path too long");
    const period = currentPeriod();
    const list = options.paths();
    const key = requested ? list?.keyFor(requested) : undefined;
    const ua = req.header("user-agent");
    const bot = isBot({ userAgent: ua, purpose: req.header("sec-purpose") ?? req.header("purpose") });
    const site = { ...(await siteFigures(period)) };
    let page: number | null = null;
    let record = false;
    if (key) {
      const visitor = visitorKey(await salt(period.today), client, ua ?? "", key);
      const pv = await store.pageView(period.today, key, visitor);
      page = pv.page;
      record = !pv.seen && !bot;
      if (record) {
        // The view being made: its beacon follows this answer.
        page++;
        site.today++;
        site.month++;
        site.total++;
      }
    }
    return { status: 200, json: { page, site, record } };
  }

  /** Hono's answer for an Outgoing (the middleware adds the common headers). */
  function toHono(c: Context, out: Outgoing): Response {
    for (const [k, v] of Object.entries(out.headers ?? {})) c.header(k, v);
    return out.json === undefined ? c.body(null, out.status as 204) : c.json(out.json, out.status as 200);
  }

  const app = new Hono();

  app.use("*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    const origin = c.req.header("origin");
    if (origin && allow.has(origin)) {
      c.header("Access-Control-Allow-Origin", origin);
      c.header("Vary", "Origin");
    }
  });

  app.onError((err, c) => {
    log(`counter: ${c.req.method} ${c.req.path}: ${err instanceof Error ? err.message : String(err)}`);
    return fail(c, 500, "internal error");
  });
  app.notFound((c) => fail(c, 404, "not found"));

  app.get("/healthz", async (c) => {
    try {
      await store.site(currentPeriod());
    } catch (e) {
      log(`counter: health check: ${(e as Error).message}`);
      return c.json({ ok: false, store: store.kind, error: "database unavailable" }, 503);
    }
    const list = options.paths();
    if (!list) return c.json({ ok: false, store: store.kind, error: "no countable-path list", detail: options.pathsError?.() }, 503);
    if (!options.healthDetail) return c.json({ ok: true, store: store.kind, paths: list.size, pending: batcher.pending });
    const m = process.memoryUsage();
    const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
    return c.json({
      ok: true,
      store: store.kind,
      paths: list.size,
      pending: batcher.pending,
      ...stats,
      clients: limiter.size,
      memory: { rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external) },
    });
  });

  // CORS preflight (a page on an allowed origin posting application/json; beacons send text/plain and need none).
  app.options("/v1/*", (c) => {
    const origin = c.req.header("origin");
    if (!origin || !allow.has(origin)) return fail(c, 403, "origin not allowed");
    c.header("Access-Control-Allow-Methods", "GET, POST");
    c.header("Access-Control-Allow-Headers", "Content-Type");
    c.header("Access-Control-Max-Age", "86400");
    return c.body(null, 204);
  });

  app.post("/v1/views", bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => fail(c, 413, `body larger than ${MAX_BODY_BYTES} bytes`) }), async (c) =>
    toHono(c, await postView(fromHono(c), () => c.req.text())),
  );

  app.get("/v1/stats", async (c) => toHono(c, await getStats(fromHono(c), c.req.query("path"))));

  for (const p of ["/v1/views", "/v1/stats", "/healthz"]) {
    app.all(p, (c) => {
      c.header("Allow", p === "/v1/views" ? "POST, OPTIONS" : "GET, HEAD");
      return fail(c, 405, "method not allowed");
    });
  }

  /** Writes an answer with the headers the Hono middleware would add. */
  function send(req: IncomingMessage, res: ServerResponse, out: Outgoing): void {
    const headers: Record<string, string> = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", ...out.headers };
    const origin = req.headers.origin;
    if (origin && allow.has(origin)) {
      headers["Access-Control-Allow-Origin"] = origin;
      headers["Vary"] = "Origin";
    }
    if (out.json === undefined) {
      res.writeHead(out.status, headers).end();
      return;
    }
    const body = JSON.stringify(out.json);
    headers["Content-Type"] = "application/json";
    headers["Content-Length"] = String(Buffer.byteLength(body));
    res.writeHead(out.status, headers).end(body);
  }

  /**
   * The body as text, at most MAX_BODY_BYTES; undefined as soon as it is longer (declared or sent):
   * the rest is not read — the answer closes the connection (see handleNode).
   */
  function readBody(req: IncomingMessage): Promise<string | undefined> {
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
        req.off("data", onData);
        req.pause();
        resolve(undefined);
      };
      req.on("data", onData);
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });
  }

  function handleNode(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const pathname = q < 0 ? url : url.slice(0, q);
    const isView = req.method === "POST" && pathname === "/v1/views";
    const isStats = req.method === "GET" && pathname === "/v1/stats";
    if (!isView && !isStats) return false;
    const incoming: Incoming = {
      header: (name) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v.join(", ") : v;
      },
      remote: req.socket.remoteAddress ?? "",
    };
    const answer = async (): Promise<Outgoing> => {
      if (isStats) return getStats(incoming, q < 0 ? undefined : (new URLSearchParams(url.slice(q + 1)).get("path") ?? undefined));
      const text = await readBody(req);
      if (text === undefined) {
        // The unread rest of an oversized body is not waited for: answer, then close.
        res.setHeader("Connection", "close");
        res.once("finish", () => req.destroy());
        return error(413, `body larger than ${MAX_BODY_BYTES} bytes`);
      }
      return postView(incoming, async () => text);
    };
    answer().then(
      (out) => send(req, res, out),
      (err: unknown) => {
        log(`counter: ${req.method} ${pathname}: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) send(req, res, error(500, "internal error"));
        else res.destroy();
      },
    );
    return true;
  }

  return { app, handleNode, drain: () => batcher.drain(), stats };
}
