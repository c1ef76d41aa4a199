/**
 * What the preview shows, kept up to date. The first build is a full build into the preview's
 * folder (the same pipeline as `npm run build`, drafts included, no search index). After that,
 * every change takes the fast path: content is reloaded (only the changed Markdown files when
 * that is all that changed), photos go through the image stage (unchanged ones are cache hits)
 * and new variants and attachments are linked into the folder; every HTML page of both
 * editions is then rendered when asked for, with the build's own page functions
 * (lib/render/pages.ts), so no affected page (neighbours, lists, home, 繁體) can be missed.
 * Feeds and the sitemap are only written by full builds: asking for one after a fast update
 * runs a full build first.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { errorsOf, formatIssues, type ContentIssue } from "../../content/issues.ts";
import { listMarkdown } from "../../content/discover.ts";
import { loadContent, type ContentModel, type LoadOptions } from "../../content/load.ts";
import { editionsOf } from "../../edition/edition.ts";
import { resolveImageOptions, type ImageOptionsInput, type ResolvedImageOptions } from "../../images/options.ts";
import { processSiteImages } from "../../images/stage.ts";
import { buildSite } from "../../pipeline/build.ts";
import { renderInput } from "../../render/context.ts";
import { pageLookup } from "../../render/pages.ts";
import { sitePlan } from "../../search/stage.ts";
import { linkOrCopy } from "../../util/link-or-copy.ts";

/** `fast`: the state came from the fast path (pages rendered per request). */
export type BuildState =
  | { ok: true; n: number; ms: number; articles: number; warnings: ContentIssue[]; at: number; fast?: boolean }
  | { ok: false; n: number; ms: number; issues: ContentIssue[]; message: string; at: number; fast?: boolean };

export interface BuilderOptions {
  root: string;
  contentDir: string;
  outputDir: string;
  now?: DateTime;
  images?: ImageOptionsInput;
  log: (text: string) => void;
}

const CONTENT_ERRORS = "\n✗ 内容有错误，预览显示错误页，修改并保存后自动重新生成 (content errors; fix and save)\n\n";

export class PreviewBuilder {
  #n = 0;
  /** The last content model, good or with errors: the next reload reuses its files. */
  #model: ContentModel | undefined;
  /** Every HTML page of both editions after a fast update, by output path; undefined: the files on disk are current. */
  #pages: ((outputPath: string) => (() => string) | undefined) | undefined;
  /** Variant names already linked into the preview's img/. */
  #published = new Set<string>();
  /** Attachment files (output paths) already linked into the preview's folder. */
  #attached = new Set<string>();
  #lastWarnings = "";
  #fullDone = false;
  readonly #imageOptions: ResolvedImageOptions;

  constructor(private readonly options: BuilderOptions) {
    this.#imageOptions = resolveImageOptions({ cacheDir: path.join(options.root, ".cache", "images"), ...options.images });
  }

  /** The site's path prefix ("/" until the first build has read site.yaml). */
  get prefix(): string {
    return this.#model?.site.pathPrefix ?? "/";
  }

  /** True while pages are rendered per request (feeds on disk may be older than the content). */
  get rendersOnDemand(): boolean {
    return this.#pages !== undefined;
  }

  /** The page for an output path ("news/jydt/index.html", "zh-hant/404.html") after a fast update. */
  page(outputPath: string): (() => string) | undefined {
    return this.#pages?.(outputPath);
  }

  #loadOptions(): LoadOptions {
    return { root: this.options.root, contentDir: this.options.contentDir, includeDrafts: true, ...(this.options.now ? { now: this.options.now } : {}) };
  }

  #warn(model: ContentModel): void {
    const warnings = model.issues.length ? formatIssues(model.issues) : "";
    if (warnings && warnings !== this.#lastWarnings) this.options.log(warnings);
    this.#lastWarnings = warnings;
  }

  /** Builds the preview (startup, a feed asked for after fast updates, or a fast update that could not run). */
  async full(): Promise<BuildState> {
    const t0 = performance.now();
    const n = ++this.#n;
    this.#pages = undefined;
    let warnings = "";
    try {
      const result = await buildSite({
        ...this.#loadOptions(),
        outputDir: this.options.outputDir,
        inPlace: true,
        search: false,
        quiet: true,
        ...(this.options.images ? { images: this.options.images } : {}),
        warn: (text) => (warnings = text),
      });
      this.#model = result.model;
      this.#published = new Set([...result.images.values()].flatMap((img) => img.variants.map((v) => v.name)));
      this.#attached = new Set(result.model.articles.flatMap((a) => a.attachments.map((f) => this.#attachmentPath(a.url, f.file))));
      this.#fullDone = true;
      const state: BuildState = {
        ok: true,
        n,
        ms: performance.now() - t0,
        articles: result.model.articles.length,
        warnings: result.model.issues.filter((i) => i.severity === "warning"),
        at: Date.now(),
      };
      this.options.log(`✓ 预览已更新 Rebuilt: ${result.model.articles.length} 篇文章 articles, ${Math.round(state.ms)} ms`);
      if (warnings && warnings !== this.#lastWarnings) this.options.log(warnings);
      this.#lastWarnings = warnings;
      return state;
    } catch (error) {
      const e = error as Error & { issues?: ContentIssue[] };
      const issues = e.name === "ContentError" && e.issues ? [...e.issues] : [];
      this.#lastWarnings = "";
      const message = issues.length ? "" : (e.stack ?? String(e));
      this.options.log(issues.length ? `${CONTENT_ERRORS}${formatIssues(issues)}\n` : `\n✗ 生成失败 Build failed: ${message}\n`);
      return { ok: false, n, ms: performance.now() - t0, issues, message, at: Date.now() };
    }
  }

  /**
   * The fast path for changed files (absolute paths) under the content folder. Undefined when it
   * cannot run (no successful full build yet): then run full().
   */
  async update(files: readonly string[]): Promise<BuildState | undefined> {
    if (!this.#fullDone || !this.#model) return undefined;
    const t0 = performance.now();
    const n = ++this.#n;
    const { contentDir } = this.options;
    const data = path.join(contentDir, "_data") + path.sep;
    const changed = await this.#markdownOf(files);
    const markdownOnly = changed.every((f) => /\.md$/i.test(f) && f.startsWith(contentDir + path.sep) && !f.startsWith(data));
    // Only Markdown changed: reload just those files; anything else (YAML, photos, attachments):
    // reload all (parsed files are cached by size and mtime, so unchanged ones are not parsed again).
    const model = (markdownOnly ? await loadContent(this.#loadOptions(), { model: this.#model, changed: new Set(changed) }) : undefined) ?? (await loadContent(this.#loadOptions()));
    this.#model = model;
    if (errorsOf(model.issues).length) {
      this.#lastWarnings = "";
      this.options.log(`${CONTENT_ERRORS}${formatIssues(model.issues)}\n`);
      return { ok: false, n, ms: performance.now() - t0, issues: [...model.issues], message: "", at: Date.now(), fast: true };
    }
    let images;
    try {
      images = await processSiteImages(model, this.#imageOptions, true);
    } catch (error) {
      const e = error as Error & { issues?: ContentIssue[] };
      if (e.name !== "ContentError" || !e.issues) throw error;
      this.options.log(`${CONTENT_ERRORS}${formatIssues(e.issues)}\n`);
      return { ok: false, n, ms: performance.now() - t0, issues: [...e.issues], message: "", at: Date.now(), fast: true };
    }
    await this.#linkFiles(model, images.images.values(), files);
    const input = renderInput(model, images.images, sitePlan(model));
    this.#pages = pageLookup(input, editionsOf(model.site));
    const state: BuildState = { ok: true, n, ms: performance.now() - t0, articles: model.articles.length, warnings: model.issues.filter((i) => i.severity === "warning"), at: Date.now(), fast: true };
    this.options.log(`✓ 预览已更新 Updated: ${files.length} 个文件 files changed, ${Math.round(state.ms)} ms`);
    this.#warn(model);
    return state;
  }

  /**
   * A folder event stands for the Markdown files in it: a new folder's (listed), or a removed
   * folder's (the ones the last model had there). Other paths are returned as they are.
   */
  async #markdownOf(files: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const f of files) {
      if (/\.md$/i.test(f)) {
        out.add(f);
        continue;
      }
      const st = await fs.stat(f).catch(() => undefined);
      if (st?.isDirectory()) {
        for (const md of await listMarkdown(f)) out.add(md);
        continue;
      }
      const inside = st ? [] : [...(this.#model?.all.keys() ?? [])].map((rel) => path.join(this.options.root, rel)).filter((abs) => abs.startsWith(f + path.sep));
      if (inside.length) for (const md of inside) out.add(md);
      else out.add(f);
    }
    return [...out];
  }

  #attachmentPath(url: string, file: string): string {
    return path.join(this.options.outputDir, ...url.split("/"), ...file.split("/"));
  }

  /** New photo variants and the attachments of changed articles are linked into the preview's folder. */
  async #linkFiles(model: ContentModel, images: Iterable<{ variants: { name: string }[] }>, changed: readonly string[]): Promise<void> {
    const img = path.join(this.options.outputDir, "img");
    for (const image of images) {
      for (const v of image.variants) {
        if (this.#published.has(v.name)) continue;
        await linkOrCopy(path.join(this.#imageOptions.cacheDir, v.name), path.join(img, v.name));
        this.#published.add(v.name);
      }
    }
    const touched = new Set(changed.map((f) => path.dirname(f)));
    for (const a of model.articles) {
      for (const f of a.attachments) {
        const to = this.#attachmentPath(a.url, f.file);
        const fresh = touched.has(path.dirname(f.source));
        if (!fresh && this.#attached.has(to)) continue;
        if (fresh) await fs.rm(to, { force: true });
        await linkOrCopy(f.source, to);
        this.#attached.add(to);
      }
    }
  }
}
