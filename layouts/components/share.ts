/**
 * 分享 under an article (issue #17): 分享到微信 opens the page's QR code (inline SVG made at build
 * time, lib/util/qr-svg.ts) — scanned with WeChat on a phone, the reader shares from there — and
 * 复制链接 copies the canonical URL (assets/js/site.js shows the button; without JavaScript the
 * URL itself is in the panel to select). No third-party script; not indexed; not printed.
 */
import { html, raw, type SafeHtml } from "../../lib/html.ts";
import { qrSvg } from "../../lib/util/qr-svg.ts";

export function shareTools(pageUrl: string): SafeHtml {
  return html`<div class="share" data-pagefind-ignore>
<button type="button" class="tool-button share-copy" data-copy-link="${pageUrl}" data-copied="已复制本页链接" data-copy-manual="请按 Ctrl+C 复制已选中的网址" hidden>复制链接</button><span class="share-status" role="status" data-copy-status></span>
<details class="share-wechat"><summary class="share-toggle">分享到微信</summary>
<div class="share-panel">
${raw(qrSvg(pageUrl, "本页网址的二维码"))}
<p class="share-hint">打开微信，点“发现”里的“扫一扫”，扫描二维码即可在手机上打开本页并转发。</p>
<p class="share-url">本页网址：<span class="share-url-text" data-share-url>${pageUrl}</span></p>
</div>
</details>
</div>`;
}
