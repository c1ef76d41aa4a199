/**
 * A QR code as inline SVG, made at build time (分享到微信, issue #17): no script, no image request,
 * no third party. `qrcode` (its documented `create`) encodes; the SVG is drawn here as one path of
 * dark modules with presentation attributes only — no style attribute, so the shipped CSP
 * (style-src without 'unsafe-inline') renders it — and a quiet zone of four modules, as the
 * standard asks and phone scanners need.
 */
import QRCode from "qrcode";

const QUIET = 4;

/** `label` names the image for screen readers (role="img"). */
export function qrSvg(text: string, label: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  let d = "";
  for (let y = 0; y < n; y++) {
    // Runs of dark modules on a row become one horizontal segment each: a small path.
    for (let x = 0; x < n; x++) {
      if (!modules.get(y, x)) continue;
      let run = 1;
      while (x + run < n && modules.get(y, x + run)) run++;
      d += `M${x + QUIET} ${y + QUIET}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  const size = n + 2 * QUIET;
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return `<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="${esc(label)}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}
