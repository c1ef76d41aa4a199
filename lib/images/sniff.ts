/**
 * What a file really is, from its first bytes (never from its name): editors' photos arrive
 * as `.JPG` that are really PNG, WebP from WeChat, HEIC from iPhones, or a web page saved as `.jpg`.
 */

export type SniffedKind =
  /** Decodable by the prebuilt sharp/libvips. */
  | "jpeg"
  | "png"
  | "webp"
  | "gif"
  | "tiff"
  | "avif"
  /** HEVC-coded HEIF from phones: not decodable by the prebuilt libvips. */
  | "heic"
  /** Recognised but refused. */
  | "bmp"
  | "psd"
  | "pdf"
  | "svg"
  | "html"
  | "zip"
  | "cr3"
  | "jxl"
  | "text"
  | "empty"
  | "unknown";

export const DECODABLE: ReadonlySet<SniffedKind> = new Set(["jpeg", "png", "webp", "gif", "tiff", "avif"]);

/** How many leading bytes sniff() wants. */
export const SNIFF_BYTES = 64;

const ascii = (b: Uint8Array, start: number, end: number): string => String.fromCharCode(...b.subarray(start, end));

export function sniff(head: Uint8Array): SniffedKind {
  if (head.length === 0) return "empty";
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpeg";
  if (head[0] === 0x89 && ascii(head, 1, 4) === "PNG") return "png";
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return "webp";
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") return "gif";
  if ((head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2a && head[3] === 0) || (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && head[3] === 0x2a)) return "tiff";
  if (ascii(head, 4, 8) === "ftyp") return isoBmff(head);
  if (head[0] === 0xff && head[1] === 0x0a) return "jxl";
  if (ascii(head, 4, 12) === "JXL \r\n\x87\n" || (head[3] === 0x0c && ascii(head, 4, 8) === "JXL ")) return "jxl";
  if (ascii(head, 0, 2) === "BM") return "bmp";
  if (ascii(head, 0, 4) === "8BPS") return "psd";
  if (ascii(head, 0, 5) === "%PDF-") return "pdf";
  if (ascii(head, 0, 2) === "PK") return "zip";
  const text = new TextDecoder("utf-8", { fatal: false })
    .decode(head)
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (text.startsWith("<svg") || (text.startsWith("<?xml") && text.includes("<svg"))) return "svg";
  if (text.startsWith("<!doctype html") || text.startsWith("<html") || text.startsWith("<head")) return "html";
  if (looksLikeText(head)) return "text";
  return "unknown";
}

/** ISO base media file (HEIF/AVIF/MP4/CR3): decide by the major and compatible brands. */
function isoBmff(head: Uint8Array): SniffedKind {
  const size = (head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!;
  const end = Math.min(head.length, size > 8 ? size : head.length);
  const brands = [ascii(head, 8, 12)];
  for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(head, i, i + 4));
  if (brands.includes("crx ")) return "cr3";
  if (brands.some((b) => b === "avif" || b === "avis")) return "avif";
  if (brands.some((b) => ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"].includes(b))) return "heic";
  // mif1/msf1 without a codec brand: a HEIF still image, in practice from phones (HEVC).
  if (brands.some((b) => b === "mif1" || b === "msf1")) return "heic";
  return "unknown";
}

function looksLikeText(head: Uint8Array): boolean {
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || (b >= 0x20 && b !== 0x7f)) printable++;
  return head.indexOf(0) === -1 && printable / head.length > 0.95;
}

/** Chinese and English names of a kind, for messages. */
export function kindName(kind: SniffedKind): { zh: string; en: string } {
  switch (kind) {
    case "heic":
      return { zh: "HEIC（苹果/安卓手机的高效图片格式）", en: "HEIC (phone High Efficiency image)" };
    case "bmp":
      return { zh: "BMP 位图", en: "BMP bitmap" };
    case "psd":
      return { zh: "Photoshop 文档（PSD）", en: "Photoshop document (PSD)" };
    case "pdf":
      return { zh: "PDF 文档", en: "PDF document" };
    case "svg":
      return { zh: "SVG 矢量图", en: "SVG drawing" };
    case "html":
      return { zh: "网页（HTML），可能是从浏览器“另存为”得到的", en: "a web page (HTML), probably saved from a browser" };
    case "zip":
      return { zh: "压缩包或 Office 文档", en: "a ZIP archive or Office document" };
    case "cr3":
      return { zh: "佳能 RAW 原片（CR3）", en: "Canon RAW (CR3)" };
    case "jxl":
      return { zh: "JPEG XL", en: "JPEG XL" };
    case "text":
      return { zh: "文本", en: "text" };
    case "empty":
      return { zh: "空文件（0 字节）", en: "an empty file (0 bytes)" };
    default:
      return { zh: "无法识别的格式", en: "an unrecognised format" };
  }
}
