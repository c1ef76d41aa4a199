/**
 * Starting and stopping the service (used by scripts/counter.ts, the tests and the benchmark).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { CounterConfig } from "./config.ts";
import { PathListSource } from "./paths.ts";
import { openPostgres } from "./pg.ts";
import { createCounterService, type CounterService } from "./service.ts";
import { openSqlite } from "./sqlite.ts";
import type { CounterStore } from "./store.ts";

export async function openStore(config: Pick<CounterConfig, "databaseUrl" | "sqliteFile" | "sqliteSync">): Promise<CounterStore> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openSqlite(config.sqliteFile, { synchronous: config.sqliteSync });
}

export interface RunningCounter {
  url: string;
  port: number;
  service: CounterService;
  paths: PathListSource;
  store: CounterStore;
  close(): Promise<void>;
}

export async function startCounter(config: CounterConfig, options: { log?: (m: string) => void; pollMs?: number } = {}): Promise<RunningCounter> {
  const log = options.log ?? ((m: string) => process.stderr.write(m + "\n"));
  const store = await openStore(config);
  const paths = new PathListSource(config.siteDir, log);
  paths.watch(options.pollMs ?? 5000);
  if (!paths.list) log(paths.error ?? "counter: no countable-path list yet");
  const service = createCounterService({
    store,
    paths: () => paths.list,
    pathsError: () => paths.error,
    allowOrigins: config.allowOrigins,
    trustProxy: config.trustProxy,
    rate: config.rate,
    healthDetail: process.env.COUNTER_HEALTH_DETAIL === "1",
    log,
  });
  // The two endpoints of every page view are answered from node:http (service.handleNode); the
  // rest — /healthz, CORS preflight, 404/405 — goes through Hono's Node adapter.
  const viaHono = getRequestListener(service.app.fetch);
  const server = http.createServer((req, res) => {
    if (!service.handleNode(req, res)) void viaHono(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
    server.listen(config.port, config.host);
  });
  // Keep-alive connections from a proxy or a load generator: do not let idle ones pile up.
  server.keepAliveTimeout = 10_000;
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}/`,
    port,
    service,
    paths,
    store,
    close: () =>
      (closed ??= (async () => {
        paths.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Views already received are written (and answered) before the database closes.
        await service.drain();
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        await stopped;
        clearTimeout(force);
        await store.close();
      })()),
  };
}
