/**
 * Per-client token buckets (memory only; the address is never written anywhere). Each client may
 * burst `burst` requests, refilled at `perSecond`. The table is bounded: when it reaches `maxClients`,
 * full buckets (clients idle long enough to have refilled) are dropped first, then the oldest.
 */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  readonly #perMs: number;
  readonly #burst: number;
  readonly #max: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: RateLimitOptions) {
    this.#perMs = options.perSecond / 1000;
    this.#burst = options.burst;
    this.#max = options.maxClients ?? 100_000;
  }

  get size(): number {
    return this.#buckets.size;
  }

  /** Take one token; returns 0 when allowed, else the seconds until one is available. */
  take(client: string, now = Date.now()): number {
    let b = this.#buckets.get(client);
    if (!b) {
      if (this.#buckets.size >= this.#max) this.#sweep(now);
      b = { tokens: this.#burst, at: now };
      this.#buckets.set(client, b);
    } else {
      b.tokens = Math.min(this.#burst, b.tokens + (now - b.at) * this.#perMs);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.#perMs / 1000));
  }

  #sweep(now: number): void {
    for (const [k, b] of this.#buckets) {
      if (b.tokens + (now - b.at) * this.#perMs >= this.#burst) this.#buckets.delete(k);
    }
    // Still full: forget the oldest quarter (Map iteration is insertion order).
    if (this.#buckets.size >= this.#max) {
      let n = Math.ceil(this.#max / 4);
      for (const k of this.#buckets.keys()) {
        if (n-- <= 0) break;
        this.#buckets.delete(k);
      }
    }
  }
}
