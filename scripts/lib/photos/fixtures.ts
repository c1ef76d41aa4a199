/**
 * Small exact test images, each built to probe one behaviour of the image stage: solid colours,
 * the four-quadrant picture under every EXIF orientation, decompression-bomb headers, a HEIF
 * header, a 16-bit TIFF. (Camera-like photos: camera.ts.)
 */
import zlib from "node:zlib";
import sharp from "sharp";

export type RGB = [number, number, number];

/** A solid-colour image file. */
export async function solid(file: string, width: number, height: number, rgb: RGB, format: "jpeg" | "png" | "webp" = "jpeg"): Promise<string> {
  await sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
    .toFormat(format)
    .toFile(file);
  return file;
}

/** The four quadrant colours of the upright test picture. */
export const QUADRANTS = { tl: [255, 0, 0] as RGB, tr: [0, 200, 0] as RGB, bl: [0, 0, 255] as RGB, br: [255, 255, 0] as RGB };

/**
 * A JPEG whose stored pixels, once EXIF orientation `k` is applied, show the upright picture
 * (displayW × displayH, four coloured quadrants). The stored pixels are computed here from the
 * EXIF definitions, independently of sharp's own rotation code.
 */
export async function orientedFixture(file: string, k: number, displayW = 64, displayH = 48): Promise<string> {
  const swap = k >= 5;
  const sw = swap ? displayH : displayW;
  const sh = swap ? displayW : displayH;
  const stored = Buffer.alloc(sw * sh * 3);
  const upright = (x: number, y: number): RGB => (y < displayH / 2 ? (x < displayW / 2 ? QUADRANTS.tl : QUADRANTS.tr) : x < displayW / 2 ? QUADRANTS.bl : QUADRANTS.br);
  // Display pixel (x, y) is stored at:
  const storedAt = (x: number, y: number): [number, number] => {
    switch (k) {
      case 1:
        return [x, y];
      case 2:
        return [displayW - 1 - x, y];
      case 3:
        return [displayW - 1 - x, displayH - 1 - y];
      case 4:
        return [x, displayH - 1 - y];
      case 5:
        return [y, x];
      case 6:
        return [y, displayW - 1 - x];
      case 7:
        return [displayH - 1 - y, displayW - 1 - x];
      case 8:
        return [displayH - 1 - y, x];
      default:
        throw new Error(`orientation ${k}`);
    }
  };
  for (let y = 0; y < displayH; y++) {
    for (let x = 0; x < displayW; x++) {
      const [sx, sy] = storedAt(x, y);
      stored.set(upright(x, y), (sy * sw + sx) * 3);
    }
  }
  await sharp(stored, { raw: { width: sw, height: sh, channels: 3 } })
    .withMetadata({ orientation: k })
    .jpeg({ quality: 95 })
    .toFile(file);
  return file;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A tiny file whose PNG header claims width × height (a decompression bomb's header). */
export function pngBombHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const idat = zlib.deflateSync(Buffer.alloc(width * 3 + 1)); // one row; the rest "compresses well"
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", ihdr), pngChunk("IDAT", idat), pngChunk("IEND", Buffer.alloc(0))]);
}

/** A small real JPEG whose SOF header is patched to claim width × height. */
export async function jpegBombHeader(width: number, height: number): Promise<Buffer> {
  const buf = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#888" } })
    .jpeg({ progressive: false })
    .toBuffer();
  for (let i = 2; i < buf.length - 9;) {
    if (buf[i] !== 0xff) throw new Error("bad marker walk");
    const marker = buf[i + 1]!;
    const len = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) {
      buf.writeUInt16BE(height, i + 5);
      buf.writeUInt16BE(width, i + 7);
      return buf;
    }
    i += 2 + len;
  }
  throw new Error("no SOF marker");
}

/** A HEIF file header as phones write it (major brand heic), followed by junk. */
export function heicHeader(major = "heic", compatible = ["mif1", "heic"]): Buffer {
  const brands = Buffer.from([major, "\0\0\0\0", ...compatible].join(""), "latin1");
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + brands.length);
  return Buffer.concat([size, Buffer.from("ftyp", "latin1"), brands, Buffer.alloc(4000, 7)]);
}

/** An uncompressed 16-bit-per-sample RGB TIFF (sharp's TIFF writer only writes 8-bit). */
export function tiff16(width: number, height: number, rgb16: [number, number, number]): Buffer {
  const entries: [tag: number, type: number, count: number, value: number][] = [];
  const pixelBytes = width * height * 6;
  const headerSize = 8;
  const bpsOffset = headerSize; // 3 SHORTs
  const dataOffset = bpsOffset + 6 + 2; // keep even
  const ifdOffset = dataOffset + pixelBytes;
  entries.push(
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 3, bpsOffset],
    [259, 3, 1, 1],
    [262, 3, 1, 2],
    [273, 4, 1, dataOffset],
    [277, 3, 1, 3],
    [278, 4, 1, height],
    [279, 4, 1, pixelBytes],
    [284, 3, 1, 1],
  );
  const buf = Buffer.alloc(ifdOffset + 2 + entries.length * 12 + 4);
  buf.write("II", 0, "latin1");
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(ifdOffset, 4);
  for (let i = 0; i < 3; i++) buf.writeUInt16LE(16, bpsOffset + i * 2);
  for (let p = 0; p < width * height; p++) for (let c = 0; c < 3; c++) buf.writeUInt16LE(rgb16[c]!, dataOffset + p * 6 + c * 2);
  buf.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, count, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    buf.writeUInt16LE(tag, at);
    buf.writeUInt16LE(type, at + 2);
    buf.writeUInt32LE(count, at + 4);
    if (type === 3 && count === 1) buf.writeUInt16LE(value, at + 8);
    else buf.writeUInt32LE(value, at + 8);
  });
  return buf;
}
