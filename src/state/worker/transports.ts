/**
 * The two ways the studio reaches the simulation: a module Web Worker (the default: the simulation never
 * blocks typing or drawing), or the same SimCore on the page's own thread when Workers are missing.
 */
import type { SessionLike, SessionModule } from '../session';
import type { FromWorker, ToWorker } from './protocol';
import type { Transport } from './remoteHost';

export function workerTransport(): Transport {
  // index.html starts the built worker before the entry loads (scripts/vite/startOrderPlugin.ts): take that one
  const g = globalThis as { __kubelabSimWorker?: Worker };
  const early = g.__kubelabSimWorker;
  delete g.__kubelabSimWorker;
  const w =
    early ?? new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module', name: 'kubelab-sim' });
  return {
    post: (m) => w.postMessage(m),
    listen: (fn) => {
      w.onmessage = (e: MessageEvent<FromWorker>) => fn(e.data);
    },
    close: () => w.terminate(),
  };
}

/**
 * The core on this thread; messages still go asynchronously, in order, as they would to a worker. (The core
 * is imported here, lazily: the page's own chunks do not carry it when the worker runs.)
 */
export async function localTransport(
  mod: SessionModule,
): Promise<Transport & { session(): SessionLike | undefined }> {
  const { SimCore } = await import('./simCore');
  let listener: ((m: FromWorker) => void) | undefined;
  const out: FromWorker[] = [];
  const core = new SimCore(mod, {
    post: (m) => {
      out.push(m);
      if (out.length === 1) queueMicrotask(drain);
    },
    schedule: (fn, ms) => void setTimeout(fn, ms),
    now: () => performance.now(),
  });
  const drain = () => {
    for (const m of out.splice(0)) listener?.(m);
  };
  return {
    post: (m: ToWorker) => setTimeout(() => core.handle(m), 0),
    session: () => core.host?.session,
    listen: (fn) => {
      listener = fn;
    },
  };
}
