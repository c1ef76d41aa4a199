/**
 * One small but complete portal for the accessibility, keyboard and 简/繁 tests: every page type
 * (home with 图片新闻, a paginated column list, a section overview, an article with a three-photo
 * gallery, attachments and a table, the search page, the 404 page, the 网站地图 page, a 信息公开目录, the 图片新闻 list, the tag index and a tag), built through the real
 * pipeline with the Pagefind index, so both editions and their search work as published.
 */
import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { after, before } from "node:test";
import { launch, newPage, preloadAxe, readHeaders, serve, type Served } from "./browser.ts";
import { article, fixture, FIXTURE_COLUMNS, FIXTURE_SITE, jpeg, type Fixture } from "./fixture.ts";

export const QIANGJI = {
  url: "news/jydt/2024/qiangji-zhuhun/",
  title: "我区召开教育系统“强基铸魂”行动部署会",
  titleHant: "我區召開教育系統“強基鑄魂”行動部署會",
};

/** Site-relative paths (no leading slash) of one page of every type, in the Simplified edition. */
export const PAGE_TYPES = {
  home: "",
  list: "news/jydt/",
  listPage2: "news/jydt/page/2/",
  section: "news/",
  article: QIANGJI.url,
  search: "search/",
  notFound: "404.html",
  siteMap: "site-map/",
  catalog: "zwgk/zcwj/ml/",
  photoList: "news/tpxw/",
  tags: "tags/",
  tag: "tags/dang-jian/",
} as const;

export async function a11ySite(): Promise<Fixture> {
  const files: Record<string, string | Uint8Array> = {
    "content/news/jydt/qiangji-zhuhun/index.md": article(
      {
        title: QIANGJI.title,
        date: "2024-07-12 09:30",
        source: "组织人事科",
        author: "宣传科",
        tags: ["党建", "强基铸魂"],
        photos: [
          { file: "huichang.jpg", caption: "部署会现场", alt: "部署会会场全景，与会人员在台下就座" },
          { file: "zhuxitai.jpg", caption: "主席台", alt: "主席台上的领导讲话" },
          { file: "taolun.jpg", caption: "分组讨论" },
        ],
        attachments: [{ file: "部署方案.pdf", label: "“强基铸魂”行动部署方案（PDF）" }],
      },
      [
        "7 月 12 日上午，我区召开教育系统“强基铸魂”行动部署会。会议邀请华罗庚中学校长介绍经验。",
        "## 会议要求",
        "会议强调，要把“强基铸魂”行动作为全年重点工作，层层压实责任。",
        "### 具体安排",
        "| 阶段 | 时间 | 内容 |\n| --- | --- | --- |\n| 动员部署 | 7 月 | 召开部署会 |\n| 组织实施 | 8—11 月 | 各校落实 |",
        "详见[暑期安全通知](/news/tzgg/2024/shuqi-anquan/)。",
      ].join("\n\n"),
    ),
    "content/news/jydt/qiangji-zhuhun/huichang.jpg": await jpeg(1200, 800, [150, 40, 40]),
    "content/news/jydt/qiangji-zhuhun/zhuxitai.jpg": await jpeg(1200, 800, [40, 90, 150]),
    "content/news/jydt/qiangji-zhuhun/taolun.jpg": await jpeg(800, 1200, [60, 120, 60]),
    "content/news/jydt/qiangji-zhuhun/部署方案.pdf": "%PDF-1.4\n% test\n",
    "content/news/tzgg/shuqi-anquan/index.md": article({ title: "关于做好暑期安全工作的通知", date: "2024-07-01 09:00", source: "安全稳定科" }, "各学校：\n\n请做好暑期安全工作。"),
    "content/news/tpxw/kaixue/index.md": article(
      { title: "秋季开学第一课", date: "2024-09-01 10:00", source: "基础教育科", photos: [{ file: "kaixue.jpg", caption: "开学典礼" }] },
      "秋季开学第一课在各校举行。",
    ),
    "content/news/tpxw/kaixue/kaixue.jpg": await jpeg(1200, 800, [200, 160, 40]),
    "content/zwgk/zcwj/huiji/index.md": article(
      { title: "关于进一步规范中小学办学行为的通知", date: "2024-03-05", source: "办公室", 索引号: "014127394/2024-00003", 主题分类: "综合政务", 文号: "测教发〔2024〕3号" },
      "为进一步规范办学行为，现通知如下。",
    ),
  };
  // 25 more items: the 教育动态 list has two pages (pageSize 20).
  for (let i = 1; i <= 25; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    files[`content/news/jydt/item-${i}/index.md`] = article({ title: `教育动态第${i}条：学校开展课后服务工作`, date: `2023-05-${day} 10:00`, source: "办公室" });
  }
  // The portal's identity (issue #17): emblem and favicon set, 党政机关标识 image, the footer's links and pages.
  files["content/_data/emblem.svg"] = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="48" fill="#a8071a"/><circle cx="50" cy="50" r="30" fill="#fff"/></svg>`;
  files["content/_data/badge.svg"] = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 58 70"><rect width="58" height="70" fill="#eee" stroke="#767676"/></svg>`;
  const identity = `emblem:\n  file: emblem.svg\n  alt: 测试区教育局徽标\nbadge:\n  file: badge.svg\n  alt: 党政机关标识（示意）\njiucuoUrl: https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1234567890\nstatement: |\n  本网站由测试区教育局主办。\n`;
  // 政务公开 (issue #14): the org code and 主题分类 its document and the 信息公开目录 need.
  const site = await fixture(files, { site: `${FIXTURE_SITE}${identity}orgCode: "014127394"\n`, columns: FIXTURE_COLUMNS.replace("home: 首页\n", "home: 首页\ncategories: [综合政务]\n") });
  await site.build({ search: true });
  if (site.error) throw site.error;
  return site;
}

export interface SessionOptions {
  care?: boolean;
  fontSize?: "large" | "small";
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  javaScriptEnabled?: boolean;
  /** Load axe-core into every page (for pages checked with axe()). */
  axe?: boolean;
  /** A phone: touch events (page.tap) and a mobile viewport. */
  hasTouch?: boolean;
  isMobile?: boolean;
}

/** A browser context with the reader's stored preferences, and console capture. */
export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and warnings, failed requests, page errors (see watchConsole). */
  problems: string[];
  /** Opens a site path (no leading slash), waits for load (and for search results on the search page). */
  open(path: string): Promise<void>;
  /** Asserts a clean console since the last call. */
  assertClean(where: string): void;
  close(): Promise<void>;
}

export async function session(browser: Browser, server: Served, options: SessionOptions = {}): Promise<Session> {
  const { context, page, problems } = await newPage(browser, {
    viewport: options.viewport ?? { width: 1280, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    ...(options.hasTouch ? { hasTouch: true } : {}),
    ...(options.isMobile ? { isMobile: true } : {}),
  });
  if (options.axe) await preloadAxe(context);
  if (options.care || options.fontSize) {
    await context.addInitScript(
      ({ care, size }) => {
        if (care) localStorage.setItem("portal:care", "1");
        if (size) localStorage.setItem("portal:font-size", size);
      },
      { care: options.care ?? false, size: options.fontSize ?? "" },
    );
  }
  return {
    context,
    page,
    problems,
    async open(path) {
      const response = await page.goto(server.url + path);
      assert.equal(response?.status(), 200, `${path} is served`);
      if (/^(zh-hant\/)?search\/\?/.test(path) && options.javaScriptEnabled !== false) {
        // Results are rendered by assets/js/search.js once the index has loaded.
        await page.waitForFunction(() => !document.querySelector("[data-search-results]")?.hasAttribute("aria-busy") && document.querySelector("[data-search-results] a"));
      }
    },
    assertClean(where) {
      // Lazy images still loading when the test moves on are cancelled by the navigation: not a fault.
      assert.deepEqual(
        problems.filter((p) => !/^requestfailed: .* net::ERR_ABORTED$/.test(p)),
        [],
        `clean console on ${where}`,
      );
      problems.length = 0;
    },
    close: () => context.close(),
  };
}

export type Edition = "zh-hans" | "zh-hant";

/** [page type, path] for one page of every type in an edition; the search page carries a query that finds the 强基铸魂 article. */
export function pagesOf(edition: Edition = "zh-hans"): Array<[string, string]> {
  const prefix = edition === "zh-hant" ? "zh-hant/" : "";
  const query = edition === "zh-hant" ? "強基鑄魂" : "强基铸魂";
  return Object.entries(PAGE_TYPES).map(([name, path]) => [name, prefix + path + (name === "search" ? `?q=${encodeURIComponent(query)}` : "")]);
}

/**
 * Registers before/after hooks that build the all-page-types site once, serve it with the shipped
 * headers and start Chromium; returns the session opener the browser test files share.
 */
export function servedA11ySite(): (options?: SessionOptions) => Promise<Session> {
  let site: Fixture | undefined;
  let server: Served | undefined;
  let browser: Browser | undefined;
  before(async () => {
    site = await a11ySite();
    const headers = await readHeaders(site.out);
    assert.ok(headers["Content-Security-Policy"], "the build ships _headers with a CSP");
    server = await serve(site.out, { headers });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await site?.cleanup();
  });
  return (options = {}) => session(browser!, server!, options);
}
