/**
 * The site's identity images, from site.yaml (issue #17): the emblem beside the site's name
 * (48/96/144 px squares), the favicon set (favicon.ico with 16/32/48 px PNGs inside, 32, 180 —
 * apple-touch-icon, on white —, 192 and 512 px PNGs and site.webmanifest), made from `favicon`
 * or else the emblem, and the 党政机关标识 `badge` (58×70 px slot at 1× and 2×). Every image is
 * fitted into its box (contain, transparent), so the layouts know each size without reading a file.
 *
 * Run by the image stage (./stage.ts): `makeIdentity` before rendering (problems are bilingual
 * ContentIssues naming site.yaml and the field), `writeIdentity` when the files are published.
 * Results are cached by source bytes under <cacheDir>/identity/, so an unchanged emblem is never
 * decoded again.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { ContentModel } from "../content/load.ts";
import { issue, type ContentIssue } from "../content/issues.ts";
import { EMBLEM_SIZES, FAVICON_ICO, FAVICON_PNGS, IDENTITY_DIR, WEB_MANIFEST } from "./identity-names.ts";

/** One output file: path relative to the site root, and its bytes. */
interface IdentityFile {
  name: string;
  bytes: Buffer;
}

export interface SiteIdentity {
  files: IdentityFile[];
}

const VERSION = "1";
const ICO_SIZES = [16, 32, 48];
const BADGE = { width: 58, height: 70 };

type Source = { field: string; file: string; abs: string };

const clear = { r: 0, g: 0, b: 0, alpha: 0 };

const png = (input: Buffer, width: number, height: number, background = clear): Promise<Buffer> =>
  sharp(input, { density: 300 })
    .resize(width, height, { fit: "contain", background })
    .flatten(background.alpha ? { background } : false)
    .png({ compressionLevel: 9 })
    .toBuffer();

/** An .ico holding PNG images (supported by every browser since IE 11). */
function ico(images: { size: number; bytes: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((img, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(img.size >= 256 ? 0 : img.size, at);
    header.writeUInt8(img.size >= 256 ? 0 : img.size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(img.bytes.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += img.bytes.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.bytes)]);
}

const dataDir = (model: Pick<ContentModel, "contentDir">) => path.join(model.contentDir, "_data");

async function files(model: Pick<ContentModel, "site" | "contentDir" | "root">, emblem: Buffer | undefined, favicon: Buffer | undefined, badge: Buffer | undefined): Promise<IdentityFile[]> {
  const out: IdentityFile[] = [];
  const dir = IDENTITY_DIR.replace(/^\/+/, "");
  if (emblem) for (const size of EMBLEM_SIZES) out.push({ name: `${dir}emblem-${size}.png`, bytes: await png(emblem, size, size) });
  if (badge) for (const scale of [1, 2]) out.push({ name: `${dir}badge-${BADGE.width * scale}.png`, bytes: await png(badge, BADGE.width * scale, BADGE.height * scale) });
  if (favicon) {
    const white = { r: 255, g: 255, b: 255, alpha: 1 };
    for (const { name, size } of FAVICON_PNGS) out.push({ name, bytes: await png(favicon, size, size, name === "apple-touch-icon.png" ? white : clear) });
    out.push({ name: FAVICON_ICO, bytes: ico(await Promise.all(ICO_SIZES.map(async (size) => ({ size, bytes: await png(favicon, size, size) })))) });
    const site = model.site;
    const start = site.pathPrefix;
    const manifest = {
      name: site.name,
      short_name: site.shortName ?? site.name,
      start_url: start,
      scope: start,
      display: "browser",
      background_color: "#ffffff",
      theme_color: "#a8071a",
      icons: [192, 512].map((size) => ({ src: `${start}icon-${size}.png`, sizes: `${size}x${size}`, type: "image/png" })),
    };
    out.push({ name: WEB_MANIFEST, bytes: Buffer.from(JSON.stringify(manifest, null, 2) + "\n") });
  }
  return out;
}

/** Reads and checks one source image; a problem becomes a bilingual issue on site.yaml's field. */
async function readSource(src: Source, relSite: string, root: string, issues: ContentIssue[]): Promise<Buffer | undefined> {
  const inRoot = !path.relative(root, src.abs).startsWith("..");
  const bytes = inRoot ? await fs.readFile(src.abs).catch(() => undefined) : undefined;
  if (!bytes) {
    issues.push(
      issue(
        "error",
        relSite,
        src.field,
        "identity-missing",
        `找不到 ${src.field} 的图片文件 “${src.file}”`,
        `${src.field}: image file not found: ${src.file}`,
        `把图片放进 content/_data/ 文件夹，并在 ${relSite} 的 ${src.field} 写文件名（相对于 content/_data/） / Put the image in content/_data/ and name it in ${src.field} (relative to content/_data/).`,
      ),
    );
    return undefined;
  }
  const meta = await sharp(bytes, { density: 72 })
    .metadata()
    .catch(() => undefined);
  if (!meta?.width || !meta.height || !["png", "jpeg", "webp", "svg", "gif", "avif"].includes(meta.format ?? "")) {
    issues.push(
      issue(
        "error",
        relSite,
        src.field,
        "identity-not-image",
        `${src.field} 的文件 “${src.file}” 不是图片`,
        `${src.field}: ${src.file} is not an image`,
        `用看图软件把它另存为 PNG（或换成 SVG、JPEG、WebP 图片），放在 content/_data/ 并改写 ${relSite} 的 ${src.field} / Save it as PNG (or use an SVG, JPEG or WebP image) in content/_data/ and name it in ${src.field}.`,
      ),
    );
    return undefined;
  }
  return bytes;
}

/** Makes the identity files (from the cache when the sources are unchanged). Issues are returned, never thrown. */
export async function makeIdentity(model: Pick<ContentModel, "site" | "contentDir" | "root">, cacheDir: string): Promise<{ identity: SiteIdentity; issues: ContentIssue[] }> {
  const site = model.site;
  const issues: ContentIssue[] = [];
  const relSite = path
    .relative(model.root, path.join(dataDir(model), "site.yaml"))
    .split(path.sep)
    .join("/");
  const source = (field: string, file: string | undefined): Source | undefined => (file ? { field, file, abs: path.resolve(dataDir(model), file) } : undefined);
  const wanted = { emblem: source("emblem.file", site.emblem?.file), favicon: source("favicon", site.favicon), badge: source("badge.file", site.badge?.file) };
  if (!wanted.emblem && !wanted.favicon && !wanted.badge) return { identity: { files: [] }, issues };
  const read = async (s: Source | undefined) => (s ? readSource(s, relSite, model.root, issues) : undefined);
  const [emblem, faviconOwn, badge] = [await read(wanted.emblem), await read(wanted.favicon), await read(wanted.badge)];
  if (issues.length) return { identity: { files: [] }, issues };
  const favicon = faviconOwn ?? emblem;
  const hash = crypto
    .createHash("sha256")
    .update(VERSION)
    .update(JSON.stringify([site.name, site.shortName, site.pathPrefix]));
  for (const b of [emblem, favicon, badge]) hash.update(b ? crypto.createHash("sha256").update(b).digest("hex") : "-");
  const dir = path.join(cacheDir, "identity", hash.digest("hex").slice(0, 32));
  const index = path.join(dir, "files.json");
  const cached = await fs.readFile(index, "utf8").then(
    (t) => JSON.parse(t) as string[],
    () => undefined,
  );
  if (cached) {
    const got = await Promise.all(cached.map(async (name) => ({ name, bytes: await fs.readFile(path.join(dir, name.replace(/\//g, "__"))).catch(() => undefined) })));
    if (got.every((f) => f.bytes)) return { identity: { files: got as IdentityFile[] }, issues };
  }
  const made = await files(model, emblem, favicon, badge);
  await fs.mkdir(dir, { recursive: true });
  for (const f of made) await fs.writeFile(path.join(dir, f.name.replace(/\//g, "__")), f.bytes);
  await fs.writeFile(index, JSON.stringify(made.map((f) => f.name)));
  return { identity: { files: made }, issues };
}

/** What `npm run check` reports about the identity images (missing, not an image), without making them. */
export async function identityIssues(model: Pick<ContentModel, "site" | "contentDir" | "root">): Promise<ContentIssue[]> {
  const issues: ContentIssue[] = [];
  const relSite = path
    .relative(model.root, path.join(dataDir(model), "site.yaml"))
    .split(path.sep)
    .join("/");
  const site = model.site;
  for (const [field, file] of [
    ["emblem.file", site.emblem?.file],
    ["favicon", site.favicon],
    ["badge.file", site.badge?.file],
  ] as const) {
    if (file) await readSource({ field, file, abs: path.resolve(dataDir(model), file) }, relSite, model.root, issues);
  }
  return issues;
}

/** Writes the identity files into the output folder. */
export async function writeIdentity(identity: SiteIdentity | undefined, outputDir: string): Promise<void> {
  for (const f of identity?.files ?? []) {
    const target = path.join(outputDir, ...f.name.split("/"));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, f.bytes);
  }
}
