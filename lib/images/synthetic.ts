/**
 * Synthetic camera photos for the benchmark and tests: smooth shapes, mid-frequency texture and
 * sensor noise, JPEG quality 92, EXIF Make/Model (and an orientation tag when asked). At
 * 5472×3648 they weigh 5–9 MB like the real thing. Deterministic for a given seed.
 */
import sharp from "sharp";

export interface SyntheticPhotoOptions {
  width?: number;
  height?: number;
  seed?: number;
  quality?: number;
  /** EXIF orientation tag 1–8 written into the file (pixels are stored as generated). */
  orientation?: number;
}

function xorshift(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** 256 samples of an approximately normal distribution (σ = 1), for table lookups. */
const NORMAL = (() => {
  const r = xorshift(12345);
  const t = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    let s = 0;
    for (let k = 0; k < 6; k++) s += (r() & 0xffff) / 65536;
    t[i] = (s - 3) * Math.SQRT2;
  }
  return t;
})();

function noiseTable(sigma: number): Int16Array {
  const t = new Int16Array(256);
  for (let i = 0; i < 256; i++) t[i] = Math.round(NORMAL[i]! * sigma);
  return t;
}

/** A camera-like JPEG as a Buffer. */
export async function syntheticPhoto(options: SyntheticPhotoOptions = {}): Promise<Buffer> {
  const W = options.width ?? 5472;
  const H = options.height ?? 3648;
  const seed = options.seed ?? 1;
  const r = xorshift(seed * 7919 + 17);
  // Mid-resolution layer: gradient background, ellipses, texture noise; upscaled ×4 so edges are soft.
  const w = Math.max(8, Math.round(W / 4));
  const h = Math.max(8, Math.round(H / 4));
  const mid = new Uint8ClampedArray(w * h * 3);
  const tex = noiseTable(12 + (seed % 9));
  const bg = [r() & 255, r() & 255, r() & 255];
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i += 3) {
      const v = r();
      mid[i] = bg[0]! * 0.6 + (x * 100) / w + tex[v & 255]!;
      mid[i + 1] = bg[1]! * 0.6 + (y * 100) / h + tex[(v >>> 8) & 255]!;
      mid[i + 2] = bg[2]! * 0.6 + 40 + tex[(v >>> 16) & 255]!;
    }
  }
  for (let s = 0; s < 16; s++) {
    const cx = r() % w, cy = r() % h;
    const rx = 4 + (r() % Math.max(1, Math.round(w / 8))), ry = 4 + (r() % Math.max(1, Math.round(h / 6)));
    const c = [r() & 255, r() & 255, r() & 255];
    for (let y = Math.max(0, cy - ry); y < Math.min(h, cy + ry); y++) {
      const dy = (y - cy) / ry;
      const half = Math.sqrt(Math.max(0, 1 - dy * dy)) * rx;
      for (let x = Math.max(0, Math.round(cx - half)); x < Math.min(w, Math.round(cx + half)); x++) {
        const i = (y * w + x) * 3, v = r();
        mid[i] = c[0]! + tex[v & 255]!;
        mid[i + 1] = c[1]! + tex[(v >>> 8) & 255]!;
        mid[i + 2] = c[2]! + tex[(v >>> 16) & 255]!;
      }
    }
  }
  const big = await sharp(mid, { raw: { width: w, height: h, channels: 3 } }).resize(W, H, { fit: "fill", kernel: "linear" }).raw().toBuffer();
  // Sensor noise at full resolution, four samples per random number.
  const fine = noiseTable(5 + (seed % 4));
  const px = new Uint8ClampedArray(big.buffer, big.byteOffset, big.length);
  const n = xorshift(seed * 104729 + 3);
  const end = px.length - (px.length % 4);
  for (let i = 0; i < end; i += 4) {
    const v = n();
    px[i] = px[i]! + fine[v & 255]!;
    px[i + 1] = px[i + 1]! + fine[(v >>> 8) & 255]!;
    px[i + 2] = px[i + 2]! + fine[(v >>> 16) & 255]!;
    px[i + 3] = px[i + 3]! + fine[v >>> 24]!;
  }
  let out = sharp(big, { raw: { width: W, height: H, channels: 3 } }).withExif({
    IFD0: { Make: "Canon", Model: "Canon EOS 5D Mark IV", Software: "synthetic" },
  });
  if (options.orientation) out = out.withMetadata({ orientation: options.orientation });
  return out.jpeg({ quality: options.quality ?? 92 }).toBuffer();
}
