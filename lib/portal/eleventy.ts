/** The slice of Eleventy's (untyped) configuration API the plugins use. */
export interface EleventyConfig {
  addPlugin<O>(plugin: (config: EleventyConfig, options: O) => void, options?: O): void;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(virtualPath: string, content: unknown, data?: Record<string, unknown>): void;
  addDateParsing(callback: (this: { page: { inputPath: string } }, value: unknown) => unknown): void;
  addPassthroughCopy(map: string | Record<string, string>): void;
  setLibrary(name: string, lib: unknown): void;
  setFrontMatterParsingOptions(options: Record<string, unknown>): void;
  setDynamicPermalinks?(enabled: boolean): void;
  setQuietMode(quiet: boolean): void;
  setEventEmitterMode?(mode: "parallel" | "sequential"): void;
  on(event: "eleventy.before" | "eleventy.after", handler: (arg: EleventyEventArg) => unknown): void;
  addWatchTarget(target: string): void;
  setWatchThrottleWaitTime?(ms: number): void;
  setServerOptions?(options: Record<string, unknown>): void;
  ignores: { add(glob: string): void };
  watchIgnores: { add(glob: string): void };
  dir?: unknown;
}

export interface EleventyEventArg {
  directories: { input: string; output: string };
  runMode: "build" | "watch" | "serve";
  incremental?: boolean;
  /** eleventy.after only: every written page with its final content (Eleventy keeps them in memory anyway). */
  results?: { outputPath: string | false; content?: unknown }[];
}

export interface TemplateData {
  page: { inputPath: string; url: string | false; outputPath: string | false };
  content?: string;
  [key: string]: unknown;
}
