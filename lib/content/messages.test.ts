/**
 * The exact message editors get for each slip issue #18 names: full-width colon, misspelt field
 * (did you mean), near names of photos and attachments, photos counted from 1, every problem of a
 * file in one run, duplicated keys with both lines, dotted dates, unfinished bodies.
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { DateTime } from "luxon";
import { BODY_PLACEHOLDER } from "./body.ts";
import { parseDate } from "./dates.ts";
import { formatIssues, type ContentIssue } from "./issues.ts";
import { loadContent } from "./load.ts";
import { didYouMean, editDistance, nearNames } from "./suggest.ts";

const NOW = DateTime.fromISO("2025-06-01T12:00:00", { zone: "Asia/Shanghai" });
const SITE = "name: 测试区教育局\nbaseUrl: https://jyj.test.gov.cn\n";
const COLUMNS = "home: 首页\ncolumns:\n  - key: news\n    name: 新闻中心\n    children:\n      - { key: jydt, name: 教育动态, type: news }\n      - { key: tzgg, name: 通知公告, type: notice }\n";
const JPEG = Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex");

let root: string;
const write = async (rel: string, data: string | Buffer) => {
  const p = path.join(root, rel);
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.writeFile(p, data);
};
/** The issues of one article file, without the fields that only locate them. */
const load = async (options: { unfinished?: "error" | "warning"; holdBack?: boolean } = {}) => loadContent({ root, now: NOW, ...options });
const of = (issues: readonly ContentIssue[], slug: string) =>
  issues.filter((i) => i.file === `content/news/jydt/${slug}/index.md`).map((i) => ({ severity: i.severity, line: i.line, field: i.field, code: i.code, zh: i.zh, en: i.en, fix: i.fix }));

describe("editor messages", () => {
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "content-messages-"));
    await write("content/_data/site.yaml", SITE);
    await write("content/_data/columns.yaml", COLUMNS);
    const md = (front: string, body = "正文。") => `---\n${front}\n---\n${body}\n`;
    await write("content/news/jydt/colon/index.md", md("title: 冒号\ndate: 2025-05-01\nsource：基础教育科"));
    await write("content/news/jydt/colon-unknown/index.md", md("title: 冒号\nlaiyuan：基础教育科\ndate: 2025-05-01\nsource: 办公室"));
    await write("content/news/jydt/typo/index.md", md("titel: 错字\ndate: 2025-05-01\nsource: 办公室\nsumary: 摘要"));
    await write("content/news/jydt/near/index.md", md("title: 照片\ndate: 2025-05-01\nsource: 办公室\nphotos:\n  - file: IMG_5108.JPG\n    caption: 一\n  - file: IMG_5180.JPG\n    caption: 二\n  - file: DSC_0O12.jpg\n    caption: 三\nattachments:\n  - file: 通知.PDF"));
    await write("content/news/jydt/near/IMG_5108.JPG", JPEG);
    await write("content/news/jydt/near/DSC_0012.JPG", JPEG);
    await write("content/news/jydt/near/通知.pdf", "%PDF-1.4\n");
    await write("content/news/jydt/item-typo/index.md", md("title: 照片\ndate: 2025-05-01\nsource: 办公室\nphotos:\n  - { file: a.jpg, caption: 一 }\n  - file: b.jpg\n    captoin: 二"));
    await write("content/news/jydt/item-typo/a.jpg", JPEG);
    await write("content/news/jydt/item-typo/b.jpg", JPEG);
    await write("content/news/jydt/all/index.md", md("date: 2025-05-01\nsource: 办公室\nphotos:\n  - file: nope.jpg\n    caption: 不存在"));
    await write("content/news/jydt/dup/index.md", md("title: 重复\ndate: 2025-05-01\nsource: 办公室\ntitle: 又一个标题"));
    await write("content/news/jydt/dup-alias/index.md", md("title: 重复\n标题: 又一个\ndate: 2025-05-01\nsource: 办公室"));
    await write("content/news/jydt/dotted/index.md", md("title: 点\ndate: 2025.5.12\nsource: 办公室"));
    await write("content/news/jydt/half-done/index.md", md("title: 未完成\ndate: 2025-05-01\nsource: 办公室", `\n${BODY_PLACEHOLDER}`));
    await write("content/news/jydt/empty/index.md", md("title: 空\ndate: 2025-05-01\nsource: 办公室", ""));
    await write("content/news/jydt/draft-half/index.md", md("title: 草稿\ndate: 2025-05-01\nsource: 办公室\ndraft: true", `\n${BODY_PLACEHOLDER}`));
  });
  after(() => fs.rm(root, { recursive: true, force: true }));

  test("a full-width colon after a known field: a warning on its line, and the value is read", async () => {
    const m = await load();
    assert.deepEqual(of(m.issues, "colon"), [
      {
        severity: "warning",
        line: 4,
        field: "source",
        code: "full-width-colon",
        zh: "source 后面是中文冒号“：”，已按英文冒号读取",
        en: '"source" is followed by a full-width colon "："; it was read as "source:"',
        fix: "把这一行改成 source: 基础教育科（英文冒号，后面加一个空格） / Write `source: ` with an ASCII colon and a space.",
      },
    ]);
    assert.equal(m.all.get("content/news/jydt/colon/index.md")?.source, "基础教育科");
  });

  test("a full-width colon after an unknown key: named on its own line, not the next", async () => {
    const m = await load();
    assert.deepEqual(of(m.issues, "colon-unknown"), [
      {
        severity: "error",
        line: 3,
        field: "front matter",
        code: "bad-front-matter",
        zh: "第 3 行“laiyuan”后面用了中文冒号“：”，front matter 无法读取",
        en: 'line 3: "laiyuan" is followed by a full-width colon "：", so the front matter cannot be read',
        fix: "字段名后面要用英文冒号加空格，如 source: 基础教育科；并检查字段名拼写 / Use an ASCII colon and a space after the field name, and check its spelling.",
      },
    ]);
  });

  test("a misspelt field: did you mean, once, on its line", async () => {
    assert.deepEqual(of((await load()).issues, "typo"), [
      {
        severity: "error",
        line: 2,
        field: "titel",
        code: "misspelled-field",
        zh: "字段名 titel 拼写有误，应为 title（标题）",
        en: 'unknown field "titel": did you mean "title"? (the required field "title" is missing)',
        fix: '把 titel 改成 title / Rename "titel" to "title".',
      },
      {
        severity: "warning",
        line: 5,
        field: "sumary",
        code: "unknown-field",
        zh: "未知字段 sumary，将被忽略；是不是 summary？",
        en: 'unknown field "sumary" is ignored; did you mean "summary"?',
        fix: '把 sumary 改成 summary / Rename "sumary" to "summary".',
      },
    ]);
  });

  test("a misspelt key inside a photo item: did you mean, with the photo's number", async () => {
    assert.deepEqual(of((await load()).issues, "item-typo"), [
      {
        severity: "warning",
        line: 8,
        field: "photos[1].captoin",
        code: "unknown-field",
        zh: "第 2 张照片的字段 captoin 不认识，将被忽略；是不是 caption？",
        en: 'photos item 2: unknown field "captoin" is ignored; did you mean "caption"?',
        fix: '把 captoin 改成 caption / Rename "captoin" to "caption".',
      },
      {
        severity: "warning",
        line: 7,
        field: "photos[1].caption",
        code: "missing-alt",
        zh: "第 2 张照片 b.jpg 缺少说明文字（caption），读屏软件无法描述该图",
        en: "photo 2 (b.jpg) has no caption/alt text",
        fix: "为该图片加一行 caption: 图片内容的简短描述 / Add `caption:` describing the photo.",
      },
    ]);
  });

  test("missing photos and attachments name the file that is there; photos count from 1", async () => {
    const issues = of((await load()).issues, "near");
    assert.deepEqual(
      issues.map((i) => [i.line, i.field, i.zh, i.fix]),
      [
        [8, "photos[1].file", "第 2 张照片：找不到图片文件 IMG_5180.JPG；文件夹里有 IMG_5108.JPG，是不是这个？", "把 IMG_5180.JPG 改成 IMG_5108.JPG（文件名要与文件夹中的完全一致，包括大小写和扩展名） / Write IMG_5108.JPG exactly as the file is named."],
        [10, "photos[2].file", "第 3 张照片：找不到图片文件 DSC_0O12.jpg；文件夹里有 DSC_0012.JPG，是不是这个？", "把 DSC_0O12.jpg 改成 DSC_0012.JPG（文件名要与文件夹中的完全一致，包括大小写和扩展名） / Write DSC_0012.JPG exactly as the file is named."],
        [13, "attachments[0].file", "第 1 个附件：找不到附件文件 通知.PDF；文件夹里有 通知.pdf，是不是这个？", "把 通知.PDF 改成 通知.pdf（文件名要与文件夹中的完全一致，包括大小写和扩展名） / Write 通知.pdf exactly as the file is named."],
      ],
    );
    assert.equal(issues[0]!.en, "photo 2: photo file IMG_5180.JPG does not exist; the folder has IMG_5108.JPG: did you mean it?");
    assert.match(formatIssues((await load()).issues), /\[错误 error\] 第 8 行 line 8: 第 2 张照片：找不到图片文件 IMG_5180\.JPG/);
  });

  test("every problem of an article in one run: the missing title does not hide the missing photo", async () => {
    assert.deepEqual(
      of((await load()).issues, "all").map((i) => [i.code, i.field]),
      [
        ["missing-field", "title"],
        ["missing-photo", "photos[0].file"],
      ],
    );
  });

  test("a duplicated key names the key and both lines; the rest is still read", async () => {
    const m = await load();
    assert.deepEqual(of(m.issues, "dup"), [
      {
        severity: "error",
        line: 5,
        field: "title",
        code: "duplicate-key",
        zh: "字段 title 写了两次：第 2 行和第 5 行",
        en: 'the key "title" appears twice: lines 2 and 5',
        fix: "删除其中一行（现在按第 5 行的值读取） / Remove one of the two lines (the value on line 5 is used now).",
      },
    ]);
    assert.deepEqual(of(m.issues, "dup-alias").map((i) => [i.line, i.code, i.zh]), [[3, "duplicate-key", "字段 title 与 标题 是同一个字段，写了两次：第 2 行和第 3 行"]]);
  });

  test("dotted dates are dates", async () => {
    assert.equal(parseDate("2024.7.12")?.toISODate(), "2024-07-12");
    assert.equal(parseDate("2024.07.12")?.toISODate(), "2024-07-12");
    assert.equal(parseDate("2024.07.12 09:30")?.toFormat("yyyy-MM-dd HH:mm"), "2024-07-12 09:30");
    assert.equal(parseDate("2024.13.12"), null);
    const m = await load();
    assert.deepEqual(of(m.issues, "dotted"), []);
    assert.equal(m.all.get("content/news/jydt/dotted/index.md")?.day, "2025-05-12");
  });

  test("an unfinished body is an error for a build, a warning in the preview (flagged) and for drafts", async () => {
    const build = await load();
    assert.deepEqual(of(build.issues, "half-done"), [
      {
        severity: "error",
        line: 7,
        field: "body",
        code: "placeholder-body",
        zh: "正文还是新建文章时的占位文字，文章未完成",
        en: "the body still holds the placeholder text of a new article: the article is unfinished",
        fix: "写好正文（删除占位的那一行）后再发布；还没写完就在 front matter 加一行 draft: true / Write the text (remove the placeholder line), or add `draft: true` until it is done.",
      },
    ]);
    assert.deepEqual(of(build.issues, "empty").map((i) => [i.severity, i.code, i.zh]), [["error", "empty-body", "正文是空的，文章未完成"]]);
    assert.deepEqual(of(build.issues, "draft-half").map((i) => [i.severity, i.code]), [["warning", "placeholder-body"]]);
    assert.equal(build.all.has("content/news/jydt/half-done/index.md"), false);
    const preview = await loadContent({ root, now: NOW, includeDrafts: true });
    assert.deepEqual(of(preview.issues, "half-done").map((i) => i.severity), ["warning"]);
    assert.equal(preview.all.get("content/news/jydt/half-done/index.md")?.unfinished, true);
    assert.equal(preview.all.get("content/news/jydt/dotted/index.md")?.unfinished, undefined);
  });

  test("hold-back: articles with errors leave the model with their issues; the rest stay", async () => {
    const m = await load({ holdBack: true });
    const held = new Map((m.heldBack ?? []).map((h) => [h.file, h]));
    assert.deepEqual([...held.keys()].sort(), ["all", "colon-unknown", "dup", "dup-alias", "empty", "half-done", "near", "typo"].map((s) => `content/news/jydt/${s}/index.md`).sort());
    assert.deepEqual(held.get("content/news/jydt/near/index.md")?.place, { columnPath: "news/jydt", slug: "near", year: 2025 });
    assert.deepEqual(held.get("content/news/jydt/colon-unknown/index.md")?.place, undefined, "unreadable front matter: no place known");
    assert.ok([...held.values()].every((h) => h.issues.some((i) => i.severity === "error")));
    assert.deepEqual([...m.all.keys()].sort(), ["colon", "dotted", "draft-half", "item-typo"].map((s) => `content/news/jydt/${s}/index.md`));
  });
});

test("edit distance and near names", () => {
  assert.equal(editDistance("titel", "title"), 1);
  assert.equal(editDistance("标提", "标题"), 1);
  assert.equal(didYouMean("titel", ["title", "date"]), "title");
  assert.equal(didYouMean("dtae", ["title", "date"]), "date");
  assert.equal(didYouMean("xyz", ["title", "date"]), undefined);
  assert.equal(didYouMean("ab", ["alt", "tags"]), undefined);
  assert.deepEqual(nearNames("IMG_5180.JPG", ["IMG_5108.JPG", "IMG_5100.JPG"]), ["IMG_5108.JPG"]);
  assert.deepEqual(nearNames("img_5108.jpg", ["IMG_5108.JPG"]), ["IMG_5108.JPG"]);
  assert.deepEqual(nearNames("IMG_5108.jpg", ["IMG_5108.JPG"]), ["IMG_5108.JPG"]);
  assert.deepEqual(nearNames("DSC_O0l2.JPG", ["DSC_0012.JPG"]), ["DSC_0012.JPG"]);
  assert.deepEqual(nearNames("IMG_5108", ["IMG_5108.JPG", "notes.txt"]), ["IMG_5108.JPG"]);
  assert.deepEqual(nearNames("IMG_1234.JPG", ["IMG_5108.JPG"]), []);
});
