/**
 * Live reload for the preview: every HTML response gets a small script that listens on
 * /__preview/events (Server-Sent Events) and reloads the page after each update. A same-origin
 * script file, so it runs under the shipped CSP (script-src 'self').
 */
import type http from "node:http";

export const RELOAD_PATH = "/__preview/reload.js";
export const EVENTS_PATH = "/__preview/events";
export const RELOAD_TAG = `<script src="${RELOAD_PATH}"></script>`;

export const RELOAD_JS = `(() => {
  const source = new EventSource("${EVENTS_PATH}");
  source.addEventListener("reload", () => location.reload());
})();
`;

/** Adds the reload script before </body>. */
export function injectReload(html: string): string {
  const at = html.lastIndexOf("</body>");
  return at >= 0 ? html.slice(0, at) + RELOAD_TAG + html.slice(at) : html + RELOAD_TAG;
}

/** The open event streams: one per browser tab. */
export class ReloadChannel {
  #clients = new Set<http.ServerResponse>();

  open(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" });
    res.write(`retry: 500\n\n`);
    this.#clients.add(res);
    req.on("close", () => this.#clients.delete(res));
  }

  reload(n: number): void {
    for (const res of this.#clients) res.write(`event: reload\ndata: ${n}\n\n`);
  }

  close(): void {
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }
}
