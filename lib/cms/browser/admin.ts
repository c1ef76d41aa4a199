/**
 * Runs in the admin page after Decap CMS's bundle (lib/cms/admin.ts bundles it with esbuild):
 *  - the preview: the portal's CSS and the article markup of lib/cms/preview.ts;
 *  - 信息来源: a text field with the known 科室 as suggestions (a <datalist>: free entry stays);
 *  - the slug: a new article left without 网址名 gets `npm run new`'s pinyin slug of its title
 *    (slugForTitle from lib/editor/new-article/slug.ts, the very same function) before Decap
 *    computes its path, so the CMS writes <column>/<slug>/index.md as `npm run new` would.
 */
import { slugForTitle } from "../../editor/new-article/slug.ts";
import { previewHtml, type PreviewPhoto } from "../preview.ts";
import { patchAccessibility } from "./a11y.ts";

/** The Immutable.js maps Decap hands to extensions (only what we read). */
interface ImmutableLike {
  get(key: string): unknown;
  getIn(path: string[]): unknown;
  set(key: string, value: unknown): ImmutableLike;
  toJS?(): unknown;
}
type CreateElement = (type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]) => unknown;
interface DecapGlobal {
  registerPreviewStyle(href: string): void;
  registerPreviewTemplate(name: string, component: unknown): void;
  registerWidget(name: string, control: unknown, preview?: unknown): void;
  registerEventListener(listener: { name: string; handler: (arg: { entry: ImmutableLike }) => unknown }): void;
  registerLocale(locale: string, phrases: Record<string, unknown>): void;
  getLocale(locale: string): Record<string, Record<string, unknown> | undefined> | undefined;
}
declare global {
  interface Window {
    CMS?: DecapGlobal;
    h?: CreateElement;
    createClass?: (spec: Record<string, unknown>) => unknown;
  }
}

const toJS = (v: unknown): unknown => (v && typeof v === "object" && "toJS" in v && typeof (v as ImmutableLike).toJS === "function" ? (v as ImmutableLike).toJS!() : v);
const str = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

export function setupPortalCms(win: Window): void {
  const CMS = win.CMS;
  const h = win.h;
  const createClass = win.createClass;
  if (!CMS || !h || !createClass) throw new Error("Decap CMS 未加载 / Decap CMS is not loaded");

  // decap-cms-locales 3.8.2's zh_Hans has no Forgejo login label (Decap would show the English
  // "Login with Forgejo"): added here, in Gitea's wording, when missing.
  const zh = CMS.getLocale("zh_Hans");
  if (zh && !zh.auth?.loginWithForgejo) CMS.registerLocale("zh_Hans", { ...zh, auth: { ...zh.auth, loginWithForgejo: "使用 Forgejo 登录" } });

  const base = new URL("../", win.location.href);
  CMS.registerPreviewStyle(new URL("assets/css/site.css", base).href);
  CMS.registerPreviewStyle(new URL("assets/css/gallery.css", base).href);
  CMS.registerPreviewStyle(new URL("cms-preview.css", win.location.href).href);

  // 信息来源: free text with the known 科室 as suggestions.
  const SourceControl = createClass({
    render(this: { props: Record<string, unknown> }) {
      const p = this.props;
      const field = p.field as ImmutableLike;
      const options = (toJS(field.get("options")) as string[] | undefined) ?? [];
      const id = str(p.forID);
      return h(
        "div",
        null,
        h("input", {
          id,
          type: "text",
          className: p.classNameWrapper,
          value: str(p.value),
          list: `${id}-list`,
          autoComplete: "off",
          onChange: (e: { target: { value: string } }) => (p.onChange as (v: string) => void)(e.target.value),
          onFocus: p.setActiveStyle,
          onBlur: p.setInactiveStyle,
        }),
        h("datalist", { id: `${id}-list` }, ...options.map((o) => h("option", { key: o, value: o }))),
      );
    },
  });
  const SourcePreview = createClass({
    render(this: { props: Record<string, unknown> }) {
      return h("span", null, str(this.props.value));
    },
  });
  CMS.registerWidget("portal-source", SourceControl, SourcePreview);

  const ArticlePreview = createClass({
    render(this: { props: Record<string, unknown> }) {
      const p = this.props;
      const entry = p.entry as ImmutableLike;
      const collection = p.collection as ImmutableLike | undefined;
      const getAsset = p.getAsset as (path: string, field?: unknown) => unknown;
      const fields = (p.fields as { find?: (fn: (f: ImmutableLike) => boolean) => ImmutableLike | undefined } | undefined) ?? undefined;
      const photosField = fields?.find?.((f) => f.get("name") === "photos");
      const photoFileField = (photosField?.get("fields") as { find?: (fn: (f: ImmutableLike) => boolean) => ImmutableLike | undefined } | undefined)?.find?.((f) => f.get("name") === "file");
      const data = (toJS(entry.get("data")) ?? {}) as Record<string, unknown>;
      const asset = (file: string, field?: unknown): string => (file ? str(getAsset(file, field)) : "");
      const photos: PreviewPhoto[] = ((data.photos as Array<Record<string, unknown>> | undefined) ?? []).map((ph) => ({
        url: asset(str(ph?.file), photoFileField),
        caption: str(ph?.caption),
        alt: str(ph?.alt),
      }));
      const attachments = ((data.attachments as Array<Record<string, unknown>> | undefined) ?? []).map((f) => ({ label: str(f?.label) || str(f?.file), url: asset(str(f?.file)) }));
      const trail = str(collection?.get("description")).split("。")[0]!.split(" › ").filter(Boolean);
      const markup = previewHtml({
        title: str(data.title),
        date: data.date,
        source: str(data.source),
        author: str(data.author),
        tags: Array.isArray(data.tags)
          ? data.tags.map(str)
          : str(data.tags)
              .split(/[,，、\s]+/)
              .filter(Boolean),
        body: str(data.body),
        photos,
        attachments,
        trail,
      });
      return h("div", { className: "cms-preview", dangerouslySetInnerHTML: { __html: markup } });
    },
  });
  // The article collections, written into the admin page by lib/cms/admin.ts.
  const collections = (win.document.querySelector('meta[name="portal-cms-collections"]')?.getAttribute("content") ?? "").split(",").filter(Boolean);
  for (const name of collections) CMS.registerPreviewTemplate(name, ArticlePreview);

  // A new article without 网址名: npm run new's slug of its title, before Decap computes the path.
  CMS.registerEventListener({
    name: "preSave",
    handler: ({ entry }) => {
      const data = entry.get("data") as ImmutableLike;
      if (!entry.get("newRecord") || str(data.get("slug")).trim()) return data;
      return data.set("slug", slugForTitle(str(data.get("title"))));
    },
  });
}

setupPortalCms(window);
patchAccessibility(document);
