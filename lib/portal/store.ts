/**
 * The build's state between stages: the validated content model, its derived views and the
 * processed images. One instance per Eleventy run; the preview server refreshes it per rebuild.
 */
import path from "node:path";
import type { Article, ContentModel } from "../content/load.ts";
import type { ProcessedImage } from "../images/types.ts";
import { buildView, type ListPage, type SiteView } from "../site/view.ts";
import { urlHelpers, type RenderContext } from "../../layouts/context.ts";

export class PortalStore {
  #model: ContentModel | undefined;
  #view: SiteView | undefined;
  #byInput = new Map<string, Article>();
  images = new Map<string, ProcessedImage>();
  imageStats: { total: number; processed: number; cached: number; ms: number } | undefined;
  /** Set by buildSite when Eleventy writes into a temporary folder: the folder it will replace. */
  previousOutput: string | undefined;
  /**
   * Folders of the previous output that a stage completed in place instead of writing them into
   * the temporary folder; buildSite moves them into the new output when it swaps that in, then
   * deletes `remove` (names inside the folder the new site no longer uses).
   */
  carryOver: { dir: string; remove: string[] }[] = [];
  /**
   * Run by buildSite once the new site is in place (after the swap), with its final folder; for
   * bookkeeping only (e.g. the image stage records what img/ now holds): failures are ignored.
   */
  afterPublish: ((outputDir: string) => Promise<void>)[] = [];

  constructor(readonly root: string) {}

  setModel(model: ContentModel): void {
    this.#model = model;
    this.#view = buildView(model);
    this.#byInput = new Map(model.articles.map((a) => [a.file, a]));
  }

  get model(): ContentModel {
    if (!this.#model) throw new Error("内部错误：内容尚未加载 (internal: content not loaded yet)");
    return this.#model;
  }

  get view(): SiteView {
    if (!this.#view) throw new Error("internal: view not built");
    return this.#view;
  }

  /** Read by the list template's pagination. */
  get listPages(): ListPage[] {
    return this.view.listPages;
  }

  /** The published article for an Eleventy inputPath ("./content/…/index.md"), if any. */
  articleFor(inputPath: string): Article | undefined {
    // Eleventy's inputPath is relative to the working directory, not to the site root (resolving it
    // against the root only worked when both happened to sit at the same depth, e.g. /tmp/x from /work/main).
    const rel = path.relative(this.root, path.resolve(inputPath)).split(path.sep).join("/");
    return this.#byInput.get(rel);
  }

  context(): RenderContext {
    const model = this.model;
    return {
      site: model.site,
      columns: model.columns,
      model,
      view: this.view,
      image: (source) => this.images.get(source),
      ...urlHelpers(model.site),
    };
  }
}
