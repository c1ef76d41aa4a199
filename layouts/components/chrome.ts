/** Page chrome: header, main navigation, breadcrumb and footer. */
import { governmentWidgets } from "./widgets.ts";
import type { Column } from "../../lib/content/columns.ts";
import { SIMPLIFIED, traditionalEdition } from "../../lib/edition/edition.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import type { RenderContext } from "../context.ts";

export interface Crumb {
  name: string;
  url?: string;
}

/** 您现在的位置：首页 > 教育局 > 新闻中心 > 教育动态 > 正文 — every level but the last is a link. */
export function breadcrumb(ctx: RenderContext, column: Column | undefined, tail?: string): SafeHtml {
  const crumbs: Crumb[] = [{ name: ctx.columns.home, url: "/" }];
  for (const c of column?.trail ?? []) crumbs.push({ name: c.name, url: c.url });
  if (tail) crumbs.push({ name: tail });
  const last = crumbs.length - 1;
  return html`<nav class="breadcrumb" aria-label="当前位置"><span class="breadcrumb-label">您现在的位置：</span><ol>${crumbs.map(
    (c, i) => html`<li>${i === last ? html`<span aria-current="page">${c.name}</span>` : html`<a href="${ctx.url(c.url!)}">${c.name}</a>`}</li>`,
  )}</ol></nav>`;
}

/** The link to the same page in the other edition; its label is in that edition's script, so it is never converted. */
function editionSwitch(ctx: RenderContext, pageUrl: string): SafeHtml {
  return ctx.edition.code === "zh-CN"
    ? html`<a class="edition-link" data-edition-link href="${ctx.urlIn(traditionalEdition(ctx.site.traditional.variant), pageUrl)}" lang="zh-Hant" hreflang="zh-Hant">繁體</a>`
    : html`<a class="edition-link" data-edition-link href="${ctx.urlIn(SIMPLIFIED, pageUrl)}" lang="zh-Hans" hreflang="zh-Hans" translate="no">简体</a>`;
}

export function header(ctx: RenderContext, current: Column | undefined, pageUrl: string): SafeHtml {
  const site = ctx.site;
  const active = (c: Column) => Boolean(current?.trail.includes(c));
  return html`<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header">
  <div class="container header-row">
    <a class="site-brand" href="${ctx.url("/")}">${site.logo ? html`<img class="site-logo" src="${ctx.url(site.logo)}" alt="" width="48" height="48">` : ""}<span class="site-name">${site.name}</span></a>
    <div class="header-tools">
      <form class="search-form" role="search" aria-label="站内搜索" action="${ctx.url("/search/")}" method="get">
        <label for="site-search-q" class="visually-hidden">站内搜索</label>
        <input id="site-search-q" name="q" type="search" placeholder="请输入关键词" autocomplete="off">
        <button type="submit">搜索</button>
      </form>
      <ul class="reader-tools" aria-label="阅读辅助">
        ${site.traditional.enabled ? html`<li>${editionSwitch(ctx, pageUrl)}</li>` : ""}
        <li><button type="button" class="tool-button" data-care-toggle aria-pressed="false" hidden>关怀版</button></li>
        <li data-font-tools hidden><div class="font-size-tools" role="group" aria-labelledby="font-size-label"><span id="font-size-label">字号</span>
          <button type="button" class="tool-button" data-font-size="large" aria-pressed="false">大</button>
          <button type="button" class="tool-button" data-font-size="medium" aria-pressed="true">中</button>
          <button type="button" class="tool-button" data-font-size="small" aria-pressed="false">小</button>
        </div></li>
      </ul>
    </div>
  </div>
  <nav class="main-nav" aria-label="主导航">
    <ul class="container">
      <li><a href="${ctx.url("/")}"${pageUrl === "/" ? html` aria-current="page"` : ""}>${ctx.columns.home}</a></li>
      ${ctx.view.nav.map((c) => html`<li><a href="${ctx.url(c.url)}"${active(c) ? html` class="active"` : ""}${current === c ? html` aria-current="page"` : ""}>${c.name}</a></li>`)}
    </ul>
  </nav>
</header>`;
}

/** 访问统计, the footer's last line (nothing below it to push): filled by assets/js/counter.js, hidden until then and whenever the service does not answer. */
function counterFigures(): SafeHtml {
  const figures: [string, string][] = [
    ["昨天访问", "yesterday"],
    ["今天访问", "today"],
    ["本月访问", "month"],
    ["上月访问", "lastMonth"],
    ["访问总数", "total"],
  ];
  return html`\n    <p class="counter-site" data-counter-site hidden>${figures.map(
    ([label, key], i) => html`${i ? html`<span aria-hidden="true">|</span>` : ""}<span>${label} <span data-counter-value="${key}"></span></span>`,
  )}</p>`;
}

export function footer(ctx: RenderContext): SafeHtml {
  const s = ctx.site;
  const years = ctx.view.firstYear === ctx.view.lastYear ? `${ctx.view.lastYear}` : `${ctx.view.firstYear}-${ctx.view.lastYear}`;
  const line = (label: string, value: string) => (value ? html`<span>${label}：${value}</span>` : "");
  return html`<footer class="site-footer">
  <div class="container">
    <p>${line("主办单位", s.owner)}${line("承办单位", s.operator)}</p>
    <p>${line("地址", s.address)}${line("邮编", s.postcode)}${line("电话", s.phone)}${s.email ? html`<span>邮箱：<a href="mailto:${s.email}">${s.email}</a></span>` : ""}</p>
    <p>${s.icp ? html`<a href="${s.icpUrl}" rel="noopener" target="_blank" translate="no">${s.icp}</a>` : ""}${
      s.police ? (s.policeUrl ? html`<a href="${s.policeUrl}" rel="noopener" target="_blank" translate="no">${s.police}</a>` : html`<span translate="no">${s.police}</span>`) : ""
    }${line("政府网站标识码", s.siteCode)}</p>
    <p>版权所有 © ${years} ${s.owner || s.name}</p>${governmentWidgets(ctx)}${s.counter ? counterFigures() : ""}
  </div>
</footer>`;
}
