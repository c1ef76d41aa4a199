/**
 * npm run photos -- add <article folder> — lists the folder's photos that the article does not list
 * yet (sorted by capture time, a caption placeholder each), appending to its photos list and leaving
 * every other byte of the file as it was. See lib/editor/photos.ts and docs/editor-guide.zh-CN.md.
 * (The demo photo generator is `npm run demo:photos`.)
 */
import { withoutStackTraces } from "../lib/editor/build-cli.ts";
import { runPhotosCli } from "../lib/editor/photos.ts";

process.exitCode = await withoutStackTraces(process.cwd(), process.stderr, () => runPhotosCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }));
