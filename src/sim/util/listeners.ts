/**
 * A typed set of listeners: the one implementation behind every `onX(fn)` / `subscribe(fn)` of the simulator, the
 * shell and the studio's hosts. A listener added twice is held once; one removed while an emit runs is not called
 * after its removal, one added while an emit runs is called in that same emit (the iteration order of a `Set`).
 */
export class Listeners<A extends unknown[] = []> {
  private readonly set = new Set<(...args: A) => void>();

  /** Adds a listener; the returned function removes it. */
  add(fn: (...args: A) => void): () => void {
    this.set.add(fn);
    return () => {
      this.set.delete(fn);
    };
  }

  /** Calls every listener, in the order they were added. */
  emit(...args: A): void {
    for (const fn of this.set) fn(...args);
  }

  /** How many listeners are held. */
  get size(): number {
    return this.set.size;
  }

  clear(): void {
    this.set.clear();
  }
}
