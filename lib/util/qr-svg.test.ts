import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { readQr as decode } from "../../tests/helpers/qr.ts";
import { loadQrCache, qrSvg, saveQrCache } from "./qr-svg.ts";

test("qrSvg: decodes back to the text; an accessible name; no style attribute (CSP)", async () => {
  const url = "https://jyj.example.gov.cn/zh-hant/news/jydt/2024/qiangji-zhuhun/";
  const svg = qrSvg(url, "本页网址的二维码");
  assert.equal(await decode(svg), url);
  assert.match(svg, /^<svg class="qr-code" [^>]*role="img" aria-label="本页网址的二维码"/);
  assert.doesNotMatch(svg, /style=/);
  assert.equal(qrSvg(url, "本页网址的二维码"), svg, "the same text gives the same bytes");
});

test("the cache file: holds the codes asked for since the last save, and a later build reads them", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "qr-cache-"));
  try {
    const file = path.join(dir, "sub", "qr.json");
    await saveQrCache(path.join(dir, "before.json")); // what the earlier test asked for
    qrSvg("https://a.example/1/", "x");
    qrSvg("https://a.example/2/", "x");
    await saveQrCache(file);
    assert.deepEqual(Object.keys(JSON.parse(await fs.readFile(file, "utf8")) as object).sort(), ["https://a.example/1/", "https://a.example/2/"]);
    qrSvg("https://a.example/2/", "x");
    await saveQrCache(file);
    assert.deepEqual(Object.keys(JSON.parse(await fs.readFile(file, "utf8")) as object), ["https://a.example/2/"], "a URL no longer asked for drops out");

    // A cached entry is used instead of encoding: give a new URL the modules of another one.
    const stored = JSON.parse(await fs.readFile(file, "utf8")) as Record<string, [number, string]>;
    await fs.writeFile(file, JSON.stringify({ "https://a.example/never-encoded/": stored["https://a.example/2/"], "https://a.example/broken/": [21, "AAAA"] }));
    await loadQrCache(file);
    assert.equal(await decode(qrSvg("https://a.example/never-encoded/", "x")), "https://a.example/2/");
    assert.equal(await decode(qrSvg("https://a.example/broken/", "x")), "https://a.example/broken/", "a malformed entry is encoded again");
    await loadQrCache(path.join(dir, "missing.json"));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
