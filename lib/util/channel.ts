/**
 * A bounded async hand-over between producers and consumers: `push` waits while `capacity` items
 * are waiting to be taken, `next` waits for an item and yields undefined once the channel is
 * closed and empty. Used to let one stage run a little ahead of the next, never far ahead.
 */
export class Channel<T> {
  #items: T[] = [];
  #takers: ((item: T | undefined) => void)[] = [];
  #givers: (() => void)[] = [];
  #closed = false;

  constructor(readonly capacity: number) {}

  async push(item: T): Promise<void> {
    const taker = this.#takers.shift();
    if (taker) return taker(item);
    while (this.#items.length >= this.capacity) await new Promise<void>((resolve) => this.#givers.push(resolve));
    this.#items.push(item);
  }

  next(): Promise<T | undefined> {
    if (this.#items.length) {
      const item = this.#items.shift();
      this.#givers.shift()?.();
      return Promise.resolve(item);
    }
    if (this.#closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#takers.push(resolve));
  }

  close(): void {
    this.#closed = true;
    for (const taker of this.#takers.splice(0)) taker(undefined);
  }
}
