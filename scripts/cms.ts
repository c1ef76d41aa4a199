/**
 * npm run cms — the browser editor (Decap CMS) against this repository, on 127.0.0.1 only.
 *   npm run cms                      saving writes the article into content/ (like npm run new)
 *   npm run cms -- --workflow        editorial workflow on local git branches (cms/…): 草稿 → 待审核 → 待发布 → 发布
 *   npm run cms -- --port 8082 --root ../other-site
 * Then open http://127.0.0.1:8081/admin/ . See docs/cms.md.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { startLocalCms } from "../lib/cms/local.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p", default: "8081" },
    root: { type: "string" },
    workflow: { type: "boolean" },
    host: { type: "string" },
  },
});
if (values.host && values.host !== "127.0.0.1" && values.host !== "localhost") {
  console.error("本地模式只监听 127.0.0.1（它能直接改写本机文件，不能开放给其他电脑）\nLocal mode listens on 127.0.0.1 only: it writes this machine's files.");
  process.exit(1);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port “${values.port}” 不是有效端口号 (not a valid port)`);
  process.exit(1);
}
try {
  await startLocalCms({ root: path.resolve(values.root ?? "."), port, workflow: values.workflow ?? false, log: (l) => console.log(l) });
  console.log("按 Ctrl+C 停止 (Ctrl+C to stop)");
} catch (error) {
  console.error(`\n无法启动 Could not start: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
