/**
 * Build stages run in a fixed order (content → validate → images before rendering;
 * publish files → editions → index after). Eleventy runs event handlers in parallel, so each
 * plugin registers its stage here instead of listening to events itself.
 */
import type { EleventyEventArg } from "./eleventy.ts";
import type { PortalStore } from "./store.ts";

export interface Stage {
  name: string;
  run(store: PortalStore, event: EleventyEventArg): Promise<void>;
}

export class StageList {
  readonly before: Stage[] = [];
  readonly after: Stage[] = [];
  /** Milliseconds spent per stage in the last build (for the benchmark and progress output). */
  readonly timings = new Map<string, number>();

  async run(list: Stage[], store: PortalStore, event: EleventyEventArg): Promise<void> {
    for (const stage of list) {
      const t0 = performance.now();
      await stage.run(store, event);
      this.timings.set(stage.name, performance.now() - t0);
    }
  }
}
