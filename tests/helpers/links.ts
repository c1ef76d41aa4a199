/**
 * A small link extractor and checker for a built site: every URL a page, stylesheet, feed or
 * sitemap points at is resolved the way a static host would serve it (under the site's path
 * prefix) and looked up among the output files. No HTML parser: our layouts write attributes
 * with double quotes only (the escaping html`` tag), which the extractor relies on.
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export interface Ref {
  /** Output file the reference is in (relative, forward slashes). */
  from: string;
  /** Where it was found: href, src, srcset, action, data-bundle, og:image, json-ld, css url(), feed link… */
  kind: string;
  url: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'" };
export const decodeEntities = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e: string) => ENTITIES[e]!);

/** Every file below `dir`, relative with forward slashes, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** URLs in one HTML page: links, resources, srcset candidates, form actions, Open Graph and JSON-LD. */
export function extractHtmlRefs(html: string, from = ""): Ref[] {
  const refs: Ref[] = [];
  const body = html.replace(/<!--[\s\S]*?-->/g, "");
  for (const m of body.matchAll(/\s(href|src|action|poster|data-bundle)="([^"]*)"/g)) refs.push({ from, kind: m[1]!, url: decodeEntities(m[2]!) });
  for (const m of body.matchAll(/\s(srcset|imagesrcset)="([^"]*)"/g)) {
    for (const candidate of decodeEntities(m[2]!).split(",")) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url) refs.push({ from, kind: m[1]!, url });
    }
  }
  for (const m of body.matchAll(/<meta (?:property|name)="(og:url|og:image|Url)" content="([^"]*)">/g)) refs.push({ from, kind: m[1]!, url: decodeEntities(m[2]!) });
  for (const m of body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
    const walk = (v: unknown): void => {
      if (typeof v === "string" && /^https?:\/\//.test(v)) refs.push({ from, kind: "json-ld", url: v });
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(JSON.parse(m[1]!));
  }
  return refs;
}

/** url(...) references in a stylesheet. */
export function extractCssRefs(css: string, from = ""): Ref[] {
  return [...css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((m) => ({ from, kind: "css url()", url: m[2]!.trim() }));
}

/** Ids defined in a page (fragment targets). */
export const idsOf = (html: string): Set<string> => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decodeEntities(m[1]!)));

export interface SiteInfo {
  dir: string;
  /** e.g. https://jyj.example.gov.cn */
  baseUrl: string;
  /** e.g. "/" or "/sub/" */
  pathPrefix: string;
}

/** The public URL of an output file (index.html → its folder). */
export function urlOfFile(site: SiteInfo, rel: string): string {
  const base = site.baseUrl.replace(/\/+$/, "");
  return base + site.pathPrefix + rel.replace(/(^|\/)index\.html$/, "$1");
}

export type Resolved = { kind: "external" } | { kind: "outside-prefix"; pathname: string } | { kind: "file"; file: string; fragment: string };

/** Resolves a reference as the host would: own-origin URLs under the prefix map to output files. */
export function resolveRef(site: SiteInfo, ref: Ref): Resolved {
  const pageUrl = urlOfFile(site, ref.from);
  let u: URL;
  try {
    u = new URL(ref.url, pageUrl);
  } catch {
    return { kind: "outside-prefix", pathname: ref.url };
  }
  const own = new URL(site.baseUrl);
  if (u.origin !== own.origin || !/^https?:$/.test(u.protocol)) return { kind: "external" };
  if (!u.pathname.startsWith(site.pathPrefix)) return { kind: "outside-prefix", pathname: u.pathname };
  let file = decodeURIComponent(u.pathname.slice(site.pathPrefix.length));
  if (file === "" || file.endsWith("/")) file += "index.html";
  return { kind: "file", file, fragment: decodeURIComponent(u.hash.slice(1)) };
}

export interface Broken {
  ref: Ref;
  reason: string;
}

/**
 * Checks every reference in every HTML page and stylesheet, plus the given feed and sitemap
 * URLs. Fragments must name an id on the target page. Returns the broken ones.
 */
export async function checkLinks(site: SiteInfo, extra: Ref[] = [], options: { ignoreKinds?: string[] } = {}): Promise<{ checked: number; broken: Broken[] }> {
  const files = await listFiles(site.dir);
  const present = new Set(files);
  const refs: Ref[] = [...extra];
  const ids = new Map<string, Set<string>>();
  for (const f of files) {
    if (f.endsWith(".html")) {
      const html = await fs.readFile(path.join(site.dir, f), "utf8");
      ids.set(f, idsOf(html));
      refs.push(...extractHtmlRefs(html, f));
    } else if (f.endsWith(".css")) refs.push(...extractCssRefs(await fs.readFile(path.join(site.dir, f), "utf8"), f));
  }
  const broken: Broken[] = [];
  let checked = 0;
  for (const ref of refs) {
    if (options.ignoreKinds?.includes(ref.kind)) continue;
    if (/^(data|mailto|tel|javascript):/i.test(ref.url)) {
      if (/^javascript:/i.test(ref.url)) broken.push({ ref, reason: "javascript: URL" });
      continue;
    }
    const r = resolveRef(site, ref);
    if (r.kind === "external") continue;
    checked++;
    if (r.kind === "outside-prefix") {
      broken.push({ ref, reason: `points outside the path prefix ${site.pathPrefix}: ${r.pathname}` });
      continue;
    }
    // The Pagefind bundle is a folder the search script fetches from.
    if (ref.kind === "data-bundle") {
      if (!files.some((f) => f.startsWith(r.file.replace(/index\.html$/, "")))) broken.push({ ref, reason: `bundle folder ${r.file} is empty or missing` });
      continue;
    }
    if (!present.has(r.file)) {
      broken.push({ ref, reason: `no file ${r.file}` });
      continue;
    }
    if (r.fragment && r.file.endsWith(".html") && !ids.get(r.file)?.has(r.fragment)) broken.push({ ref, reason: `no id "${r.fragment}" in ${r.file}` });
  }
  return { checked, broken };
}

/** sha256 of every file below `dir`, keyed by relative path. */
export async function hashTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await listFiles(dir))
    out.set(
      f,
      createHash("sha256")
        .update(await fs.readFile(path.join(dir, f)))
        .digest("hex"),
    );
  return out;
}

/** The message of a failed "no broken reference" assertion: how many, and the first 30. */
export const brokenReport = (broken: readonly { ref: Ref; reason: string }[]): string =>
  `${broken.length} broken:\n${broken
    .slice(0, 30)
    .map((b) => `${b.ref.from} ${b.ref.kind}=${b.ref.url}: ${b.reason}`)
    .join("\n")}`;
