/** `npm run check` over a whole site: loadContent() plus the checks of this folder, without rendering. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DateTime } from "luxon";
import { unfinishedIssue } from "../../content/body.ts";
import { nowInShanghai } from "../../content/dates.ts";
import type { ContentIssue } from "../../content/issues.ts";
import { loadContent } from "../../content/load.ts";
import { toPosix } from "../../content/paths.ts";
import { checkColumns } from "./freshness.ts";
import { checkGongwen } from "./gongwen.ts";
import { checkBodies, checkReplacedBy } from "./links.ts";
import { checkPhotos, unlistedPhotos } from "./photos.ts";
import { identityIssues } from "../../images/identity.ts";

export interface CheckOptions {
  /** Project root; file names in messages are relative to it. */
  root: string;
  contentDir?: string;
  /** "Today" for scheduled articles and stale columns (default: now in Beijing time). */
  now?: DateTime;
  /** Photos with more pixels are refused as decompression bombs (default: the image stage's limit, 100 MP). */
  maxInputPixels?: number;
  /** Photos inspected at once. */
  concurrency?: number;
  /** Where the site's own assets/ live (links to /assets/… are checked there); default: the generator's. */
  packageRoot?: string;
}

export interface CheckResult {
  issues: ContentIssue[];
  errors: number;
  warnings: number;
  /** Articles found valid (drafts and scheduled ones included). */
  articles: number;
  /** Distinct photo files inspected. */
  photos: number;
  ms: number;
}

const PACKAGE_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export async function checkSite(options: CheckOptions): Promise<CheckResult> {
  const t0 = performance.now();
  const root = path.resolve(options.root);
  const now = options.now ?? nowInShanghai();
  // Unfinished bodies are loaded as warnings so the article's photos and links are checked too, then
  // reported as the build sees them: an error unless the article is a draft.
  const model = await loadContent({ root, now, unfinished: "warning", ...(options.contentDir ? { contentDir: options.contentDir } : {}) });
  const issues = model.issues.map((i) => {
    if (i.severity !== "warning" || model.all.get(i.file)?.draft !== false) return i;
    if (i.code === "placeholder-body" || i.code === "empty-body") return unfinishedIssue(i.file, i.code, "error", i.line);
    return i.code === "placeholder-caption" ? { ...i, severity: "error" as const } : i;
  });
  const rel = (abs: string) => toPosix(path.relative(root, abs));
  const configBroken = model.issues.some((i) => i.severity === "error" && /content\/_data\/(site|columns)\.yaml$/.test(i.file));

  const photoIssues = await checkPhotos(model, options);
  issues.push(...photoIssues.issues);
  issues.push(...(await unlistedPhotos(model)));
  issues.push(...(await identityIssues(model)));
  issues.push(...(await checkBodies(model, options.packageRoot ?? PACKAGE_ROOT)));
  issues.push(...(await checkReplacedBy(model, options.packageRoot ?? PACKAGE_ROOT)));
  issues.push(...checkGongwen(model));
  if (!configBroken) issues.push(...(await checkColumns(model, rel, now)));

  const errors = issues.filter((i) => i.severity === "error").length;
  return { issues, errors, warnings: issues.length - errors, articles: model.all.size, photos: photoIssues.count, ms: performance.now() - t0 };
}

export const exitCodeOf = (result: Pick<CheckResult, "errors">): 0 | 1 => (result.errors ? 1 : 0);

/** The `--json` output. */
export function checkJson(result: CheckResult): { errors: number; warnings: number; articles: number; photos: number; ms: number; issues: ContentIssue[] } {
  return { errors: result.errors, warnings: result.warnings, articles: result.articles, photos: result.photos, ms: Math.round(result.ms), issues: result.issues };
}
