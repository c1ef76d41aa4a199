/**
 * npm run nginx-headers — prints the security `add_header` lines for this site's settings
 * (content/_data/site.yaml: the view counter's origin, the government widgets), from the same
 * source as the `_headers` file the build writes (lib/feeds/headers.ts). Paste them over the
 * add_header lines in deploy/nginx.conf (without widgets they are the lines it already holds).
 */
import { loadContent } from "../lib/content/load.ts";
import { nginxHeaderLines } from "../lib/feeds/headers.ts";

const model = await loadContent({ root: process.cwd() });
process.stdout.write(nginxHeaderLines(model.site) + "\n");
