/** Reads a QR code back, as a phone would: from an inline SVG (rasterised by sharp) or a screenshot. */
import jsqr from "jsqr";
import sharp from "sharp";

// jsqr is CommonJS with a `default` export: the function, under TypeScript and at run time.
const jsQR = jsqr.default;

/** The text of the QR code in `image` (an SVG string or PNG bytes), or undefined if none is found. */
export async function readQr(image: string | Buffer): Promise<string | undefined> {
  const source = typeof image === "string" ? sharp(Buffer.from(image), { density: 300 }).resize(400) : sharp(image);
  const { data, info } = await source.flatten({ background: "#fff" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
}
