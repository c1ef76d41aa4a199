/**
 * npm start — live preview at http://localhost:8080/ (drafts and scheduled articles included).
 *   npm start -- --port 8081          another port
 *   npm start -- --host 0.0.0.0       reachable from phones on the same network
 * Rebuilds into .cache/preview/ (never _site/) whenever a file under content/ changes; the browser
 * reloads by itself. Content errors show in this terminal and as an error page in the browser.
 * See lib/editor/preview/.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { startPreview } from "../lib/editor/preview/server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
    out: { type: "string" },
    root: { type: "string" },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port “${values.port}” 不是有效端口号 (not a valid port)`);
  process.exit(1);
}
const root = path.resolve(values.root ?? ".");
try {
  const server = await startPreview({
    root,
    port,
    host: values.host,
    ...(values.out ? { outputDir: path.resolve(values.out) } : {}),
  });
  console.error(`\n预览地址 Preview: ${server.url}/  （修改并保存 content/ 中的文件，浏览器自动刷新；按 Ctrl+C 停止）\n`);
  let closing = false;
  const stop = () => {
    if (closing) process.exit(1);
    closing = true;
    void server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  if (e.code === "EADDRINUSE") console.error(`端口 ${port} 已被占用（可能已经开着一个预览）。换一个端口：npm start -- --port ${port + 1} (port ${port} is in use)`);
  else if (e.code === "EACCES") console.error(`没有权限使用端口 ${port}，请换一个大于 1024 的端口：npm start -- --port 8080`);
  else console.error(`预览启动失败 Preview failed to start: ${e.stack ?? String(e)}`);
  process.exit(1);
}
