/**
 * The Decap bundle /admin/ serves (lib/cms/decap-bundle.ts): built from decap-cms-app with
 * patches/ applied. Fails when the original-file-name patch is missing from node_modules or from
 * the served bundle (Decap would lower-case IMG_2041.JPG again), and checks the cache.
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { decapBundle, LOCALES, patchStatus, PROJECT_ROOT } from "./decap-bundle.ts";

const MEDIA_PATCH = "patches/decap-cms-core+3.19.1.patch";

describe("Decap bundle", () => {
  it("the patch that keeps uploaded file names is applied to node_modules (npm ci's postinstall)", async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    assert.equal(pkg.scripts.postinstall, "patch-package");
    assert.match(pkg.devDependencies["patch-package"] ?? "", /^\d+\.\d+\.\d+$/, "pinned");
    const states = await patchStatus();
    const media = states.find((s) => s.patch === MEDIA_PATCH);
    assert.ok(media, `${MEDIA_PATCH} exists (its name carries decap-cms-core's version: a Decap upgrade must re-check it)`);
    assert.deepEqual(media.targets, ["node_modules/decap-cms-core/dist/esm/actions/mediaLibrary.js"]);
    assert.deepEqual(
      states.filter((s) => !s.applied).map((s) => s.missing),
      [],
    );
    const code = await fs.readFile(path.join(PROJECT_ROOT, media.targets[0]!), "utf8");
    assert.doesNotMatch(code, /sanitizeSlug\(file\.name\.toLowerCase\(\)/);
  });

  it("what /admin/ serves carries the patched code: the file name is not lower-cased, the duplicate check still ignores case", async () => {
    const bundle = await decapBundle();
    const js = await fs.readFile(bundle.file, "utf8");
    // persistMedia minified: sanitizeSlug(file.name, state.config.slug) and the case-insensitive find.
    assert.doesNotMatch(js, /\(\w+\.name\.toLowerCase\(\),\w+\.config\.slug\)/, "Decap's lower-casing is gone");
    assert.match(js, /\(\w+\.name,\w+\.config\.slug\)/, "the name goes to the slug clean-up as uploaded");
    assert.match(js, /\.name\.toLowerCase\(\)===\w+\.toLowerCase\(\)/, "names differing only in case still count as the same file");
    assert.match(js, /already exists\. Do you want to replace it\?/);
    assert.ok(js.length > 3_000_000, "the whole of Decap, not a stub");
    // Interface languages: zh_Hans and the English fallback only (LOCALES), not decap-cms-app's 40.
    assert.deepEqual([...LOCALES], ["en", "zh_Hans"]);
    assert.match(js, /使用 GitLab 登录/);
    assert.match(js, /Login with GitLab/);
    assert.doesNotMatch(js, /Mit GitLab einloggen/, "no German (nor the other 37)");
    assert.match(await fs.readFile(bundle.legal, "utf8"), /MIT/);
  });

  it("is cached: a second build in another process reads .cache/cms/ instead of running esbuild", async () => {
    const first = await decapBundle();
    const { execFile } = await import("node:child_process");
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ["--import", "tsx", "-e", 'import("./lib/cms/decap-bundle.ts").then(async (m) => { const b = await m.decapBundle(); console.log(JSON.stringify(b)); })'],
        { cwd: PROJECT_ROOT },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    const second = JSON.parse(out) as { key: string; built: boolean; file: string };
    assert.equal(second.key, first.key);
    assert.equal(second.built, false);
    assert.equal(second.file, first.file);
  });

  it("patchStatus reports a patch whose added lines are not in node_modules", async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), "cms-patch-"));
    try {
      await fs.mkdir(path.join(root, "patches"));
      await fs.mkdir(path.join(root, "node_modules/x"), { recursive: true });
      await fs.writeFile(path.join(root, "node_modules/x/a.js"), "const name = file.name.toLowerCase();\n");
      await fs.writeFile(
        path.join(root, "patches/x+1.0.0.patch"),
        "diff --git a/node_modules/x/a.js b/node_modules/x/a.js\n--- a/node_modules/x/a.js\n+++ b/node_modules/x/a.js\n@@ -1 +1 @@\n-const name = file.name.toLowerCase();\n+const name = file.name;\n",
      );
      const [state] = await patchStatus(root);
      assert.equal(state?.applied, false);
      assert.deepEqual(state?.missing, ["node_modules/x/a.js: const name = file.name;"]);
      await fs.writeFile(path.join(root, "node_modules/x/a.js"), "const name = file.name;\n");
      assert.equal((await patchStatus(root))[0]?.applied, true);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
