/**
 * Group commit: views arriving in the same turn of the event loop (and while a previous batch is
 * being written) are written in one transaction; each caller's promise settles only after that
 * transaction has committed, so an acknowledged view is a stored view.
 */
export class Batcher<T> {
  #queue: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  #scheduled = false;
  #running: Promise<void> | undefined;

  constructor(
    private readonly write: (items: T[]) => Promise<unknown>,
    private readonly max = 2000,
    private readonly afterWrite: () => void = () => {},
  ) {}

  get pending(): number {
    return this.#queue.length;
  }

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#running = this.#flush().finally(() => {
        this.#running = undefined;
        if (this.#queue.length) this.#schedule();
      });
    });
  }

  async #flush(): Promise<void> {
    while (this.#queue.length) {
      const batch = this.#queue.splice(0, this.max);
      try {
        await this.write(batch.map((b) => b.item));
        this.afterWrite();
        for (const b of batch) b.resolve();
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
  }

  /** Resolves when everything queued so far is written (shutdown). */
  async drain(): Promise<void> {
    while (this.#queue.length || this.#running || this.#scheduled) {
      if (this.#running) await this.#running.catch(() => {});
      else await new Promise((r) => setImmediate(r));
    }
  }
}
