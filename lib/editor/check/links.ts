/**
 * `npm run check`, links in article bodies: site-absolute links point at a page, feed or attachment
 * of the site; relative links to files exist in the article's folder and are published (listed as
 * attachments); Markdown images are reported (photos belong in the `photos` field).
 */
import fs from "node:fs/promises";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { issue, type ContentIssue } from "../../content/issues.ts";
import type { Article, ContentModel } from "../../content/model.ts";
import { resolveInside } from "../../content/paths.ts";
import { buildView } from "../../site/view.ts";
import { kindPageUrls } from "../../render/page-kinds.ts";
import { mapLimit } from "../../util/pool.ts";
import { HANT_DIR } from "../../edition/edition.ts";

/** Folder of the 繁體 edition in site paths. */
const HANT_PREFIX = `/${HANT_DIR}/`;

const md = new MarkdownIt({ html: false, linkify: true });

interface BodyRef {
  href: string;
  /** 0-based line within the body. */
  line: number;
  image: boolean;
}

/** Links and images of a Markdown body, with their lines (links inside code are not links). */
function extractLinks(body: string): BodyRef[] {
  if (!body.includes("](") && !body.includes("]:") && !body.includes("<")) return [];
  const refs: BodyRef[] = [];
  let blockLine = 0;
  for (const token of md.parse(body, {})) {
    if (token.map) blockLine = token.map[0];
    if (token.type !== "inline" || !token.children) continue;
    let offset = 0;
    for (const child of token.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") offset++;
      else if (child.type === "link_open") refs.push({ href: String(child.attrGet("href") ?? ""), line: blockLine + offset, image: false });
      else if (child.type === "image") refs.push({ href: String(child.attrGet("src") ?? ""), line: blockLine + offset, image: true });
      else if (child.type === "text" || child.type === "code_inline") offset += (child.content.match(/\n/g) ?? []).length;
    }
  }
  return refs;
}

interface KnownUrls {
  /** Published pages, feeds and attachments (decoded, without path prefix). */
  published: Set<string>;
  /** URLs of drafts and scheduled articles: they appear later, or never. */
  unpublished: Map<string, Article>;
  baseHost: string;
  prefix: string;
  traditional: boolean;
}

function knownUrls(model: ContentModel): KnownUrls {
  const published = new Set<string>(["/", "/search/", "/feed.xml", "/sitemap.xml", "/robots.txt", "/404.html"]);
  const view = buildView(model);
  for (const url of kindPageUrls({ model, view })) published.add(url);
  for (const c of model.columns.leaves) published.add(`${c.url}feed.xml`);
  for (const a of model.articles) {
    published.add(a.url);
    for (const f of a.attachments) published.add(a.url + f.file);
  }
  const unpublished = new Map<string, Article>();
  for (const a of model.all.values()) if (!published.has(a.url)) unpublished.set(a.url, a);
  let baseHost = "";
  try {
    baseHost = new URL(model.site.baseUrl).host.toLowerCase();
  } catch {
    // reported by loadContent
  }
  return { published, unpublished, baseHost, prefix: model.site.pathPrefix, traditional: model.site.traditional.enabled };
}

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export async function checkBodies(model: ContentModel, packageRoot: string): Promise<ContentIssue[]> {
  const known = knownUrls(model);
  const found: ContentIssue[] = [];
  const assetCache = new Map<string, Promise<boolean>>();
  const assetExists = (p: string) => {
    let hit = assetCache.get(p);
    if (!hit) {
      const file = resolveInside(path.join(packageRoot, "assets"), p);
      hit = file ? isFile(file) : Promise.resolve(false);
      assetCache.set(p, hit);
    }
    return hit;
  };

  await mapLimit([...model.all.values()], 32, async (a) => {
    for (const ref of extractLinks(a.body)) {
      const line = a.bodyLine + ref.line;
      const href = ref.href.trim();
      if (ref.image) {
        // A local name is an inline photo, validated with the article (lib/content/inline-photos.ts).
        // A remote one is refused: it is shown as its words only (lib/markdown/inline-photos.ts).
        if (!href || !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) continue;
        found.push(
          issue(
            "warning",
            a.file,
            "body",
            "remote-image",
            `正文中插入的外部图片 “${decode(href)}” 不会显示（网站不加载其他网站的图片），只显示方括号里的文字`,
            `the remote image "${decode(href)}" is not shown (the site loads no images from other sites): only its alt text is`,
            "把图片下载后放进文章文件夹，写成 ![图片说明](文件名.JPG) / Save the photo into the article's folder and write ![说明](file name).",
            line,
          ),
        );
        continue;
      }
      const problem = await checkHref(href, a, known, assetExists);
      if (problem) found.push(issue(problem.severity, a.file, "body", problem.code, problem.zh, problem.en, problem.fix, line));
    }
  });
  return found;
}

/**
 * 政务公开 (issue #14): the link of a repealed or expired document's 替代文件 (its successor) must
 * open, like a link in the body: a site path or this site's own address is checked against the
 * site's pages; other sites' addresses are not fetched.
 */
export async function checkReplacedBy(model: ContentModel, packageRoot: string): Promise<ContentIssue[]> {
  const docs = [...model.all.values()].filter((a) => a.gov?.replacedBy?.url);
  if (!docs.length) return [];
  const known = knownUrls(model);
  const found: ContentIssue[] = [];
  const assetExists = (p: string) => {
    const file = resolveInside(path.join(packageRoot, "assets"), p);
    return file ? isFile(file) : Promise.resolve(false);
  };
  for (const a of docs) {
    const href = a.gov!.replacedBy!.url;
    const problem = await checkHref(href, a, known, assetExists);
    if (problem) found.push(issue(problem.severity, a.file, "replacedBy", problem.code, `替代文件（replacedBy）的${problem.zh}`, `替代文件 (replacedBy): ${problem.en}`, problem.fix));
  }
  return found;
}

type LinkProblem = Pick<ContentIssue, "severity" | "code" | "zh" | "en" | "fix">;

async function checkHref(href: string, a: Article, known: KnownUrls, assetExists: (p: string) => Promise<boolean>): Promise<LinkProblem | undefined> {
  if (!href || href.startsWith("#")) return undefined;
  let sitePath: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) {
    // External, unless it names this site's own address.
    let url: URL;
    try {
      url = new URL(href.startsWith("//") ? `https:${href}` : href);
    } catch {
      return undefined;
    }
    if (!/^https?:$/.test(url.protocol) || !known.baseHost || url.host.toLowerCase() !== known.baseHost) return undefined;
    if (!url.pathname.startsWith(known.prefix)) return broken(href, url.pathname);
    sitePath = "/" + url.pathname.slice(known.prefix.length);
  } else if (href.startsWith("/")) {
    sitePath = href.replace(/[?#].*$/, "");
  } else {
    // Relative: resolved against the article's own URL, where its attachments are published.
    const resolved = new URL(href, `https://site.invalid${a.url}`).pathname;
    if (resolved.startsWith(a.url)) return checkOwnFile(href, decode(resolved.slice(a.url.length)), a);
    sitePath = resolved;
  }
  const p = decode(sitePath);
  if (isKnown(p, known.published)) return undefined;
  if (known.traditional && p.startsWith(HANT_PREFIX) && isKnown(p.slice(HANT_PREFIX.length - 1), known.published)) return undefined;
  if (p.startsWith("/assets/") && (await assetExists(p.slice("/assets/".length)))) return undefined;
  if (p.startsWith("/img/") || p.startsWith("/pagefind/") || /^\/sitemap-\d+\.xml$/.test(p)) return undefined;
  const draft = lookup(p, known.unpublished);
  if (draft) {
    const why = draft.draft ? "草稿（draft: true）" : `定时发布的文章（${draft.day} 才发布）`;
    return {
      severity: "warning",
      code: "link-to-unpublished",
      zh: `链接 ${href} 指向${why}：${draft.file}，该文章发布前这个链接打不开`,
      en: `link ${href} points at ${draft.draft ? "a draft" : `an article scheduled for ${draft.day}`} (${draft.file}); it is broken until that article is published`,
      fix: "确认该文章会先于或同时发布，否则暂时删除链接 / Make sure that article is published first, or remove the link for now.",
    };
  }
  return broken(href, p);
}

function isKnown(p: string, set: ReadonlySet<string>): boolean {
  const clean = p.replace(/index\.html$/, "");
  return set.has(clean) || (!clean.endsWith("/") && !/\.[a-z0-9]+$/i.test(clean) && set.has(`${clean}/`));
}

function lookup<T>(p: string, map: ReadonlyMap<string, T>): T | undefined {
  const clean = p.replace(/index\.html$/, "");
  return map.get(clean) ?? (clean.endsWith("/") ? undefined : map.get(`${clean}/`));
}

function broken(href: string, p: string): LinkProblem {
  return {
    severity: "error",
    code: "broken-link",
    zh: `站内链接 ${href} 打不开：网站上没有 ${p} 这个网址`,
    en: `internal link ${href} is broken: the site has no page ${p}`,
    fix: "从浏览器地址栏复制正确的网址（只写 / 之后的部分，如 /news/jydt/2024/qiangji-zhuhun/），或删除该链接 / Copy the page's address from the browser (the part from /) or remove the link.",
  };
}

async function checkOwnFile(href: string, file: string, a: Article): Promise<LinkProblem | undefined> {
  if (file === "" || file === "index.html") return undefined;
  if (a.attachments.some((f) => f.file === file)) return undefined;
  const abs = resolveInside(a.folder, file);
  if (!abs || !(await isFile(abs))) {
    return {
      severity: "error",
      code: "missing-link-file",
      zh: `正文链接的文件 “${file}” 在文章文件夹中不存在`,
      en: `the linked file "${file}" is not in the article's folder`,
      fix: "把文件放进文章文件夹并核对文件名（大小写、扩展名须完全一致），再把它列入 attachments / Put the file next to the article (exact name) and list it under `attachments`.",
    };
  }
  return {
    severity: "error",
    code: "unlisted-link-file",
    zh: `正文链接了 “${file}”，但它没有列在 attachments 中，网站上不会发布，链接打不开`,
    en: `the body links to "${file}", which is not listed under attachments, so it is not published`,
    fix: `在 front matter 的 attachments 中加上：- file: ${file} / Add it under \`attachments\`.`,
  };
}

const isFile = (p: string): Promise<boolean> =>
  fs.stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
