/**
 * Test and benchmark helpers for the counter: a real PostgreSQL (TEST_DATABASE_URL, or a
 * throw-away cluster from Debian's binaries), the service as a child process (for kill -9), and
 * visitors.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** The n-th synthetic visitor's address (10.x.y.z, unique for n < 2^24). */
export const visitorIp = (n: number): string => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface TestPostgres {
  url: string;
  /** Drops the counter's tables (a clean database for the next test). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const NO_POSTGRES = `没有可用的 PostgreSQL：设置 TEST_DATABASE_URL=postgres://…（.ci/run 会启动一个），或安装 Debian 的 postgresql 软件包（apt-get install postgresql），测试会自己启动一个临时集群。
No PostgreSQL for the test: set TEST_DATABASE_URL=postgres://… (.ci/run starts one), or install Debian's postgresql package (apt-get install postgresql) and the test starts a throw-away cluster itself.`;

/** TEST_DATABASE_URL, else a throw-away cluster on 127.0.0.1 (initdb + pg_ctl, run as the postgres user when root). Never silently absent: throws saying how. */
export async function testPostgres(): Promise<TestPostgres> {
  const reset = async (url: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("DROP TABLE IF EXISTS counter_pages, counter_days, counter_months, counter_site, counter_salts, counter_seen");
    await c.end();
  };
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    await reset(given);
    return { url: given, reset: () => reset(given), stop: async () => {} };
  }
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb"))) : [];
  if (!versions.length) throw new Error(NO_POSTGRES);
  const bin = path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0]!, "bin");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "counter-pg-"));
  fs.chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => execFileSync(asRoot ? "runuser" : cmd, asRoot ? ["-u", "postgres", "--", cmd, ...args] : args, { stdio: "pipe", cwd: dir });
  const data = path.join(dir, "data");
  const port = await freePort();
  run(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  run(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`, "start"]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    reset: () => reset(url),
    stop: async () => {
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export interface CounterProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string>;
}

/** `npm run counter` (tsx scripts/counter.ts) as a child process; resolves once it listens. */
export async function spawnCounter(env: Record<string, string>, args: string[] = []): Promise<CounterProcess> {
  const repo = path.resolve(import.meta.dirname, "../..");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repo, "scripts/counter.ts"), ...args], {
    cwd: repo,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+\/)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    exited.then((code) => reject(new Error(`counter exited (${code}) before listening:\n${out}`)));
    setTimeout(() => reject(new Error(`counter did not start in 30 s:\n${out}`)), 30_000).unref();
  });
  return { child, url, output: () => out, exited };
}
