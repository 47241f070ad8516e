/// <reference lib="webworker" />
/**
 * The simulation's Web Worker: loads the core and hands every message to the SimCore (simCore.ts holds the
 * logic, apart from `self`, so Node tests drive it directly).
 */
import { loadSessionModule } from '../session';
import { SimCore } from './simCore';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const early: ToWorker[] = [];
let core: SimCore | undefined;
self.onmessage = (e: MessageEvent<ToWorker>) => {
  if (core) core.handle(e.data);
  else early.push(e.data);
};

void loadSessionModule().then((mod) => {
  if (!mod) {
    for (const m of early.splice(0))
      self.postMessage({ type: 'reply', id: m.id, ok: false, error: 'missing' } satisfies FromWorker);
    return;
  }
  core = new SimCore(mod, {
    post: (m) => self.postMessage(m),
    schedule: (fn, ms) => void setTimeout(fn, ms),
    now: () => performance.now(),
  });
  for (const m of early.splice(0)) core.handle(m);
});
