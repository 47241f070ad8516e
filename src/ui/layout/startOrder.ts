/**
 * The studio's start order (README "Speed"): the terminal and the lesson text first, then what needs the running
 * simulation, then the heavy rest. Stages only move forward:
 *   'shell'  the page's own panes: terminal (it takes keys at once; what is typed waits for the simulation),
 *            lesson text, top bar
 *   'live'   the simulation runs: the diagram and the timeline under it mount, one frame after the terminal has
 *            answered what was typed meanwhile (so its answer is painted before React Flow works)
 *   'drawn'  the diagram has painted its nodes (or DRAWN_TIMEOUT_MS passed): the editor's tabs and the narrator
 *            mount (their own column and a screen reader's live region: nothing moves), so they do not delay the
 *            diagram's first frame
 *   'idle'   the first idle moment after that: Monaco and its YAML worker, then the service worker's precache
 */
import { useSyncExternalStore } from 'react';

export type StartStage = 'shell' | 'live' | 'drawn' | 'idle';
const ORDER: readonly StartStage[] = ['shell', 'live', 'drawn', 'idle'];

let stage: StartStage = 'shell';
const listeners = new Set<() => void>();

function advance(to: StartStage): void {
  if (ORDER.indexOf(to) <= ORDER.indexOf(stage)) return;
  stage = to;
  for (const l of [...listeners]) l();
}

/** How long the heavy rest waits for an idle moment before it loads anyway. */
export const IDLE_TIMEOUT_MS = 1500;
/** How long the rest waits for the diagram's first frame (a Docker view, a diagram that failed to load). */
export const DRAWN_TIMEOUT_MS = 1500;

/** Runs `fn` at the page's next idle moment, or after `timeout` ms at the latest. */
export function whenIdle(fn: () => void, timeout = IDLE_TIMEOUT_MS): void {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number })
    .requestIdleCallback;
  if (ric) ric(fn, { timeout });
  else setTimeout(fn, 200);
}

/** Runs `fn` after the next frame is painted. */
export const afterPaint = (fn: () => void): void => void requestAnimationFrame(() => setTimeout(fn, 0));

let drawnTimer: ReturnType<typeof setTimeout> | undefined;

/** The simulation runs: 'live' after the next frame is painted, then 'drawn' and 'idle' (see the stages). */
export function simulationStarted(): void {
  if (stage !== 'shell') return;
  afterPaint(() => {
    advance('live');
    drawnTimer = setTimeout(diagramDrawn, DRAWN_TIMEOUT_MS);
  });
}

/** The diagram has painted its first frame (its pane says so): the rest of the studio follows. */
export function diagramDrawn(): void {
  if (stage !== 'live') return;
  clearTimeout(drawnTimer);
  afterPaint(() => {
    advance('drawn');
    afterPaint(() => whenIdle(() => advance('idle')));
  });
}

/** True once the start has reached `at`. */
export function reached(at: StartStage): boolean {
  return ORDER.indexOf(stage) >= ORDER.indexOf(at);
}

/** Resolves once the start has reached `at`. */
export function whenReached(at: StartStage): Promise<void> {
  if (reached(at)) return Promise.resolve();
  return new Promise((resolve) => {
    const on = () => {
      if (!reached(at)) return;
      listeners.delete(on);
      resolve();
    };
    listeners.add(on);
  });
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Re-renders when the start reaches `at`; true from then on. */
export function useReached(at: StartStage): boolean {
  return useSyncExternalStore(subscribe, () => reached(at));
}
