/** npm run photos -- add: unlisted photos appended by capture time, every other byte of the article kept. */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { after, before, test } from "node:test";
import sharp from "sharp";
import { PHOTO_CAPTION_PLACEHOLDER } from "../content/article-files.ts";
import { addPhotos, captureTime, runPhotosCli } from "./photos.ts";

let dir: string;
const photo = (taken?: string) => {
  const img = sharp({ create: { width: 32, height: 24, channels: 3, background: "#864" } });
  return (taken ? img.withExif({ IFD0: { DateTime: taken }, IFD2: { DateTimeOriginal: taken } }) : img).jpeg().toBuffer();
};
const folder = (name: string) => path.join(dir, name);
const put = async (rel: string, data: string | Buffer) => {
  await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await fs.writeFile(path.join(dir, rel), data);
};

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "photos-add-"));
  for (const name of ["a", "b", "c", "d"]) {
    await put(`${name}/IMG_0003.JPG`, await photo("2025:05:01 09:30:00"));
    await put(`${name}/IMG_0001.JPG`, await photo("2025:05:01 10:15:00"));
    await put(`${name}/DSC 0002.jpg`, await photo("2025:05:01 08:00:00"));
    await put(`${name}/scan.png`, await photo());
    await put(`${name}/通知.pdf`, "%PDF");
  }
});
after(() => fs.rm(dir, { recursive: true, force: true }));

test("the capture time comes from EXIF", async () => {
  assert.equal((await captureTime(path.join(dir, "a/IMG_0003.JPG")))?.toISOString(), "2025-05-01T09:30:00.000Z");
  assert.equal(await captureTime(path.join(dir, "a/scan.png")), undefined);
});

test("the template's `photos: []` becomes a list, sorted by capture time, photos without one last", async () => {
  const text = "---\ntitle: 标题\ndate: 2025-05-01\nsource: 办公室\n# 照片说明……\nphotos: []\n# 附件：\n# attachments:\n---\n\n正文。\n";
  await put("a/index.md", text);
  const r = await addPhotos(folder("a"));
  assert.deepEqual(
    r.added.map((p) => p.file),
    ["DSC 0002.jpg", "IMG_0003.JPG", "IMG_0001.JPG", "scan.png"],
  );
  const c = PHOTO_CAPTION_PLACEHOLDER;
  assert.equal(
    await fs.readFile(path.join(dir, "a/index.md"), "utf8"),
    `---\ntitle: 标题\ndate: 2025-05-01\nsource: 办公室\n# 照片说明……\nphotos:\n  - file: DSC 0002.jpg\n    caption: ${c}\n  - file: IMG_0003.JPG\n    caption: ${c}\n  - file: IMG_0001.JPG\n    caption: ${c}\n  - file: scan.png\n    caption: ${c}\n# 附件：\n# attachments:\n---\n\n正文。\n`,
  );
  assert.deepEqual((await addPhotos(folder("a"))).added, [], "a second run adds nothing");
});

test("an existing list is appended to (its indentation, CRLF and BOM kept); listed names in another case are not added again", async () => {
  const text = "\uFEFF---\r\ntitle: 标题\r\nphotos:\r\n- file: img_0001.jpg\r\n  caption: 已有说明\r\ncover: scan.png\r\ndate: 2025-05-01\r\n---\r\n正文\r\n";
  await put("b/index.md", text);
  await addPhotos(folder("b"));
  const c = PHOTO_CAPTION_PLACEHOLDER;
  assert.equal(
    await fs.readFile(path.join(dir, "b/index.md"), "utf8"),
    `\uFEFF---\r\ntitle: 标题\r\nphotos:\r\n- file: img_0001.jpg\r\n  caption: 已有说明\r\n- file: DSC 0002.jpg\r\n  caption: ${c}\r\n- file: IMG_0003.JPG\r\n  caption: ${c}\r\ncover: scan.png\r\ndate: 2025-05-01\r\n---\r\n正文\r\n`,
  );
});

test("no photos field: a list is added before the closing ---; the CLI reports what it added", async () => {
  await put("c/index.md", "---\ntitle: 标题\n---\n正文\n");
  const out = new PassThrough();
  let printed = "";
  out.on("data", (d) => (printed += String(d)));
  assert.equal(await runPhotosCli(["add", "c"], { stdout: out, stderr: out, cwd: dir }), 0);
  assert.match(await fs.readFile(path.join(dir, "c/index.md"), "utf8"), /^---\ntitle: 标题\nphotos:\n {2}- file: DSC 0002\.jpg\n/);
  assert.match(printed, /已在 c\/index\.md 的 photos 中添加 4 张照片/);
  assert.match(printed, /DSC 0002\.jpg {2}拍摄于 taken 2025-05-01 08:00/);
});

test("refusals name the fix and change nothing", async () => {
  const text = "---\ntitle: 标题\nphotos: [a.jpg]\n---\n正文\n";
  await put("d/index.md", text);
  const err = new PassThrough();
  let printed = "";
  err.on("data", (d) => (printed += String(d)));
  assert.equal(await runPhotosCli(["add", "d"], { stdout: err, stderr: err, cwd: dir }), 1);
  assert.match(printed, /未修改 Nothing changed: photos 写在了一行里/);
  assert.equal(await fs.readFile(path.join(dir, "d/index.md"), "utf8"), text);
  assert.equal(await runPhotosCli(["add", "nope"], { stdout: err, stderr: err, cwd: dir }), 1);
  assert.equal(await runPhotosCli(["list"], { stdout: err, stderr: err, cwd: dir }), 2);
});
