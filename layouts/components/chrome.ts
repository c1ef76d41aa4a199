/** Page chrome: header, main navigation, breadcrumb and footer. */
import { governmentWidgets } from "./widgets.ts";
import type { Column } from "../../lib/content/columns.ts";
import { SIMPLIFIED, traditionalEdition } from "../../lib/edition/edition.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import type { RenderContext } from "../context.ts";
import { IDENTITY_DIR } from "../../lib/images/identity-names.ts";
import { INFO_PAGES } from "../../lib/site/info-pages.ts";

export interface Crumb {
  name: string;
  url?: string;
}

/** 您现在的位置：首页 > 教育局 > 新闻中心 > 教育动态 > 正文 — every level but the last is a link. */
/** `tail`: the page's own name after the column trail, or further crumbs (the last one is the page). */
export function breadcrumb(ctx: RenderContext, column: Column | undefined, tail?: string | readonly Crumb[]): SafeHtml {
  const crumbs: Crumb[] = [{ name: ctx.columns.home, url: "/" }];
  for (const c of column?.trail ?? []) crumbs.push({ name: c.name, url: c.url });
  if (typeof tail === "string") crumbs.push({ name: tail });
  else if (tail) crumbs.push(...tail);
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

/**
 * The emblem beside the site's name (site.yaml `emblem`, made by lib/images/identity.ts into a
 * square of 48 CSS px at 1×/2×/3×), else the older `logo` path as given.
 */
function brandImage(ctx: RenderContext): SafeHtml {
  const site = ctx.site;
  if (site.emblem) {
    const src = (size: number) => ctx.url(`${IDENTITY_DIR}emblem-${size}.png`);
    return html`<img class="site-logo" src="${src(48)}" srcset="${src(96)} 2x, ${src(144)} 3x" alt="${site.emblem.alt}" width="48" height="48">`;
  }
  return site.logo ? html`<img class="site-logo" src="${ctx.url(site.logo)}" alt="" width="48" height="48">` : html``;
}

/**
 * On phones (header.css) the header is the identity plus 搜索 (a link to the search page) and
 * 菜单, a disclosure button (assets/js/site.js) for the reader tools and the main navigation.
 * Without JavaScript there is no collapsing: prefs.js marks <html class="js"> before first paint,
 * and only then does header.css fold the tools and the navigation away, so both stay on the page.
 */
export function header(ctx: RenderContext, current: Column | undefined, pageUrl: string): SafeHtml {
  const site = ctx.site;
  const active = (c: Column) => Boolean(current?.trail.includes(c));
  return html`<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header">
  <div class="container header-row">
    <a class="site-brand" href="${ctx.url("/")}">${brandImage(ctx)}<span class="site-name">${site.name}</span></a>
    <div class="header-quick">
      <a class="header-quick-link" href="${ctx.url("/search/")}">搜索</a>
      <button type="button" class="header-quick-link menu-toggle" aria-expanded="false" aria-controls="site-tools site-nav" data-menu-toggle>菜单</button>
    </div>
    <div class="header-tools" id="site-tools">
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
  <nav class="main-nav" id="site-nav" aria-label="主导航">
    <ul class="container">
      <li><a href="${ctx.url("/")}"${pageUrl === "/" ? html` aria-current="page"` : ""}>${ctx.columns.home}</a></li>
      ${ctx.view.nav.map((c) => html`<li><a href="${ctx.url(c.url)}"${active(c) ? html` class="active"` : ""}${current === c ? html` aria-current="page"` : ""}>${c.name}</a></li>`)}
    </ul>
  </nav>
</header>`;
}

/** 访问统计, the footer's last line: filled by assets/js/counter.js; until then, and whenever the service does not answer, its line is kept but shows nothing (site.css). */
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

/** 网站地图, 联系我们, 网站声明 (pages: layouts/pages/info.ts) and 我为政府网站找错 (site.yaml `jiucuoUrl`). */
function footerLinks(ctx: RenderContext): SafeHtml {
  const links: [string, string, boolean][] = [
    ...INFO_PAGES.filter((p) => p.available(ctx.site)).map((p): [string, string, boolean] => [p.name, ctx.url(p.url), false]),
    ...(ctx.site.jiucuoUrl ? [["我为政府网站找错", ctx.site.jiucuoUrl, true] as [string, string, boolean]] : []),
  ];
  return html`<nav class="footer-links" aria-label="网站服务"><ul>${links.map(([name, href, external]) => html`<li><a href="${href}"${external ? html` rel="noopener"` : ""}>${name}</a></li>`)}</ul></nav>`;
}

/** 党政机关标识 as a local image (site.yaml `badge`, made by lib/images/identity.ts), linked to the registration. */
function badge(ctx: RenderContext): SafeHtml {
  const b = ctx.site.badge;
  if (!b || ctx.site.widgets?.some((w) => w.kind === "党政机关标识")) return html``;
  const img = html`<img src="${ctx.url(`${IDENTITY_DIR}badge-58.png`)}" srcset="${ctx.url(`${IDENTITY_DIR}badge-116.png`)} 2x" width="58" height="70" alt="${b.alt}" loading="lazy" decoding="async">`;
  return html`
    <p class="widget-row"><span class="widget-slot widget-badge">${b.href ? html`<a href="${b.href}" rel="noopener">${img}</a>` : img}</span></p>`;
}

export function footer(ctx: RenderContext): SafeHtml {
  const s = ctx.site;
  const years = ctx.view.firstYear === ctx.view.lastYear ? `${ctx.view.lastYear}` : `${ctx.view.firstYear}-${ctx.view.lastYear}`;
  const line = (label: string, value: string) => (value ? html`<span>${label}：${value}</span>` : "");
  return html`<footer class="site-footer">
  <div class="container">
    ${footerLinks(ctx)}
    <p>${line("主办单位", s.owner)}${line("承办单位", s.operator)}</p>
    <p>${line("地址", s.address)}${line("邮编", s.postcode)}${line("电话", s.phone)}${s.email ? html`<span>邮箱：<a href="mailto:${s.email}">${s.email}</a></span>` : ""}</p>
    <p>${s.icp ? html`<a href="${s.icpUrl}" rel="noopener" target="_blank" translate="no">${s.icp}</a>` : ""}${
      s.police ? (s.policeUrl ? html`<a href="${s.policeUrl}" rel="noopener" target="_blank" translate="no">${s.police}</a>` : html`<span translate="no">${s.police}</span>`) : ""
    }${s.siteCode ? html`<span>政府网站标识码：<span translate="no">${s.siteCode}</span></span>` : ""}</p>
    <p>版权所有 © ${years} ${s.owner || s.name}</p>${badge(ctx)}${governmentWidgets(ctx)}${s.counter ? counterFigures() : ""}
  </div>
</footer>`;
}
