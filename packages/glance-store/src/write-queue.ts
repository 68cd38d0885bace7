/**
 * Runs the tasks of one key one after the other, in the order they came, and tasks of different
 * keys side by side. Glance saves an image's whole property set on every PATCH (its image repo
 * writes every extra property it read at the start of the request), so two concurrent PATCHes of
 * one image lose one another's items; the store queues its writes per image so that those of one
 * process never race. Holds nothing once a key's queue is empty.
 */
export class WriteQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting (for tests: an idle queue holds none). */
  get size(): number {
    return this.#tails.size;
  }
}
