/**
 * npm run bench:counter -- [--duration S] [--connections N] [--rounds N] [--soak S] [--soak-rate R] [--no-kill] [--pg]
 *
 * The view counter under autocannon on 127.0.0.1, the service in its own process (`npm run counter`,
 * SQLite in a temporary folder; --pg: PostgreSQL from TEST_DATABASE_URL or a throw-away cluster):
 *   write  POST /v1/views, every request a new visitor (X-Forwarded-For from a proxy on this host)
 *          to one of 1,000 pages: recorded views/s (counted by the service) and latency
 *   read   GET /v1/stats?path=… for one article, 50,000 visitors
 *   kill   writes, kill -9 mid-run, restart: views acknowledged (204) vs stored
 *   soak   (--soak S) mixed writes and reads at --soak-rate req/s for S seconds, the service's RSS sampled
 * --rounds N repeats write and read N times (a shared machine's load changes from second to second)
 * and prints the median and the best round. Prints the load average before and after: on a shared
 * machine, quote it with the figures.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { BROWSER_UA, spawnCounter, testPostgres, visitorIp, type CounterProcess } from "../lib/counter/testkit.ts";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    rounds: { type: "string", default: "1" },
    soak: { type: "string", default: "0" },
    "soak-rate": { type: "string", default: "2000" },
    "no-kill": { type: "boolean", default: false },
    pg: { type: "boolean", default: false },
    // The service's V8 flags, as deploy/jyj-counter.service sets them.
    "node-options": { type: "string", default: "--max-old-space-size=128 --max-semi-space-size=8" },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-counter-"));
const site = path.join(tmp, "site");
fs.mkdirSync(site);
const PAGES = Array.from({ length: 1000 }, (_, i) => `/news/jydt/${2015 + (i % 10)}/article-${i}/`);
const ARTICLE = PAGES[7]!;
fs.writeFileSync(path.join(site, "counter-paths.json"), JSON.stringify({ version: 1, pathPrefix: "/", editions: ["zh-hant/"], paths: ["/", ...PAGES] }));

const pgServer = args.pg ? await testPostgres() : undefined;
const env: Record<string, string> = {
  NODE_OPTIONS: args["node-options"],
  COUNTER_HEALTH_DETAIL: "1",
  COUNTER_SITE: site,
  COUNTER_DB: path.join(tmp, "counter.sqlite"),
  ...(pgServer ? { DATABASE_URL: pgServer.url } : {}),
};

async function total(c: CounterProcess): Promise<number> {
  const r = await fetch(new URL("v1/stats", c.url), { headers: { "user-agent": BROWSER_UA, "x-forwarded-for": "192.0.2.250" } });
  return ((await r.json()) as { site: { total: number } }).site.total;
}

let visitor = 0;
const writeRequest = () => ({
  method: "POST",
  path: "/v1/views",
  headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": BROWSER_UA },
  setupRequest: (req: { headers?: Record<string, string>; body?: string }) => {
    const n = visitor++;
    req.headers = { ...req.headers, "x-forwarded-for": visitorIp(n) };
    req.body = JSON.stringify({ path: PAGES[n % PAGES.length] });
    return req;
  },
});
let reader = 0;
const readRequest = () => ({
  method: "GET",
  path: `/v1/stats?path=${encodeURIComponent(ARTICLE)}`,
  headers: { "user-agent": BROWSER_UA },
  setupRequest: (req: { headers?: Record<string, string> }) => {
    req.headers = { ...req.headers, "x-forwarded-for": visitorIp(8_000_000 + (reader++ % 50_000)) };
    return req;
  },
});

/** CPU seconds (user + system) the process has used, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
}
const perReq = (cpu: number, n: number) => `${Math.round((cpu / Math.max(1, n)) * 1e6)} µs service CPU per request (≈ ${Math.round(n / Math.max(cpu, 0.01))} req/s per fully free core)`;

function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  console.log(s);
};

say(
  `counter bench: ${pgServer ? "PostgreSQL" : "SQLite"}, service NODE_OPTIONS="${args["node-options"]}", ${connections} connections, ${duration} s per phase, node ${process.version}, ${os.cpus().length} cores, load average before: ${load()}`,
);
let c = await spawnCounter(env);
try {
  // Warm-up (JIT, SQLite cache).
  await autocannon({ url: c.url, connections, duration: 2, requests: [writeRequest()] });

  const rounds = Number(args.rounds);
  const writes: number[] = [];
  const writeP99: number[] = [];
  const reads: number[] = [];
  const readP99: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const before = await total(c);
    let cpu = cpuSeconds(c.child.pid!);
    const w = await autocannon({ url: c.url, connections, duration, requests: [writeRequest()] });
    const recorded = (await total(c)) - before;
    writes.push(recorded / w.duration);
    writeP99.push(w.latency.p99);
    say(
      `${rounds > 1 ? `round ${round} ` : ""}write: ${Math.round(recorded / w.duration)} recorded views/s (${recorded} views counted in ${w.duration.toFixed(1)} s; ${w["2xx"]} acknowledged, ${w.non2xx} non-2xx, ${w.errors} errors), latency p50 ${w.latency.p50} ms, p99 ${w.latency.p99} ms, max ${w.latency.max} ms; ${perReq(cpuSeconds(c.child.pid!) - cpu, w["2xx"])}; load ${load()}`,
    );
    cpu = cpuSeconds(c.child.pid!);
    const r = await autocannon({ url: c.url, connections, duration, requests: [readRequest()] });
    reads.push(r.requests.average);
    readP99.push(r.latency.p99);
    say(
      `${rounds > 1 ? `round ${round} ` : ""}read: ${Math.round(r.requests.average)} req/s (${r["2xx"]} 2xx, ${r.non2xx} non-2xx, ${r.errors} errors), latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; ${perReq(cpuSeconds(c.child.pid!) - cpu, r["2xx"])}; load ${load()}`,
    );
  }
  if (rounds > 1) {
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const best = writes.indexOf(Math.max(...writes));
    const bestR = reads.indexOf(Math.max(...reads));
    say(
      `over ${rounds} rounds: write median ${Math.round(med(writes))} views/s (p99 median ${med(writeP99)} ms), best ${Math.round(writes[best]!)} views/s at p99 ${writeP99[best]} ms; read median ${Math.round(med(reads))} req/s, best ${Math.round(reads[bestR]!)} req/s at p99 ${readP99[bestR]} ms`,
    );
  }

  if (!args["no-kill"]) {
    const start = await total(c);
    const run = autocannon({ url: c.url, connections, duration: 30, requests: [writeRequest()] });
    await new Promise((res) => setTimeout(res, 3000));
    c.child.kill("SIGKILL");
    await c.exited;
    run.stop();
    const k = await run;
    c = await spawnCounter(env);
    const stored = (await total(c)) - start;
    say(
      `kill -9 after 3 s of writes: ${k["2xx"]} views acknowledged, ${stored} stored after restart (${stored >= k["2xx"] ? "none lost" : `${k["2xx"] - stored} LOST`}; ${stored - k["2xx"]} stored but not yet acknowledged when killed)`,
    );
  }

  const soak = Number(args.soak);
  if (soak > 0) {
    const rate = Number(args["soak-rate"]);
    const samples: { t: number; mb: number; heap: number; heapTotal: number; external: number; clients: number }[] = [];
    const t0 = Date.now();
    const pid = c.child.pid!;
    const timer = setInterval(async () => {
      const h = (await (await fetch(new URL("healthz", c.url)).catch(() => undefined))?.json().catch(() => undefined)) as
        { memory?: { heapUsed: number; heapTotal: number; external: number }; clients?: number } | undefined;
      samples.push({
        t: (Date.now() - t0) / 1000,
        mb: rss(pid),
        heap: h?.memory?.heapUsed ?? NaN,
        heapTotal: h?.memory?.heapTotal ?? NaN,
        external: h?.memory?.external ?? NaN,
        clients: h?.clients ?? NaN,
      });
    }, 5000);
    const s = await autocannon({ url: c.url, connections: 20, duration: soak, overallRate: rate, requests: [writeRequest(), readRequest()] });
    clearInterval(timer);
    const settled = samples.filter((x) => x.t >= Math.min(60, soak / 4));
    const first = settled[0]!.mb;
    const last = settled[settled.length - 1]!.mb;
    const min = Math.min(...settled.map((x) => x.mb));
    const max = Math.max(...settled.map((x) => x.mb));
    say(
      `soak ${soak} s at ${rate} req/s (half writes, half reads; ${s["2xx"]} 2xx, ${s.non2xx} non-2xx): service RSS ${first.toFixed(1)} MB at ${settled[0]!.t.toFixed(0)} s → ${last.toFixed(1)} MB at the end (${(((last - first) / first) * 100).toFixed(1)} %), min ${min.toFixed(1)}, max ${max.toFixed(1)} MB over ${settled.length} samples`,
    );
    // The rate limiter's table fills and is swept every ~100 s, so single samples sit anywhere on a
    // saw-tooth: compare the mean of the first settled minute with the mean of the last.
    const mean = (xs: typeof settled) => xs.reduce((a, x) => a + x.mb, 0) / xs.length;
    const head = settled.filter((x) => x.t < settled[0]!.t + 60);
    const tail = settled.filter((x) => x.t > settled[settled.length - 1]!.t - 60);
    say(`  mean RSS of the first settled minute ${mean(head).toFixed(1)} MB, of the last minute ${mean(tail).toFixed(1)} MB (${(((mean(tail) - mean(head)) / mean(head)) * 100).toFixed(1)} %)`);
    say(
      `  samples (s: RSS MB / V8 heap used / V8 heap total / external MB / rate-limit clients): ${samples.map((x) => `${x.t.toFixed(0)}:${x.mb.toFixed(0)}/${x.heap.toFixed(0)}/${x.heapTotal.toFixed(0)}/${x.external.toFixed(0)}/${x.clients}`).join(" ")}`,
    );
  }
} finally {
  c.child.kill("SIGTERM");
  await c.exited;
  await pgServer?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
say(`load average after: ${load()}`);
