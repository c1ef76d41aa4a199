// Eleventy 3 ships no TypeScript declarations for its programmatic API; this is the part we use.
declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    configPath?: string | false;
    config?: (eleventyConfig: import("../lib/render/eleventy-config.ts").EleventyConfig) => unknown;
    quietMode?: boolean;
    source?: "cli" | "script";
    runMode?: "build" | "watch" | "serve";
    inputDir?: string;
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string; inputPath: string; outputPath: string; content: string }>>;
    setIncrementalFile(file: string): void;
    setIncrementalBuild(enabled: boolean): void;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    close(): Promise<void>;
    disableLogger(): void;
    readonly buildCount: number;
  }
}
