import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../sim/engine/eventLog';
import { emptyTrack, trackRun } from './runSteps';

let seq = 0;
const ev = (
  kind: SimEvent['kind'],
  source: string,
  target: string,
  verb: string,
  summary: string,
): SimEvent => ({
  seq: ++seq,
  time: 0,
  kind,
  source: source as SimEvent['source'],
  target: target as SimEvent['target'],
  verb,
  summary,
});

// the daemon's real order (src/sim/docker/daemon.ts)
const run = (pull: boolean) => [
  ev('docker', 'docker-cli', 'dockerd', 'POST', '/containers/create nginx:latest'),
  ...(pull
    ? [
        ev('pull', 'dockerd', 'registry', 'GET', 'resolve nginx:latest'),
        ev('pull', 'registry', 'dockerd', 'blob', 'abc: 3MB'),
      ]
    : []),
  ev(
    'runtime',
    'dockerd',
    'runtime/docker-host',
    'create',
    'container web: read-write layer on 7 read-only layers',
  ),
  ev('docker', 'docker-cli', 'dockerd', 'POST', '/containers/web/start'),
  ev('docker', 'dockerd', 'container/0123456789ab', 'connect', 'eth0: 172.17.0.2 on docker0 (bridge)'),
  ev('runtime', 'dockerd', 'runtime/docker-host', 'start', 'start web: new pid…'),
];

describe('docker run steps', () => {
  it('lights the five steps in order, with the pull', () => {
    let t = emptyTrack();
    const seen: string[] = [];
    for (const e of run(true)) {
      t = trackRun(t, e);
      seen.push(t.steps.join(','));
    }
    expect(t.steps).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(t.container).toBe('0123456789ab');
    expect(seen.slice(0, 2)).toEqual(['active,idle,idle,idle,idle', 'done,idle,idle,idle,idle']);
  });

  it('marks the pull skipped when the image is present', () => {
    let t = emptyTrack();
    for (const e of run(true)) t = trackRun(t, e);
    for (const e of run(false)) t = trackRun(t, e);
    expect(t.steps).toEqual(['skipped', 'done', 'done', 'done', 'done']);
  });

  it('ignores unrelated events and a plain docker pull', () => {
    const t = emptyTrack();
    expect(trackRun(t, ev('request', 'kubectl', 'kube-apiserver', 'create', 'x'))).toBe(t);
    expect(trackRun(t, ev('pull', 'dockerd', 'registry', 'GET', 'resolve redis'))).toBe(t);
  });
});
