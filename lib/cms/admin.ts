/**
 * The browser editor served by the site itself under /admin/: the admin page, Decap CMS's pinned
 * bundle copied from node_modules (never a CDN: it must work on an intranet and under the CSP),
 * the generated config.yml and the project's script (preview, 信息来源 field, slug rule).
 * Decap's bundle is built from npm's decap-cms-app with patches/ applied (lib/cms/decap-bundle.ts).
 *
 *   writeAdmin(outputDir, input)   → <outputDir>/admin/{index.html, config.yml, portal-cms.js, cms-preview.css, admin.css, decap/decap-cms.js(.LEGAL.txt)}
 *
 * Used by the build (when content/_data/cms.yaml exists) and by `npm run cms` (local mode).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { decodeText } from "../content/encoding.ts";
import { articleColumns, cmsConfig, cmsConfigYaml, CmsSettingsSchema, type CmsConfigInput, type CmsSettings } from "./config.ts";
import { escapeHtml } from "../html.ts";
import { linkOrCopy } from "../util/link-or-copy.ts";
import { decapBundle, decapVersion } from "./decap-bundle.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));

let bundled: Promise<string> | undefined;

/** lib/cms/browser/admin.ts bundled for the browser (esbuild; node: built-ins the slug code never calls are stubbed). */
export function adminScript(): Promise<string> {
  bundled ??= (async () => {
    const esbuild = await import("esbuild");
    const result = await esbuild.build({
      entryPoints: [path.join(HERE, "browser", "admin.ts")],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: ["chrome100", "firefox100", "safari15"],
      minify: true,
      legalComments: "none",
      charset: "utf8",
      plugins: [
        {
          name: "node-builtins-stub",
          setup(build) {
            build.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "node-stub" }));
            build.onLoad({ filter: /.*/, namespace: "node-stub" }, () => ({ contents: "module.exports = {};", loader: "js" }));
          },
        },
      ],
    });
    return result.outputFiles[0]!.text;
  })();
  return bundled;
}

/** Small CSS for the preview frame (the portal's own CSS does the rest). */
export const PREVIEW_CSS = `/* lib/cms/admin.ts: the preview frame has no page chrome around the article. */
body { margin: 0; background: #fff; }
.cms-preview { padding: 16px 0; }
`;

/**
 * Colour fixes for Decap's own screens (axe: text below 4.5:1). Decap styles with emotion, whose
 * class names carry the component's name (stable for the pinned version): #798291/#7b8290 grey
 * → #4f5663 (7.1:1 on white, 6.3:1 on #eff0f4), the publish button's #17a2b8 → #0e7080, the
 * "unsaved" badge's #ff003b → #c8002c. A field label's colour change on focus is not animated:
 * half-way through it is grey on blue (2.9:1), and a reader (or axe) can meet it there.
 */
export const ADMIN_CSS = `/* lib/cms/admin.ts — contrast fixes for Decap CMS ${decapVersion()} */
[class*="-ButtonText"], [class*="-AppHeaderButton"], [class*="-AppHeaderSiteLink"],
[class*="-SidebarNavLink"]:not([aria-current="page"]), [class*="-CollectionTopDescription"], [class*="-LoaderItem"],
[class*="-StyledDropdownButton"][class*="-default"]:not([class*="-DropdownButton"]):not([class*="-AppHeaderQuickNewButton"]) { color: #4f5663 !important; }
[class*="-textBadgeDanger"], [class*="-badgeDanger"] { color: #a8002a !important; }
[class*="-StyledDropdownButton"][class*="-DropdownButton"] { background-color: #0e7080 !important; color: #fff !important; }
[class*="-FieldLabel"] { transition: none !important; }
`;

/** `decapKey`: the bundle's cache key (lib/cms/decap-bundle.ts), a new URL whenever the bundle changes. */
export function adminPage(input: { siteName: string; collections: readonly string[]; decapKey: string }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="portal-cms-collections" content="${escapeHtml(input.collections.join(","))}">
<link rel="icon" href="data:,">
<title>网站内容管理 · ${escapeHtml(input.siteName)}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<link rel="stylesheet" href="admin.css">
</head>
<body>
<noscript>网站内容管理需要启用 JavaScript。 / The editor needs JavaScript.</noscript>
<script src="decap/decap-cms.js?v=${escapeHtml(input.decapKey)}"></script>
<script src="portal-cms.js"></script>
</body>
</html>
`;
}

export interface WriteAdminResult {
  dir: string;
  files: number;
  bytes: number;
}

/** Writes /admin/ into `outputDir` (hard links for Decap's files when possible). */
export async function writeAdmin(outputDir: string, input: CmsConfigInput): Promise<WriteAdminResult> {
  const dir = path.join(outputDir, "admin");
  const decapDir = path.join(dir, "decap");
  await fs.mkdir(decapDir, { recursive: true });
  const bundle = await decapBundle();
  const config = cmsConfig(input);
  const collections = articleColumns(input.columns).map((c) => c.key);
  const written: [string, string | Buffer][] = [
    ["index.html", adminPage({ siteName: input.site.name, collections, decapKey: bundle.key })],
    ["config.yml", cmsConfigYaml(config)],
    ["portal-cms.js", await adminScript()],
    ["cms-preview.css", PREVIEW_CSS],
    ["admin.css", ADMIN_CSS],
  ];
  let bytes = 0;
  for (const [name, data] of written) {
    await fs.writeFile(path.join(dir, name), data);
    bytes += Buffer.byteLength(data);
  }
  const decapFiles: [string, string][] = [
    [bundle.file, "decap-cms.js"],
    [bundle.legal, "decap-cms.js.LEGAL.txt"],
  ];
  for (const [from, name] of decapFiles) {
    await linkOrCopy(from, path.join(decapDir, name));
    bytes += (await fs.stat(from)).size;
  }
  return { dir, files: written.length + decapFiles.length, bytes };
}

/** content/_data/cms.yaml, or undefined when the site has none (then no /admin/ is published). */
export async function loadCmsSettings(contentDir: string): Promise<CmsSettings | undefined> {
  const file = path.join(contentDir, "_data", "cms.yaml");
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return undefined;
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new Error(`content/_data/cms.yaml 不是 UTF-8 编码 / is not UTF-8`);
  const parsed = CmsSettingsSchema.safeParse(yaml.load(decoded.text, { schema: yaml.CORE_SCHEMA }));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(根)"}: ${i.message}`);
    throw new Error(`content/_data/cms.yaml 有错误 / has errors:\n${lines.join("\n")}\n修改方法 fix: 按 docs/publishing.md“连接自建 Git 服务器”一节填写 / see docs/publishing.md.`);
  }
  return parsed.data;
}
