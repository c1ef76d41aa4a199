/**
 * One targeted fix inside Eleventy 3.1 that the portal's size needs (imported for its effect by
 * lib/portal/configure.ts, so the CLI, the build, the preview and tests all get it).
 *
 * TemplateMap#getMapEntryForInputPath is `this.map.find(…)` — a linear scan — and Eleventy calls
 * it once per template in three loops of every build (template order, dependency map, ordered
 * map): quadratic. At 4,000 articles it is ~0.5 s; at 20,000 it was 6.3 s of CPU (8 % of the
 * build), growing with the square of the site. Here the lookup goes through a Map built from the
 * same array, with the same answer: the FIRST entry (array order) whose inputPath equals the
 * given path or its absolute form. The array is append-only (TemplateMap#add pushes; nothing
 * removes or rewrites entries), so the index is rebuilt only when its length changed or the
 * array itself was replaced.
 *
 * Guarded: only for the Eleventy version it was written against (3.1.x) and only if the method
 * is there; otherwise (or with PORTAL_ELEVENTY_AS_SHIPPED=1) Eleventy is left exactly as shipped.
 */
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

interface MapEntry {
  inputPath: string;
}
interface TemplateMapLike {
  map: MapEntry[];
  getMapEntryForInputPath(inputPath: string): MapEntry | undefined;
}

async function patchTemplateMap(): Promise<boolean> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve("@11ty/eleventy");
  const pkg = JSON.parse(await fs.readFile(path.join(path.dirname(entry), "..", "package.json"), "utf8")) as { version?: string };
  if (!/^3\.1\./.test(pkg.version ?? "")) return false;
  // Eleventy's package exports only its entry point; its modules are imported by file URL, which is
  // the URL Eleventy itself imports them by (one module instance, one prototype).
  const mod = (await import(pathToFileURL(path.join(path.dirname(entry), "TemplateMap.js")).href)) as { default: { prototype: TemplateMapLike } };
  const utilsPath = createRequire(entry).resolve("@11ty/eleventy-utils");
  const utils = (await import(pathToFileURL(utilsPath).href)) as { TemplatePath: { absolutePath(p: string): string } };
  const proto = mod.default?.prototype;
  if (!proto || typeof proto.getMapEntryForInputPath !== "function" || typeof utils.TemplatePath?.absolutePath !== "function") return false;

  const indexes = new WeakMap<MapEntry[], { size: number; first: Map<string, number> }>();
  proto.getMapEntryForInputPath = function (this: TemplateMapLike, inputPath: string): MapEntry | undefined {
    const map = this.map;
    let index = indexes.get(map);
    if (!index || index.size !== map.length) {
      const first = new Map<string, number>();
      map.forEach((e, i) => {
        if (!first.has(e.inputPath)) first.set(e.inputPath, i);
      });
      index = { size: map.length, first };
      indexes.set(map, index);
    }
    const a = index.first.get(inputPath);
    const b = index.first.get(utils.TemplatePath.absolutePath(inputPath));
    const at = a === undefined ? b : b === undefined ? a : Math.min(a, b);
    return at === undefined ? undefined : map[at];
  };
  return true;
}

/** PORTAL_ELEVENTY_AS_SHIPPED=1 leaves Eleventy untouched (to compare output and timings). */
export const eleventySpeedups = process.env["PORTAL_ELEVENTY_AS_SHIPPED"] === "1" ? false : await patchTemplateMap().catch(() => false);
