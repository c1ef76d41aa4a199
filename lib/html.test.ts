import assert from "node:assert/strict";
import { test } from "node:test";
import { attr, html, raw } from "./html.ts";

test("interpolated values are escaped; html and raw are not", () => {
  const evil = `<script>alert("x")</script>&'`;
  assert.equal(html`<p title="${evil}">${evil}</p>`.value, `<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>`);
  assert.equal(html`<div>${html`<b>${"<i>"}</b>`}${raw("<hr>")}</div>`.value, "<div><b>&lt;i&gt;</b><hr></div>");
  assert.equal(html`${["<a>", html`<b></b>`]}${null}${undefined}${false}${0}`.value, "&lt;a&gt;<b></b>0");
  assert.equal(html`<i${attr("hidden", true)}${attr("title", 'a"b')}${attr("x", false)}>`.value, '<i hidden title="a&quot;b">');
});
