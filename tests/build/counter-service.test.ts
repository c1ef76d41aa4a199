/**
 * The view counter as it runs: `npm run counter` on 127.0.0.1 over a real SQLite file (and kill -9
 * under load), and the same service over a real PostgreSQL (TEST_DATABASE_URL, or a throw-away
 * cluster — see lib/counter/testkit.ts; the test fails, never skips, without one).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { readConfig } from "../../lib/counter/config.ts";
import { startCounter, type RunningCounter } from "../../lib/counter/server.ts";
import { BROWSER_UA, spawnCounter, testPostgres, visitorIp, type TestPostgres } from "../../lib/counter/testkit.ts";

const ARTICLE = "/news/jydt/2024/qiangji-zhuhun/";
const PAGES = ["/", "/news/jydt/", ARTICLE, "/news/jydt/2024/other/"];
const REPO = path.resolve(import.meta.dirname, "../..");

function siteDir(paths = PAGES): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "counter-site-"));
  fs.writeFileSync(path.join(dir, "counter-paths.json"), JSON.stringify({ version: 1, pathPrefix: "/", editions: ["zh-hant/"], paths }));
  return dir;
}

const view = (base: string, page: string, ip: string, ua = BROWSER_UA) =>
  fetch(new URL("v1/views", base), { method: "POST", body: JSON.stringify({ path: page }), headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": ua, "x-forwarded-for": ip } });
const stats = async (base: string, page: string | undefined, ip: string, ua = BROWSER_UA) => {
  const r = await fetch(new URL(`v1/stats${page ? `?path=${encodeURIComponent(page)}` : ""}`, base), { headers: { "user-agent": ua, "x-forwarded-for": ip } });
  assert.equal(r.status, 200);
  return (await r.json()) as { page: number | null; record: boolean; site: { yesterday: number; today: number; month: number; lastMonth: number; total: number } };
};

describe("counter service on SQLite (child process)", () => {
  let tmp: string;
  let site: string;
  let db: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "counter-int-"));
    site = siteDir();
    db = path.join(tmp, "data", "counter.sqlite");
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(site, { recursive: true, force: true });
  });

  it("import: 强基铸魂 starts at 1887 and the site at 213650160; unknown paths stop the import", () => {
    const csv = path.join(tmp, "old.csv");
    const env = { ...process.env, COUNTER_DB: db, COUNTER_SITE: site };
    fs.writeFileSync(csv, `path,views\n/invented/,5\n`);
    assert.throws(
      () => execFileSync(process.execPath, ["--import", "tsx", "scripts/counter.ts", "import", csv], { cwd: REPO, env, stdio: "pipe" }),
      (e: { stderr: Buffer }) => {
        assert.match(e.stderr.toString(), /未导入任何数据.*Nothing imported.*第 2 行.*line 2/s);
        return true;
      },
    );
    fs.writeFileSync(csv, `path,views\n${ARTICLE},1887\nsite:total,213650160\nsite:month:2026-11,6788709\n`);
    const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/counter.ts", "import", csv], { cwd: REPO, env, stdio: "pipe" }).toString();
    assert.match(out, /1 个页面 pages, 访问总数 site total 213650160/);
    // Twice is the same as once (imported figures are replaced, not added).
    execFileSync(process.execPath, ["--import", "tsx", "scripts/counter.ts", "import", csv], { cwd: REPO, env, stdio: "pipe" });
  });

  it("counts real views on 127.0.0.1: dedupe, editions, bots, 4xx, healthz, list reload on SIGHUP", async () => {
    const c = await spawnCounter({ COUNTER_DB: db, COUNTER_SITE: site });
    try {
      const health = await (await fetch(new URL("healthz", c.url))).json();
      assert.deepEqual(health, { ok: true, store: "sqlite", paths: 4, pending: 0 });
      const first = await stats(c.url, ARTICLE, "192.0.2.1");
      assert.equal(first.page, 1888, "the import plus the visit being made");
      assert.equal(first.record, true);
      assert.equal(first.site.total, 213650161);
      assert.equal((await view(c.url, ARTICLE, "192.0.2.1")).status, 204);
      assert.equal((await view(c.url, `/zh-hant${ARTICLE}`, "192.0.2.1")).status, 204, "繁體: same article, same visitor");
      const again = await stats(c.url, ARTICLE, "192.0.2.1");
      assert.deepEqual([again.page, again.record, again.site.total], [1888, false, 213650161]);
      await view(c.url, ARTICLE, "192.0.2.2", "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)");
      assert.equal((await stats(c.url, ARTICLE, "192.0.2.3")).page, 1889, "the spider was not counted");

      for (const [init, status] of [
        [{ method: "POST", body: '{"path":"/wp-admin/"}', headers: { "content-type": "text/plain" } }, 404],
        [{ method: "POST", body: "{", headers: { "content-type": "text/plain" } }, 400],
        [{ method: "POST", body: "x".repeat(100_000), headers: { "content-type": "text/plain" } }, 413],
        [{ method: "PUT", body: "{}" }, 405],
      ] as const) {
        const r = await fetch(new URL("v1/views", c.url), init as RequestInit);
        assert.equal(r.status, status, JSON.stringify(init).slice(0, 60));
        assert.doesNotMatch(await r.text(), /\.ts:|at /);
      }

      // A new build publishes a new article: SIGHUP (or the 5 s poll) loads it.
      assert.equal((await view(c.url, "/news/jydt/2025/new/", "192.0.2.4")).status, 404);
      fs.writeFileSync(path.join(site, "counter-paths.json"), JSON.stringify({ version: 1, pathPrefix: "/", editions: ["zh-hant/"], paths: [...PAGES, "/news/jydt/2025/new/"] }));
      c.child.kill("SIGHUP");
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await view(c.url, "/news/jydt/2025/new/", "192.0.2.4")).status, 204);
    } finally {
      c.child.kill("SIGTERM");
      assert.equal(await c.exited, 0, "SIGTERM: queued views written, clean exit");
    }
    const file = new Database(db, { readonly: true });
    const cols = file.prepare("SELECT name FROM pragma_table_info('seen')").all() as { name: string }[];
    assert.deepEqual(
      cols.map((r) => r.name),
      ["day", "visitor"],
      "no address or user agent is stored",
    );
    file.close();
  });

  it("kill -9 under load: every view acknowledged before the kill is in the database", async (t) => {
    const c = await spawnCounter({ COUNTER_DB: db, COUNTER_SITE: site });
    const acked: number[] = [];
    let sent = 0;
    let stop = false;
    const worker = async (w: number) => {
      for (let i = w; !stop; i += 32) {
        sent++;
        try {
          const r = await view(c.url, PAGES[i % PAGES.length]!, visitorIp(100_000 + i));
          if (r.status === 204) acked.push(i);
        } catch {
          return; // connection cut by the kill
        }
      }
    };
    const workers = Array.from({ length: 32 }, (_, w) => worker(w));
    while (acked.length < 3000) await new Promise((r) => setTimeout(r, 20));
    c.child.kill("SIGKILL");
    stop = true;
    await Promise.all(workers);
    assert.equal(await c.exited, "SIGKILL");
    const ackedAtKill = acked.length;

    const c2 = await spawnCounter({ COUNTER_DB: db, COUNTER_SITE: site });
    try {
      // Each acknowledged visitor is already seen today (its view is stored), checked one by one.
      const missing: number[] = [];
      for (let k = 0; k < acked.length; k += 8) {
        await Promise.all(
          acked.slice(k, k + 8).map(async (i) => {
            const s = await stats(c2.url, PAGES[i % PAGES.length]!, visitorIp(100_000 + i));
            if (s.record) missing.push(i);
          }),
        );
      }
      assert.deepEqual(missing, [], `${missing.length} of ${ackedAtKill} acknowledged views lost`);
      const file = new Database(db, { readonly: true });
      const { counted } = file.prepare("SELECT counted FROM site WHERE id = 1").get() as { counted: number };
      file.close();
      // Counted before: two views in the previous test (192.0.2.1 and the new article).
      t.diagnostic(`kill -9: ${sent} sent, ${ackedAtKill} acknowledged, ${counted - 2} stored, 0 acknowledged lost`);
      assert.ok(counted - 2 >= ackedAtKill && counted - 2 <= sent, `${counted - 2} stored, ${ackedAtKill} acknowledged, ${sent} sent`);
    } finally {
      c2.child.kill("SIGTERM");
      await c2.exited;
    }
  });
});

describe("counter service on PostgreSQL", () => {
  let pgs: TestPostgres;
  let site: string;
  const running: RunningCounter[] = [];
  const start = async () => {
    const r = await startCounter(readConfig({ PORT: "0", COUNTER_SITE: site, DATABASE_URL: pgs.url }), { log: () => {} });
    running.push(r);
    return r;
  };
  before(async () => {
    pgs = await testPostgres();
    site = siteDir();
  });
  after(async () => {
    for (const r of running) await r.close();
    await pgs?.stop();
    fs.rmSync(site, { recursive: true, force: true });
  });

  it("talks to a real PostgreSQL: import, dedupe, figures", async () => {
    const a = await start();
    assert.equal(a.store.kind, "postgres");
    const server = await import("pg").then(async ({ default: pg }) => {
      const cl = new pg.Client({ connectionString: pgs.url });
      await cl.connect();
      const v = (await cl.query("SHOW server_version")).rows[0].server_version as string;
      await cl.end();
      return v;
    });
    assert.match(server, /^\d+/);
    await a.store.importCounts({ pages: new Map([[ARTICLE, 1887]]), total: 213650160, days: new Map(), months: new Map() });
    const s = await stats(a.url, ARTICLE, "192.0.2.1");
    assert.deepEqual([s.page, s.record, s.site.total], [1888, true, 213650161]);
    for (let i = 0; i < 3; i++) assert.equal((await view(a.url, ARTICLE, "192.0.2.1")).status, 204);
    await view(a.url, `/zh-hant${ARTICLE}`, "192.0.2.1");
    await view(a.url, ARTICLE, "192.0.2.2");
    const t = await stats(a.url, ARTICLE, "192.0.2.1");
    assert.deepEqual([t.page, t.record, t.site.today, t.site.total], [1889, false, 2, 213650162]);
  });

  it("two instances behind a load balancer share the salt and the dedupe", async () => {
    const b = await start();
    const c = await start();
    await view(b.url, "/news/jydt/", "192.0.2.9");
    await view(c.url, "/news/jydt/", "192.0.2.9");
    assert.equal((await stats(c.url, "/news/jydt/", "192.0.2.9")).record, false);
    assert.equal((await stats(b.url, "/news/jydt/", "192.0.2.10")).page, 2, "1 stored + the reader's own pending view");
    // Concurrent views from both instances add up exactly.
    await Promise.all(Array.from({ length: 200 }, (_, i) => view((i % 2 ? b : c).url, "/news/jydt/2024/other/", visitorIp(i))));
    assert.equal((await stats(b.url, "/news/jydt/2024/other/", "192.0.2.11")).page, 201);
  });
});
