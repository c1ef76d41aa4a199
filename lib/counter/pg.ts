/**
 * PostgreSQL storage (`pg`), for several counter instances behind a load balancer: the salt, the
 * visitor keys and the counts are all in the database, so every instance dedupes alike. A batch is
 * one transaction (committed, with PostgreSQL's default synchronous_commit, before any of its views
 * is acknowledged). BIGINT counts are read back as numbers (safe up to 2^53).
 */
import pg from "pg";
import { newSalt } from "./privacy.ts";
import { tally, type CounterStore, type ImportData, type ReadResult, type SiteFigures, type ViewRecord } from "./store.ts";
import type { Period } from "./time.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS counter_pages (path TEXT PRIMARY KEY, imported BIGINT NOT NULL DEFAULT 0, counted BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS counter_days (day TEXT PRIMARY KEY, imported BIGINT NOT NULL DEFAULT 0, counted BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS counter_months (month TEXT PRIMARY KEY, imported BIGINT NOT NULL DEFAULT 0, counted BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS counter_site (id INTEGER PRIMARY KEY CHECK (id = 1), imported BIGINT NOT NULL DEFAULT 0, counted BIGINT NOT NULL DEFAULT 0);
INSERT INTO counter_site (id) VALUES (1) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS counter_salts (day TEXT PRIMARY KEY, salt BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS counter_seen (day TEXT NOT NULL, visitor BYTEA NOT NULL, PRIMARY KEY (day, visitor));
`;

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export async function openPostgres(connectionString: string, options: { max?: number } = {}): Promise<CounterStore> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 8, application_name: "jyj-counter" });
  // An idle client's error (the server restarting) must not crash the service.
  pool.on("error", (e) => process.stderr.write(`counter: postgres pool error: ${e.message}\n`));
  {
    const c = await pool.connect();
    try {
      // Several instances may start at once: serialise the schema creation.
      await c.query("SELECT pg_advisory_lock(727001)");
      await c.query(SCHEMA);
      await c.query("SELECT pg_advisory_unlock(727001)");
    } finally {
      c.release();
    }
  }

  async function tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query("BEGIN");
      const r = await fn(c);
      await c.query("COMMIT");
      return r;
    } catch (e) {
      await c.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  const SITE_SQL = `SELECT
    (SELECT imported + counted FROM counter_days WHERE day = $1) AS yesterday,
    (SELECT imported + counted FROM counter_days WHERE day = $2) AS today,
    (SELECT imported + counted FROM counter_months WHERE month = $3) AS month,
    (SELECT imported + counted FROM counter_months WHERE month = $4) AS last_month,
    (SELECT imported + counted FROM counter_site WHERE id = 1) AS total`;
  const toSite = (r: Record<string, unknown>): SiteFigures => ({ yesterday: n(r.yesterday), today: n(r.today), month: n(r.month), lastMonth: n(r.last_month), total: n(r.total) });

  return {
    kind: "postgres",
    async salt(day) {
      const got = await pool.query<{ salt: Buffer }>("SELECT salt FROM counter_salts WHERE day = $1", [day]);
      if (got.rows[0]) return got.rows[0].salt;
      return tx(async (c) => {
        await c.query("DELETE FROM counter_salts WHERE day <> $1", [day]);
        await c.query("DELETE FROM counter_seen WHERE day <> $1", [day]);
        await c.query("INSERT INTO counter_salts (day, salt) VALUES ($1, $2) ON CONFLICT DO NOTHING", [day, newSalt()]);
        return (await c.query<{ salt: Buffer }>("SELECT salt FROM counter_salts WHERE day = $1", [day])).rows[0]!.salt;
      });
    },
    async record(views: readonly ViewRecord[]) {
      if (!views.length) return 0;
      return tx(async (c) => {
        const ins = await c.query<{ day: string; visitor: Buffer }>(
          "INSERT INTO counter_seen (day, visitor) SELECT * FROM unnest($1::text[], $2::bytea[]) ON CONFLICT DO NOTHING RETURNING day, visitor",
          [views.map((v) => v.day), views.map((v) => v.visitor)],
        );
        if (!ins.rowCount) return 0;
        const fresh = new Set(ins.rows.map((r) => `${r.day}:${r.visitor.toString("hex")}`));
        const t = tally(views.filter((v) => fresh.delete(`${v.day}:${v.visitor.toString("hex")}`)));
        const up = (table: string, col: string, m: Map<string, number>) =>
          c.query(`INSERT INTO ${table} (${col}, counted) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT (${col}) DO UPDATE SET counted = ${table}.counted + excluded.counted`, [
            [...m.keys()],
            [...m.values()],
          ]);
        await up("counter_pages", "path", t.pages);
        await up("counter_days", "day", t.days);
        await up("counter_months", "month", t.months);
        await c.query("UPDATE counter_site SET counted = counted + $1 WHERE id = 1", [t.total]);
        return t.total;
      });
    },
    async read(p: Period, page?: { key: string; visitor: Buffer }): Promise<ReadResult> {
      // One statement, one snapshot: the page count and `seen` agree.
      const r = await pool.query(
        `${SITE_SQL},
         (SELECT imported + counted FROM counter_pages WHERE path = $5) AS page,
         EXISTS (SELECT 1 FROM counter_seen WHERE day = $2 AND visitor = $6) AS seen`,
        [p.yesterday, p.today, p.month, p.lastMonth, page?.key ?? "", page?.visitor ?? Buffer.alloc(0)],
      );
      const row = r.rows[0] as Record<string, unknown>;
      return { page: page ? n(row.page) : null, seen: page ? row.seen === true : false, site: toSite(row) };
    },
    async site(p) {
      const r = await pool.query(SITE_SQL, [p.yesterday, p.today, p.month, p.lastMonth]);
      return toSite(r.rows[0] as Record<string, unknown>);
    },
    async pageView(day, key, visitor) {
      const r = await pool.query("SELECT (SELECT imported + counted FROM counter_pages WHERE path = $1) AS page, EXISTS (SELECT 1 FROM counter_seen WHERE day = $2 AND visitor = $3) AS seen", [
        key,
        day,
        visitor,
      ]);
      const row = r.rows[0] as Record<string, unknown>;
      return { page: n(row.page), seen: row.seen === true };
    },
    async importCounts(d: ImportData) {
      await tx(async (c) => {
        const imp = (table: string, col: string, m: Map<string, number>) =>
          m.size
            ? c.query(`INSERT INTO ${table} (${col}, imported) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT (${col}) DO UPDATE SET imported = excluded.imported`, [
                [...m.keys()],
                [...m.values()],
              ])
            : undefined;
        await imp("counter_pages", "path", d.pages);
        await imp("counter_days", "day", d.days);
        await imp("counter_months", "month", d.months);
        if (d.total !== undefined) await c.query("UPDATE counter_site SET imported = $1 WHERE id = 1", [d.total]);
      });
    },
    close: () => pool.end(),
  };
}
