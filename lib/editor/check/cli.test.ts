/** Which files `npm run check` shows first: those under the paths given, else those git reports changed. */
import assert from "node:assert/strict";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ownFiles } from "./cli.ts";

const FILES = ["content/news/jydt/a/index.md", "content/news/jydt/ab/index.md", "content/news/tzgg/b/index.md", "content/_data/columns.yaml"];

test("paths on the command line: folders (with or without a trailing slash), files, or a photo inside an article folder", async () => {
  const root = path.join(os.tmpdir(), "no-such-repo");
  const own = (...given: string[]) => ownFiles(root, root, given, FILES).then((s) => [...s].sort());
  assert.deepEqual(await own("content/news/jydt/a"), ["content/news/jydt/a/index.md"]);
  assert.deepEqual(await own("content/news/jydt/a/"), ["content/news/jydt/a/index.md"]);
  assert.deepEqual(await own("content/news/jydt"), ["content/news/jydt/a/index.md", "content/news/jydt/ab/index.md"]);
  assert.deepEqual(await own("content/news/tzgg/b/index.md", "content/news/jydt/a/IMG_1.JPG"), ["content/news/jydt/a/index.md", "content/news/tzgg/b/index.md"]);
  assert.deepEqual(await ownFiles(root, path.join(root, "content/news"), ["tzgg/b"], FILES).then((s) => [...s]), ["content/news/tzgg/b/index.md"], "relative to the working directory");
  assert.deepEqual(await own(), [], "no paths and no git repository: nothing first");
});
