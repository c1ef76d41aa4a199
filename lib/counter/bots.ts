/**
 * Views that are not readers: crawlers, link previewers, monitoring, scripted clients and
 * browser prefetches. They are answered like any view (nothing tells a bot it was spotted) but
 * never counted.
 */

// Substrings (lower case) of user agents that are not people reading a page. Chinese search
// engines and app previewers first, then the general ones.
const BOT_WORDS = [
  "bot",
  "spider",
  "crawl",
  "slurp",
  "baiduspider",
  "yisouspider",
  "sogou",
  "360spider",
  "haosouspider",
  "bytespider",
  "petalbot",
  "yandex",
  "bingpreview",
  "mediapartners",
  "adsbot",
  "facebookexternalhit",
  "embedly",
  "quora link preview",
  "whatsapp",
  "telegram",
  "skypeuripreview",
  "headlesschrome",
  "phantomjs",
  "puppeteer",
  "playwright",
  "selenium",
  "lighthouse",
  "pagespeed",
  "gtmetrix",
  "pingdom",
  "uptime",
  "monitor",
  "statuscake",
  "curl/",
  "wget/",
  "python-requests",
  "python-urllib",
  "aiohttp",
  "httpx",
  "go-http-client",
  "java/",
  "okhttp",
  "libwww",
  "lwp::",
  "node-fetch",
  "undici",
  "axios/",
  "postman",
  "insomnia",
  "scrapy",
  "httpclient",
  "feedfetcher",
  "rss",
  "archive.org",
  "ia_archiver",
  "apache-httpclient",
  "autocannon",
];
const BOT_RE = new RegExp(BOT_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|"), "i");

export interface ClientHints {
  userAgent: string | undefined;
  /** `Sec-Purpose` / `Purpose` header: "prefetch" (Chromium) or "preview". */
  purpose?: string | undefined;
}

export function isBot({ userAgent, purpose }: ClientHints): boolean {
  if (purpose && /prefetch|prerender|preview/i.test(purpose)) return true;
  const ua = (userAgent ?? "").trim();
  // Every browser sends a user agent starting with Mozilla/ (or Opera/); anything short or bare is a tool.
  if (ua.length < 20 || !/^(mozilla|opera)\//i.test(ua)) return true;
  return BOT_RE.test(ua);
}
