/**
 * `kubectl rollout undo` of a Deployment replaces its annotations with the target ReplicaSet's, keeping only the
 * keys kubectl skips (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go: annotationsToSkip), so the
 * change-cause of revision N comes back with it.
 */
import { describe, expect, it } from 'vitest';
import { newSession, sh } from '../../testing/harness';
import type { Deployment } from '../../../sim/api/types';

const SETUP = ['1.25', '1.26', '1.27']
  .map(
    (v, i) =>
      `${i ? `kubectl set image deployment/web nginx=nginx:${v}` : `kubectl create deployment web --image=nginx:${v}`}
kubectl annotate deployment web kubernetes.io/change-cause="v${v}" --overwrite
sim advance 10s`,
  )
  .join('\n');

describe('rollout undo', () => {
  const cases: { undo: string; history: string[]; cause: string }[] = [
    {
      undo: '--to-revision=1',
      history: ['2         v1.26', '3         v1.27', '4         v1.25'],
      cause: 'v1.25',
    },
    { undo: '', history: ['1         v1.25', '3         v1.27', '4         v1.26'], cause: 'v1.26' },
  ];
  for (const t of cases) {
    it(`${t.undo || 'to the previous revision'} brings back that revision's change-cause`, () => {
      const s = newSession();
      sh(s, SETUP);
      expect(sh(s, `kubectl rollout undo deployment/web ${t.undo}`)).toBe(
        'deployment.apps/web rolled back\n',
      );
      sh(s, 'sim advance 10s');
      const out = sh(s, 'kubectl rollout history deployment/web');
      expect(out.split('\n').slice(2, 5)).toEqual(t.history);
      const d = s.cluster.api.get<Deployment>('Deployment', 'default', 'web')!;
      expect(d.metadata.annotations).toEqual({
        'deployment.kubernetes.io/revision': '4',
        'kubernetes.io/change-cause': t.cause,
      });
    });
  }

  it('drops a change-cause the target revision did not have', () => {
    const s = newSession();
    sh(s, 'kubectl create deployment web --image=nginx:1.25\nsim advance 10s');
    sh(s, 'kubectl set image deployment/web nginx=nginx:1.26\nsim advance 10s');
    sh(s, 'kubectl annotate deployment web kubernetes.io/change-cause="v1.26"');
    sh(s, 'kubectl rollout undo deployment/web\nsim advance 10s');
    const d = s.cluster.api.get<Deployment>('Deployment', 'default', 'web')!;
    expect(d.metadata.annotations?.['kubernetes.io/change-cause']).toBeUndefined();
  });
});
