/**
 * The service's settings, from the environment (documented in docs/publishing.md):
 * HOST, PORT, COUNTER_DB, COUNTER_SITE, COUNTER_ALLOW_ORIGIN, DATABASE_URL, plus
 * COUNTER_TRUST_PROXY, COUNTER_RATE (per second/burst per client), COUNTER_SQLITE_SYNC.
 */
export interface CounterConfig {
  host: string;
  port: number;
  sqliteFile: string;
  siteDir: string;
  allowOrigins: string[];
  databaseUrl: string | undefined;
  trustProxy: "loopback" | "always" | "never";
  rate: { perSecond: number; burst: number };
  sqliteSync: "NORMAL" | "FULL";
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): CounterConfig {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT="${env.PORT}" 不是端口号（0–65535）/ PORT="${env.PORT}" is not a port number (0–65535)`);

  const allowOrigins: string[] = [];
  for (const raw of (env.COUNTER_ALLOW_ORIGIN ?? "").split(/[\s,]+/).filter(Boolean)) {
    let origin = "";
    try {
      origin = new URL(raw).origin;
    } catch {
      /* below */
    }
    if (!origin || origin === "null" || origin !== raw.replace(/\/$/, "")) {
      problems.push(
        `COUNTER_ALLOW_ORIGIN 中的“${raw}”不是来源（写成 https://www.example.gov.cn，不带路径）/ "${raw}" in COUNTER_ALLOW_ORIGIN is not an origin (write https://www.example.gov.cn, no path)`,
      );
    } else allowOrigins.push(origin);
  }

  const trust = (env.COUNTER_TRUST_PROXY ?? "loopback").toLowerCase();
  if (trust !== "loopback" && trust !== "always" && trust !== "never") problems.push(`COUNTER_TRUST_PROXY 只能是 loopback、always 或 never / COUNTER_TRUST_PROXY must be loopback, always or never`);

  const rateMatch = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(env.COUNTER_RATE ?? "20/200");
  if (!rateMatch) problems.push(`COUNTER_RATE 应写成 每秒/突发，如 20/200 / COUNTER_RATE must be per-second/burst, e.g. 20/200`);

  const sync = (env.COUNTER_SQLITE_SYNC ?? "NORMAL").toUpperCase();
  if (sync !== "NORMAL" && sync !== "FULL") problems.push(`COUNTER_SQLITE_SYNC 只能是 NORMAL 或 FULL / COUNTER_SQLITE_SYNC must be NORMAL or FULL`);

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push(`DATABASE_URL 应以 postgres:// 开头 / DATABASE_URL must start with postgres://`);

  if (problems.length) throw new ConfigError(problems.join("\n"));
  return {
    host: env.HOST?.trim() || "127.0.0.1",
    port,
    sqliteFile: env.COUNTER_DB?.trim() || ".data/counter.sqlite",
    siteDir: env.COUNTER_SITE?.trim() || "_site",
    allowOrigins,
    databaseUrl,
    trustProxy: trust as CounterConfig["trustProxy"],
    rate: { perSecond: Number(rateMatch![1]), burst: Number(rateMatch![2]) },
    sqliteSync: sync as CounterConfig["sqliteSync"],
  };
}
