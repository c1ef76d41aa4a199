/**
 * SQLite storage (better-sqlite3, WAL). Synchronous: a batch is one transaction, committed before
 * any of its views is acknowledged. With synchronous=NORMAL a commit is in the WAL file (the OS
 * page cache) before it returns, so it survives the process being killed; COUNTER_SQLITE_SYNC=FULL
 * also fsyncs each commit, for power loss.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { newSalt } from "./privacy.ts";
import { tally, type CounterStore, type ImportData, type ReadResult, type SiteFigures, type ViewRecord } from "./store.ts";
import type { Period } from "./time.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (path TEXT PRIMARY KEY, imported INTEGER NOT NULL DEFAULT 0, counted INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS days (day TEXT PRIMARY KEY, imported INTEGER NOT NULL DEFAULT 0, counted INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS months (month TEXT PRIMARY KEY, imported INTEGER NOT NULL DEFAULT 0, counted INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS site (id INTEGER PRIMARY KEY CHECK (id = 1), imported INTEGER NOT NULL DEFAULT 0, counted INTEGER NOT NULL DEFAULT 0);
INSERT OR IGNORE INTO site (id) VALUES (1);
CREATE TABLE IF NOT EXISTS salts (day TEXT PRIMARY KEY, salt BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen (day TEXT NOT NULL, visitor BLOB NOT NULL, PRIMARY KEY (day, visitor)) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1');
`;

export interface SqliteOptions {
  synchronous?: "NORMAL" | "FULL";
}

export function openSqlite(file: string, options: SqliteOptions = {}): CounterStore {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous === "FULL" ? "FULL" : "NORMAL"}`);
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);

  const q = {
    saltGet: db.prepare<[string], { salt: Buffer }>("SELECT salt FROM salts WHERE day = ?"),
    saltPut: db.prepare("INSERT OR IGNORE INTO salts (day, salt) VALUES (?, ?)"),
    saltDrop: db.prepare("DELETE FROM salts WHERE day <> ?"),
    seenDrop: db.prepare("DELETE FROM seen WHERE day <> ?"),
    seenPut: db.prepare("INSERT OR IGNORE INTO seen (day, visitor) VALUES (?, ?)"),
    seenGet: db.prepare<[string, Buffer], { one: number }>("SELECT 1 AS one FROM seen WHERE day = ? AND visitor = ?"),
    pageInc: db.prepare("INSERT INTO pages (path, counted) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET counted = counted + excluded.counted"),
    dayInc: db.prepare("INSERT INTO days (day, counted) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET counted = counted + excluded.counted"),
    monthInc: db.prepare("INSERT INTO months (month, counted) VALUES (?, ?) ON CONFLICT (month) DO UPDATE SET counted = counted + excluded.counted"),
    siteInc: db.prepare("UPDATE site SET counted = counted + ? WHERE id = 1"),
    pageGet: db.prepare<[string], { n: number }>("SELECT imported + counted AS n FROM pages WHERE path = ?"),
    dayGet: db.prepare<[string], { n: number }>("SELECT imported + counted AS n FROM days WHERE day = ?"),
    monthGet: db.prepare<[string], { n: number }>("SELECT imported + counted AS n FROM months WHERE month = ?"),
    siteGet: db.prepare<[], { n: number }>("SELECT imported + counted AS n FROM site WHERE id = 1"),
    pageImp: db.prepare("INSERT INTO pages (path, imported) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET imported = excluded.imported"),
    dayImp: db.prepare("INSERT INTO days (day, imported) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET imported = excluded.imported"),
    monthImp: db.prepare("INSERT INTO months (month, imported) VALUES (?, ?) ON CONFLICT (month) DO UPDATE SET imported = excluded.imported"),
    siteImp: db.prepare("UPDATE site SET imported = ? WHERE id = 1"),
  };

  const salt = db.transaction((day: string): Buffer => {
    const row = q.saltGet.get(day);
    if (row) return row.salt;
    q.saltDrop.run(day);
    q.seenDrop.run(day);
    q.saltPut.run(day, newSalt());
    return q.saltGet.get(day)!.salt;
  });

  const record = db.transaction((views: readonly ViewRecord[]): number => {
    const fresh: ViewRecord[] = [];
    for (const v of views) if (q.seenPut.run(v.day, v.visitor).changes) fresh.push(v);
    if (!fresh.length) return 0;
    const t = tally(fresh);
    for (const [k, n] of t.pages) q.pageInc.run(k, n);
    for (const [k, n] of t.days) q.dayInc.run(k, n);
    for (const [k, n] of t.months) q.monthInc.run(k, n);
    q.siteInc.run(t.total);
    return fresh.length;
  });

  const site = (p: Period): SiteFigures => ({
    yesterday: q.dayGet.get(p.yesterday)?.n ?? 0,
    today: q.dayGet.get(p.today)?.n ?? 0,
    month: q.monthGet.get(p.month)?.n ?? 0,
    lastMonth: q.monthGet.get(p.lastMonth)?.n ?? 0,
    total: q.siteGet.get()?.n ?? 0,
  });

  const read = db.transaction((p: Period, page?: { key: string; visitor: Buffer }): ReadResult => ({
    page: page ? (q.pageGet.get(page.key)?.n ?? 0) : null,
    seen: page ? !!q.seenGet.get(p.today, page.visitor) : false,
    site: site(p),
  }));

  const importCounts = db.transaction((d: ImportData) => {
    for (const [k, n] of d.pages) q.pageImp.run(k, n);
    for (const [k, n] of d.days) q.dayImp.run(k, n);
    for (const [k, n] of d.months) q.monthImp.run(k, n);
    if (d.total !== undefined) q.siteImp.run(d.total);
  });

  return {
    kind: "sqlite",
    salt: async (day) => salt(day),
    record: async (views) => record(views),
    read: async (p, page) => read(p, page),
    site: async (p) => site(p),
    pageView: async (day, key, visitor) => ({ page: q.pageGet.get(key)?.n ?? 0, seen: !!q.seenGet.get(day, visitor) }),
    importCounts: async (d) => importCounts(d),
    close: async () => {
      db.close();
    },
  };
}
