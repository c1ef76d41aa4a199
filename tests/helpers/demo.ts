/**
 * The real demo content under different site settings (e.g. a path prefix): content/ is
 * hard-linked (copied across file systems) into a temporary project root, site.yaml is
 * rewritten, and the image cache stays the repository's, so no photo is processed twice.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { linkOrCopy } from "../../lib/util/link-or-copy.ts";

export interface DemoCopy {
  root: string;
  /** Image options pointing at the repository's cache. */
  images: { cacheDir: string };
  cleanup(): Promise<void>;
}

/** Replaces (or adds) top-level `key: value` lines in site.yaml. */
export function setYamlKeys(yaml: string, values: Record<string, string>): string {
  let out = yaml;
  for (const [key, value] of Object.entries(values)) {
    const line = new RegExp(`^${key}:.*$`, "m");
    out = line.test(out) ? out.replace(line, `${key}: ${value}`) : `${out.replace(/\n?$/, "\n")}${key}: ${value}\n`;
  }
  return out;
}

export async function demoCopy(site: Record<string, string>, repo = process.cwd()): Promise<DemoCopy> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "portal-demo-"));
  const from = path.join(repo, "content");
  const entries = await fs.readdir(from, { recursive: true, withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => e.isFile())
      .map((e) => {
        const src = path.join(e.parentPath, e.name);
        return linkOrCopy(src, path.join(root, "content", path.relative(from, src)));
      }),
  );
  const siteFile = path.join(root, "content", "_data", "site.yaml");
  const yaml = await fs.readFile(siteFile, "utf8");
  await fs.rm(siteFile); // a hard link: never write through it into the repository
  await fs.writeFile(siteFile, setYamlKeys(yaml, site));
  return {
    root,
    images: { cacheDir: path.join(repo, ".cache", "images") },
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}
