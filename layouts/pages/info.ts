/**
 * The footer's information pages (lib/site/info-pages.ts): 网站地图 — every column as a nested
 * list of links, for people —, 联系我们 from site.yaml's identity fields (the telephone number with
 * non-breaking hyphens, so it never breaks across lines), and 网站声明 from
 * site.yaml `statement` (plain text, paragraphs separated by blank lines; escaped, never HTML).
 */
import type { Column } from "../../lib/content/columns.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import type { InfoPage } from "../../lib/site/info-pages.ts";
import { TAGS_URL } from "../../lib/site/tags.ts";
import { basePage } from "../base.ts";
import { breadcrumb } from "../components/chrome.ts";
import type { RenderContext } from "../context.ts";

function columnTree(ctx: RenderContext, columns: readonly Column[], depth: number): SafeHtml {
  return html`<ul class="site-map-level site-map-level-${depth}">${columns.map(
    (c) => html`<li><a href="${ctx.url(c.url)}">${c.name}</a>${c.children.length ? columnTree(ctx, c.children, depth + 1) : ""}</li>`,
  )}</ul>`;
}

function siteMap(ctx: RenderContext): SafeHtml {
  return html`<p>本站栏目一览，点击栏目名称进入。</p>
<div class="site-map">
<ul class="site-map-level site-map-level-0"><li><a href="${ctx.url("/")}">${ctx.columns.home}</a>${columnTree(ctx, ctx.columns.roots, 1)}</li></ul>
</div>
${ctx.view.tags.all.length ? html`<p class="site-map-tags">按主题查看文章：<a href="${ctx.url(TAGS_URL)}">全部标签</a></p>` : ""}
<p class="site-map-search">找不到要看的信息时，请用 <a href="${ctx.url("/search/")}">站内搜索</a></p>`;
}

function contact(ctx: RenderContext): SafeHtml {
  const s = ctx.site;
  const row = (label: string, value: SafeHtml | string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<dl class="contact-list">${[
    s.owner ? row("单位名称", s.owner) : "",
    s.address ? row("通信地址", s.address) : "",
    s.postcode ? row("邮政编码", s.postcode) : "",
    s.phone ? row("联系电话", html`<a href="tel:${s.phone.replace(/[^\d+]/g, "")}">${s.phone.replace(/-/g, "\u2011")}</a>`) : "",
    s.email ? row("电子邮箱", html`<a href="mailto:${s.email}">${s.email}</a>`) : "",
  ]}</dl>`;
}

function statement(ctx: RenderContext): SafeHtml {
  const paragraphs = (ctx.site.statement ?? "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return html`<div class="statement">${paragraphs.map((p) => html`<p>${p}</p>`)}</div>`;
}

export function infoPage(ctx: RenderContext, page: InfoPage): string {
  const body = page.key === "sitemap" ? siteMap(ctx) : page.key === "contact" ? contact(ctx) : statement(ctx);
  const main = html`<div class="container narrow info-page">
${breadcrumb(ctx, undefined, page.name)}
<h1 class="column-title">${page.name}</h1>
${body}
</div>`;
  return basePage(ctx, { title: page.name, url: page.url, noindex: page.key === "sitemap" }, main);
}
