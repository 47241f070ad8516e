/**
 * What is typed before the simulation runs. The terminal takes keys from the first paint; a command submitted
 * before the simulation is ready waits (the terminal says so), and everything typed after it queues, as in a
 * terminal whose command is still running. When the simulation runs, the waiting command runs first, then the
 * queue is fed on in order: nothing typed is lost. Pure (no xterm), unit-tested.
 */

/** Splits input after each line end (`\r`, `\r\n` or `\n`): one submitted line per piece at most. */
export function splitAfterLineEnds(data: string): string[] {
  return data.match(/[^\r\n]*(?:\r\n?|\n)|[^\r\n]+$/g) ?? [];
}

export class TypeAhead {
  private line: string | undefined;
  private queue = '';

  /** A submitted command waits for the simulation. */
  get waiting(): boolean {
    return this.line !== undefined;
  }

  /**
   * Feeds `data` to `feed` one line at a time. When a piece leaves a command waiting (`hold`), the rest queues;
   * while one waits, all input queues. Ctrl+C while one waits drops it and the queue (`onCancel`).
   */
  input(data: string, feed: (piece: string) => void, onCancel: () => void): void {
    if (this.line !== undefined) {
      const stop = data.lastIndexOf('\x03');
      if (stop < 0) {
        this.queue += data;
        return;
      }
      this.line = undefined;
      this.queue = '';
      onCancel();
      data = data.slice(stop + 1);
    }
    const pieces = splitAfterLineEnds(data);
    for (let i = 0; i < pieces.length; i++) {
      feed(pieces[i]!);
      if (this.line !== undefined) {
        this.queue += pieces.slice(i + 1).join('');
        return;
      }
    }
  }

  /** The command `line` waits for the simulation (called from `feed`). */
  hold(line: string): void {
    this.line = line;
  }

  /** The simulation runs: the waiting command, then what was typed after it, in order. */
  release(run: (line: string) => void, feed: (piece: string) => void, onCancel: () => void): void {
    const line = this.line;
    if (line === undefined) return;
    this.line = undefined;
    const rest = this.queue;
    this.queue = '';
    run(line);
    if (rest) this.input(rest, feed, onCancel);
  }
}
