/**
 * The HTTP response headers the portal is meant to be served with — the one source for the
 * `_headers` file written into the output (Netlify / Cloudflare Pages), deploy/nginx.conf (kept
 * equal by tests/build/publishing.test.ts) and the browser tests' static server.
 *
 * The CSP allows nothing inline: layouts emit no inline script or style (JSON-LD is a data block,
 * which CSP does not govern), and Pagefind's WebAssembly needs only 'wasm-unsafe-eval'.
 */

import { widgetSources, type Widget } from "../content/widgets.ts";

export const CSP_DIRECTIVES: readonly (readonly [string, ...string[]])[] = [
  ["default-src", "'self'"],
  ["script-src", "'self'", "'wasm-unsafe-eval'"],
  ["style-src", "'self'"],
  ["img-src", "'self'", "data:"],
  ["font-src", "'self'"],
  ["connect-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'self'"],
  ["form-action", "'self'"],
  ["frame-ancestors", "'none'"],
  ["upgrade-insecure-requests"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map((d) => d.join(" ")).join("; ");

/** Sent with every response. Order is the order written to _headers and nginx.conf. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // Only features Chromium recognises (an unknown one is logged as a console error).
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  // For browsers without CSP frame-ancestors.
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  // No includeSubDomains: other hosts under a bureau's domain may still be plain HTTP.
  "Strict-Transport-Security": "max-age=31536000",
});

/**
 * The origin the view-counter script (assets/js/counter.js) connects to, when `counter.url` in
 * site.yaml is an absolute URL on another origin than the site's; undefined when the counter is
 * unset or on the site's own origin (a path such as /api/counter/), which 'self' already allows.
 */
export function counterConnectOrigin(site: { baseUrl: string; counter?: { url: string } | undefined }): string | undefined {
  const url = site.counter?.url;
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  const origin = new URL(url).origin;
  return origin === new URL(site.baseUrl).origin ? undefined : origin;
}

/**
 * The CSP with extra connect-src sources (the counter's origin) and the government widgets'
 * sources (lib/content/widgets.ts: script-src, img-src, connect-src); without any, CONTENT_SECURITY_POLICY.
 */
export function contentSecurityPolicy(connect: readonly string[] = [], widgets: Partial<ReturnType<typeof widgetSources>> = {}): string {
  const extra: Record<string, readonly string[]> = {
    "script-src": widgets.script ?? [],
    "img-src": widgets.img ?? [],
    "connect-src": [...connect, ...(widgets.connect ?? []).filter((o) => !connect.includes(o))],
  };
  return CSP_DIRECTIVES.map((d) => [...d, ...(extra[d[0]] ?? [])].join(" ")).join("; ");
}

/** What securityHeaders reads of the site settings. */
type HeaderSite = { baseUrl: string; counter?: { url: string } | undefined; widgets?: readonly Widget[] | undefined };

/**
 * SECURITY_HEADERS for a site: the CSP's connect-src also allows the counter's origin when it is
 * another one, and the government widgets listed in site.yaml add exactly their origins.
 */
export function securityHeaders(site?: HeaderSite): Record<string, string> {
  const origin = site ? counterConnectOrigin(site) : undefined;
  const widgets = widgetSources(site?.widgets);
  const any = origin || widgets.script.length || widgets.img.length || widgets.connect.length;
  return any ? { ...SECURITY_HEADERS, "Content-Security-Policy": contentSecurityPolicy(origin ? [origin] : [], widgets) } : { ...SECURITY_HEADERS };
}

/**
 * The security headers as nginx `add_header` lines (deploy/nginx.conf holds them for a site
 * without widgets; `npm run nginx-headers` prints them for a site's own settings): the same
 * source as `_headers`.
 */
export function nginxHeaderLines(site?: HeaderSite): string {
  return Object.entries(securityHeaders(site))
    .map(([k, v]) => `    add_header ${k} "${v}" always;`)
    .join("\n");
}

/**
 * Cache-Control per output folder (paths relative to the site root, without the path prefix).
 * Image variant names are content hashes, so they never change: immutable. Assets keep their
 * names across releases (site.css?v=N is bumped by hand, scripts are not versioned): one hour.
 * Pagefind's entry file is not content-addressed and must match its index chunks: revalidate.
 */
export const CACHE_RULES: readonly { folder: string; value: string }[] = [
  { folder: "img/", value: "public, max-age=31536000, immutable" },
  { folder: "assets/", value: "public, max-age=3600" },
  { folder: "pagefind/", value: "no-cache" },
];

/**
 * The `_headers` file (Netlify / Cloudflare Pages syntax). The "/*" block carries the security
 * headers (tests/helpers/browser.ts readHeaders() parses exactly that block); the cache blocks
 * use URL paths, so they carry the site's path prefix.
 */
export function headersFile(pathPrefix = "/", site?: HeaderSite): string {
  const lines = ["# Generated by lib/feeds/headers.ts — the same headers as deploy/nginx.conf. Do not edit here.", "/*", ...Object.entries(securityHeaders(site)).map(([k, v]) => `  ${k}: ${v}`)];
  for (const rule of CACHE_RULES) lines.push(`${pathPrefix}${rule.folder}*`, `  Cache-Control: ${rule.value}`);
  return lines.join("\n") + "\n";
}
