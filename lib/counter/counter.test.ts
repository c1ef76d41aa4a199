import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { getRequestListener } from "@hono/node-server";
import { DateTime } from "luxon";
import { contentSecurityPolicy, counterConnectOrigin, CONTENT_SECURITY_POLICY, headersFile, securityHeaders } from "../feeds/headers.ts";
import { isBot } from "./bots.ts";
import { readConfig, ConfigError } from "./config.ts";
import { parseCsv, parseImport } from "./import.ts";
import { counterPathsJson, PathList } from "./paths.ts";
import { visitorKey } from "./privacy.ts";
import { RateLimiter } from "./rate-limit.ts";
import { createCounterService } from "./service.ts";
import { openSqlite } from "./sqlite.ts";
import { msUntilNextDay, periodAt, periodClock } from "./time.ts";

const bj = (iso: string) => DateTime.fromISO(iso, { zone: "Asia/Shanghai" }).toMillis();
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

describe("days and months in Asia/Shanghai", () => {
  it("a view at 23:59:59 Beijing time is that day; at 00:00 the next (whatever the UTC date)", () => {
    assert.deepEqual(periodAt(bj("2026-03-31T23:59:59.999")), { today: "2026-03-31", yesterday: "2026-03-30", month: "2026-03", lastMonth: "2026-02" });
    assert.deepEqual(periodAt(bj("2026-04-01T00:00:00")), { today: "2026-04-01", yesterday: "2026-03-31", month: "2026-04", lastMonth: "2026-03" });
    // 2026-04-01 07:30 Beijing is still 2026-03-31 in UTC.
    assert.equal(new Date(bj("2026-04-01T07:30:00")).toISOString().slice(0, 10), "2026-03-31");
    assert.equal(periodAt(bj("2026-04-01T07:30:00")).today, "2026-04-01");
  });
  it("year turn, leap day, 上月 of January, 昨天 of the 1st", () => {
    assert.deepEqual(periodAt(bj("2027-01-01T00:00:00")), { today: "2027-01-01", yesterday: "2026-12-31", month: "2027-01", lastMonth: "2026-12" });
    assert.deepEqual(periodAt(bj("2028-03-01T08:00:00")), { today: "2028-03-01", yesterday: "2028-02-29", month: "2028-03", lastMonth: "2028-02" });
    assert.equal(periodAt(bj("2026-03-31T12:00:00")).lastMonth, "2026-02");
  });
  it("the cached clock turns over exactly at Beijing midnight (and follows a clock set back)", () => {
    let t = bj("2026-12-31T23:59:59.998");
    const period = periodClock(() => t);
    assert.equal(period().today, "2026-12-31");
    t += 1;
    assert.equal(period().today, "2026-12-31");
    t += 1;
    assert.deepEqual(period(), { today: "2027-01-01", yesterday: "2026-12-31", month: "2027-01", lastMonth: "2026-12" });
    t = bj("2026-12-30T12:00:00");
    assert.equal(period().today, "2026-12-30");
  });
  it("the next rotation is the next Beijing midnight", () => {
    assert.equal(msUntilNextDay(bj("2026-12-03T23:59:00")), 60_000);
    assert.equal(msUntilNextDay(bj("2026-12-03T00:00:00")), 86_400_000);
  });
});

describe("bot filter", () => {
  it("counts browsers", () => {
    assert.equal(isBot({ userAgent: CHROME }), false);
    assert.equal(isBot({ userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49" }), false);
  });
  it("not crawlers, tools, headless browsers, prefetches or a missing user agent", () => {
    for (const ua of [
      "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
      "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
      "curl/8.5.0",
      "python-requests/2.32",
      "",
      undefined,
    ]) {
      assert.equal(isBot({ userAgent: ua }), true, String(ua));
    }
    assert.equal(isBot({ userAgent: CHROME, purpose: "prefetch" }), true);
  });
});

describe("rate limit", () => {
  it("a burst, then one request per refill interval; clients are independent", () => {
    const rl = new RateLimiter({ perSecond: 2, burst: 3 });
    const t = 1_000_000;
    assert.deepEqual([rl.take("a", t), rl.take("a", t), rl.take("a", t)], [0, 0, 0]);
    assert.ok(rl.take("a", t) > 0, "4th in the same instant is refused");
    assert.equal(rl.take("b", t), 0, "another client is not affected");
    assert.equal(rl.take("a", t + 500), 0, "one token back after 1/perSecond");
    assert.ok(rl.take("a", t + 500) > 0);
  });
  it("the table stays bounded", () => {
    const rl = new RateLimiter({ perSecond: 1, burst: 5, maxClients: 100 });
    for (let i = 0; i < 1000; i++) rl.take(`10.0.${i >> 8}.${i & 255}`, 1000);
    assert.ok(rl.size <= 100, String(rl.size));
  });
});

const LIST = new PathList({ version: 1, pathPrefix: "/jyj/", editions: ["zh-hant/"], paths: ["/", "/news/jydt/", "/news/jydt/2024/qiangji-zhuhun/"] });

describe("countable paths", () => {
  it("the build's list: home, list pages and articles, sorted, editions named", () => {
    const json = counterPathsJson({
      site: { pathPrefix: "/", traditional: { enabled: true } },
      model: { articles: [{ url: "/news/jydt/2024/b/" }, { url: "/news/jydt/2024/a/" }] },
      view: { listPages: [{ url: "/news/jydt/" }, { url: "/news/jydt/page/2/" }, { url: "/news/" }] },
    });
    assert.deepEqual(JSON.parse(json), {
      version: 1,
      pathPrefix: "/",
      editions: ["zh-hant/"],
      paths: ["/", "/news/", "/news/jydt/", "/news/jydt/2024/a/", "/news/jydt/2024/b/", "/news/jydt/page/2/"],
    });
    const noHant = JSON.parse(counterPathsJson({ site: { pathPrefix: "/", traditional: { enabled: false } }, model: { articles: [] }, view: { listPages: [] } }));
    assert.deepEqual(noHant.editions, []);
  });
  it("maps both editions, the prefix and index.html to one key; refuses anything else", () => {
    assert.equal(LIST.keyFor("/jyj/news/jydt/2024/qiangji-zhuhun/"), "/news/jydt/2024/qiangji-zhuhun/");
    assert.equal(LIST.keyFor("/jyj/zh-hant/news/jydt/2024/qiangji-zhuhun/"), "/news/jydt/2024/qiangji-zhuhun/");
    assert.equal(LIST.keyFor("/jyj/news/jydt/2024/qiangji-zhuhun/index.html"), "/news/jydt/2024/qiangji-zhuhun/");
    assert.equal(LIST.keyFor("/jyj/"), "/");
    assert.equal(LIST.keyFor("/jyj/zh-hant/"), "/");
    for (const bad of ["/news/jydt/", "/jyj/news/jydt/2024/other/", "/jyj/../etc/passwd", "/jyj/search/", "jyj/", "/jyj/%E0%A4%A/", "x".repeat(2000)]) {
      assert.equal(LIST.keyFor(bad), undefined, bad);
    }
  });
  it("a malformed list is refused with a bilingual reason", () => {
    assert.throws(() => PathList.parse("{"), /不是有效的 JSON.*not valid JSON/s);
    assert.throws(() => PathList.parse('{"version":2}'), /格式不对.*Unexpected/s);
  });
});

describe("CSV import", () => {
  it("pages (by path, URL or edition), the site's total, months and days; a header and BOM/CRLF are fine", () => {
    const csv =
      '\uFEFFpath,views\r\n/jyj/news/jydt/2024/qiangji-zhuhun/,1887\r\nhttps://jyj.example.gov.cn/jyj/zh-hant/news/jydt/2024/qiangji-zhuhun/,13\r\nsite:total,"213,650,160"\r\nsite:month:2026-11,6788709\r\nsite:day:2026-12-02,187730\r\n';
    const { data, problems } = parseImport(csv, LIST);
    assert.deepEqual(problems, []);
    assert.deepEqual([...data.pages], [["/news/jydt/2024/qiangji-zhuhun/", 1900]]);
    assert.equal(data.total, 213650160);
    assert.deepEqual([...data.months], [["2026-11", 6788709]]);
    assert.deepEqual([...data.days], [["2026-12-02", 187730]]);
  });
  it("lists every problem with its line", () => {
    const { problems } = parseImport("/nope/,1\n/jyj/,abc\nsite:day:2026-13-01,5\nsite:month:26-1,5\n/jyj/,-3\n", LIST, "old.csv");
    assert.deepEqual(
      problems.map((p) => p.line),
      [1, 2, 3, 4, 5],
    );
    assert.match(problems[0]!.zh, /old\.csv 第 1 行/);
    assert.match(problems[0]!.en, /old\.csv line 1/);
  });
  it("RFC 4180 quoting", () => {
    assert.deepEqual(parseCsv('a,"b ""c"", d"\n'), [["a", 'b "c", d']]);
  });
});

describe("settings", () => {
  it("defaults", () => {
    const c = readConfig({});
    assert.equal(c.host, "127.0.0.1");
    assert.equal(c.port, 8787);
    assert.equal(c.sqliteFile, ".data/counter.sqlite");
    assert.equal(c.siteDir, "_site");
    assert.equal(c.databaseUrl, undefined);
    assert.deepEqual(c.allowOrigins, []);
  });
  it("refuses a bad port, an origin with a path, a non-postgres DATABASE_URL — all at once", () => {
    assert.throws(
      () => readConfig({ PORT: "http", COUNTER_ALLOW_ORIGIN: "https://a.example/x", DATABASE_URL: "mysql://x" }),
      (e: Error) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /PORT.*\n.*COUNTER_ALLOW_ORIGIN.*\n.*DATABASE_URL/s);
        return true;
      },
    );
    assert.deepEqual(readConfig({ COUNTER_ALLOW_ORIGIN: "https://a.example, http://b.example:8080" }).allowOrigins, ["https://a.example", "http://b.example:8080"]);
  });
});

describe("CSP for the counter", () => {
  const site = { baseUrl: "https://jyj.example.gov.cn/" };
  it("unchanged when unset or on the site's origin", () => {
    assert.equal(counterConnectOrigin(site), undefined);
    assert.equal(counterConnectOrigin({ ...site, counter: { url: "/api/counter/" } }), undefined);
    assert.equal(counterConnectOrigin({ ...site, counter: { url: "https://jyj.example.gov.cn/api/counter/" } }), undefined);
    assert.deepEqual(securityHeaders({ ...site, counter: { url: "/api/counter/" } })["Content-Security-Policy"], CONTENT_SECURITY_POLICY);
    assert.equal(contentSecurityPolicy(), CONTENT_SECURITY_POLICY);
  });
  it("connect-src gets exactly the counter's origin when it is another", () => {
    const s = { ...site, counter: { url: "https://tongji.example.gov.cn:8443/v/counter/" } };
    assert.equal(counterConnectOrigin(s), "https://tongji.example.gov.cn:8443");
    const csp = securityHeaders(s)["Content-Security-Policy"]!;
    assert.match(csp, /; connect-src 'self' https:\/\/tongji\.example\.gov\.cn:8443; /);
    assert.equal(csp.replace(" https://tongji.example.gov.cn:8443", ""), CONTENT_SECURITY_POLICY);
    assert.match(headersFile("/", s), /connect-src 'self' https:\/\/tongji\.example\.gov\.cn:8443;/);
  });
});

describe("service (in memory)", () => {
  const PATHS = new PathList({ version: 1, pathPrefix: "/", editions: ["zh-hant/"], paths: ["/", "/news/a/", "/news/b/"] });
  function make(now = () => bj("2026-12-03T10:00:00"), rate = { perSecond: 1000, burst: 1000 }) {
    const store = openSqlite(":memory:");
    const svc = createCounterService({ store, paths: () => PATHS, trustProxy: "always", rate, now, log: () => {} });
    const hit = (path: string, ip = "203.0.113.1", ua = CHROME, init: RequestInit = {}) =>
      svc.app.request("/v1/views", { method: "POST", body: JSON.stringify({ path }), headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": ua, "x-forwarded-for": ip }, ...init });
    const read = async (path?: string, ip = "203.0.113.1", ua = CHROME) => {
      const r = await svc.app.request(`/v1/stats${path ? `?path=${encodeURIComponent(path)}` : ""}`, { headers: { "user-agent": ua, "x-forwarded-for": ip } });
      return (await r.json()) as { page: number | null; record: boolean; site: Record<string, number> };
    };
    return { store, svc, hit, read };
  }

  it("one view per visitor per page per day; another page, address or browser is another view", async () => {
    const { hit, read, store } = make();
    for (let i = 0; i < 3; i++) assert.equal((await hit("/news/a/")).status, 204);
    assert.equal((await read("/news/a/")).page, 1);
    await hit("/zh-hant/news/a/"); // the same article in 繁體: the same page
    await hit("/news/b/");
    await hit("/news/a/", "203.0.113.2");
    await hit("/news/a/", "203.0.113.1", CHROME.replace("131", "130"));
    const r = await read("/news/a/");
    assert.equal(r.page, 3);
    assert.equal(r.record, false);
    assert.deepEqual(r.site, { yesterday: 0, today: 4, month: 4, lastMonth: 0, total: 4 });
    await store.close();
  });

  it("the read counts the visit being made once: record:true and +1 before the beacon, the same figure after it", async () => {
    const { hit, read, store } = make();
    await hit("/news/a/", "198.51.100.7");
    const before = await read("/news/a/", "198.51.100.8");
    assert.equal(before.record, true);
    assert.equal(before.page, 2);
    assert.equal(before.site.total, 2);
    await hit("/news/a/", "198.51.100.8");
    const after = await read("/news/a/", "198.51.100.8");
    assert.equal(after.record, false);
    assert.equal(after.page, 2);
    assert.equal(after.site.total, 2);
    const siteOnly = await read(undefined, "198.51.100.8");
    assert.equal(siteOnly.page, null);
    assert.equal(siteOnly.record, false);
    await store.close();
  });

  it("a new Beijing day: the salt changes (the same visitor counts again) and yesterday's keys and salt are deleted", async () => {
    let t = bj("2026-12-03T23:59:00");
    const { hit, read, store } = make(() => t);
    await hit("/news/a/");
    const saltBefore = await store.salt("2026-12-03");
    t = bj("2026-12-04T00:01:00");
    await hit("/news/a/");
    const r = await read("/news/a/");
    assert.equal(r.page, 2);
    assert.deepEqual(r.site, { yesterday: 1, today: 1, month: 2, lastMonth: 0, total: 2 });
    const saltAfter = await store.salt("2026-12-04");
    assert.notDeepEqual(saltAfter, saltBefore);
    // Yesterday's salt is gone: asking for it makes a new one (and would drop today's).
    const key = visitorKey(saltBefore, "203.0.113.1", CHROME, "/news/a/");
    assert.equal((await store.pageView("2026-12-03", "/news/a/", key)).seen, false, "yesterday's visitor keys are deleted");
    t = bj("2027-01-01T09:00:00");
    assert.deepEqual((await read()).site, { yesterday: 0, today: 0, month: 0, lastMonth: 2, total: 2 });
    await store.close();
  });

  it("bots are answered 204 and not counted; no record:true for them", async () => {
    const { hit, read, store } = make();
    assert.equal((await hit("/news/a/", "203.0.113.9", "Mozilla/5.0 (compatible; Baiduspider/2.0)")).status, 204);
    assert.equal((await read("/news/a/", "203.0.113.9", "curl/8.5.0")).record, false);
    assert.equal((await read("/news/a/")).site.total, 1, "only the reading browser's pending view");
    await store.close();
  });

  it("abuse: unknown path, bad JSON, wrong type, big body, wrong method, foreign origin, rate limit — short 4xx reasons, no stack", async () => {
    const { hit, svc, store } = make(undefined, { perSecond: 0.001, burst: 3 });
    const expect = async (r: Response | Promise<Response>, status: number, error: RegExp) => {
      const res = await r;
      assert.equal(res.status, status);
      const body = await res.text();
      assert.match(body, error);
      assert.doesNotMatch(body, /at .*\.ts|Error:/);
      assert.ok(body.length < 200);
    };
    await expect(hit("/invented/"), 404, /unknown path/);
    await expect(svc.app.request("/v1/views", { method: "POST", body: "{not json", headers: { "x-forwarded-for": "1.1.1.2" } }), 400, /bad JSON/);
    await expect(svc.app.request("/v1/views", { method: "POST", body: "[]", headers: { "x-forwarded-for": "1.1.1.3" } }), 400, /expected/);
    await expect(svc.app.request("/v1/views", { method: "POST", body: "{}", headers: { "content-type": "application/xml", "x-forwarded-for": "1.1.1.4" } }), 415, /text\/plain/);
    await expect(svc.app.request("/v1/views", { method: "POST", body: "x".repeat(5000), headers: { "x-forwarded-for": "1.1.1.5" } }), 413, /1024/);
    await expect(svc.app.request("/v1/views", { method: "DELETE" }), 405, /method/);
    await expect(svc.app.request("/v1/stats", { method: "POST" }), 405, /method/);
    await expect(svc.app.request("/admin"), 404, /not found/);
    await expect(hit("/news/a/", "1.1.1.6", CHROME, { headers: { origin: "https://evil.example", "x-forwarded-for": "1.1.1.6", "content-type": "text/plain" } }), 403, /origin/);
    for (let i = 0; i < 3; i++) await hit("/news/a/", "1.1.1.1");
    const limited = await hit("/news/a/", "1.1.1.1");
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
    await store.close();
  });

  it("CORS: the allowed origin may read; no cookies set", async () => {
    const store = openSqlite(":memory:");
    const svc = createCounterService({ store, paths: () => PATHS, allowOrigins: ["https://jyj.example.gov.cn"], log: () => {} });
    const ok = await svc.app.request("/v1/stats?path=/news/a/", { headers: { origin: "https://jyj.example.gov.cn", "user-agent": CHROME } });
    assert.equal(ok.headers.get("access-control-allow-origin"), "https://jyj.example.gov.cn");
    assert.equal(ok.headers.get("set-cookie"), null);
    assert.equal(ok.headers.get("cache-control"), "no-store");
    const other = await svc.app.request("/v1/stats?path=/news/a/", { headers: { origin: "https://evil.example" } });
    assert.equal(other.headers.get("access-control-allow-origin"), null);
    await store.close();
  });

  it("node:http fast path: a body streamed past 1 KB is refused at once (413), unread, and the connection closed", async () => {
    const store = openSqlite(":memory:");
    const svc = createCounterService({ store, paths: () => PATHS, log: () => {} });
    const server = http.createServer((req, res) => void svc.handleNode(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const answer = await new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, path: "/v1/views", method: "POST", headers: { "content-type": "text/plain" } }, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
        });
        req.on("error", reject);
        // Chunked, no Content-Length, and never ended by the client: only the server can finish this.
        req.write("x".repeat(64 * 1024));
      });
      assert.deepEqual(answer, { status: 413, body: '{"error":"body larger than 1024 bytes"}', connection: "close" });
    } finally {
      server.close();
      server.closeAllConnections();
      await store.close();
    }
  });

  it("node:http fast path (handleNode) answers every case exactly as the Hono routes do", async () => {
    const cases: [string, RequestInit][] = [
      ["/v1/stats?path=/news/a/", { headers: { "user-agent": CHROME, "x-forwarded-for": "198.51.100.1", origin: "https://jyj.example.gov.cn" } }],
      ["/v1/stats?path=/news/zzz/", { headers: { "user-agent": CHROME, "x-forwarded-for": "198.51.100.1" } }],
      ["/v1/stats", { headers: { "user-agent": CHROME, "x-forwarded-for": "198.51.100.1" } }],
      [`/v1/stats?path=/${"x".repeat(1100)}/`, { headers: { "x-forwarded-for": "198.51.100.1" } }],
      ["/v1/views", { method: "POST", body: '{"path":"/news/a/"}', headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": CHROME, "x-forwarded-for": "198.51.100.2" } }],
      ["/v1/views", { method: "POST", body: '{"path":"/news/a/"}', headers: { "content-type": "text/plain", "user-agent": "curl/8.0", "x-forwarded-for": "198.51.100.3" } }],
      ["/v1/views", { method: "POST", body: '{"path":"/wp-admin/"}', headers: { "content-type": "text/plain", "x-forwarded-for": "198.51.100.4" } }],
      ["/v1/views", { method: "POST", body: "{", headers: { "content-type": "text/plain", "x-forwarded-for": "198.51.100.5" } }],
      ["/v1/views", { method: "POST", body: "[]", headers: { "content-type": "text/plain", "x-forwarded-for": "198.51.100.5" } }],
      ["/v1/views", { method: "POST", body: "{}", headers: { "content-type": "application/xml", "x-forwarded-for": "198.51.100.6" } }],
      ["/v1/views", { method: "POST", body: "x".repeat(5000), headers: { "content-type": "text/plain", "x-forwarded-for": "198.51.100.7" } }],
      [
        "/v1/views",
        { method: "POST", body: '{"path":"/news/a/"}', headers: { "content-type": "text/plain", origin: "https://evil.example", host: "counter.example", "x-forwarded-for": "198.51.100.8" } },
      ],
      // The rate limit (burst 3 per address): the fourth request from one address is refused.
      ["/v1/stats", { headers: { "x-forwarded-for": "198.51.100.9" } }],
      ["/v1/stats", { headers: { "x-forwarded-for": "198.51.100.9" } }],
      ["/v1/stats", { headers: { "x-forwarded-for": "198.51.100.9" } }],
      ["/v1/stats", { headers: { "x-forwarded-for": "198.51.100.9" } }],
    ];
    const HEADERS = ["cache-control", "x-content-type-options", "access-control-allow-origin", "vary", "retry-after", "set-cookie"];
    const answers = async (send: (url: string, init: RequestInit) => Promise<Response>) => {
      const out: unknown[] = [];
      for (const [url, init] of cases) {
        const r = await send(url, init);
        const text = await r.text();
        out.push({
          url: url.slice(0, 40),
          status: r.status,
          body: text ? JSON.parse(text) : null,
          headers: Object.fromEntries(HEADERS.map((h) => [h, h === "retry-after" ? r.headers.get(h) !== null : r.headers.get(h)])),
        });
      }
      return out;
    };
    const make = () => {
      const store = openSqlite(":memory:");
      const svc = createCounterService({
        store,
        paths: () => PATHS,
        trustProxy: "always",
        allowOrigins: ["https://jyj.example.gov.cn"],
        rate: { perSecond: 0.001, burst: 3 },
        now: () => bj("2026-12-03T10:00:00"),
        log: () => {},
      });
      return { store, svc };
    };
    const viaHono = make();
    const expected = await answers(async (url, init) => viaHono.svc.app.request(url, init));
    const viaNode = make();
    let handled = 0;
    const fallback = getRequestListener(viaNode.svc.app.fetch);
    const server = http.createServer((req, res) => {
      if (viaNode.svc.handleNode(req, res)) handled++;
      else void fallback(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const actual = await answers((url, init) => fetch(base + url, init));
      assert.deepEqual(actual, expected);
      assert.equal(handled, cases.length, "every case went through handleNode");
    } finally {
      server.close();
      server.closeAllConnections();
      await viaHono.store.close();
      await viaNode.store.close();
    }
  });
});
