/** Follows `docker run`'s five steps in the event log: pull → create → writable layer → network → start. */
import type { SimEvent } from '../../sim/engine/eventLog';

export type StepState = 'idle' | 'active' | 'done' | 'skipped';

export interface RunTrack {
  steps: [StepState, StepState, StepState, StepState, StepState];
  container?: string;
  /** A `docker run` is under way (between its create request and its start). */
  running?: boolean;
}

export const emptyTrack = (): RunTrack => ({ steps: ['idle', 'idle', 'idle', 'idle', 'idle'] });

/**
 * Advances the tracker with one event; returns the same object when nothing changed. The daemon's order:
 * POST /containers/create → (GET resolve + blobs when the image is missing) → runtime create with the
 * read-write layer → POST start → connect eth0 → runtime start.
 */
export function trackRun(t: RunTrack, e: SimEvent): RunTrack {
  const s = [...t.steps] as RunTrack['steps'];
  if (e.source === 'docker-cli' && e.target === 'dockerd' && e.summary.startsWith('/containers/create')) {
    return { steps: ['active', 'idle', 'idle', 'idle', 'idle'], running: true };
  }
  if (!t.running) return t;
  if (e.kind === 'pull' && e.source === 'dockerd' && e.target === 'registry' && s[0] === 'active') {
    s[0] = 'done';
    return { ...t, steps: s };
  }
  if (e.kind === 'runtime' && e.source === 'dockerd' && e.verb === 'create') {
    if (s[0] === 'active') s[0] = 'skipped';
    s[1] = 'done';
    s[2] = 'done';
    return { ...t, steps: s };
  }
  if (e.source === 'dockerd' && e.verb === 'connect' && s[1] === 'done') {
    s[3] = 'done';
    return { ...t, steps: s, container: e.target.replace(/^container\//, '') };
  }
  if (e.kind === 'runtime' && e.source === 'dockerd' && e.verb === 'start' && s[1] === 'done') {
    if (s[3] === 'idle') s[3] = 'skipped';
    s[4] = 'done';
    return { ...t, steps: s, running: false };
  }
  return t;
}
