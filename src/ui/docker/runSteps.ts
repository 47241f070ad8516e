/** Follows `docker run`'s five steps in the event log: pull → create → writable layer → network → start. */
import type { SimEvent } from '../../sim/engine/eventLog';

export type StepState = 'idle' | 'done' | 'skipped';

export interface RunTrack {
  steps: [StepState, StepState, StepState, StepState, StepState];
  container?: string;
}

export const emptyTrack = (): RunTrack => ({ steps: ['idle', 'idle', 'idle', 'idle', 'idle'] });

/** Advances the tracker with one event; returns the same object when nothing changed. */
export function trackRun(t: RunTrack, e: SimEvent): RunTrack {
  const s = [...t.steps] as RunTrack['steps'];
  const done = t.steps[4] === 'done';
  if (e.kind === 'pull' && e.source === 'dockerd' && e.target === 'registry' && e.verb === 'GET') {
    return { steps: ['done', 'idle', 'idle', 'idle', 'idle'] };
  }
  if (e.source === 'docker-cli' && e.target === 'dockerd' && e.summary.startsWith('/containers/create')) {
    const pulled = !done && t.steps[0] === 'done' && t.steps[1] === 'idle';
    return { steps: [pulled ? 'done' : 'skipped', 'done', 'idle', 'idle', 'idle'] };
  }
  if (e.kind === 'runtime' && e.source === 'dockerd' && e.verb === 'create' && t.steps[1] === 'done') {
    s[2] = 'done';
    return { ...t, steps: s };
  }
  if (e.source === 'dockerd' && e.verb === 'connect' && t.steps[2] === 'done' && t.steps[3] === 'idle') {
    s[3] = 'done';
    return { ...t, steps: s, container: e.target.replace(/^container\//, '') };
  }
  if (
    e.kind === 'runtime' &&
    e.source === 'dockerd' &&
    e.verb === 'start' &&
    t.steps[1] === 'done' &&
    t.steps[4] === 'idle'
  ) {
    if (s[3] === 'idle') s[3] = 'skipped';
    if (s[2] === 'idle') s[2] = 'done';
    s[4] = 'done';
    return { ...t, steps: s };
  }
  return t;
}
