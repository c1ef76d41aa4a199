/**
 * Camera-like JPEGs for the demo content, the benchmark corpus and the image benchmark: a scene (meeting hall with a red banner, classroom,
 * sports ground, campus, speaker at a lectern) drawn with soft shapes at reduced resolution,
 * blurred a little, upscaled bilinearly, then given full-resolution sensor grain and encoded as
 * JPEG with Canon EXIF (Make, Model, Orientation 1, DateTimeOriginal, exposure…). The image stage
 * strips that metadata, so these files exercise it the way real camera files do.
 *
 * Deterministic: the same options give byte-identical output (seeded mulberry32, no clock).
 * A 5472×3648 photo at quality 92 weighs ~5.3 MB, like a 5D Mark IV JPEG of an indoor meeting;
 * 1600×1067 at quality 80 about 150–190 KB. Generating a 20 MP photo is dominated by the JPEG
 * encoder and two typed-array passes (upscale, grain): no per-pixel PRNG call, no float image.
 */
import sharp from "sharp";

export type CameraSubject = "meeting" | "speech" | "classroom" | "sports" | "campus";
export const CAMERA_SUBJECTS: readonly CameraSubject[] = ["meeting", "speech", "classroom", "sports", "campus"];

export interface CameraJpegOptions {
  seed: number;
  width: number;
  height: number;
  /** JPEG quality 1–100 (default 92, a camera's "fine" setting). */
  quality?: number;
  /** Scene: one of CAMERA_SUBJECTS, or any text (a caption) mapped by keywords; default from the seed. */
  subject?: string;
  /** EXIF DateTimeOriginal as "YYYY:MM:DD HH:MM:SS" (default derived from the seed, in 2024). */
  takenAt?: string;
  /** EXIF Orientation tag 1–8 (default 1); the pixels are stored as generated, so 6 reads as a portrait shot. */
  orientation?: number;
}

/** mulberry32: small, fast, deterministic; returns uint32. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** FNV-1a over the UTF-8 bytes: a stable 32-bit seed from a path or name. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Maps a caption or free text to a scene by keywords; undefined when nothing matches. */
export function subjectFor(text: string | undefined): CameraSubject | undefined {
  if (!text) return undefined;
  if ((CAMERA_SUBJECTS as readonly string[]).includes(text)) return text as CameraSubject;
  if (/运动|操场|比赛|赛场|跑道|接力|体育|足球|篮球|跳绳|拔河|入场式/.test(text)) return "sports";
  if (/校园|外景|校门|大楼|食堂|考点|工地|基地|户外|农场|农作物|种植|护学|升旗/.test(text)) return "campus";
  if (/讲话|发言|致辞|解读|专题部署|讲座|宣讲|作报告|主持/.test(text)) return "speech";
  if (/课堂|教室|上课|听课|评课|教研|实验课|小实验|做实验|科技|作品|学生们|同学|阅读|开学第一课/.test(text)) return "classroom";
  if (/会|主席台|现场|签约|颁奖|表彰|交流|培训|座谈|开幕|仪式/.test(text)) return "meeting";
  return undefined;
}

type RGB = readonly [number, number, number];

/** A float RGB canvas with a few soft-shape primitives. */
class Canvas {
  readonly px: Float32Array;
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.px = new Float32Array(w * h * 3);
  }

  /** Vertical gradient between stops at fractions of the height, with a horizontal vignette. */
  gradient(stops: { at: number; c: RGB }[], vignette = 0.18): void {
    const { w, h, px } = this;
    for (let y = 0; y < h; y++) {
      const f = y / (h - 1);
      let k = 0;
      while (k < stops.length - 2 && f > stops[k + 1]!.at) k++;
      const a = stops[k]!,
        b = stops[Math.min(k + 1, stops.length - 1)]!;
      const t = b.at > a.at ? Math.min(1, Math.max(0, (f - a.at) / (b.at - a.at))) : 0;
      const r = a.c[0] + (b.c[0] - a.c[0]) * t,
        g = a.c[1] + (b.c[1] - a.c[1]) * t,
        bl = a.c[2] + (b.c[2] - a.c[2]) * t;
      for (let x = 0, i = y * w * 3; x < w; x++, i += 3) {
        const dx = (x / (w - 1)) * 2 - 1;
        const v = 1 - vignette * dx * dx;
        px[i] = r * v;
        px[i + 1] = g * v;
        px[i + 2] = bl * v;
      }
    }
  }

  /** Axis-aligned rectangle in fractions of the canvas, optionally with a vertical shade. */
  rect(x0: number, y0: number, x1: number, y1: number, c: RGB, alpha = 1, shade = 0): void {
    const { w, h, px } = this;
    const ax = Math.max(0, Math.round(x0 * w)),
      bx = Math.min(w, Math.round(x1 * w));
    const ay = Math.max(0, Math.round(y0 * h)),
      by = Math.min(h, Math.round(y1 * h));
    for (let y = ay; y < by; y++) {
      const s = 1 - shade * ((y - ay) / Math.max(1, by - ay));
      for (let x = ax, i = (y * w + ax) * 3; x < bx; x++, i += 3) {
        px[i] = px[i]! + (c[0] * s - px[i]!) * alpha;
        px[i + 1] = px[i + 1]! + (c[1] * s - px[i + 1]!) * alpha;
        px[i + 2] = px[i + 2]! + (c[2] * s - px[i + 2]!) * alpha;
      }
    }
  }

  /** Filled ellipse (fractions of width/height), shaded darker towards one side for volume. */
  ellipse(cx: number, cy: number, rx: number, ry: number, c: RGB, alpha = 1, shade = 0.25): void {
    const { w, h, px } = this;
    const X = cx * w,
      Y = cy * h,
      RX = Math.max(1, rx * w),
      RY = Math.max(1, ry * h);
    const y0 = Math.max(0, Math.floor(Y - RY)),
      y1 = Math.min(h, Math.ceil(Y + RY));
    for (let y = y0; y < y1; y++) {
      const dy = (y + 0.5 - Y) / RY;
      const half = Math.sqrt(Math.max(0, 1 - dy * dy)) * RX;
      const x0 = Math.max(0, Math.round(X - half)),
        x1 = Math.min(w, Math.round(X + half));
      for (let x = x0, i = (y * w + x0) * 3; x < x1; x++, i += 3) {
        const dx = (x + 0.5 - X) / RX;
        const s = 1 - shade * Math.max(0, dx * 0.6 + dy * 0.4);
        px[i] = px[i]! + (c[0] * s - px[i]!) * alpha;
        px[i + 1] = px[i + 1]! + (c[1] * s - px[i + 1]!) * alpha;
        px[i + 2] = px[i + 2]! + (c[2] * s - px[i + 2]!) * alpha;
      }
    }
  }

  /** A seated person or one seen from behind: head, hair, shoulders; (x, y) is the top of the head, s the head height. */
  person(x: number, y: number, s: number, suit: RGB, skin: RGB, hair: RGB, back = false): void {
    const hw = s * 0.38 * (this.h / this.w);
    this.ellipse(x, y + s * 1.75, hw * 3.1, s * 1.05, suit, 1, 0.35); // shoulders and torso
    if (!back) this.rect(x - hw * 0.35, y + s * 0.85, x + hw * 0.35, y + s * 1.25, [232, 232, 236]); // shirt collar
    this.ellipse(x, y + s * 0.5, hw, s * 0.5, back ? hair : skin, 1, 0.3);
    if (!back) this.ellipse(x, y + s * 0.16, hw * 1.02, s * 0.22, hair, 1, 0.2);
  }

  /** A standing figure about 7 heads tall; (x, y) is the top of the head, s the head height. */
  standing(x: number, y: number, s: number, top: RGB, trousers: RGB, skin: RGB, hair: RGB): void {
    const hw = s * 0.38 * (this.h / this.w);
    this.rect(x - hw * 1.1, y + s * 3.4, x - hw * 0.1, y + s * 7, trousers, 1, 0.3); // legs
    this.rect(x + hw * 0.1, y + s * 3.4, x + hw * 1.1, y + s * 7, trousers, 1, 0.3);
    this.ellipse(x, y + s * 2.4, hw * 1.9, s * 1.45, top, 1, 0.35); // torso
    this.rect(x - hw * 2.1, y + s * 1.5, x - hw * 1.4, y + s * 3.6, top, 1, 0.4); // arms
    this.rect(x + hw * 1.4, y + s * 1.5, x + hw * 2.1, y + s * 3.6, top, 1, 0.4);
    this.ellipse(x, y + s * 0.5, hw, s * 0.5, skin, 1, 0.3);
    this.ellipse(x, y + s * 0.16, hw * 1.02, s * 0.22, hair, 1, 0.2);
  }

  /** Banner "text": a row of pale glyph-like blocks. */
  glyphs(x0: number, x1: number, y0: number, y1: number, n: number, c: RGB, r: () => number): void {
    const step = (x1 - x0) / n;
    for (let k = 0; k < n; k++) {
      const gx = x0 + k * step + step * 0.12,
        gw = step * 0.76;
      for (let s = 0; s < 5; s++) {
        const horizontal = r() & 1;
        const a = r() / 4294967296,
          b = r() / 4294967296;
        if (horizontal) this.rect(gx + gw * a * 0.4, y0 + (y1 - y0) * b, gx + gw * (0.6 + a * 0.4), y0 + (y1 - y0) * b + (y1 - y0) * 0.1, c);
        else this.rect(gx + gw * a, y0 + (y1 - y0) * b * 0.3, gx + gw * a + gw * 0.1, y1 - (y1 - y0) * b * 0.3, c);
      }
    }
  }

  /** Mid-frequency texture (fabric, carpet, plaster): ±amp, shared across channels mostly. */
  texture(r: () => number, amp: number): void {
    const { px } = this;
    for (let i = 0; i < px.length; i += 3) {
      const v = r();
      const l = ((v & 0xff) + ((v >>> 8) & 0xff) - 255) / 255;
      const c = (((v >>> 16) & 0xff) - 127.5) / 127.5;
      px[i] = px[i]! + amp * (l + 0.15 * c);
      px[i + 1] = px[i + 1]! + amp * l;
      px[i + 2] = px[i + 2]! + amp * (l - 0.15 * c);
    }
  }

  /** Bytes, with 0–255 mapped onto 0–max. */
  toBytes(max = 255): Uint8Array {
    const out = new Uint8Array(this.px.length);
    const k = max / 255;
    for (let i = 0; i < out.length; i++) {
      const v = this.px[i]!;
      out[i] = v < 0 ? 0 : v > 255 ? max : v * k + 0.5;
    }
    return out;
  }
}

const SKINS: RGB[] = [
  [224, 182, 150],
  [208, 164, 128],
  [196, 150, 118],
  [232, 196, 168],
];
const HAIRS: RGB[] = [
  [22, 20, 22],
  [34, 30, 30],
  [48, 42, 40],
  [70, 66, 66],
  [120, 118, 118],
];
const SUITS: RGB[] = [
  [28, 30, 38],
  [40, 44, 56],
  [24, 26, 30],
  [60, 62, 70],
  [210, 212, 218],
  [92, 60, 52],
];
const BANNER_RED: RGB = [196, 22, 28];

function drawScene(cv: Canvas, subject: CameraSubject, r: () => number): void {
  const f = () => r() / 4294967296;
  const pick = <T>(list: readonly T[]): T => list[r() % list.length]!;
  const warm = 0.9 + f() * 0.2; // white balance drift between shots
  const tint = (c: RGB): RGB => [c[0] * warm, c[1], c[2] / warm];

  if (subject === "meeting" || subject === "speech") {
    // Hall: warm wall, ceiling lights, red banner with pale lettering, stage, podium table.
    cv.gradient([
      { at: 0, c: tint([150, 140, 128]) },
      { at: 0.45, c: tint([196, 182, 160]) },
      { at: 0.62, c: tint([120, 92, 70]) },
      { at: 1, c: tint([70, 50, 42]) },
    ]);
    for (let k = 0; k < 7; k++) cv.ellipse(0.06 + k * 0.148 + f() * 0.02, 0.03, 0.035, 0.02, [255, 250, 236], 0.9, 0);
    const by = 0.08 + f() * 0.05;
    cv.rect(0, by, 1, by + 0.11, BANNER_RED, 1, 0.15);
    cv.glyphs(0.12 + f() * 0.05, 0.88 - f() * 0.05, by + 0.025, by + 0.085, 14 + (r() % 8), [250, 232, 170], r);
    // Back-wall screen or curtains either side.
    cv.rect(0, by + 0.11, 0.09, 0.62, [150, 26, 30], 1, 0.3);
    cv.rect(0.91, by + 0.11, 1, 0.62, [150, 26, 30], 1, 0.3);
    if (subject === "meeting") {
      // Rostrum: a row of seated officials behind a long table with a cloth and name cards.
      const n = 5 + (r() % 5);
      for (let k = 0; k < n; k++) {
        const x = 0.14 + ((k + 0.5) / n) * 0.72 + (f() - 0.5) * 0.01;
        cv.person(x, 0.36 + f() * 0.02, 0.075, pick(SUITS), pick(SKINS), pick(HAIRS));
      }
      cv.rect(0.1, 0.5, 0.9, 0.53, [236, 236, 232]);
      cv.rect(0.1, 0.53, 0.9, 0.64, [150, 20, 26], 1, 0.35);
      for (let k = 0; k < n; k++) cv.rect(0.15 + ((k + 0.3) / n) * 0.72, 0.47, 0.15 + ((k + 0.7) / n) * 0.72, 0.505, [248, 248, 244]);
      for (let k = 0; k < n; k++) cv.ellipse(0.14 + ((k + 0.5) / n) * 0.72 + 0.02, 0.49, 0.006, 0.018, [230, 238, 240], 0.8, 0);
      // Audience: rows of heads from behind, larger towards the camera.
      for (let row = 0; row < 4; row++) {
        const s = 0.06 + row * 0.03,
          y = 0.66 + row * 0.085,
          m = 9 - row;
        for (let k = 0; k < m; k++) cv.person((k + 0.3 + f() * 0.4) / m, y + f() * 0.02, s, pick(SUITS), pick(SKINS), pick(HAIRS), true);
      }
    } else {
      // Speaker at a lectern, microphone, a flower arrangement; one or two heads of the audience.
      const x = 0.35 + f() * 0.3;
      cv.person(x, 0.3, 0.13, pick(SUITS), pick(SKINS), pick(HAIRS));
      cv.rect(x - 0.11, 0.52, x + 0.11, 1, [120, 70, 44], 1, 0.4);
      cv.rect(x - 0.07, 0.58, x + 0.07, 0.68, [200, 170, 90], 1, 0.2);
      cv.rect(x - 0.004, 0.42, x + 0.004, 0.52, [40, 40, 44]);
      cv.ellipse(x, 0.42, 0.01, 0.02, [30, 30, 34], 1, 0);
      for (let k = 0; k < 9; k++)
        cv.ellipse(
          x - 0.08 + f() * 0.16,
          0.5 + f() * 0.03,
          0.02,
          0.03,
          pick<RGB>([
            [220, 40, 60],
            [250, 200, 60],
            [240, 240, 230],
            [60, 130, 60],
          ]),
          1,
          0.3,
        );
      for (let k = 0; k < 2; k++) cv.person(f() < 0.5 ? 0.05 + f() * 0.15 : 0.8 + f() * 0.15, 0.72, 0.2, pick(SUITS), pick(SKINS), pick(HAIRS), true);
    }
  } else if (subject === "classroom") {
    cv.gradient(
      [
        { at: 0, c: tint([214, 220, 212]) },
        { at: 0.55, c: tint([196, 204, 196]) },
        { at: 0.6, c: tint([150, 128, 100]) },
        { at: 1, c: tint([120, 100, 80]) },
      ],
      0.25,
    );
    cv.rect(0.15, 0.12, 0.85, 0.45, [36, 70, 56], 1, 0.1); // blackboard / screen
    cv.rect(0.38, 0.16, 0.62, 0.38, [220, 230, 240], 0.85); // projected slide
    cv.glyphs(0.4, 0.6, 0.2, 0.24, 8, [40, 60, 120], r);
    cv.rect(0.14, 0.45, 0.86, 0.47, [170, 150, 120]);
    for (let k = 0; k < 4; k++) cv.rect(k < 2 ? 0.01 + k * 0.06 : 0.88 + (k - 2) * 0.06, 0.15, (k < 2 ? 0.01 + k * 0.06 : 0.88 + (k - 2) * 0.06) + 0.045, 0.5, [236, 244, 250], 0.9);
    cv.person(0.2 + f() * 0.15, 0.22, 0.1, pick(SUITS), pick(SKINS), pick(HAIRS)); // teacher
    const uniform: RGB = pick<RGB>([
      [40, 70, 150],
      [200, 40, 40],
      [230, 230, 235],
      [30, 110, 80],
    ]);
    for (let row = 0; row < 4; row++) {
      const y = 0.5 + row * 0.12,
        s = 0.07 + row * 0.035,
        m = 7 - row;
      for (let k = 0; k < m; k++) {
        const x = (k + 0.5 + (f() - 0.5) * 0.2) / m;
        cv.person(x, y, s, uniform, pick(SKINS), pick(HAIRS.slice(0, 3)), true);
        cv.rect(x - 0.5 / m, y + s * 1.6, x + 0.45 / m, y + s * 1.8, [196, 170, 130], 1, 0.2);
      }
    }
  } else if (subject === "sports") {
    cv.gradient(
      [
        { at: 0, c: tint([120, 170, 222]) },
        { at: 0.3, c: tint([190, 214, 236]) },
        { at: 0.34, c: tint([150, 150, 150]) },
        { at: 0.42, c: tint([200, 80, 64]) },
        { at: 0.6, c: tint([186, 70, 58]) },
        { at: 0.62, c: tint([70, 140, 70]) },
        { at: 1, c: tint([50, 120, 56]) },
      ],
      0.1,
    );
    for (let k = 0; k < 6; k++) cv.rect(0.02 + k * 0.17, 0.16 + f() * 0.06, 0.14 + k * 0.17, 0.34, [206, 200, 190], 1, 0.15); // buildings
    for (let k = 0; k < 8; k++) cv.ellipse(f(), 0.3, 0.05, 0.06, [60, 110, 60], 1, 0.4); // trees
    for (let lane = 0; lane < 6; lane++) cv.rect(0, 0.43 + lane * 0.03, 1, 0.433 + lane * 0.03, [240, 236, 230]);
    const shirt: RGB = pick<RGB>([
      [240, 240, 244],
      [40, 90, 190],
      [220, 50, 40],
      [250, 200, 40],
    ]);
    const shorts: RGB = pick<RGB>([
      [30, 40, 90],
      [20, 20, 24],
      [240, 240, 240],
    ]);
    const n = 5 + (r() % 8);
    for (let k = 0; k < n; k++) {
      const y = 0.3 + f() * 0.25; // further down = nearer = larger
      cv.standing(0.05 + f() * 0.9, y, 0.03 + (y - 0.3) * 0.12, shirt, shorts, pick(SKINS), pick(HAIRS.slice(0, 3)));
    }
    cv.rect(0.7, 0.1, 0.98, 0.15, BANNER_RED, 1, 0.1);
    cv.glyphs(0.72, 0.96, 0.11, 0.14, 8, [250, 240, 200], r);
  } else {
    // Campus: sky, teaching building with window grid, trees, forecourt.
    cv.gradient(
      [
        { at: 0, c: tint([110, 160, 220]) },
        { at: 0.4, c: tint([200, 220, 236]) },
        { at: 0.7, c: tint([176, 170, 160]) },
        { at: 1, c: tint([140, 134, 126]) },
      ],
      0.12,
    );
    for (let k = 0; k < 4; k++) cv.ellipse(f(), 0.08 + f() * 0.15, 0.12, 0.04, [240, 244, 250], 0.6, 0);
    const bx0 = 0.08 + f() * 0.1,
      bx1 = 0.92 - f() * 0.1;
    cv.rect(bx0, 0.2, bx1, 0.68, [222, 214, 200], 1, 0.2);
    cv.rect(bx0, 0.2, bx1, 0.24, [190, 60, 50]);
    for (let fl = 0; fl < 5; fl++)
      for (let k = 0; k < 14; k++) {
        const wx = bx0 + ((k + 0.2) / 14) * (bx1 - bx0);
        cv.rect(wx, 0.27 + fl * 0.08, wx + ((bx1 - bx0) / 14) * 0.6, 0.27 + fl * 0.08 + 0.045, [90, 120, 150], 1, 0.4);
      }
    cv.glyphs(0.35, 0.65, 0.205, 0.235, 6, [250, 236, 190], r);
    for (let k = 0; k < 12; k++)
      cv.ellipse(
        f(),
        0.62 + f() * 0.08,
        0.04 + f() * 0.03,
        0.07 + f() * 0.04,
        pick<RGB>([
          [58, 110, 56],
          [74, 126, 62],
          [46, 92, 50],
        ]),
        1,
        0.45,
      );
    const n = 3 + (r() % 6);
    for (let k = 0; k < n; k++) {
      const y = 0.55 + f() * 0.12;
      cv.standing(
        0.1 + f() * 0.8,
        y,
        0.03 + (y - 0.55) * 0.2,
        pick(SUITS),
        pick<RGB>([
          [30, 32, 40],
          [60, 60, 70],
          [40, 50, 80],
        ]),
        pick(SKINS),
        pick(HAIRS),
      );
    }
  }
}

/** Grain σ (levels) at ≥ 8 MP, and the value it tends to for tiny outputs (interpolated between). */
const SIGMA_FULL = 6.5,
  SIGMA_SMALL = 3.5;

/** Grain lookup: 256 approximately normal samples (σ = 1). */
const NORMAL = (() => {
  const r = mulberry32(0x5eed);
  const t = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    let s = 0;
    for (let k = 0; k < 6; k++) s += (r() & 0xffff) / 65536;
    t[i] = (s - 3) * Math.SQRT2;
  }
  return t;
})();

function exifDate(r: () => number): string {
  const month = 1 + (r() % 12),
    day = 1 + (r() % 28),
    hour = 8 + (r() % 10),
    min = r() % 60,
    sec = r() % 60;
  const p = (n: number) => String(n).padStart(2, "0");
  return `2024:${p(month)}:${p(day)} ${p(hour)}:${p(min)}:${p(sec)}`;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Bilinear upscale of an RGB buffer in JavaScript (libvips' upsampling path is several times
 * slower): each source row is stretched horizontally once, then every output row is a vertical
 * blend of two stretched rows, two bytes per 32-bit multiply (16-bit lanes, no overflow since the
 * weights sum to 256). Fixed point; the output stays within the input's range.
 */
function upscale(low: Uint8Array, w: number, h: number, W: number, H: number): Buffer {
  const bytes = new Uint8Array(W * H * 3);
  const n = W * 3,
    pairs = n >> 1;
  const swar = LITTLE_ENDIAN && n % 2 === 0;
  const out16 = new Uint16Array(bytes.buffer, 0, swar ? bytes.length >> 1 : 0);
  const sx = w / W,
    sy = h / H;
  const x0s = new Int32Array(W),
    x1s = new Int32Array(W),
    wxs = new Int32Array(W);
  for (let x = 0; x < W; x++) {
    const f = Math.min(w - 1, Math.max(0, (x + 0.5) * sx - 0.5));
    const i = Math.floor(f);
    x0s[x] = i * 3;
    x1s[x] = Math.min(w - 1, i + 1) * 3;
    wxs[x] = Math.round((f - i) * 256);
  }
  // Stretched rows: bytes, and the same packed as [byte 2i | byte 2i+1 << 16]. Two are kept.
  const cache = new Map<number, { row: Uint8Array; lanes: Uint32Array }>();
  const rowOf = (j: number) => {
    const hit = cache.get(j);
    if (hit) return hit;
    const row = new Uint8Array(n),
      lanes = new Uint32Array(pairs);
    const base = j * w * 3;
    for (let x = 0, o = 0; x < W; x++, o += 3) {
      const p = base + x0s[x]!,
        q = base + x1s[x]!,
        wx = wxs[x]!,
        vx = 256 - wx;
      row[o] = (low[p]! * vx + low[q]! * wx + 128) >> 8;
      row[o + 1] = (low[p + 1]! * vx + low[q + 1]! * wx + 128) >> 8;
      row[o + 2] = (low[p + 2]! * vx + low[q + 2]! * wx + 128) >> 8;
    }
    for (let i = 0; i < pairs; i++) lanes[i] = row[2 * i]! | (row[2 * i + 1]! << 16);
    cache.delete(j - 2);
    const entry = { row, lanes };
    cache.set(j, entry);
    return entry;
  };
  for (let y = 0; y < H; y++) {
    const f = Math.min(h - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const j = Math.floor(f),
      wy = Math.round((f - j) * 256),
      vy = 256 - wy;
    const a = rowOf(j),
      b = rowOf(Math.min(h - 1, j + 1));
    if (swar) {
      const A = a.lanes,
        B = b.lanes,
        o = y * pairs;
      for (let k = 0; k < pairs; k++) {
        const v = (Math.imul(A[k]!, vy) + Math.imul(B[k]!, wy)) | 0; // int32 math (wraps; read unsigned below)
        out16[o + k] = ((v >>> 8) & 0xff) | ((v >>> 16) & 0xff00);
      }
    } else {
      const A = a.row,
        B = b.row,
        o = y * n;
      for (let k = 0; k < n; k++) bytes[o + k] = (A[k]! * vy + B[k]! * wy) >> 8;
    }
  }
  return Buffer.from(bytes.buffer, 0, bytes.length);
}

/** Largest grain excursion: the picture is mapped into [GRAIN, 255 - GRAIN] so adding grain never clips. */
const GRAIN = 14;

/**
 * Adds sensor grain in place to `px`, whose values must lie in [0, 255 - 2·GRAIN]: every byte
 * gets an independent sample of N(0, σ) clipped to ±GRAIN, offset by +GRAIN. Samples come from
 * a pool read at a random offset for each block of 16 KB, four bytes per 32-bit add (no carry can
 * cross a byte, so no clamping): this is the only per-pixel JavaScript of a 20 MP photo.
 */
function addGrain(px: Buffer, sigma: number, g: () => number): void {
  const POOL = 1 << 16,
    BLOCK = 4096; // in 32-bit words
  const pool = new Uint8Array((POOL + BLOCK) * 4);
  for (let i = 0; i < pool.length; i++) pool[i] = GRAIN + Math.max(-GRAIN, Math.min(GRAIN, Math.round(NORMAL[g() & 0xff]! * sigma)));
  const pool32 = new Uint32Array(pool.buffer);
  const words = px.byteOffset % 4 === 0 ? Math.floor(px.length / 4) : 0;
  const px32 = new Uint32Array(px.buffer, px.byteOffset, words);
  for (let start = 0; start < words; start += BLOCK) {
    const end = Math.min(words, start + BLOCK);
    const off = (g() % POOL) - start;
    for (let i = start; i < end; i++) px32[i] = (px32[i]! + pool32[i + off]!) >>> 0;
  }
  for (let i = words * 4; i < px.length; i++) px[i] = px[i]! + pool[(g() & 0xffff) % pool.length]!;
}

/** A camera-like JPEG (see the module comment). */
export async function cameraJpeg(opts: CameraJpegOptions): Promise<Buffer> {
  const W = Math.round(opts.width),
    H = Math.round(opts.height);
  if (!(W >= 16 && H >= 16 && W <= 20000 && H <= 20000)) throw new Error(`cameraJpeg: bad size ${W}×${H}`);
  const orientation = opts.orientation ?? 1;
  if (!(Number.isInteger(orientation) && orientation >= 1 && orientation <= 8)) throw new Error(`cameraJpeg: bad orientation ${orientation}`);
  const quality = opts.quality ?? 92;
  const r = mulberry32(opts.seed ^ 0x9e3779b9);
  const subject = subjectFor(opts.subject) ?? CAMERA_SUBJECTS[r() % CAMERA_SUBJECTS.length]!;

  // Scene at reduced resolution (≤ ~1400 px on the long side, at least ½), soft once upscaled.
  const factor = Math.max(2, Math.ceil(Math.max(W, H) / 1400));
  const w = Math.max(16, Math.round(W / factor)),
    h = Math.max(16, Math.round(H / factor));
  const cv = new Canvas(w, h);
  drawScene(cv, subject, r);
  cv.texture(r, 7);
  // Soften edges a little (lens, focus), at low resolution where it is cheap.
  const low = new Uint8Array(
    await sharp(cv.toBytes(255 - 2 * GRAIN), { raw: { width: w, height: h, channels: 3 } })
      .blur(0.9)
      .raw()
      .toBuffer(),
  );

  // Upscale (bilinear: soft, like a lens at f/4) into [0, 255 - 2·GRAIN], then sensor grain at full
  // resolution, weaker for small outputs (a downsampled photo shows less grain).
  const mp = (W * H) / 1e6;
  const sigma = mp >= 8 ? SIGMA_FULL : SIGMA_SMALL + ((SIGMA_FULL - SIGMA_SMALL) * mp) / 8;
  const px = upscale(low, w, h, W, H);
  addGrain(px, sigma, mulberry32(Math.imul(opts.seed, 2654435761) + 0x1234567));

  const taken = opts.takenAt ?? exifDate(r);
  const exposure = ["1/60", "1/80", "1/100", "1/125", "1/160", "1/200"][r() % 6]!;
  const fnum = ["28/10", "4/1", "45/10", "56/10"][r() % 4]!;
  const focal = ["24/1", "35/1", "50/1", "70/1", "105/1"][r() % 5]!;
  const iso = ["400", "800", "1000", "1600", "3200"][r() % 5]!;
  const image = sharp(px, { raw: { width: W, height: H, channels: 3 } })
    .withExif({
      IFD0: {
        Make: "Canon",
        Model: "Canon EOS 5D Mark IV",
        Orientation: "1",
        DateTime: taken,
      },
      IFD2: {
        DateTimeOriginal: taken,
        DateTimeDigitized: taken,
        ExposureTime: exposure,
        FNumber: fnum,
        ISOSpeedRatings: iso,
        FocalLength: focal,
        LensModel: "EF24-105mm f/4L IS II USM",
        ColorSpace: "1",
        BodySerialNumber: String(100000000000 + (opts.seed % 899999999999)),
      },
    })
    .withDensity(72);
  // libvips writes the image's own orientation over the EXIF tag above, so another one is set here.
  return (
    (orientation === 1 ? image : image.withMetadata({ orientation }))
      // Standard Huffman tables like a camera (no optimisation pass: ~6× faster to encode).
      .jpeg({ quality, chromaSubsampling: "4:2:0", optimiseCoding: false })
      .toBuffer()
  );
}
