/**
 * The editors' workflow end to end: `npm run new` creates an article, `npm run check` finds every
 * class of bad input (without rendering) and passes clean content, the build publishes the article.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import type { ContentIssue } from "../../lib/content/issues.ts";
import { checkJson, checkSite, exitCodeOf, runCheckCli, type CheckResult } from "../../lib/editor/check.ts";
import { BODY_PLACEHOLDER, createArticle, EditorError, runNewArticleCli, slugForTitle } from "../../lib/editor/new-article.ts";
import { heicHeader, pngBombHeader } from "../../scripts/lib/photos/index.ts";
import { article, fixture, FIXTURE_COLUMNS, FIXTURE_NOW, FIXTURE_SITE, jpeg, type Fixture } from "../helpers/fixture.ts";

/** One fresh article in every leaf column, so a clean site has neither empty nor stale columns. */
const FRESH: Record<string, string> = {
  "content/news/jydt/zuixin-dongtai/index.md": article({ title: "最新教育动态", date: "2025-05-30", source: "办公室" }),
  "content/news/tzgg/zuixin-tongzhi/index.md": article({ title: "最新通知", date: "2025-05-20", source: "办公室" }, "正文内容。\n\n::: 落款\n测试区教育局\n2025年5月20日\n:::"),
  "content/news/tpxw/zuixin-tupian/index.md": article({ title: "最新图片新闻", date: "2025-05-29", source: "办公室" }),
  "content/zwgk/zcwj/zuixin-wenjian/index.md": article({ title: "最新政策文件", date: "2025-01-10", source: "办公室" }),
};

/** A photo with enough detail to be hundreds of kilobytes. */
const noisyJpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#777", noise: { type: "gaussian", mean: 128, sigma: 60 } } })
    .jpeg({ quality: 95 })
    .toBuffer();

const codes = (issues: readonly ContentIssue[]) => issues.map((i) => i.code);
const find = (r: CheckResult, code: string, file?: string) => r.issues.find((i) => i.code === code && (!file || i.file === file));

function io(interactive = false) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += String(d)));
  stderr.on("data", (d) => (err += String(d)));
  return {
    stdin,
    stdout,
    stderr,
    interactive,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}

describe("new → check → build", () => {
  let f: Fixture;
  before(async () => {
    f = await fixture(FRESH, { columns: FIXTURE_COLUMNS.replace("{ key: jydt, name: 教育动态, type: news }", "{ key: jydt, name: 教育动态, type: news, defaultSource: 宣传科 }") });
  });
  after(() => f.cleanup());

  test("a new article is created, passes the check after editing, and is published at its URL", async () => {
    const created = await createArticle({ root: f.root, column: "jydt", title: "我区召开2025年教育工作会议", now: FIXTURE_NOW });
    assert.equal(created.rel, "content/news/jydt/zhaokai-2025nian-jiaoyu-gongzuo-huiyi/index.md");
    assert.equal(created.url, "/news/jydt/2025/zhaokai-2025nian-jiaoyu-gongzuo-huiyi/");
    assert.equal(created.source, "宣传科", "the column's defaultSource");
    assert.equal(created.scheduled, false);
    const text = await fs.readFile(created.file, "utf8");
    assert.match(text, /^---\ntitle: 我区召开2025年教育工作会议\ndate: 2025-06-01\nsource: 宣传科\n/);
    assert.match(text, /^photos: \[\]$/m);
    assert.match(text, /^#\s+- file: IMG_1234\.JPG\n#\s+caption: .+\n#\s+alt: .+$/m, "a commented photo example with file, caption and alt");
    assert.match(text, /^# attachments:$/m);

    // Straight after `new`: one problem, the placeholder body — not publishable, as the build says.
    const first = await checkSite({ root: f.root, now: FIXTURE_NOW });
    assert.deepEqual(codes(first.issues), ["placeholder-body"], JSON.stringify(first.issues, null, 1));
    assert.equal(first.issues[0]!.severity, "error");
    assert.equal(exitCodeOf(first), 1);

    // The editor writes the body and adds a photo.
    await fs.writeFile(path.join(created.folder, "IMG_1234.JPG"), await jpeg(1200, 800));
    await fs.writeFile(
      created.file,
      text
        .replace("photos: []", "photos:\n  - file: IMG_1234.JPG\n    caption: 会议现场\n    alt: 会场全景，主席台上六位领导就座")
        .replace(BODY_PLACEHOLDER, "1月5日，我区召开2025年教育工作会议。\n\n详见[最新通知](/news/tzgg/2025/zuixin-tongzhi/)。"),
    );
    const clean = await checkSite({ root: f.root, now: FIXTURE_NOW });
    assert.deepEqual(clean.issues, []);
    assert.equal(clean.errors + clean.warnings, 0);
    assert.equal(clean.articles, 5);
    assert.equal(clean.photos, 1);
    assert.equal(exitCodeOf(clean), 0);

    await f.build();
    assert.equal(f.error, undefined, String(f.error?.message));
    const page = await f.read("news/jydt/2025/zhaokai-2025nian-jiaoyu-gongzuo-huiyi/index.html");
    assert.match(page, /我区召开2025年教育工作会议/);
    assert.match(page, /1月5日，我区召开2025年教育工作会议。/);
    assert.match(page, /宣传科/);
  });

  test("never overwrites: the same title again is refused, naming the file and another slug", async () => {
    const file = path.join(f.root, "content/news/jydt/zhaokai-2025nian-jiaoyu-gongzuo-huiyi/index.md");
    const before = await fs.readFile(file, "utf8");
    await assert.rejects(
      createArticle({ root: f.root, column: "jydt", title: "我区召开2025年教育工作会议", source: "办公室", now: FIXTURE_NOW }),
      (e: unknown) =>
        e instanceof EditorError &&
        e.code === "exists" &&
        e.zh.includes("content/news/jydt/zhaokai-2025nian-jiaoyu-gongzuo-huiyi/index.md") &&
        e.fix.includes("zhaokai-2025nian-jiaoyu-gongzuo-huiyi-2"),
    );
    assert.equal(await fs.readFile(file, "utf8"), before, "untouched");

    // A slug already used in a year folder of the column (same year) is refused too.
    await f.write("content/news/jydt/2025/chong-fu/index.md", article({ title: "旧文章", date: "2025-02-01", source: "办公室" }));
    await assert.rejects(createArticle({ root: f.root, column: "jydt", title: "新文章", slug: "chong-fu", now: FIXTURE_NOW }), /chong-fu/);

    // The CLI says so and exits with 1.
    const cli = io();
    assert.equal(await runNewArticleCli(["--column", "jydt", "--title", "我区召开2025年教育工作会议"], { ...cli, cwd: f.root, now: FIXTURE_NOW }), 1);
    assert.match(cli.err, /不会覆盖/);
    assert.match(cli.err, /--slug zhaokai-2025nian-jiaoyu-gongzuo-huiyi-2/);
  });

  test("refuses unknown and section columns, bad slugs and dates", async () => {
    const base = { root: f.root, title: "测试", source: "办公室", now: FIXTURE_NOW };
    await assert.rejects(createArticle({ ...base, column: "nosuch" }), (e: unknown) => e instanceof EditorError && e.code === "unknown-column" && e.fix.includes("jydt（教育动态）"));
    await assert.rejects(createArticle({ ...base, column: "news" }), (e: unknown) => e instanceof EditorError && e.code === "section-column" && e.fix.includes("tzgg"));
    await assert.rejects(createArticle({ ...base, column: "jydt", slug: "新闻稿" }), (e: unknown) => e instanceof EditorError && e.code === "bad-slug");
    await assert.rejects(createArticle({ ...base, column: "jydt", date: "2025-13-45" }), (e: unknown) => e instanceof EditorError && e.code === "bad-date");
  });

  test("a future date schedules the article; an explicit time is kept", async () => {
    const r = await createArticle({ root: f.root, column: "tzgg", title: "关于做好2025年暑期安全工作的通知", source: "安全科", date: "2025-07-01 09:30", now: FIXTURE_NOW });
    assert.equal(r.slug, slugForTitle("关于做好2025年暑期安全工作的通知"));
    assert.equal(r.scheduled, true);
    assert.equal(r.url, `/news/tzgg/2025/${r.slug}/`);
    assert.match(await fs.readFile(r.file, "utf8"), /^date: 2025-07-01 09:30$/m);
    await fs.rm(r.folder, { recursive: true });
  });

  test("slugs are short pinyin of the headline's first words, split at word boundaries, generic openings dropped", () => {
    assert.equal(slugForTitle("我区举行中小学科技节"), "juxing-zhongxiaoxue-kejijie");
    assert.equal(slugForTitle("我区召开2025年教育工作会议"), "zhaokai-2025nian-jiaoyu-gongzuo-huiyi");
    assert.equal(slugForTitle("区教育局举办“强基铸魂”师德师风专题培训"), "juban-qiangji-zhuhun-shide-shifeng");
    assert.equal(slugForTitle("关于做好2025年中小学生暑假安全工作的通知"), "zuohao-2025nian-zhongxiaoxuesheng-shujia");
    assert.equal(slugForTitle("Spring Festival 慰问活动"), "spring-festival-weiwen-huodong");
    assert.equal(slugForTitle("我区举行中小学科技节"), slugForTitle("我区举行中小学科技节"), "stable");
    for (const t of ["我区召开2025年教育工作会议", "实验小学：AI课堂进校园", "“双减”", "！！！"]) {
      const s = slugForTitle(t);
      assert.match(s, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(s.length <= 40 && s.split("-").length <= 6, s);
    }
  });

  test("without a terminal, missing options exit 1 with a bilingual message listing the flags", async () => {
    const cli = io();
    assert.equal(await runNewArticleCli(["--title", "只有标题"], { ...cli, cwd: f.root }), 1);
    assert.match(cli.err, /缺少必填参数：--column/);
    assert.match(cli.err, /Missing required option\(s\): --column/);
    assert.match(cli.err, /--title/);
    assert.match(cli.err, /jydt（教育动态）/);
  });

  test("at a terminal, it asks for what is missing (column by number, default source and slug)", async () => {
    const cli = io(true);
    const answers = [
      [/Column \(number or key\)/, "2"],
      [/Title/, "关于开展2025年校园安全大检查的通知"],
      [/Source \[测试区教育局\]/, ""],
      [/Slug.*\[kaizhan-2025nian-xiaoyuan-anquan\]/, "xiaoyuan-anquan-jiancha"],
    ] as const;
    let asked = 0;
    cli.stdout.on("data", () => {
      const next = answers[asked];
      if (next && next[0].test(cli.out)) {
        asked++;
        cli.stdin.write(next[1] + "\n");
      }
    });
    assert.equal(await runNewArticleCli([], { ...cli, cwd: f.root, now: FIXTURE_NOW }), 0, cli.err);
    assert.equal(asked, 4);
    assert.match(cli.out, /已创建文章 Created: content\/news\/tzgg\/xiaoyuan-anquan-jiancha\/index\.md/);
    assert.match(cli.out, /npm run check/);
    const text = await fs.readFile(path.join(f.root, "content/news/tzgg/xiaoyuan-anquan-jiancha/index.md"), "utf8");
    assert.match(text, /^source: 测试区教育局$/m, "falls back to site.yaml owner");
    await fs.rm(path.join(f.root, "content/news/tzgg/xiaoyuan-anquan-jiancha"), { recursive: true });
  });
});

describe("check finds every class of bad input", () => {
  let f: Fixture;
  let r: CheckResult;
  const A = (slug: string, column = "news/jydt") => `content/${column}/${slug}/index.md`;
  before(async () => {
    const ok = { date: "2025-05-28", source: "办公室" };
    const photo = (file: string) => ({ title: `照片 ${file}`, ...ok, photos: [{ file, caption: "说明" }] });
    const truncated = (await noisyJpeg(400, 300)).subarray(0, 9000);
    f = await fixture(
      {
        ...FRESH,
        // Old notices only: 通知公告 is stale. 政策文件 (policy) has no time limit.
        "content/news/tzgg/zuixin-tongzhi/index.md": article({ title: "旧通知", date: "2024-06-01", source: "办公室" }, "正文内容。\n\n::: 落款\n测试区教育局\n2024年6月1日\n:::"),
        "content/zwgk/zcwj/zuixin-wenjian/index.md": article({ title: "旧文件", date: "2020-01-10", source: "办公室" }),
        [A("no-title")]: article({ ...ok }),
        [A("no-date")]: article({ title: "无日期", source: "办公室" }),
        [A("no-source")]: article({ title: "无来源", date: "2025-05-28" }),
        [A("bad-date")]: article({ title: "错误日期", date: "2025-13-45", source: "办公室" }),
        [A("bad-column")]: article({ title: "错误栏目", ...ok, column: "nosuch" }),
        [A("missing-photo")]: article(photo("IMG_0001.JPG")),
        [A("escape")]: article(photo("../../secret.jpg")),
        [A("gbk")]: new Uint8Array(Buffer.from("2d2d2d0a7469746c653a20d6d0cec40a646174653a20323032352d30352d32380a736f757263653a20b2e2cad40a2d2d2d0ad5fdcec40a", "hex")),
        [A("chong-fu")]: article({ title: "重复一", ...ok }),
        "content/news/jydt/2025/chong-fu/index.md": article({ title: "重复二", ...ok }),
        [A("Xin_Wen")]: article({ title: "错误网址名", ...ok }),
        [A("text-jpg")]: article(photo("notes.jpg")),
        [`content/news/jydt/text-jpg/notes.jpg`]: "会议纪要，不是照片。\nMeeting notes.\n",
        [A("bomb")]: article(photo("bomb.png")),
        [`content/news/jydt/bomb/bomb.png`]: pngBombHeader(30000, 30000),
        [A("truncated")]: article(photo("IMG_0002.JPG")),
        [`content/news/jydt/truncated/IMG_0002.JPG`]: truncated,
        [A("heic")]: article(photo("IMG_0003.HEIC")),
        [`content/news/jydt/heic/IMG_0003.HEIC`]: heicHeader(),
        [A("big")]: article(photo("DSC_0004.JPG")),
        [`content/news/jydt/big/DSC_0004.JPG`]: await noisyJpeg(1000, 800),
        [A("no-alt")]: article({ title: "无说明", ...ok, photos: ["IMG_0005.JPG"] }),
        [`content/news/jydt/no-alt/IMG_0005.JPG`]: await jpeg(900, 600),
        [A("links")]: article(
          { title: "链接", ...ok, attachments: [{ file: "附件1.pdf", label: "附件1" }] },
          [
            "第一段，见[最新通知](/news/tzgg/2024/zuixin-tongzhi/)和[通知公告](/news/tzgg)。", // +0 ok
            "见[不存在的文章](/news/jydt/2025/bu-cun-zai/)。", // +1 broken
            "[附件1](附件1.pdf)、[附件2](附件2.pdf)、[照片](IMG_9.JPG)", // +2 ok, missing file, unlisted
            "",
            "![现场](https://www.moe.gov.cn/IMG_9.JPG)", // +4 remote image (a local name is an inline photo)
            "",
            "[草稿](/news/jydt/2025/cao-gao/) [外链](https://www.moe.gov.cn/) [本站](https://jyj.test.gov.cn/news/jydt/2025/nope/) [订阅](/news/jydt/feed.xml)", // +6 draft, ok, broken, ok
            "",
            "```",
            "[代码里的](/not/a/link/)",
            "```",
          ].join("\n"),
        ),
        [`content/news/jydt/links/附件1.pdf`]: "%PDF-1.4\n",
        [`content/news/jydt/links/IMG_9.JPG`]: await jpeg(900, 600),
        [A("cao-gao")]: article({ title: "草稿", ...ok, draft: true }),
        // A front-matter error and a bad photo: both in one run.
        [A("one-run")]: article({ ...ok, photos: [{ file: "scan.jpg", caption: "扫描件" }] }),
        [`content/news/jydt/one-run/scan.jpg`]: "<!doctype html><html><body>网页另存为</body></html>\n",
      },
      {
        site: `${FIXTURE_SITE}checks:\n  maxPhotoBytes: 100000\n`,
        columns: FIXTURE_COLUMNS.replace("- { key: tpxw, name: 图片新闻, type: photo }", "- { key: tpxw, name: 图片新闻, type: photo }\n          - { key: xzzx, name: 下载中心, type: info }"),
      },
    );
    r = await checkSite({ root: f.root, now: FIXTURE_NOW });
  });
  after(() => f.cleanup());

  const expect = (code: string, file: string, field?: string) => {
    const i = find(r, code, file);
    assert.ok(i, `${code} in ${file}; got ${JSON.stringify(r.issues.filter((x) => x.file === file).map((x) => x.code))}`);
    if (field) assert.equal(i.field, field);
    assert.match(i.zh, /[\u4e00-\u9fff]/);
    assert.match(i.fix, /[\u4e00-\u9fff]/);
    return i;
  };

  test("front matter: missing title, date, source; bad date; unknown column", () => {
    expect("missing-field", A("no-title"), "title");
    expect("missing-field", A("no-date"), "date");
    expect("missing-field", A("no-source"), "source");
    assert.equal(expect("bad-date", A("bad-date")).line, 3);
    expect("unknown-column", A("bad-column"));
  });

  test("files: missing photo, path escape, GB18030 with the conversion command", () => {
    assert.equal(expect("missing-photo", A("missing-photo")).line, 5);
    expect("path-escape", A("escape"));
    assert.match(expect("not-utf8", A("gbk")).fix, /UTF-8.*iconv -f GB18030/);
  });

  test("URLs: duplicate URL on both files, bad slug", () => {
    expect("duplicate-url", A("chong-fu"));
    expect("duplicate-url", "content/news/jydt/2025/chong-fu/index.md");
    expect("bad-slug", A("Xin_Wen"));
  });

  test("photos: text named .jpg, bomb, truncated, HEIC are errors; oversized and missing alt are warnings", () => {
    const text = expect("image-not-image", A("text-jpg"), "photos[0].file");
    assert.equal(text.severity, "error");
    assert.equal(text.line, 5);
    assert.match(text.zh, /文本/);
    const bomb = expect("image-too-large", A("bomb"));
    assert.match(bomb.zh, /30000×30000/);
    assert.match(bomb.zh, /900 百万像素/);
    expect("image-truncated", A("truncated"));
    assert.match(expect("image-heic", A("heic")).fix, /JPG|JPEG/);
    const big = expect("photo-oversized", A("big"));
    assert.equal(big.severity, "warning");
    assert.match(big.zh, /DSC_0004\.JPG” 有 [\d.]+ MB，超过 0\.1 MB 上限/);
    assert.equal(expect("missing-alt", A("no-alt")).severity, "warning");
  });

  test("links: broken internal links with their lines, missing and unpublished files, drafts, Markdown images", async () => {
    const file = A("links");
    const bodyLine = (await fs.readFile(path.join(f.root, file), "utf8")).split("\n").indexOf("---", 1) + 2;
    const at = (code: string) => r.issues.filter((i) => i.file === file && i.code === code).map((i) => [i.line, i.severity]);
    assert.deepEqual(at("broken-link"), [
      [bodyLine + 1, "error"],
      [bodyLine + 6, "error"],
    ]);
    assert.deepEqual(at("missing-link-file"), [[bodyLine + 2, "error"]]);
    assert.deepEqual(at("unlisted-link-file"), [[bodyLine + 2, "error"]]);
    assert.deepEqual(at("remote-image"), [[bodyLine + 4, "warning"]]);
    assert.deepEqual(at("link-to-unpublished"), [[bodyLine + 6, "warning"]]);
    assert.ok(!r.issues.some((i) => i.zh.includes("/not/a/link/")), "links inside code are ignored");
    assert.match(find(r, "broken-link", file)!.zh, /\/news\/jydt\/2025\/bu-cun-zai\//);
  });

  test("columns: stale notices and an empty column are warnings on columns.yaml; policy columns never go stale", () => {
    const stale = expect("stale-column", "content/_data/columns.yaml", "tzgg");
    assert.equal(stale.severity, "warning");
    assert.match(stale.zh, /通知公告.*365 天/);
    assert.equal(stale.line, 11);
    const empty = expect("empty-column", "content/_data/columns.yaml", "xzzx");
    assert.equal(empty.severity, "warning");
    assert.ok(!r.issues.some((i) => i.code === "stale-column" && i.field !== "tzgg"), JSON.stringify(r.issues.filter((i) => i.code === "stale-column")));
  });

  test("errors → exit 1; warnings alone → exit 0; human output grouped by file", async () => {
    assert.ok(r.errors > 10);
    assert.equal(exitCodeOf(r), 1);
    const warnOnly = await fixture({
      ...FRESH,
      "content/news/tzgg/zuixin-tongzhi/index.md": article({ title: "旧通知", date: "2024-06-01", source: "办公室" }, "正文内容。\n\n::: 落款\n测试区教育局\n2024年6月1日\n:::"),
    });
    try {
      const w = await checkSite({ root: warnOnly.root, now: FIXTURE_NOW });
      assert.deepEqual(codes(w.issues), ["stale-column"]);
      assert.equal(exitCodeOf(w), 0);
      const cli = io();
      assert.equal(await runCheckCli(["--now", "2025-06-01"], { ...cli, cwd: warnOnly.root }), 0);
      assert.match(cli.out, /检查通过，但有 1 个警告/);
    } finally {
      await warnOnly.cleanup();
    }
    const cli = io();
    assert.equal(await runCheckCli(["--now", "2025-06-01"], { ...cli, cwd: f.root }), 1);
    assert.match(cli.out, /^content\/news\/jydt\/bad-date\/index\.md\n {2}\[错误 error\] 第 3 行 line 3, date: 发布时间/m);
    assert.match(cli.out, /检查未通过/);
  });

  test("all of an article's problems in one run: a missing title does not hide its photo's problem", () => {
    assert.deepEqual(
      r.issues
        .filter((i) => i.file === A("one-run"))
        .map((i) => i.code)
        .sort(),
      ["image-not-image", "missing-field"],
    );
  });

  test("photos in the folder but not listed: a warning naming them and the command that lists them", () => {
    const i = expect("unlisted-photo", A("links"), "photos");
    assert.equal(i.severity, "warning");
    assert.equal(i.zh, "文件夹里有 1 张照片没有列在 photos 中，不会显示：IMG_9.JPG");
    assert.match(i.fix, /^运行 npm run photos -- add content\/news\/jydt\/links 自动列出/);
  });

  test("output: the editor's files first (named, else changed in git), site-wide reminders last, one line each", async () => {
    const named = io();
    assert.equal(await runCheckCli(["--now", "2025-06-01", "content/news/jydt/missing-photo"], { ...named, cwd: f.root }), 1);
    assert.match(named.out, /^content\/news\/jydt\/missing-photo\/index\.md\n {2}\[错误 error\] 第 5 行 line 5: 第 1 张照片：找不到图片文件 IMG_0001\.JPG\n/);
    const tail = named.out.slice(named.out.indexOf("其他提醒（全站，与本次修改无关）Site-wide notes:\n"));
    const notes = tail.split("\n\n")[0]!.split("\n").slice(1);
    assert.equal(notes.length, 2);
    assert.match(notes[0]!, /^ {2}content\/_data\/columns\.yaml:11 栏目“通知公告”已 365 天没有更新.*\(column "tzgg"/);
    assert.match(notes[1]!, /^ {2}content\/_data\/columns\.yaml:13 栏目“下载中心”（xzzx）还没有任何已发布的文章/);
    assert.ok(!/stale-column|修改方法 fix: 政府网站检查/.test(named.out), "no three-line blocks for site-wide reminders");

    // Without paths: the files git reports changed.
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: f.root, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "content");
    await fs.appendFile(path.join(f.root, A("bad-date")), "\n改了一行。\n");
    const changed = io();
    assert.equal(await runCheckCli(["--now", "2025-06-01"], { ...changed, cwd: f.root }), 1);
    assert.match(changed.out, /^content\/news\/jydt\/bad-date\/index\.md\n/);
  });

  test("--json prints parseable JSON {errors, warnings, issues} and keeps the exit code", async () => {
    const cli = io();
    assert.equal(await runCheckCli(["--json", "--now", "2025-06-01"], { ...cli, cwd: f.root }), 1);
    const json = JSON.parse(cli.out) as ReturnType<typeof checkJson>;
    assert.equal(json.errors, r.errors);
    assert.equal(json.warnings, r.warnings);
    assert.equal(json.issues.length, r.issues.length);
    assert.ok(json.issues.every((i) => i.file && i.code && i.zh && i.en && i.fix && (i.severity === "error" || i.severity === "warning")));
    assert.equal(cli.err, "");
  });
});
