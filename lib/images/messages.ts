/**
 * What the image stage tells editors: each problem in Chinese first, English second, and the
 * fix, naming the article file and the photo field (via lib/content/issues.ts).
 */
import path from "node:path";
import { issue, type ContentIssue } from "../content/issues.ts";
import { kindName, type SniffedKind } from "./sniff.ts";
import type { PhotoJob } from "./types.ts";

/** Photos narrower than this get a warning: they look blurry in the article column. */
export const SMALL_WIDTH = 800;

/** A problem with one source photo, turned into one issue per article that uses it. */
export interface ImageProblem {
  severity: "error" | "warning";
  code: ImageIssueCode;
  zh: string;
  en: string;
  fix: string;
}

export type ImageIssueCode = "image-missing" | "image-not-image" | "image-heic" | "image-truncated" | "image-too-large" | "image-too-long" | "image-unreadable" | "image-write-failed" | "image-small";

export function toIssues(problem: ImageProblem, jobs: readonly PhotoJob[]): ContentIssue[] {
  return jobs.map((j) => issue(problem.severity, j.file, j.field, problem.code, problem.zh, problem.en, problem.fix));
}

const mp = (pixels: number): string => (pixels / 1e6).toFixed(pixels < 10e6 ? 1 : 0);

const RECOPY_ZH = "请从相机存储卡、手机或原始文件夹重新拷贝这张照片，或用看图软件打开后“另存为”JPG，再替换文章文件夹里的文件";
const RECOPY_EN = "Re-copy the photo from the camera card, phone or original folder, or open it in an image viewer and save it as JPEG, then replace the file.";

export const problems = {
  missing(source: string): ImageProblem {
    const name = path.basename(source);
    return {
      severity: "error",
      code: "image-missing",
      zh: `找不到图片文件 “${name}”`,
      en: `photo file not found: ${source}`,
      fix: `把 ${name} 放进文章所在文件夹，并核对文件名（包括大小写与扩展名，.JPG 与 .jpg 不同） / Put the photo in the article's folder; check the name, including case and extension.`,
    };
  },

  notAnImage(source: string, kind: SniffedKind): ImageProblem {
    const name = path.basename(source);
    const what = kindName(kind);
    return {
      severity: "error",
      code: "image-not-image",
      zh: `“${name}” 不是可用的照片：文件内容是${what.zh}，只是扩展名像图片`,
      en: `"${name}" is not a usable photo: its content is ${what.en}, whatever its extension says`,
      fix: `${RECOPY_ZH}（支持 JPG、PNG、WebP） / ${RECOPY_EN} (JPEG, PNG or WebP).`,
    };
  },

  heic(source: string): ImageProblem {
    const name = path.basename(source);
    return {
      severity: "error",
      code: "image-heic",
      zh: `“${name}” 是手机拍摄的 HEIC 格式照片，网站无法直接使用`,
      en: `"${name}" is a HEIC photo from a phone; the site cannot decode HEIC (HEVC)`,
      fix:
        "请转换为 JPG 后替换：在电脑上用“照片”或“画图”打开后“另存为”JPEG；" +
        "以后拍摄时可在 iPhone“设置 → 相机 → 格式”中选择“兼容性最佳”，" +
        "或在“设置 → 照片 → 传输到 Mac 或 PC”中选择“自动”（拷贝到电脑时自动转为 JPG） / " +
        "Convert it to JPEG (open it in Photos or Paint and save as JPEG). On iPhone choose Settings → Camera → Formats → Most Compatible, " +
        "or Settings → Photos → Transfer to Mac or PC → Automatic.",
    };
  },

  truncated(source: string): ImageProblem {
    const name = path.basename(source);
    return {
      severity: "error",
      code: "image-truncated",
      zh: `图片 “${name}” 文件不完整（数据在中途断了），多半是拷贝、下载或上传时被中断`,
      en: `photo "${name}" is incomplete (the file is truncated), probably an interrupted copy, download or upload`,
      fix: `${RECOPY_ZH} / ${RECOPY_EN}`,
    };
  },

  tooLarge(source: string, width: number, height: number, limit: number): ImageProblem {
    const name = path.basename(source);
    return {
      severity: "error",
      code: "image-too-large",
      zh: `图片 “${name}” 尺寸为 ${width}×${height}（约 ${mp(width * height)} 百万像素），超过上限 ${mp(limit)} 百万像素`,
      en: `photo "${name}" is ${width}×${height} (${mp(width * height)} MP), over the limit of ${mp(limit)} MP`,
      fix: "请用看图或修图软件把照片长边缩小到 6000 像素以内，另存为 JPG 后替换 / Resize the photo to at most 6000 px on its long side, save as JPEG and replace the file.",
    };
  },

  tooLong(source: string, width: number, height: number): ImageProblem {
    const name = path.basename(source);
    return {
      severity: "error",
      code: "image-too-long",
      zh: `图片 “${name}” 过于细长（${width}×${height}），无法生成网页图片`,
      en: `photo "${name}" is too long and narrow (${width}×${height}) to make web images from`,
      fix: "请把长图裁剪或分割成几张照片，或改为 PDF 附件 / Crop or split it into several photos, or attach it as a PDF.",
    };
  },

  unreadable(source: string, detail: string): ImageProblem {
    const name = path.basename(source);
    return {
      severity: "error",
      code: "image-unreadable",
      zh: `图片 “${name}” 已损坏或格式不受支持，无法读取`,
      en: `photo "${name}" is damaged or in an unsupported format: ${detail}`,
      fix: `先用看图软件打开确认能正常显示，再“另存为”JPG 替换；打不开则${RECOPY_ZH} / Check it opens in an image viewer and save it as JPEG; if it does not open, ${RECOPY_EN}`,
    };
  },

  writeFailed(source: string, detail: string): ImageProblem {
    const name = path.basename(source);
    const full = /ENOSPC/.test(detail);
    return {
      severity: "error",
      code: "image-write-failed",
      zh: full ? `处理图片 “${name}” 时磁盘空间不足` : `处理图片 “${name}” 时无法写入缓存文件夹`,
      en: `could not write the variants of "${name}": ${detail}`,
      fix: full
        ? "请清理磁盘空间后重新构建 / Free disk space and build again."
        : "请检查 .cache/images 文件夹的写入权限后重新构建（可删除该文件夹，构建会重新生成） / Check write permission on .cache/images (it may be deleted; the build recreates it).",
    };
  },

  small(source: string, width: number, height: number, wanted: number): ImageProblem {
    const name = path.basename(source);
    return {
      severity: "warning",
      code: "image-small",
      zh: `图片 “${name}” 只有 ${width}×${height} 像素，在电脑和高清手机屏幕上会显得模糊`,
      en: `photo "${name}" is only ${width}×${height} px and will look blurry on large or high-density screens`,
      fix: `如有原图，请换用相机或手机拍摄的原始照片（宽度至少 ${wanted} 像素），不要用微信压缩过的图片或截图 / Use the original photo (at least ${wanted} px wide), not a chat-compressed copy or a screenshot.`,
    };
  },
};

/** Maps a sharp/libvips error to the editor's problem. */
export function problemFromError(source: string, error: unknown, maxInputPixels: number, size?: { width: number; height: number }): ImageProblem {
  const message = error instanceof Error ? error.message : String(error);
  const detail = message.split("\n")[0]!.slice(0, 200);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || /Input file is missing/i.test(message)) return problems.missing(source);
  if (/premature end|truncat|unexpected end|end of (input|file|data)|short read|not enough data/i.test(message)) return problems.truncated(source);
  if (/pixel limit/i.test(message)) return problems.tooLarge(source, size?.width ?? 0, size?.height ?? 0, maxInputPixels);
  if (/unsupported image format/i.test(message)) return problems.notAnImage(source, "unknown");
  return problems.unreadable(source, detail);
}
