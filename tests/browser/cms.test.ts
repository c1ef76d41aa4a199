/**
 * Issue #16 "Done when": the browser editor (Decap CMS) in Chromium, in local mode
 * (`npm run cms`'s server: decap-server over a temporary copy of a small fixture repository —
 * never the real content/), served with the /admin/ headers (CSP included).
 *
 *  - the interface is in Chinese;
 *  - a new article in 教育动态 (title, date, source, two paragraphs, one uploaded photo with a
 *    caption) is saved where `npm run new` would put it, `npm run check` reports nothing, and the
 *    build publishes the page with the photo resized; the photo keeps its name (IMG_2041.JPG) in
 *    the front matter and on disk (patches/: Decap lower-cases it), and a second upload whose name
 *    differs only in case (img_2041.jpg) asks before replacing — never two names Windows sees as one;
 *  - editing 强基铸魂 keeps the body's bytes and the front-matter keys' order and changes only the
 *    edited value (plus the reformatting listed in the guide: flow lists become block lists);
 *  - the preview shows the article with the portal's markup (same title/meta/body as the build);
 *  - axe finds no serious or critical violation on the main screens;
 *  - a clean console (no CSP report, no failed request);
 *  - the editorial workflow (`npm run cms -- --workflow`, decap-server's git mode): 保存 puts the
 *    article on a cms/… branch only, 状态 → 就绪 and 发布 merge it into main (what a 科长's approval
 *    of a merge request does on GitLab).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import yaml from "js-yaml";
import type { Browser, Frame, Page } from "playwright-core";
import { adminCsp, adminHeaders } from "../../lib/cms/headers.ts";
import { startLocalCms, type LocalCms } from "../../lib/cms/local.ts";
import { publishAdmin } from "../../lib/cms/publish.ts";
import { previewHtml } from "../../lib/cms/preview.ts";
import { parseDate } from "../../lib/content/dates.ts";
import { checkSite } from "../../lib/editor/check.ts";
import { slugForTitle } from "../../lib/editor/new-article.ts";
import { axe, formatViolations, launch, newPage, serve } from "../helpers/browser.ts";
import { fixture, FIXTURE_NOW, jpeg, type Fixture } from "../helpers/fixture.ts";

const ONLY_JYDT = `home: 首页
columns:
  - key: jyj
    name: 教育局
    inPath: false
    children:
      - key: news
        name: 新闻中心
        children:
          - { key: jydt, name: 教育动态, type: news }
`;
const REAL_ARTICLE = path.resolve(import.meta.dirname, "../../content/news/jydt/qiangji-zhuhun");
const QJ = "content/news/jydt/qiangji-zhuhun/index.md";
const TITLE = "我区举行中小学科技节";

/** Front matter and body of an index.md, split without parsing the body. */
function split(text: string): { front: string; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  assert.ok(m, "front matter");
  return { front: m[1]!, body: text.slice(m[0].length) };
}

async function waitForFile(file: string, timeoutMs = 15_000): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const text = await fs.readFile(file, "utf8").catch(() => undefined);
    if (text !== undefined) return text;
    if (Date.now() - t0 > timeoutMs) throw new Error(`not written: ${file}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("browser editor (Decap CMS, local mode)", { timeout: 300_000 }, () => {
  let f: Fixture;
  let cms: LocalCms;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let photo: string;
  const dialogs: string[] = [];
  let dismissDialogs = false;

  const field = async (label: string) => {
    const id = await page
      .locator("label", { hasText: new RegExp(`^${label}`) })
      .first()
      .getAttribute("for");
    assert.ok(id, `field ${label}`);
    return page.locator(`[id="${id}"]`);
  };
  const publishNow = async () => {
    await page.getByRole("button", { name: "发布" }).click();
    await page.getByRole("menuitem", { name: "立即发布" }).click();
  };
  const seriousAxe = async (what: string) => {
    const violations = (await axe(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(violations, [], `${what}:\n${formatViolations(violations)}`);
  };

  before(async () => {
    const files: Record<string, string | Uint8Array> = {};
    for (const name of await fs.readdir(REAL_ARTICLE)) files[`content/news/jydt/qiangji-zhuhun/${name}`] = await fs.readFile(path.join(REAL_ARTICLE, name));
    f = await fixture(files, { columns: ONLY_JYDT });
    photo = path.join(f.root, "..", `cms-upload-${path.basename(f.root)}`, "IMG_2041.JPG");
    await fs.mkdir(path.dirname(photo), { recursive: true });
    await fs.writeFile(photo, await jpeg(2400, 1600, [40, 90, 160]));
    cms = await startLocalCms({ root: f.root, port: 0 });
    browser = await launch();
    ({ page, problems } = await newPage(browser, { viewport: { width: 1280, height: 900 }, timezoneId: "Asia/Shanghai", locale: "zh-CN" }));
    // Decap's bundle is 5 MB: on a loaded 2-core machine a screen can take more than Playwright's 30 s.
    page.setDefaultTimeout(90_000);
    // Decap asks before leaving an entry it thinks is changed (and before publishing): accept,
    // unless a test wants to see the question and say no.
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void (dismissDialogs ? d.dismiss() : d.accept()).catch(() => {});
    });
  });
  after(async () => {
    await browser?.close();
    await cms?.close();
    if (photo) await fs.rm(path.dirname(photo), { recursive: true, force: true });
    await f?.cleanup();
  });

  it("shows a Chinese interface, and axe finds nothing serious on the login screen", async () => {
    await page.goto(`${cms.url}admin/`);
    const login = page.getByRole("button", { name: "登录" });
    await login.waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    await seriousAxe("login");
    await login.click();
    await page.getByText("教育动态").first().waitFor();
    await page.getByText("强基铸魂").first().waitFor();
    const text = await page.locator("body").innerText();
    for (const word of ["内容", "媒体", "新建", "教育动态"]) assert.ok(text.includes(word), `UI word ${word} in:\n${text.slice(0, 400)}`);
    await seriousAxe("collection list");
  });

  it("creates an article in 教育动态 where npm run new would, with its photo beside it", async () => {
    await page.goto(`${cms.url}admin/#/collections/jydt/new`);
    await (await field("标题")).fill(TITLE);
    await (await field("发布时间")).fill("2025-05-20T09:30");
    await (await field("信息来源")).fill("基础教育科");
    await page.locator('[aria-label="markdown field"] [contenteditable=true], [aria-label="markdown field"] textarea').first().fill("第一段：科技节开幕。\n\n第二段：同学们展示了作品。");
    await page.getByRole("button", { name: "新增图片" }).click();
    await page.getByRole("button", { name: "选择图片" }).last().click();
    await page.locator("input[type=file]").setInputFiles(photo);
    await page.getByRole("button", { name: "选用已选中项目" }).click();
    await (await field("图片说明")).fill("科技节开幕式现场");

    // The preview: the portal's article markup and CSS, with the uploaded photo in the gallery.
    const frame = (await (await page.waitForSelector("iframe")).contentFrame()) as Frame;
    await frame.waitForSelector(".article-title");
    assert.equal((await frame.textContent(".article-title"))?.trim(), TITLE);
    assert.match((await frame.textContent(".article-meta")) ?? "", /信息来源：基础教育科\s+发布时间：2025-05-20/);
    await frame.waitForSelector(".gallery figure img");
    assert.equal((await frame.textContent(".gallery-caption"))?.trim(), "科技节开幕式现场");
    assert.equal(await frame.locator("link[href$='assets/css/site.css']").count(), 1, "the portal's CSS in the preview");
    await seriousAxe("editor");

    await publishNow();
    const slug = slugForTitle(TITLE);
    const file = path.join(f.root, "content/news/jydt", slug, "index.md");
    const text = await waitForFile(file);
    const { front, body } = split(text);
    const data = yaml.load(front, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
    assert.equal(data.title, TITLE);
    assert.equal(data.source, "基础教育科");
    assert.equal(data.date, "2025-05-20 09:30", "Beijing wall-clock time, as the schema reads it");
    assert.equal(parseDate(data.date)?.toISO(), "2025-05-20T09:30:00.000+08:00");
    assert.deepEqual(body.trim().split(/\n\s*\n/), ["第一段：科技节开幕。", "第二段：同学们展示了作品。"]);
    const photos = data.photos as { file: string; caption: string }[];
    assert.equal(photos.length, 1);
    assert.equal(photos[0]!.caption, "科技节开幕式现场");
    // The uploaded name is kept as it was (Decap 3.16 lower-cased it: patches/decap-cms-core+3.19.1.patch),
    // in the front matter and on disk, beside index.md.
    assert.equal(photos[0]!.file, "IMG_2041.JPG");
    assert.deepEqual((await fs.readdir(path.dirname(file))).sort(), ["IMG_2041.JPG", "index.md"]);
    assert.ok((await fs.stat(path.join(path.dirname(file), "IMG_2041.JPG"))).size > 1000);

    const check = await checkSite({ root: f.root, now: FIXTURE_NOW });
    assert.deepEqual(
      check.issues.map((i) => `${i.severity} ${i.file} ${i.zh}`),
      [],
      "npm run check reports nothing",
    );
  });

  it("uploading img_2041.jpg beside IMG_2041.JPG asks before replacing (one file on Windows); saying no changes nothing", async () => {
    const slug = slugForTitle(TITLE);
    const folder = path.join(f.root, "content/news/jydt", slug);
    const before = await fs.readFile(path.join(folder, "IMG_2041.JPG"));
    const lower = path.join(path.dirname(photo), "img_2041.jpg");
    await fs.writeFile(lower, await jpeg(1200, 800, [200, 40, 40]));
    await page.goto("about:blank");
    await page.goto(`${cms.url}admin/#/collections/jydt/entries/${slug}/index`);
    await page.waitForFunction((t) => [...document.querySelectorAll("input")].some((i) => i.value === t), TITLE);
    // The photo item is collapsed: open it, then its file field's media library.
    const choose = page.getByRole("button", { name: "选择其他图片" });
    if (!(await choose.count())) await page.getByRole("button", { name: "展开或折叠此项" }).first().click();
    await choose.first().click();
    dismissDialogs = true;
    const asked = dialogs.length;
    try {
      await page.locator("input[type=file]").setInputFiles(lower);
      for (let i = 0; i < 100 && dialogs.length === asked; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      dismissDialogs = false;
    }
    assert.deepEqual(dialogs.slice(asked), ["IMG_2041.JPG already exists. Do you want to replace it?"]);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual((await fs.readdir(folder)).sort(), ["IMG_2041.JPG", "index.md"], "no second name differing only in case");
    assert.equal(Buffer.compare(await fs.readFile(path.join(folder, "IMG_2041.JPG")), before), 0);
    await page.keyboard.press("Escape");
  });

  it("edits 强基铸魂: only the edited value changes, body bytes and key order are kept", async () => {
    const beforeText = await fs.readFile(path.join(f.root, QJ), "utf8");
    // A fresh load: moving from the just-published entry by hash alone kept the editor waiting.
    await page.goto("about:blank");
    await page.goto(`${cms.url}admin/#/collections/jydt/entries/qiangji-zhuhun/index`);
    const title = await field("标题");
    await title.waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll("input")].some((i) => i.value.includes("强基铸魂")));
    await seriousAxe("existing article");
    const newTitle = "我区召开教育系统“强基铸魂”行动部署会（更新）";
    await title.fill(newTitle);
    await publishNow();
    let afterText = beforeText;
    for (let i = 0; i < 150 && afterText === beforeText; i++) {
      await new Promise((r) => setTimeout(r, 100));
      afterText = await fs.readFile(path.join(f.root, QJ), "utf8");
    }
    const a = split(beforeText);
    const b = split(afterText);
    assert.equal(Buffer.compare(Buffer.from(b.body), Buffer.from(a.body)), 0, "body bytes unchanged");
    const da = yaml.load(a.front, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
    const db = yaml.load(b.front, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
    assert.deepEqual(Object.keys(db), Object.keys(da), "front-matter key order");
    assert.equal(db.title, newTitle);
    assert.deepEqual({ ...db, title: da.title }, da, "every other value unchanged");
    // The one reformatting on this file: `tags: [党建, 强基铸魂]` is written as a block list.
    const changedLines = b.front.split("\n").filter((l) => !a.front.split("\n").includes(l));
    assert.deepEqual(changedLines, [`title: ${newTitle}`, "tags:", "  - 党建", "  - 强基铸魂"]);
  });

  it("the build publishes the new article with its photo resized; the preview's markup is the layout's", async () => {
    await f.build();
    assert.ifError(f.error);
    const slug = slugForTitle(TITLE);
    const page_ = await f.read(`news/jydt/2025/${slug}/index.html`);
    const srcset = /<img [^>]*srcset="([^"]+)"/.exec(page_)?.[1];
    assert.ok(srcset, "gallery image with srcset");
    const widths = srcset.split(",").map((s) => Number(/ (\d+)w$/.exec(s.trim())?.[1]));
    assert.ok(widths.length >= 2 && Math.max(...widths) < 2400, `resized variants: ${widths.join(", ")}`);
    for (const s of srcset.split(",")) assert.ok(await f.exists(s.trim().split(" ")[0]!.replace(/^\//, "")), `variant published: ${s}`);

    // Title, meta line and body: the preview and the built page agree.
    // Lines holding only white space (where the layout puts an absent block, e.g. 政务公开's table) do not count.
    const fragment = (markup: string) =>
      /<h1 class="article-title"[^>]*>[\s\S]*?<\/div>/
        .exec(markup)?.[0]
        .replace(/ data-pagefind-meta="title"/, "")
        .replace(/\n[ \t]*(?=\n)/g, "");
    const preview = previewHtml({ title: TITLE, date: "2025-05-20 09:30", source: "基础教育科", body: "第一段：科技节开幕。\n\n第二段：同学们展示了作品。" });
    assert.equal(fragment(preview), fragment(page_));
  });

  // Decap accepts the config generated for each self-hosted backend and shows its login in Chinese
  // (no server here: the login itself and what follows are not tested, see docs/publishing.md).
  for (const [backend, button] of [
    ["gitlab", "使用 GitLab 登录"],
    ["forgejo", "使用 Forgejo 登录"],
    ["gitea", "使用 Gitea 登录"],
  ] as const) {
    it(`a build with content/_data/cms.yaml (${backend}) serves /admin/ under its own CSP, with the ${backend} login`, async () => {
      await f.write("content/_data/cms.yaml", `backend:\n  name: ${backend}\n  repo: jyj/portal\n  base_url: https://git.jyj.example.gov.cn\n  app_id: abc123\n`);
      // What `npm run build` does after the pipeline (lib/editor/build-run.ts → lib/cms/publish.ts).
      const written = await publishAdmin(f.out, f.result!.model);
      assert.ok(written);
      const config = yaml.load(await fs.readFile(path.join(f.out, "admin/config.yml"), "utf8")) as { backend: { name: string }; publish_mode?: string };
      assert.equal(config.backend.name, backend);
      assert.equal(config.publish_mode, backend === "gitea" ? undefined : "editorial_workflow");
      const headers = await fs.readFile(path.join(f.out, "_headers"), "utf8");
      assert.ok(headers.includes(`/admin/*\n  ! Content-Security-Policy\n  Content-Security-Policy: ${adminCsp("https://git.jyj.example.gov.cn")}\n`));
      const served = await serve(f.out, { headers: adminHeaders("https://git.jyj.example.gov.cn") });
      const { context, page: p, problems: own } = await newPage(browser, { viewport: { width: 1280, height: 900 } });
      try {
        p.setDefaultTimeout(90_000);
        await p.goto(`${served.url}admin/`);
        await p.getByRole("button", { name: button }).waitFor();
        assert.deepEqual(own, []);
      } finally {
        await context.close();
        await served.close();
      }
    });
  }

  it("left a clean console (no CSP report, no failed request)", () => {
    // Except requests in flight when the test itself navigates away (ERR_ABORTED): API calls, the
    // preview frame's style sheets, and the editor's in-memory photo previews (blob: URLs, which
    // Decap also revokes when it replaces a preview; a CI run caught one still loading).
    assert.deepEqual(
      problems.filter((p) => !/(\/api\/v1|\.css) net::ERR_ABORTED$|^requestfailed: blob:\S+ net::ERR_ABORTED$/.test(p)),
      [],
    );
  });
});

describe("browser editor: editorial workflow on local git branches", { timeout: 300_000 }, () => {
  let f: Fixture;
  let cms: LocalCms;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=测试", "-c", "user.email=test@example.invalid", ...args], { cwd: f.root, encoding: "utf8" });

  before(async () => {
    f = await fixture(
      { "content/news/jydt/qiangji-zhuhun/index.md": await fs.readFile(path.join(REAL_ARTICLE, "index.md"), "utf8").then((t) => t.replace(/\ncover:[^\n]*|\nphotos:[\s\S]*?(?=\n---)/g, "")) },
      { columns: ONLY_JYDT },
    );
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "fixture");
    cms = await startLocalCms({ root: f.root, port: 0, workflow: true });
    browser = await launch();
    ({ page, problems } = await newPage(browser, { viewport: { width: 1280, height: 900 }, timezoneId: "Asia/Shanghai", locale: "zh-CN" }));
    // 你确定要发布此内容吗？ — the confirmation before publishing.
    page.on("dialog", (d) => void d.accept().catch(() => {}));
    page.setDefaultTimeout(90_000);
  });
  after(async () => {
    await browser?.close();
    await cms?.close();
    await f?.cleanup();
  });

  it("保存 → branch, 就绪 → 发布 → merged into main, and the article passes the check", async () => {
    await page.goto(`${cms.url}admin/`);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("工作流").first().waitFor();
    await page.goto(`${cms.url}admin/#/collections/jydt/new`);
    const label = async (text: string) =>
      page.locator(
        `[id="${await page
          .locator("label", { hasText: new RegExp(`^${text}`) })
          .first()
          .getAttribute("for")}"]`,
      );
    await (await label("标题")).fill(TITLE);
    await (await label("发布时间")).fill("2025-05-21T10:00");
    await (await label("信息来源")).fill("基础教育科");
    await page.locator('[aria-label="markdown field"] [contenteditable=true], [aria-label="markdown field"] textarea').first().fill("第一段。\n\n第二段。");
    await page.getByRole("button", { name: "保存" }).click();
    const slug = slugForTitle(TITLE);
    const branch = `cms/jydt/${slug}/index`;
    for (let i = 0; i < 150 && !git("branch", "--list", branch).trim(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(git("branch", "--list", branch).includes(branch), "saved on its own branch");
    assert.equal(git("ls-tree", "-r", "--name-only", "main", "content/news/jydt").includes(slug), false, "not on main before approval");

    await page.goto(`${cms.url}admin/#/collections/jydt/entries/${slug}/index`);
    await page.reload();
    await page.getByRole("button", { name: /状态/ }).first().click();
    await page.getByRole("menuitem", { name: "就绪" }).click();
    await page.getByRole("button", { name: /状态: 就绪/ }).waitFor();
    await page.getByRole("button", { name: "发布" }).first().click();
    await page.getByRole("menuitem", { name: "立即发布" }).click();
    for (let i = 0; i < 150 && git("branch", "--list", branch).trim(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(git("ls-tree", "-r", "--name-only", "main").includes(`content/news/jydt/${slug}/index.md`), "merged into main");
    const check = await checkSite({ root: f.root, now: FIXTURE_NOW });
    assert.deepEqual(
      check.issues.map((i) => `${i.severity} ${i.file} ${i.zh}`),
      [],
    );
    // Decap asks the git backend whether an entry has an unpublished version (404 when not: its
    // expected answer for a new article), and the reload aborts a request in flight.
    const unexpected = problems.filter((p) => !/status of 404 \(Not Found\)$/.test(p) && !/\/api\/v1 net::ERR_ABORTED$/.test(p));
    assert.deepEqual(unexpected, []);
  });
});
