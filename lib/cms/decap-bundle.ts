/**
 * The Decap CMS bundle /admin/ serves: lib/cms/browser/decap.js (Decap's public npm entry
 * `decap-cms-app`, its ES modules) bundled by esbuild, so the fixes in patches/ (patch-package,
 * applied by `npm ci`'s postinstall) are a few readable lines of decap-cms-core and reach the page.
 *
 *   decapBundle()   → { file, legal, key }   built once, then read from <project>/.cache/cms/
 *   patchStatus()   → which patches/*.patch are applied to node_modules (their added lines present)
 *
 * The cache key is the hash of package-lock.json, the patches, the patched files as they are in
 * node_modules, the entry, esbuild's version and the build options: any of them changing builds
 * again (≈ 3 s); otherwise a build only hashes ≈ 1 MB. An unapplied patch stops the build with
 * a bilingual message (serving Decap without it would lower-case editors' photo names again).
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { replaceAtomically } from "../util/atomic-write.ts";

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The project (package.json, node_modules, patches/), not the site being built. */
export const PROJECT_ROOT = path.resolve(HERE, "..", "..");
const ENTRY = path.join(HERE, "browser", "decap.js");

/** decap-cms-app's version (the Decap release the bundle is built from). */
export function decapVersion(): string {
  const pkg = require.resolve("decap-cms-app/package.json");
  return (JSON.parse(require("node:fs").readFileSync(pkg, "utf8") as string) as { version: string }).version;
}

const BUILD_OPTIONS = {
  bundle: true,
  format: "iife",
  platform: "browser",
  target: ["chrome100", "firefox100", "safari15"],
  minify: true,
  legalComments: "linked",
  charset: "utf8",
  // decap-cms's webpack build defines these (DefinePlugin); Decap's code reads nothing else from process.
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "silent",
} as const;

/**
 * The interface languages bundled: zh_Hans (config.yml's locale) and en (Decap fills phrases
 * missing from a locale with English ones). decap-cms-app registers every locale it imports
 * (40, ≈ 380 KB minified); the plugin below narrows its `decap-cms-locales` import to these.
 */
export const LOCALES = ["en", "zh_Hans"] as const;

const onlyLocales: import("esbuild").Plugin = {
  name: "decap-locales",
  setup(build) {
    build.onResolve({ filter: /^decap-cms-locales$/ }, (args) =>
      args.namespace === "decap-locales" ? undefined : { path: "decap-cms-locales", namespace: "decap-locales", pluginData: args.resolveDir },
    );
    build.onLoad({ filter: /.*/, namespace: "decap-locales" }, () => ({
      contents: `export { ${LOCALES.join(", ")} } from ${JSON.stringify(require.resolve("decap-cms-locales").replace(/decap-cms-locales\.js$/, "esm/index.js"))};`,
      loader: "js",
      resolveDir: PROJECT_ROOT,
    }));
  },
};

export interface PatchState {
  /** patches/<file>.patch */
  patch: string;
  /** node_modules/… files the patch changes. */
  targets: string[];
  applied: boolean;
  /** Added lines not found in their file (empty when applied). */
  missing: string[];
}

/** Reads patches/*.patch (patch-package's git diffs) and checks their added lines are in node_modules. */
export async function patchStatus(root: string = PROJECT_ROOT): Promise<PatchState[]> {
  const dir = path.join(root, "patches");
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".patch")).sort();
  const states: PatchState[] = [];
  for (const name of names) {
    const text = await fs.readFile(path.join(dir, name), "utf8");
    const added = new Map<string, string[]>();
    let current: string | undefined;
    for (const line of text.split("\n")) {
      const target = /^\+\+\+ b\/(.+)$/.exec(line);
      if (target) {
        current = target[1]!;
        added.set(current, []);
      } else if (current && line.startsWith("+") && line.slice(1).trim()) added.get(current)!.push(line.slice(1).trim());
    }
    const missing: string[] = [];
    for (const [file, lines] of added) {
      const content = await fs.readFile(path.join(root, file), "utf8").catch(() => "");
      for (const l of lines) if (!content.includes(l)) missing.push(`${file}: ${l}`);
    }
    states.push({ patch: `patches/${name}`, targets: [...added.keys()], applied: missing.length === 0, missing });
  }
  return states;
}

async function cacheKey(root: string, patches: PatchState[]): Promise<string> {
  const hash = crypto.createHash("sha256");
  const add = async (label: string, file: string): Promise<void> => {
    hash.update(`\0${label}\0`);
    hash.update(await fs.readFile(file).catch(() => Buffer.alloc(0)));
  };
  await add("lock", path.join(root, "package-lock.json"));
  for (const p of patches) {
    await add(p.patch, path.join(root, p.patch));
    for (const t of p.targets) await add(t, path.join(root, t));
  }
  await add("entry", ENTRY);
  const esbuild = await import("esbuild");
  hash.update(`\0${esbuild.version}\0${decapVersion()}\0${JSON.stringify(BUILD_OPTIONS)}\0${LOCALES.join(",")}`);
  return hash.digest("hex").slice(0, 16);
}

export interface DecapBundle {
  /** The bundle (served as /admin/decap/decap-cms.js). */
  file: string;
  /** Its licence comments (esbuild's legalComments: linked), served beside it. */
  legal: string;
  key: string;
  /** True when this call ran esbuild (false: read from the cache). */
  built: boolean;
}

let pending: Promise<DecapBundle> | undefined;

/** Builds (or finds in .cache/cms/) the Decap bundle. One build per process. */
export function decapBundle(): Promise<DecapBundle> {
  pending ??= buildDecap(PROJECT_ROOT).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

async function buildDecap(root: string): Promise<DecapBundle> {
  const patches = await patchStatus(root);
  const unapplied = patches.filter((p) => !p.applied);
  if (unapplied.length) {
    throw new Error(
      `网站内容管理（/admin/）所需的 Decap 补丁没有应用：${unapplied.map((p) => p.patch).join("、")}。修改方法：在项目目录运行 npm ci（或 npx patch-package）。\n` +
        `The Decap CMS patches /admin/ needs are not applied to node_modules: ${unapplied.map((p) => p.patch).join(", ")}. Fix: run npm ci (or npx patch-package) in the project folder.\n` +
        unapplied.flatMap((p) => p.missing.slice(0, 3).map((m) => `  missing: ${m}`)).join("\n"),
    );
  }
  const key = await cacheKey(root, patches);
  const dir = path.join(root, ".cache", "cms");
  const file = path.join(dir, `decap-${key}.js`);
  const legal = path.join(dir, `decap-${key}.js.LEGAL.txt`);
  const exists = await fs
    .stat(file)
    .then(() => fs.stat(legal))
    .then(
      () => true,
      () => false,
    );
  if (exists) return { file, legal, key, built: false };
  await fs.mkdir(dir, { recursive: true });
  const esbuild = await import("esbuild");
  const result = await esbuild.build({ ...BUILD_OPTIONS, target: [...BUILD_OPTIONS.target], entryPoints: [ENTRY], outfile: file, write: false, absWorkingDir: root, plugins: [onlyLocales] });
  const js = result.outputFiles.find((f) => f.path.endsWith(".js"));
  const txt = result.outputFiles.find((f) => f.path.endsWith(".LEGAL.txt"));
  if (!js) throw new Error("esbuild 没有输出 Decap 的脚本 / esbuild wrote no Decap bundle");
  await replaceAtomically(legal, (tmp) => fs.writeFile(tmp, txt?.contents ?? ""));
  await replaceAtomically(file, (tmp) => fs.writeFile(tmp, js.contents));
  // Older bundles (another lockfile or patch) are not needed any more.
  for (const name of await fs.readdir(dir)) {
    if (/^decap-[0-9a-f]{16}\.js(\.LEGAL\.txt)?$/.test(name) && !name.startsWith(`decap-${key}.`)) await fs.rm(path.join(dir, name), { force: true });
  }
  return { file, legal, key, built: true };
}
