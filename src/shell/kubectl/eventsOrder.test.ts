/**
 * `kubectl get events` without --sort-by prints the server's list order, which is etcd's key order (namespace,
 * then name); Event names are `<object>.<time>`, so events come grouped by the object they are about, not by
 * time (kubernetes/kubernetes#29838, "kubectl get events doesnt sort events by last seen time").
 */
import { expect, it } from 'vitest';
import { createSim } from '../../sim/createSim';
import { kubectlRun } from './testHarness';

it('lists events in name order, grouped by object', () => {
  const c = createSim({ seed: 2 });
  kubectlRun(c, 'create deployment web --image=nginx --replicas=2');
  c.advance(10_000);
  const rows = kubectlRun(c, 'get events').out.trim().split('\n').slice(1);
  const objects = rows.map((r) => r.split(/\s{2,}/)[3]!);
  // the Deployment's event (name web.<time>) comes after its pods' and ReplicaSet's (web-<hash>…), though older
  const dep = objects.indexOf('deployment/web');
  const lastPod = objects.map((o) => o.startsWith('pod/web-')).lastIndexOf(true);
  expect(dep).toBeGreaterThan(lastPod);
  const names = c.api.list('Event', 'default').map((e) => e.metadata.name);
  expect(names).toEqual([...names].sort());
  // --sort-by still sorts by time
  const byTime = kubectlRun(c, 'get events --sort-by=.lastTimestamp').out.trim().split('\n').slice(1);
  expect(byTime.findIndex((r) => r.includes('deployment/web'))).toBeLessThan(
    byTime.findIndex((r) => r.includes('Pulled')),
  );
});
