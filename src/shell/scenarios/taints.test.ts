/**
 * `kubectl taint … :NoExecute` as the taint manager handles it (pkg/controller/tainteviction): a pod that does not
 * tolerate the taint is deleted at once, one that tolerates it for tolerationSeconds is deleted when they run out
 * (event TaintManagerEviction "Marking for deletion Pod <ns>/<name>"), one that tolerates it without a limit stays.
 * The NoExecute taint carries its timeAdded.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../sim/api/types';
import { newSession, sh } from '../testing/harness';

const pod = (name: string, toleration: string) => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: worker-1
  tolerations: ${toleration}
  containers:
  - name: c
    image: nginx:1.27
EOF`;

describe('NoExecute taints', () => {
  const cases: { name: string; toleration: string; goneAfter: number | undefined }[] = [
    { name: 'none', toleration: '[]', goneAfter: 0 },
    {
      name: 'thirty',
      toleration: '[{key: maint, operator: Exists, effect: NoExecute, tolerationSeconds: 30}]',
      goneAfter: 30,
    },
    {
      name: 'forever',
      toleration: '[{key: maint, operator: Exists, effect: NoExecute}]',
      goneAfter: undefined,
    },
  ];
  for (const t of cases) {
    it(`evicts a pod with toleration ${t.toleration} ${t.goneAfter === undefined ? 'never' : `after ${t.goneAfter}s`}`, () => {
      const s = newSession();
      sh(s, pod(t.name, t.toleration));
      sh(s, 'sim advance 10s');
      expect(sh(s, 'kubectl taint nodes worker-1 maint=yes:NoExecute')).toBe('node/worker-1 tainted\n');
      const node = s.cluster.api.get<Node>('Node', undefined, 'worker-1')!;
      expect(node.spec.taints?.find((x) => x.key === 'maint')).toEqual({
        key: 'maint',
        value: 'yes',
        effect: 'NoExecute',
        timeAdded: '2026-01-01T00:00:10Z',
      });
      const alive = () => {
        const p = s.cluster.api.get<Pod>('Pod', 'default', t.name);
        return !!p && !p.metadata.deletionTimestamp;
      };
      if (t.goneAfter === undefined) {
        sh(s, 'sim advance 10m');
        expect(alive()).toBe(true);
        return;
      }
      if (t.goneAfter > 0) {
        sh(s, `sim advance ${t.goneAfter - 1}s`);
        expect(alive()).toBe(true);
      }
      sh(s, 'sim advance 2s');
      expect(alive()).toBe(false);
      expect(sh(s, 'kubectl get events --field-selector reason=TaintManagerEviction')).toContain(
        `TaintManagerEviction   pod/${t.name}   Marking for deletion Pod default/${t.name}`,
      );
    });
  }

  it('keeps timeAdded when the taints are rewritten', () => {
    const s = newSession();
    sh(s, 'kubectl taint nodes worker-1 maint=yes:NoExecute');
    sh(s, 'sim advance 20s');
    sh(s, 'kubectl label node worker-1 extra=1');
    sh(s, 'kubectl taint nodes worker-1 other=x:NoSchedule');
    const node = s.cluster.api.get<Node>('Node', undefined, 'worker-1')!;
    expect(node.spec.taints?.find((x) => x.key === 'maint')?.timeAdded).toBe('2026-01-01T00:00:00Z');
    expect(node.spec.taints?.find((x) => x.key === 'other')?.timeAdded).toBeUndefined();
  });
});
