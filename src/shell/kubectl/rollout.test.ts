import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../sim/api/types';
import { kubectlRun, labCluster } from './testHarness';
import { rolloutStatus } from './rollout';
import { runKubectl } from './kubectlCommand';
import { memoryFs } from '../memoryFs';

function dep(spec: Partial<Deployment['spec']>, status: Deployment['status'], generation = 2): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', generation },
    spec: { replicas: 3, selector: {}, template: { spec: { containers: [] } }, ...spec },
    status,
  };
}

describe('rollout status viewer', () => {
  it.each([
    [dep({}, { observedGeneration: 1 }), 'Waiting for deployment spec update to be observed...', false],
    [
      dep({}, { observedGeneration: 2, updatedReplicas: 1, replicas: 4 }),
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      false,
    ],
    [
      dep({}, { observedGeneration: 2, updatedReplicas: 3, replicas: 4 }),
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
      false,
    ],
    [
      dep({}, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }),
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
      false,
    ],
    [
      dep({}, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }),
      'deployment "web" successfully rolled out',
      true,
    ],
  ])('%#', (d, message, done) => {
    expect(rolloutStatus(d)).toEqual({ message, done });
  });

  it('a passed progress deadline is an error', () => {
    const d = dep(
      {},
      {
        observedGeneration: 2,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      },
    );
    expect(rolloutStatus(d).error).toBe('error: deployment "web" exceeded its progress deadline');
  });
});

describe('kubectl rollout', () => {
  it('history, undo, restart, pause and resume', () => {
    const c = labCluster();
    kubectlRun(c, 'create deployment web --image=nginx:1.26');
    c.advance(1000);
    expect(kubectlRun(c, 'set image deployment/web nginx=nginx:1.27').out).toBe(
      'deployment.apps/web image updated\n',
    );
    c.advance(1000);
    expect(kubectlRun(c, 'rollout history deployment/web').out).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    const rev1 = kubectlRun(c, 'rollout history deploy/web --revision=1').out;
    expect(rev1).toMatch(/^deployment\.apps\/web with revision #1\nPod Template:\n/);
    expect(rev1).toContain('nginx:1.26');
    expect(kubectlRun(c, 'rollout history deploy/web --revision=9').err).toBe(
      'error: unable to find the specified revision\n',
    );

    expect(kubectlRun(c, 'rollout undo deployment/web').out).toBe('deployment.apps/web rolled back\n');
    const d = c.api.get('Deployment', 'default', 'web') as Deployment;
    expect(d.spec.template.spec.containers[0]!.image).toBe('nginx:1.26');
    expect(d.spec.template.metadata?.labels?.['pod-template-hash']).toBeUndefined();
    c.advance(1000);
    expect(kubectlRun(c, 'rollout undo deployment/web --to-revision=7').err).toBe(
      'error: unable to find specified revision 7 in history\n',
    );

    expect(kubectlRun(c, 'rollout restart deployment/web').out).toBe('deployment.apps/web restarted\n');
    const restarted = c.api.get('Deployment', 'default', 'web') as Deployment;
    expect(restarted.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe(
      c.iso(),
    );

    expect(kubectlRun(c, 'rollout pause deployment/web').out).toBe('deployment.apps/web paused\n');
    expect(kubectlRun(c, 'rollout pause deployment/web').err).toBe(
      'error: deployments.apps "web" is already paused\n',
    );
    expect(kubectlRun(c, 'rollout restart deployment/web').err).toContain(
      "can't restart paused deployment (run rollout resume first)",
    );
    expect(kubectlRun(c, 'rollout resume deployment/web').out).toBe('deployment.apps/web resumed\n');
    expect(kubectlRun(c, 'rollout resume deployment/web').err).toBe(
      'error: deployments.apps "web" is not paused\n',
    );
  });

  it('status advances the clock in a script and gives up at --timeout', () => {
    const c = labCluster();
    kubectlRun(c, 'apply -f -', {
      stdin:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: stuck\nspec:\n  selector:\n    matchLabels:\n      app: stuck\n  template:\n    metadata:\n      labels:\n        app: stuck\n    spec:\n      nodeSelector:\n        disktype: none\n      containers:\n      - name: c\n        image: nginx\n',
    });
    const t0 = c.now;
    const r = kubectlRun(c, 'rollout status deployment/stuck --timeout=20s');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'Waiting for deployment "stuck" rollout to finish: 0 of 1 updated replicas are available...\n',
    );
    expect(r.err).toBe('error: timed out waiting for the condition\n');
    expect(c.now - t0).toBe(20_000);
  });

  it('scale sets replicas and refuses kinds without a scaler', () => {
    const c = labCluster();
    kubectlRun(c, 'create deployment web --image=nginx');
    expect(kubectlRun(c, 'scale deployment web --replicas=4').out).toBe('deployment.apps/web scaled\n');
    expect(c.api.get('Deployment', 'default', 'web')!.spec.replicas).toBe(4);
    expect(kubectlRun(c, 'scale deployment web --current-replicas=2 --replicas=1').err).toBe(
      'error: Expected replicas to be 2, was 4\n',
    );
    kubectlRun(c, 'run p --image=nginx');
    expect(kubectlRun(c, 'scale pod p --replicas=2').err).toBe(
      'error: no scaler has been implemented for {"" "Pod"}\n',
    );
    expect(kubectlRun(c, 'scale deploy web').err).toBe('error: required flag(s) "replicas" not set\n');
  });
});

describe('rollout status in the terminal', () => {
  it('prints progress as the clock runs and stops by itself when done', () => {
    const c = labCluster();
    kubectlRun(c, 'create deployment web --image=nginx --replicas=2');
    let out = '';
    let stopped = false;
    const code = runKubectl({
      cluster: c,
      argv: ['rollout', 'status', 'deployment/web'],
      fs: memoryFs(),
      mode: 'interactive',
      out: (t) => (out += t),
      err: (t) => (out += t),
      keepAlive: () => {
        stopped = false;
      },
    });
    expect(code).toBe(0);
    expect(stopped).toBe(false);
    expect(out).toContain('Waiting for deployment "web" rollout to finish');
    for (let i = 0; i < 60 && !out.includes('successfully'); i++) c.advance(1000);
    expect(out.trimEnd().split('\n').pop()).toBe('deployment "web" successfully rolled out');
    const after = out;
    c.advance(5000);
    expect(out).toBe(after);
  });
});
