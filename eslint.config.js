// ESLint (flat config): the recommended JavaScript and typescript-eslint rules over the whole
// repository; browser globals for the small page scripts in assets/js.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "_site/", "_site.*/", ".cache/", "bench-corpus/", "content/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { process: "readonly", console: "readonly", URL: "readonly", performance: "readonly", setTimeout: "readonly", clearTimeout: "readonly", Buffer: "readonly" } },
    rules: {
      // `_name` marks a parameter kept for its position.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Chinese typography uses the full-width space (　) in text on purpose.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
    },
  },
  {
    files: ["assets/js/**/*.js"],
    languageOptions: { sourceType: "module", globals: { window: "readonly", document: "readonly", location: "readonly", history: "readonly", localStorage: "readonly", navigator: "readonly", HTMLDialogElement: "readonly", HTMLElement: "readonly", EventSource: "readonly", fetch: "readonly", requestAnimationFrame: "readonly", matchMedia: "readonly", CSS: "readonly", Intl: "readonly", decodeURIComponent: "readonly", encodeURIComponent: "readonly", URLSearchParams: "readonly" } },
  },
);
