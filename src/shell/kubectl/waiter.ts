/**
 * Waiting on the simulation clock: in script mode the command advances the clock itself (1 s steps) and
 * prints as things change; in interactive mode it prints on every cluster change until done.
 */
import type { KubectlContext } from './verb';

export interface Check {
  /** Progress line to print (printed again only when it changes). */
  message?: string;
  done: boolean;
  /** Ends with this error (exit 1). */
  error?: string;
}

export function waitFor(
  k: KubectlContext,
  check: () => Check,
  timeoutMs: number,
  timeoutError: string,
): number {
  let last: string | undefined;
  const report = (c: Check): void => {
    if (c.message && c.message !== last) {
      k.out(c.message.endsWith('\n') ? c.message : c.message + '\n');
      last = c.message;
    }
    if (c.error) k.err(c.error.endsWith('\n') ? c.error : c.error + '\n');
  };
  // Let controllers react to what this command line already did before the first look.
  k.cluster.settle();
  const start = k.cluster.now;
  if (k.mode === 'interactive' && k.keepAlive) {
    const first = check();
    report(first);
    if (first.done || first.error) return first.error ? 1 : 0;
    let finished = false;
    const off = k.cluster.onChange(() => {
      if (finished) return;
      const c = check();
      report(c);
      if (c.done || c.error) {
        finished = true;
        off();
      } else if (k.cluster.now - start >= timeoutMs) {
        finished = true;
        off();
        k.err(timeoutError + '\n');
      }
    });
    k.keepAlive(() => off());
    return 0;
  }
  for (;;) {
    const c = check();
    report(c);
    if (c.error) return 1;
    if (c.done) return 0;
    if (k.cluster.now - start >= timeoutMs) {
      k.err(timeoutError + '\n');
      return 1;
    }
    k.cluster.advance(Math.min(1000, timeoutMs - (k.cluster.now - start)));
  }
}
