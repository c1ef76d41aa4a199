import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeText } from "./encoding.ts";

test("UTF-8 with BOM and CRLF is accepted and normalised", () => {
  const d = decodeText(new Uint8Array(Buffer.from("\ufeff---\r\ntitle: 中文\r\n---\r\n", "utf8")));
  assert.deepEqual(d, { ok: true, text: "---\ntitle: 中文\n---\n", hadBom: true, hadCrlf: true });
});

test("GB18030 from a Windows editor is detected", () => {
  const gbk = new Uint8Array(Buffer.from("b1eacce23a20d6d0cec4", "hex")); // "标题: 中文"
  assert.deepEqual(decodeText(gbk), { ok: false, encoding: "gb18030" });
});

test("UTF-16 is detected by its BOM", () => {
  assert.deepEqual(decodeText(new Uint8Array([0xff, 0xfe, 0x2d, 0x00])), { ok: false, encoding: "utf-16" });
});
