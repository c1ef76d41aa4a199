/**
 * npm run build — validate, process images, render and index the portal into _site/,
 * atomically: on any error the previous _site/ is left as it was.
 *   --hold-back   publish every valid article; articles with errors are held back (their previous
 *                 version stays online), listed, written to .cache/held-back.txt; exit code 3 (CI)
 *   --drafts      include drafts and scheduled articles (for review builds)
 *   --out DIR     output folder (default _site)
 *   --prune-cache after a successful build, delete resized photos this build did not use from
 *                 .cache/images (deleted or replaced photos, old settings); CI uses it so the saved cache
 *                 does not grow forever. Not the default: a preview with drafts may still need them.
 * Exit codes: 0 all published, 1 nothing published, 2 invalid arguments, 3 articles held back.
 * See lib/editor/build-cli.ts.
 */
import { runBuildCli } from "../lib/editor/build-cli.ts";
import { runBuild } from "../lib/editor/build-run.ts";

process.exitCode = await runBuildCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }, (request) => runBuild(request));
