import { describe, expect, it } from 'vitest';
import { createSession } from '../session';

const SETUP = `kubectl create deployment web --image=nginx:1.27 --replicas=3
kubectl run crash --image=busybox -- sh -c "sleep 3; exit 1"
sim advance 20s`;

const AFTER = `kubectl set image deployment/web nginx=nginx:1.16.1
sim advance 7s
kubectl get pods
sim node fail worker-1
sim advance 90s
kubectl get nodes
kubectl get pods -o wide
kubectl describe pod crash`;

describe('snapshots', () => {
  it('restoring a snapshot reproduces the rest of the run byte for byte', () => {
    const s = createSession({ mode: 'script', seed: 9 });
    s.exec(SETUP);
    const snap = s.cluster.snapshot();
    const logSize = s.cluster.log.size;
    const first = s.exec(AFTER).output;
    s.cluster.restore(snap);
    expect(s.cluster.now).toBe(snap.time);
    expect(s.cluster.log.size).toBe(logSize);
    const second = s.exec(AFTER).output;
    expect(second).toBe(first);
    expect(first).toContain('NotReady');
  });

  it('a restored snapshot is independent of later changes', () => {
    const s = createSession({ mode: 'script', seed: 9 });
    s.exec(SETUP);
    const snap = s.cluster.snapshot();
    s.exec('kubectl delete deployment web');
    s.cluster.advance(60_000);
    expect(s.cluster.api.get('Deployment', 'default', 'web')).toBeUndefined();
    s.cluster.restore(snap);
    expect(s.cluster.api.get('Deployment', 'default', 'web')).toBeDefined();
    expect(s.cluster.store.verifyIndexes()).toEqual([]);
  });
});
