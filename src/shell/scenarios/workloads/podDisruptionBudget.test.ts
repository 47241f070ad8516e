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
    const s = cluster('minAvailable: 2');
    const victim = s.cluster.api.list<Pod>('Pod', 'default').find((p) => p.spec.nodeName === 'worker-1');
    expect(victim).toBeDefined();
    const out = sh(s, 'kubectl drain worker-1 --ignore-daemonsets --timeout=12s');
    const retry = `error when evicting pods/"${victim!.metadata.name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;
    expect(out.split('\n').filter((l) => l === retry)).toHaveLength(3);
    expect(out).toContain(
      `error: unable to drain node "worker-1" due to error: [error when evicting pods/"${victim!.metadata.name}" -n "default": global timeout reached: 12s], continuing command...`,
    );
    expect(
      s.cluster.api.get('Pod', 'default', victim!.metadata.name)?.metadata.deletionTimestamp,
    ).toBeUndefined();
  });

  it('drain evicts through the budget once it allows a disruption', () => {
    const s = cluster('minAvailable: 1');
    const out = sh(s, 'kubectl drain worker-1 --ignore-daemonsets');
    expect(out).not.toContain('disruption budget');
    expect(out).toContain('node/worker-1 drained');
  });
});
