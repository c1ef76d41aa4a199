/**
 * Hold back, don't block (`npm run build -- --hold-back`, what CI runs): an article with errors is
 * left out of the build (lib/content/load.ts `holdBack`), and its previously published pages — in
 * both editions, the 繁體 one mirrored under /zh-hant/ — are copied from the previous output into
 * the new one, so the last good version stays online; an article never published before is simply
 * absent. The build lists the held-back articles with their errors, writes them to a report file
 * and exits with HOLD_BACK_EXIT, which the workflow turns into a failed check while still deploying.
 * Site-wide errors (site.yaml, columns.yaml, a layout) still stop everything.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { linkOrCopy } from "../util/link-or-copy.ts";
import { formatIssues, type ContentError, type ContentIssue } from "./issues.ts";
import type { ContentModel, HeldBack } from "./model.ts";

/** Exit code of a build that published everything except held-back articles (0: all published, 1: nothing published). */
export const HOLD_BACK_EXIT = 3;

/** Where the report goes, relative to the site root (not in the output: that is public). */
const HOLD_BACK_REPORT = path.join(".cache", "held-back.txt");

/** Folders (relative to the output, with trailing slash) that hold an edition's pages: the Simplified root and the 繁體 mirror. */
const EDITION_PREFIXES = ["", "zh-hant/"] as const;

interface RestoredArticle {
  file: string;
  /** Output-relative folders of the previous version that were put back, e.g. news/jydt/2024/x/ and zh-hant/news/jydt/2024/x/. */
  restored: string[];
}

export interface HoldBackOutcome {
  /** Every held-back article, with what of its previous version was put back (empty: it had none, so it is absent). */
  articles: RestoredArticle[];
  /** Files copied into the new output (pages, attachments, photo variants they use). */
  copied: number;
}

interface RestoreOptions {
  /** The previous output folder (the live site); undefined or missing: nothing to put back. */
  previousOutput: string | undefined;
  /** The new output folder, before it is swapped in. */
  outputDir: string;
  /**
   * Folders the publish step will move from the previous output into the new one (the photo
   * variants, `img/`), with the entries it would then delete as unused: variants the restored
   * pages use are taken off that list instead of being copied.
   */
  carry?: { dir: string; remove: string[] }[];
}

/**
 * A loaded model's issues as a build sees them: `fatal` errors stop it (every error; with hold-back
 * only those outside held-back articles, i.e. site-wide ones), `shown` are printed as warnings
 * (held-back articles' issues are listed by formatHoldBack instead).
 */
export function buildIssues(model: ContentModel): { fatal: ContentIssue[]; shown: ContentIssue[] } {
  const held = new Set((model.heldBack ?? []).map((h) => h.file));
  const rest = model.issues.filter((i) => !held.has(i.file));
  return { fatal: rest.filter((i) => i.severity === "error"), shown: rest };
}

/**
 * Runs a build step over the model (the image stage). With hold-back, when the step refuses some
 * articles (a ContentError whose errors are all in article files — a photo that is not an image, a
 * HEIC, a truncated file), those articles are held back too and the step runs again without them.
 * Errors anywhere else, or without hold-back, stop the build as before.
 */
export async function holdBackFailures<T>(model: ContentModel, holdBack: boolean | undefined, step: (model: ContentModel) => Promise<T>): Promise<{ model: ContentModel; result: T }> {
  try {
    return { model, result: await step(model) };
  } catch (error) {
    if (!holdBack || (error as Error | undefined)?.name !== "ContentError") throw error;
    const issues = (error as ContentError).issues;
    const failed = new Set(issues.filter((i) => i.severity === "error").map((i) => i.file));
    if (!failed.size || ![...failed].every((f) => model.all.has(f))) throw error;
    const heldBack = [...(model.heldBack ?? [])];
    for (const file of failed) {
      const a = model.all.get(file)!;
      heldBack.push({ file, issues: issues.filter((i) => i.file === file), place: { columnPath: a.column.path, slug: a.slug, year: a.year } });
    }
    const all = new Map([...model.all].filter(([file]) => !failed.has(file)));
    const next: ContentModel = { ...model, all, articles: model.articles.filter((a) => !failed.has(a.file)), issues: [...model.issues, ...issues], heldBack };
    return { model: next, result: await step(next) };
  }
}

const exists = (p: string): Promise<boolean> => fs.stat(p).then(() => true, () => false);

/** The output-relative folder of a held-back article's previous version in one edition, if there is exactly one. */
async function previousFolder(previous: string, prefix: string, place: NonNullable<HeldBack["place"]>): Promise<string | undefined> {
  const base = `${prefix}${place.columnPath}/`;
  if (place.year !== undefined) {
    const dir = `${base}${place.year}/${place.slug}/`;
    if (await exists(path.join(previous, dir, "index.html"))) return dir;
  }
  // The year is unknown (unreadable date) or changed in the broken edit: any year folder with that slug, if only one has it.
  const years = (await fs.readdir(path.join(previous, base)).catch(() => [] as string[])).filter((y) => /^\d{4}$/.test(y));
  const hits: string[] = [];
  for (const y of years) if (await exists(path.join(previous, base, y, place.slug, "index.html"))) hits.push(`${base}${y}/${place.slug}/`);
  return hits.length === 1 ? hits[0] : undefined;
}

const IMG_REF = /\/img\/[^\s"'<>),]+/g;

/**
 * Puts back the previous version of every held-back article: its folder in each edition (page and
 * attachments), never overwriting a file the new build wrote, plus the photo variants those pages
 * use. Returns what was restored per article.
 */
export async function restoreHeldBack(heldBack: readonly HeldBack[], options: RestoreOptions): Promise<HoldBackOutcome> {
  const { previousOutput: previous, outputDir } = options;
  const articles: RestoredArticle[] = [];
  let copied = 0;
  const images = new Set<string>();
  const hasPrevious = previous !== undefined && path.resolve(previous) !== path.resolve(outputDir) && (await exists(previous));
  for (const held of heldBack) {
    const restored: string[] = [];
    if (hasPrevious && held.place) {
      for (const prefix of EDITION_PREFIXES) {
        const dir = await previousFolder(previous, prefix, held.place);
        if (!dir) continue;
        // The new build may have put another article on that URL (a slug reused in a new year folder): never overwrite.
        if (await exists(path.join(outputDir, dir, "index.html"))) continue;
        const entries = await fs.readdir(path.join(previous, dir), { recursive: true, withFileTypes: true });
        for (const e of entries) {
          if (!e.isFile()) continue;
          const from = path.join(e.parentPath, e.name);
          const rel = path.relative(previous, from);
          const to = path.join(outputDir, rel);
          if (await exists(to)) continue;
          await linkOrCopy(from, to);
          copied++;
          if (e.name.endsWith(".html")) for (const m of (await fs.readFile(from, "utf8")).matchAll(IMG_REF)) images.add(decodeURI(m[0].slice(1)));
        }
        restored.push(dir);
      }
    }
    articles.push({ file: held.file, restored });
  }

  // Photo variants of the restored pages: kept in a carried-over folder, else copied from the previous output.
  for (const img of images) {
    const carried = options.carry?.find((c) => img.startsWith(`${c.dir}/`));
    if (carried) {
      const name = img.slice(carried.dir.length + 1);
      carried.remove = carried.remove.filter((r) => r.split(path.sep).join("/") !== name);
      continue;
    }
    const to = path.join(outputDir, img);
    if (hasPrevious && !(await exists(to)) && (await exists(path.join(previous, img)))) {
      await linkOrCopy(path.join(previous, img), to);
      copied++;
    }
  }
  return { articles, copied };
}

/** The console and report text: each held-back article, whether its previous version stays online, and its errors. */
export function formatHoldBack(heldBack: readonly HeldBack[], outcome: HoldBackOutcome): string {
  const restored = new Map(outcome.articles.map((a) => [a.file, a.restored]));
  const lines = [`有 ${heldBack.length} 篇文章因错误暂不发布（其他文章已正常发布） / ${heldBack.length} article(s) held back for errors (everything else was published):`];
  for (const h of heldBack) {
    const dirs = restored.get(h.file) ?? [];
    lines.push(
      dirs.length
        ? `  ${h.file}：网站上保留上一次发布的版本 /${dirs[0]} (its previous version stays online)`
        : `  ${h.file}：以前没有发布过，暂不出现在网站上 (never published before: absent until fixed)`,
    );
  }
  return `${lines.join("\n")}\n\n${formatIssues(heldBack.flatMap((h) => h.issues), { first: new Set(heldBack.map((h) => h.file)) })}`;
}

/** Writes the report (text) and returns its path; an empty hold-back removes a stale report. */
export async function writeHoldBackReport(root: string, heldBack: readonly HeldBack[], outcome: HoldBackOutcome): Promise<string> {
  const file = path.join(root, HOLD_BACK_REPORT);
  if (!heldBack.length) {
    await fs.rm(file, { force: true });
    return file;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, formatHoldBack(heldBack, outcome) + "\n");
  return file;
}
