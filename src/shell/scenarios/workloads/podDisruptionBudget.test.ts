/**
 * PodDisruptionBudget (policy/v1): the disruption controller's status (pkg/controller/disruption), `kubectl get
 * pdb`, the eviction API refusing with 429 "Cannot evict pod as it would violate the pod's disruption budget."
 * (pkg/registry/core/pod/storage/eviction.go) and `kubectl drain` retrying every 5 s (kubectl/pkg/drain).
 */
import { describe, expect, it } from 'vitest';
import type { KObject, Pod } from '../../../sim/api/types';
import { newSession, sh } from '../../testing/harness';

const PDB = (bound: string) => `kubectl apply -f - <<EOF
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  ${bound}
  selector:
    matchLabels:
      app: web
EOF
sim advance 2s`;

function cluster(bound: string) {
  const s = newSession();
  sh(s, 'kubectl create deployment web --image=nginx:1.27 --replicas=2\nsim advance 15s');
  sh(s, PDB(bound));
  return s;
}
const pdb = (s: ReturnType<typeof newSession>) =>
  s.cluster.api.get<KObject>('PodDisruptionBudget', 'default', 'web-pdb')!;

describe('PodDisruptionBudget status', () => {
  const cases: { bound: string; desired: number; allowed: number; column: [string, string] }[] = [
    { bound: 'minAvailable: 2', desired: 2, allowed: 0, column: ['2', 'N/A'] },
    { bound: 'minAvailable: 1', desired: 1, allowed: 1, column: ['1', 'N/A'] },
    { bound: 'maxUnavailable: 1', desired: 1, allowed: 1, column: ['N/A', '1'] },
    { bound: 'minAvailable: "50%"', desired: 1, allowed: 1, column: ['50%', 'N/A'] },
  ];
  for (const t of cases) {
    it(`${t.bound}: desiredHealthy ${t.desired}, disruptionsAllowed ${t.allowed}`, () => {
      const s = cluster(t.bound);
      const st = pdb(s).status;
      expect(st).toMatchObject({
        observedGeneration: 1,
        currentHealthy: 2,
        desiredHealthy: t.desired,
        disruptionsAllowed: t.allowed,
        expectedPods: 2,
      });
      expect(st.conditions[0]).toMatchObject({
        type: 'DisruptionAllowed',
        status: t.allowed ? 'True' : 'False',
        reason: t.allowed ? 'SufficientPods' : 'InsufficientPods',
      });
      const out = sh(s, 'kubectl get pdb');
      expect(out.split('\n')[0]).toMatch(
        /^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE$/,
      );
      expect(out.split('\n')[1]!.split(/\s+/).slice(0, 4)).toEqual([
        'web-pdb',
        ...t.column,
        String(t.allowed),
      ]);
    });
  }

  it('refuses both minAvailable and maxUnavailable', () => {
    const s = newSession();
    expect(sh(s, PDB('minAvailable: 1\n  maxUnavailable: 1'))).toContain(
      'minAvailable and maxUnavailable cannot be both set',
    );
  });
});

describe('eviction and drain', () => {
  it('refuses an eviction the budget does not allow with 429, and allows one it does (using it up)', () => {
    const s = cluster('minAvailable: 1');
    const [a, b] = s.cluster.api.list<Pod>('Pod', 'default').map((p) => p.metadata.name);
    expect(s.cluster.api.evict('default', a!).ok).toBe(true);
    const r = s.cluster.api.evict('default', b!);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(429);
      expect(r.error.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    }
    expect(pdb(s).status.disruptionsAllowed).toBe(0);
  });

  it('drain retries every 5 s while the budget refuses, and gives up at the timeout', () => {
    // As the real kubectl 1.32 prints it against a refusing budget (checked with `kubelab serve`): each worker
    // says `evicting pod` before every attempt, the attempt after the timeout reports it, then the pending pods,
    // the node and the error again as the last line.
    const s = cluster('minAvailable: 2');
    const victim = s.cluster.api.list<Pod>('Pod', 'default').find((p) => p.spec.nodeName === 'worker-1')!;
    const t0 = s.cluster.now;
    const out = sh(s, 'kubectl drain worker-1 --ignore-daemonsets --timeout=10s');
    const name = victim.metadata.name;
    const retry = `error when evicting pods/"${name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;
    const timeout = `error when evicting pods/"${name}" -n "default": global timeout reached: 10s`;
    const lines = out.split('\n').filter((l) => l.includes(name));
    expect(lines).toEqual([
      `evicting pod default/${name}`,
      retry,
      `evicting pod default/${name}`,
      retry,
      `evicting pod default/${name}`,
      `There are pending pods in node "worker-1" when an error occurred: ${timeout}`,
      `pod/${name}`,
      `error: unable to drain node "worker-1" due to error: ${timeout}, continuing command...`,
      timeout,
    ]);
    expect(out).toContain('There are pending nodes to be drained:\n worker-1\n');
    expect(s.cluster.now - t0).toBe(10_000);
    expect(s.cluster.api.get('Pod', 'default', name)?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('a --timeout between two retries still waits for the next attempt to report it', () => {
    const s = cluster('minAvailable: 2');
    const t0 = s.cluster.now;
    const out = sh(s, 'kubectl drain worker-1 --ignore-daemonsets --timeout=7s');
    expect(out.match(/\(will retry after 5s\)/g)).toHaveLength(2);
    expect(out).toContain('global timeout reached: 7s');
    expect(s.cluster.now - t0).toBe(10_000);
  });

  it('several nodes: all are cordoned first, then each is drained; the last lines are one per node', () => {
    const s = newSession();
    const out = sh(s, 'kubectl drain worker-1 worker-2 --timeout=5s');
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['node/worker-1 cordoned', 'node/worker-2 cordoned']);
    expect(lines[2]).toMatch(
      /^error: unable to drain node "worker-1" due to error: cannot delete DaemonSet-managed Pods/,
    );
    expect(lines.slice(4, 7)).toEqual(['There are pending nodes to be drained:', ' worker-1', ' worker-2']);
    expect(lines.slice(7).every((l) => l.startsWith('cannot delete DaemonSet-managed Pods'))).toBe(true);
    expect(lines).toHaveLength(9);
  });

  it('drain evicts through the budget once it allows a disruption', () => {
    const s = cluster('minAvailable: 1');
    const out = sh(s, 'kubectl drain worker-1 --ignore-daemonsets');
    expect(out).not.toContain('disruption budget');
    expect(out).toContain('node/worker-1 drained');
  });
});
