/**
 * The studio's start order (README "Speed"): the terminal and the lesson text first, then what needs the running
 * simulation, then the heavy rest. Stages only move forward:
 *   'shell'  the page's own panes: terminal (it takes keys at once; what is typed waits for the simulation),
 *            lesson text, top bar
 *   'live'   the simulation runs: the diagram, the timeline and the editor's tabs mount, one frame after the
 *            terminal has answered what was typed meanwhile (so its answer is painted before React Flow works)
 *   'idle'   the first idle moment after that: Monaco and its YAML worker, the service worker's precache
 */
import { useSyncExternalStore } from 'react';

export type StartStage = 'shell' | 'live' | 'idle';
const ORDER: readonly StartStage[] = ['shell', 'live', 'idle'];

let stage: StartStage = 'shell';
const listeners = new Set<() => void>();

function advance(to: StartStage): void {
  if (ORDER.indexOf(to) <= ORDER.indexOf(stage)) return;
  stage = to;
  for (const l of [...listeners]) l();
}

/** How long the heavy rest waits for an idle moment before it loads anyway. */
export const IDLE_TIMEOUT_MS = 1500;

function whenIdle(fn: () => void, timeout: number): void {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number })
    .requestIdleCallback;
  if (ric) ric(fn, { timeout });
  else setTimeout(fn, 200);
}

/** The simulation runs: 'live' after the next frame is painted, 'idle' when the page next has nothing to do. */
export function simulationStarted(): void {
  if (stage !== 'shell') return;
  requestAnimationFrame(() =>
    setTimeout(() => {
      advance('live');
      // one more frame for the diagram to draw, then the first idle moment
      requestAnimationFrame(() => setTimeout(() => whenIdle(() => advance('idle'), IDLE_TIMEOUT_MS), 0));
    }, 0),
  );
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
