/**
 * Government widgets a site must carry (issue #19), declared in site.yaml, allowed on purpose:
 *
 *   widgets:
 *     - kind: 党政机关标识          # the 开办 registration badge, in the footer
 *       script: https://dcs.conac.cn/js/33/000/0000/60000000/CA330000000600000000000.js
 *     - kind: 找错                  # 我为政府网站找错, in the footer (site code from siteCode)
 *       script: https://zfwzgl.www.gov.cn/exposure/jiucuo.js
 *     - kind: 统计                  # a province's 监管 statistics code: no visible place
 *       script: https://tongji.example.gov.cn/t.js
 *
 * A badge may instead be a plain image link (`image:` + `href:`), which needs no script.
 * The CSP is derived from this list and nothing else (lib/feeds/headers.ts): each script's origin
 * in script-src (and img-src, for the badge or button it draws), each image's origin in img-src,
 * a statistics script's origin in connect-src too (its beacon). With no widgets the CSP is the
 * shipped one. Placement (layouts/components/widgets.ts): async scripts in fixed-size slots, so
 * nothing blocks rendering or shifts the layout.
 */
import { z } from "zod";

const WIDGET_KINDS = ["党政机关标识", "找错", "统计"] as const;
type WidgetKind = (typeof WIDGET_KINDS)[number];

/** Other names editors write for a kind. */
const KIND_ALIASES: Readonly<Record<string, WidgetKind>> = {
  党政机关标识: "党政机关标识",
  党政机关网站标识: "党政机关标识",
  conac: "党政机关标识",
  badge: "党政机关标识",
  找错: "找错",
  我为政府网站找错: "找错",
  jiucuo: "找错",
  统计: "统计",
  统计代码: "统计",
  监管统计: "统计",
  statistics: "统计",
};

const widgetUrl = z
  .string()
  .trim()
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "须是完整网址，如 https://dcs.conac.cn/js/…/CA….js / must be an absolute https URL");

const WidgetSchema = z
  .object({
    kind: z
      .string()
      .trim()
      .transform((k, ctx) => {
        const kind = KIND_ALIASES[k];
        if (!kind) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `widgets 的 kind 须是 ${WIDGET_KINDS.join("、")} 之一 / kind must be one of ${WIDGET_KINDS.join(", ")}` });
        return kind ?? "统计";
      }),
    script: widgetUrl.optional(),
    image: widgetUrl.optional(),
    href: widgetUrl.optional(),
  })
  .strict()
  .refine((w) => w.script || w.image, { message: "每个 widget 须有 script（脚本网址）或 image（图片网址） / each widget needs a script or an image URL" });
export type Widget = z.infer<typeof WidgetSchema>;

export const WidgetsSchema = z.array(WidgetSchema).default([]);

const originOf = (u: string | undefined): string[] => (u ? [new URL(u).origin] : []);
const unique = (list: string[]): string[] => [...new Set(list)];

/** The CSP sources the widgets need, by directive: exactly the listed origins. Empty lists when there are none. */
export function widgetSources(widgets: readonly Widget[] | undefined): { script: string[]; img: string[]; connect: string[] } {
  const list = widgets ?? [];
  return {
    script: unique(list.flatMap((w) => originOf(w.script))),
    img: unique(list.flatMap((w) => [...originOf(w.script), ...originOf(w.image)])),
    connect: unique(list.filter((w) => w.kind === "统计").flatMap((w) => originOf(w.script))),
  };
}
