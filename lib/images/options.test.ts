import assert from "node:assert/strict";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { DEFAULT_IMAGE_OPTIONS, pixelFingerprint, resolveImageOptions, widthLadder } from "./options.ts";
import { formatDuration, formatProgress, terminalProgress } from "./progress.ts";
import type { Progress } from "./types.ts";

describe("options", () => {
  test("defaults", () => {
    const o = resolveImageOptions();
    assert.deepEqual(o.widths, [480, 720, 960, 1600]);
    assert.deepEqual(o.formats, ["webp", "jpeg"]);
    assert.deepEqual(o.quality, { avif: 50, webp: 75, jpeg: 80 });
    assert.equal(o.maxInputPixels, 100_000_000);
    assert.equal(o.cacheDir, path.resolve(".cache/images"));
    assert.equal(o.concurrency, os.availableParallelism());
    assert.ok(Object.isFrozen(DEFAULT_IMAGE_OPTIONS));
  });

  test("widths are sorted and de-duplicated, formats ordered avif → webp → jpeg, quality merged", () => {
    const o = resolveImageOptions({ widths: [1600, 480, 960, 480], formats: ["jpeg", "avif", "webp"], quality: { webp: 70 } });
    assert.deepEqual(o.widths, [480, 960, 1600]);
    assert.deepEqual(o.formats, ["avif", "webp", "jpeg"]);
    assert.deepEqual(o.quality, { avif: 50, webp: 70, jpeg: 80 });
  });

  test("nonsense is a programming error", () => {
    assert.throws(() => resolveImageOptions({ widths: [] }), /widths/);
    assert.throws(() => resolveImageOptions({ widths: [0.5] }), /widths/);
    assert.throws(() => resolveImageOptions({ formats: ["webp"] }), /jpeg/);
    assert.throws(() => resolveImageOptions({ formats: ["gif" as never, "jpeg"] }), /formats/);
    assert.throws(() => resolveImageOptions({ quality: { jpeg: 0 } }), /quality/);
    assert.throws(() => resolveImageOptions({ concurrency: 0 }), /concurrency/);
    assert.throws(() => resolveImageOptions({ maxInputPixels: -1 }), /maxInputPixels/);
  });

  test("width ladder never upscales; the photo's own width tops it", () => {
    const w = [480, 960, 1600];
    assert.deepEqual(widthLadder(5472, w), [480, 960, 1600]);
    assert.deepEqual(widthLadder(1600, w), [480, 960, 1600]);
    assert.deepEqual(widthLadder(1200, w), [480, 960, 1200]);
    assert.deepEqual(widthLadder(960, w), [480, 960]);
    assert.deepEqual(widthLadder(700, w), [480, 700]);
    assert.deepEqual(widthLadder(480, w), [480]);
    assert.deepEqual(widthLadder(300, w), [300]);
    assert.deepEqual(widthLadder(1, w), [1]);
  });

  test("fingerprint ignores order and non-pixel options", () => {
    const a = pixelFingerprint(resolveImageOptions({ widths: [480, 960, 1600], formats: ["webp", "jpeg"] }));
    const b = pixelFingerprint(resolveImageOptions({ widths: [1600, 960, 480], formats: ["jpeg", "webp"], concurrency: 3 }));
    assert.equal(a, b);
    assert.notEqual(a, pixelFingerprint(resolveImageOptions({ widths: [480, 960] })));
    assert.notEqual(a, pixelFingerprint(resolveImageOptions({ formats: ["avif", "webp", "jpeg"] })));
  });
});

const progress = (over: Partial<Progress>): Progress => ({
  total: 100,
  done: 0,
  cached: 0,
  processed: 0,
  failed: 0,
  toProcess: 100,
  scanned: 100,
  elapsedMs: 0,
  source: "/x.jpg",
  outcome: "processed",
  ...over,
});

describe("terminal progress", () => {
  test("formatting: done/total, rate, time left", () => {
    const line = formatProgress(progress({ done: 30, processed: 30, elapsedMs: 10_000 }));
    assert.match(line, /30\/100 \(30%\)/);
    assert.match(line, /3\.0 张\/秒 photos\/s/);
    assert.match(line, /剩余约 23 秒 ETA 23s/);
    assert.deepEqual(formatDuration(125_000), { zh: "2 分 05 秒", en: "2m05s" });
    assert.deepEqual(formatDuration(3_725_000), { zh: "1 小时 02 分", en: "1h02m" });
  });

  test("silent when five or fewer photos need processing", () => {
    const lines: string[] = [];
    const report = terminalProgress({ stream: { write: (s: string) => lines.push(s) } });
    for (let i = 1; i <= 5; i++) report(progress({ total: 400, done: i + 395, cached: 395, processed: i, toProcess: 5, elapsedMs: i * 1000 }));
    assert.deepEqual(lines, []);
  });

  test("not a TTY: one line per update, throttled to 10 % steps or 10 s, and a summary", () => {
    const lines: string[] = [];
    let clock = 0;
    const report = terminalProgress({ stream: { write: (s: string) => lines.push(s), isTTY: false }, now: () => clock });
    for (let i = 1; i <= 100; i++) {
      clock = i * 300; // a photo every 0.3 s
      report(progress({ done: i, processed: i, elapsedMs: clock }));
    }
    assert.ok(
      lines.every((l) => l.endsWith("\n") && !l.includes("\r")),
      "plain lines",
    );
    assert.ok(lines.length >= 10 && lines.length <= 13, `${lines.length} lines`);
    assert.match(lines[0]!, /^图片处理 images: 1\/100/);
    assert.match(lines.at(-1)!, /^图片处理完成 images done: 100 张（新处理 100，缓存 0，失败 0）/);
  });

  test("TTY: one redrawn line at most once a second, then the summary", () => {
    const out: string[] = [];
    let clock = 0;
    const report = terminalProgress({ stream: { write: (s: string) => out.push(s), isTTY: true }, now: () => clock });
    for (let i = 1; i <= 20; i++) {
      clock = i * 250;
      report(progress({ total: 20, toProcess: 20, done: i, processed: i, elapsedMs: clock }));
    }
    const redraws = out.filter((s) => s.startsWith("\r\x1b[K图片处理 images"));
    assert.ok(redraws.length >= 4 && redraws.length <= 6, `${redraws.length} redraws`);
    assert.match(out.at(-1)!, /^图片处理完成/);
  });
});
