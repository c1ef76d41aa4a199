/**
 * Crops that keep heads (issue #17): a portrait photo of a speaker whose head is near the top —
 * made with sharp: a skin-toned face with dark eyes, brows and mouth over a plain wall, a dark suit
 * below — cropped to the thumbnails' 3:2 where lib/images/focus.ts says keeps the whole head;
 * the centre crop CSS used before cuts it off (checked on the pixels of both crops).
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import sharp from "sharp";
import { addCoverFocus, attentionFocus, THUMB_RATIO } from "./focus.ts";
import type { ProcessedImage } from "./types.ts";

const W = 600;
const H = 800;
/** The face: an ellipse centred at (300, 150), 80 × 100 px radii — all of it in the top quarter. */
const HEAD = { cx: 300, cy: 150, rx: 80, ry: 100 };
const SKIN = { r: 224, g: 172, b: 140 };

async function speaker(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <rect width="${W}" height="${H}" fill="rgb(198,202,206)"/>
  <rect x="140" y="270" width="320" height="530" rx="60" fill="rgb(36,40,52)"/>
  <rect x="270" y="240" width="60" height="50" fill="rgb(${SKIN.r},${SKIN.g},${SKIN.b})"/>
  <ellipse cx="${HEAD.cx}" cy="${HEAD.cy}" rx="${HEAD.rx}" ry="${HEAD.ry}" fill="rgb(${SKIN.r},${SKIN.g},${SKIN.b})"/>
  <path d="M220 110 Q300 20 380 110 L380 80 Q300 0 220 80 Z" fill="rgb(20,16,14)"/>
  <ellipse cx="270" cy="140" rx="12" ry="8" fill="rgb(20,20,20)"/><ellipse cx="330" cy="140" rx="12" ry="8" fill="rgb(20,20,20)"/>
  <rect x="252" y="118" width="36" height="6" fill="rgb(40,30,25)"/><rect x="312" y="118" width="36" height="6" fill="rgb(40,30,25)"/>
  <path d="M275 200 Q300 215 325 200" stroke="rgb(150,60,60)" stroke-width="6" fill="none"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

/** Share of the face's pixels (skin-toned, inside the ellipse) that a crop window keeps. */
async function faceKept(photo: Buffer, top: number): Promise<number> {
  const cropH = Math.round(W / THUMB_RATIO);
  const { data, info } = await sharp(photo).extract({ left: 0, top, width: W, height: cropH }).raw().toBuffer({ resolveWithObject: true });
  let skin = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * info.channels;
      const inFace = ((x - HEAD.cx) / HEAD.rx) ** 2 + ((y + top - HEAD.cy) / HEAD.ry) ** 2 <= 1;
      if (inFace && Math.abs(data[i]! - SKIN.r) < 24 && Math.abs(data[i + 1]! - SKIN.g) < 24 && Math.abs(data[i + 2]! - SKIN.b) < 24) skin++;
    }
  }
  // Skin pixels of the whole face (eyes, brows and mouth are not skin): counted on the full photo.
  const all = await sharp(photo).raw().toBuffer({ resolveWithObject: true });
  let total = 0;
  for (let y = HEAD.cy - HEAD.ry; y <= HEAD.cy + HEAD.ry; y++) {
    for (let x = HEAD.cx - HEAD.rx; x <= HEAD.cx + HEAD.rx; x++) {
      const i = (y * all.info.width + x) * all.info.channels;
      const inFace = ((x - HEAD.cx) / HEAD.rx) ** 2 + ((y - HEAD.cy) / HEAD.ry) ** 2 <= 1;
      if (inFace && Math.abs(all.data[i]! - SKIN.r) < 24 && Math.abs(all.data[i + 1]! - SKIN.g) < 24 && Math.abs(all.data[i + 2]! - SKIN.b) < 24) total++;
    }
  }
  return skin / total;
}

describe("thumbnail crops keep people", () => {
  test("a portrait speaker with the head near the top: the found crop keeps the whole face; the centre crop cut it", async () => {
    const photo = await speaker();
    const focus = await attentionFocus(photo);
    assert.equal(focus.x, 50, "a portrait photo is cropped vertically only");
    const free = H - Math.round(W / THUMB_RATIO);
    const top = Math.round((focus.y / 100) * free);
    const kept = await faceKept(photo, top);
    const centre = await faceKept(photo, Math.round(free / 2));
    assert.ok(kept > 0.98, `focus ${JSON.stringify(focus)} keeps ${(kept * 100).toFixed(1)} % of the face`);
    assert.ok(centre < 0.6, `the centre crop kept ${(centre * 100).toFixed(1)} % (the test photo must be one the centre crop fails)`);
  });

  test("the editor's focus wins; 3:2 photos need none; results are cached by variant", async () => {
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), "portal-focus-"));
    try {
      const photo = await speaker();
      const small = await sharp(photo).resize(480).jpeg().toBuffer();
      await fs.writeFile(path.join(cacheDir, "0123456789abcdef-480.jpg"), small);
      const variant = { width: 480, height: 640, format: "jpeg" as const, name: "0123456789abcdef-480.jpg", bytes: small.length };
      const portrait = (): ProcessedImage => ({ hash: "p", width: W, height: H, variants: [variant] });
      const wide: ProcessedImage = { hash: "w", width: 1200, height: 800, variants: [] };
      const images = new Map<string, ProcessedImage>([
        ["/a.jpg", portrait()],
        ["/b.jpg", portrait()],
        ["/c.jpg", wide],
      ]);
      await addCoverFocus(
        images,
        new Map([
          ["/a.jpg", undefined],
          ["/b.jpg", "bottom"],
          ["/c.jpg", undefined],
        ]),
        cacheDir,
      );
      assert.ok(images.get("/a.jpg")!.focus!.y <= 20, JSON.stringify(images.get("/a.jpg")!.focus));
      assert.deepEqual(images.get("/b.jpg")!.focus, { x: 50, y: 100 });
      assert.equal(images.get("/c.jpg")!.focus, undefined);
      const cached = JSON.parse(
        await fs.readFile(
          path.join(
            cacheDir,
            (await fs.readdir(cacheDir)).find((n) => n.startsWith("focus-"))!,
          ),
          "utf8",
        ),
      ) as Record<string, unknown>;
      assert.deepEqual(Object.keys(cached), ["0123456789abcdef-480.jpg"]);
      // A second run reads the cache: a focus planted there is what comes back.
      await fs.writeFile(
        path.join(
          cacheDir,
          (await fs.readdir(cacheDir)).find((n) => n.startsWith("focus-"))!,
        ),
        JSON.stringify({ "0123456789abcdef-480.jpg": { x: 50, y: 70 } }),
      );
      const again = new Map([["/a.jpg", portrait()]]);
      await addCoverFocus(again, new Map([["/a.jpg", undefined]]), cacheDir);
      assert.deepEqual(again.get("/a.jpg")!.focus, { x: 50, y: 70 });
    } finally {
      await fs.rm(cacheDir, { recursive: true, force: true });
    }
  });
});
