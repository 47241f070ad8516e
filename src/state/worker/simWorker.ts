/// <reference lib="webworker" />
/**
 * The simulation's Web Worker: loads the core and hands every message to the SimCore (simCore.ts holds the
 * logic, apart from `self`, so Node tests drive it directly).
 */
import type { SessionModule } from '../session';
import { SimCore } from './simCore';
import type { FromWorker, ToWorker } from './protocol';

// The simulation is part of the worker's own bundle (eager): its files are fetched in one wave with the worker's,
// not after the worker has run (a dynamic import would start the biggest fetch of the start a round trip later).
// Still a glob: a build without the core has an empty one, and the studio says the core is missing.
const found = Object.values(import.meta.glob<SessionModule>('../../shell/session.ts', { eager: true }))[0];
const loadSessionModule = (): Promise<SessionModule | undefined> =>
  Promise.resolve(found && typeof found.createSession === 'function' ? found : undefined);

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
