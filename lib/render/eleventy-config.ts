/**
 * The slice of Eleventy's configuration API (the `eleventyConfig` argument; Eleventy's JS has no
 * TypeScript types of its own) that the render stage uses. Every method is public and documented.
 */
export interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addTemplate(virtualPath: string, content: unknown, data?: Record<string, unknown>): void;
  addPassthroughCopy(map: string | Record<string, string>): void;
  setTemplateFormats(formats: string[]): void;
  setUseGitIgnore(enabled: boolean): void;
  setDataFileSuffixes(suffixes: string[]): void;
  setInputDirectory(dir: string): void;
  setOutputDirectory(dir: string): void;
  on(event: "eleventy.before" | "eleventy.after", handler: (arg: EleventyEventArg) => unknown): void;
}

export interface EleventyEventArg {
  directories: { input: string; output: string };
  runMode: "build" | "watch" | "serve";
}

export interface TemplateData {
  page: { inputPath: string; url: string | false; outputPath: string | false };
  [key: string]: unknown;
}
