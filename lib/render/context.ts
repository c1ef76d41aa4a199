/**
 * What the render stage is given — the validated content, its derived views, the image stage's
 * results and the search plan — and the per-edition RenderContext the layouts read.
 */
import type { ContentModel } from "../content/load.ts";
import type { Edition } from "../edition/edition.ts";
import type { ProcessedImage } from "../images/types.ts";
import { buildView, type SiteView } from "../site/view.ts";
import { urlHelpers, type RenderContext, type SearchBundle } from "../../layouts/context.ts";

export interface RenderInput {
  model: ContentModel;
  view: SiteView;
  images: ReadonlyMap<string, ProcessedImage>;
  searchBundles: readonly SearchBundle[];
}

export function renderInput(model: ContentModel, images: ReadonlyMap<string, ProcessedImage>, searchBundles: readonly SearchBundle[]): RenderInput {
  return { model, view: buildView(model), images, searchBundles };
}

export function renderContext(input: RenderInput, edition: Edition): RenderContext {
  const { model, view, images, searchBundles } = input;
  return { site: model.site, columns: model.columns, model, view, edition, searchBundles, image: (source) => images.get(source), ...urlHelpers(model.site, edition) };
}
