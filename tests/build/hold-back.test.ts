/**
 * Hold back, don't block: the demo portal with one article broken, built with `--hold-back` through
 * the build's command line — 44 of 45 articles published, the broken one's previous version still
 * online in both editions (with its photos), the articles listed in the report, exit code 3. Without
 * --hold-back the same content publishes nothing (exit 1) and the site stays as it was.
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, test } from "node:test";
import { BUILD_EXIT, runBuildCli, type BuildRun } from "../../lib/editor/build-cli.ts";
import { runBuild } from "../../lib/editor/build-run.ts";
import { demoCopy, type DemoCopy } from "../helpers/demo.ts";

const BROKEN = "content/news/jcdt/xicheng-xiaofang-yanlian/index.md";
const PAGE = "news/jcdt/2023/xicheng-xiaofang-yanlian/index.html";
const PHOTO = "IMG_20250512_101533.jpg";

describe("npm run build -- --hold-back on the demo portal", () => {
  let demo: DemoCopy;
  let last: BuildRun | undefined;
  /** Articles of the clean demo (it grows as demo content is added): the broken builds publish one and two fewer. */
  let published = 0;
  const out = (rel: string) => path.join(demo.root, "_site", rel);
  const read = (rel: string) => fs.readFile(out(rel), "utf8");
  const build = async (argv: string[]) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let text = "";
    stdout.on("data", (d) => (text += String(d)));
    stderr.on("data", (d) => (text += String(d)));
    last = undefined;
    const code = await runBuildCli(argv, { stdout, stderr, cwd: demo.root }, async (request) => (last = await runBuild(request, { search: false, quiet: true, images: demo.images, warn: () => {} })));
    return { code, text };
  };

  before(async () => {
    demo = await demoCopy({});
  });
  after(() => demo?.cleanup());

  test("a clean demo: everything published, exit 0", async () => {
    const { code, text } = await build(["--hold-back"]);
    assert.equal(code, BUILD_EXIT.ok, text);
    published = last?.model.articles.length ?? 0;
    assert.ok(published >= 45, `${published} articles`);
    assert.match(await read(PAGE), /西城初级中学开展“119”消防安全疏散演练/);
  });

  test("one article broken: 44 of 45 published, its previous version stays online, exit 3 and a report", async () => {
    const file = path.join(demo.root, BROKEN);
    const text = await fs.readFile(file, "utf8");
    await fs.rm(file); // a hard link into the repository: never write through it
    await fs.writeFile(file, text.replace("“119”消防安全疏散演练", "消防演练（改稿）").replace("IMG_2290.JPG", "IMG_2209.JPG"));
    const before = await read(PAGE);
    const hantBefore = await read(`zh-hant/${PAGE}`);

    const { code, text: printed } = await build(["--hold-back"]);
    assert.equal(code, BUILD_EXIT.heldBack, printed);
    assert.equal(code, 3);
    assert.equal(last?.model.articles.length, published - 1);
    assert.deepEqual(
      last?.model.heldBack?.map((h) => h.file),
      [BROKEN],
    );

    // The previous version, both editions, with the photo variants its page uses.
    assert.equal(await read(PAGE), before);
    assert.equal(await read(`zh-hant/${PAGE}`), hantBefore);
    const images = [...before.matchAll(/\/img\/[^\s"',)]+/g)].map((m) => m[0]);
    assert.ok(images.length > 0);
    for (const img of new Set(images))
      assert.ok(
        await fs.stat(out(img.slice(1))).then(
          () => true,
          () => false,
        ),
        img,
      );
    // Everything else is published as usual: the home page lists no "改稿" title.
    assert.doesNotMatch(await read("index.html"), /改稿/);

    assert.match(printed, /有 1 篇文章因错误暂不发布（其他文章已正常发布）/);
    assert.match(printed, /content\/news\/jcdt\/xicheng-xiaofang-yanlian\/index\.md：网站上保留上一次发布的版本 \/news\/jcdt\/2023\/xicheng-xiaofang-yanlian\//);
    assert.match(printed, /第 1 张照片：找不到图片文件 IMG_2209\.JPG；文件夹里有 IMG_2290\.JPG，是不是这个？/);
    const report = await fs.readFile(path.join(demo.root, ".cache/held-back.txt"), "utf8");
    assert.match(report, /IMG_2209\.JPG/);
  });

  test("the same content without --hold-back: nothing published, exit 1, the site as it was", async () => {
    const before = await read("index.html");
    const { code, text } = await build([]);
    assert.equal(code, BUILD_EXIT.failed);
    assert.match(text, /内容检查未通过/);
    assert.match(text, /上一次成功构建的网站未被改动/);
    assert.equal(await read("index.html"), before);
  });

  test("a photo the image stage refuses (a web page saved as .JPG): that article is held back too", async () => {
    const photo = path.join(demo.root, "content/news/jcdt/chengdong-kaixin-nongchang", PHOTO);
    await fs.rm(photo); // a hard link into the repository
    await fs.writeFile(photo, "<!doctype html><html><body>网页另存为</body></html>\n");
    const page = "news/jcdt/2025/chengdong-kaixin-nongchang/index.html";
    const before = await read(page);
    const { code, text } = await build(["--hold-back"]);
    assert.equal(code, BUILD_EXIT.heldBack, text);
    assert.equal(last?.model.articles.length, published - 2);
    assert.deepEqual(last?.model.heldBack?.map((h) => h.file).sort(), [BROKEN, "content/news/jcdt/chengdong-kaixin-nongchang/index.md"].sort());
    assert.equal(await read(page), before, "its previous version stays online");
    assert.match(text, /有 2 篇文章因错误暂不发布/);
  });
});
