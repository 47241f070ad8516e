import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch } from './patch';
import { kubectlRun, labCluster } from './testHarness';

describe('patch functions', () => {
  it('merge patch replaces lists and deletes nulls', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [9] })).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      l: [9],
    });
  });
  it('json patch operations', () => {
    const doc = { spec: { containers: [{ name: 'a', image: 'x' }] } };
    expect(
      jsonPatch(doc, [
        { op: 'replace', path: '/spec/containers/0/image', value: 'y' },
        { op: 'add', path: '/spec/containers/-', value: { name: 'b', image: 'z' } },
      ]),
    ).toEqual({
      spec: {
        containers: [
          { name: 'a', image: 'y' },
          { name: 'b', image: 'z' },
        ],
      },
    });
    // The texts of evanphx/json-patch as kubectl 1.32 prints them (`patch --local --type=json`).
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/spec/nope' }])).toThrow(
      "error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value",
    );
    expect(jsonPatch(doc, [{ op: 'replace', path: '/spec/nope', value: 1 }])).toEqual({
      spec: { ...doc.spec, nope: 1 },
    });
  });
});

describe('kubectl patch and autoscale', () => {
  it('patches with each type and reports no change', () => {
    const c = labCluster();
    kubectlRun(c, 'create deployment web --image=nginx');
    expect(kubectlRun(c, `patch deployment web -p '{"spec":{"replicas":3}}'`).out).toBe(
      'deployment.apps/web patched\n',
    );
    expect(c.api.get('Deployment', 'default', 'web')!.spec.replicas).toBe(3);
    expect(kubectlRun(c, `patch deployment web -p '{"spec":{"replicas":3}}'`).out).toBe(
      'deployment.apps/web patched (no change)\n',
    );
    kubectlRun(
      c,
      `patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}'`,
    );
    const d = c.api.get('Deployment', 'default', 'web')!;
    expect(d.spec.template.spec.containers).toHaveLength(1);
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(
      kubectlRun(c, `patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`)
        .out,
    ).toBe('deployment.apps/web patched\n');
    expect(c.api.get('Deployment', 'default', 'web')!.spec.replicas).toBe(1);
    expect(kubectlRun(c, `patch node worker-1 --type=merge -p '{"spec":{"unschedulable":true}}'`).out).toBe(
      'node/worker-1 patched\n',
    );
    expect(kubectlRun(c, 'patch deploy web').err).toContain('must specify --patch or --patch-file');
  });

  it('autoscale generates an autoscaling/v2 HPA', () => {
    const c = labCluster();
    kubectlRun(c, 'create deployment php-apache --image=registry.k8s.io/hpa-example');
    expect(
      kubectlRun(
        c,
        'autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10 --dry-run=client -o yaml',
      ).out,
    ).toBe(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  creationTimestamp: null
  name: php-apache
spec:
  maxReplicas: 10
  metrics:
  - resource:
      name: cpu
      target:
        averageUtilization: 50
        type: Utilization
    type: Resource
  minReplicas: 1
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: php-apache
status:
  currentMetrics: null
  desiredReplicas: 0
`);
    expect(kubectlRun(c, 'autoscale deployment php-apache --min=3 --max=2').err).toContain(
      '--max=MAXPODS must be larger or equal to --min=MINPODS',
    );
  });

  it('exec -it into a shell explains itself', () => {
    const c = labCluster();
    kubectlRun(c, 'apply -f -', {
      stdin:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
    });
    c.advance(10_000);
    const r = kubectlRun(c, 'exec -it p -- sh');
    expect(r.code).toBe(1);
    expect(r.err).toContain('an interactive shell is not available in Kubelab');
  });
});

describe('kubectl replace', () => {
  it('replaces the whole object and refuses missing ones', () => {
    const c = labCluster();
    const y = (image: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    v: "${image.length}"\nspec:\n  containers:\n  - name: c\n    image: ${image}\n`;
    expect(kubectlRun(c, 'replace -f -', { stdin: y('nginx') }).err).toBe(
      'Error from server (NotFound): error when replacing "STDIN": pods "p" not found\n',
    );
    kubectlRun(c, 'create -f -', { stdin: y('nginx') });
    expect(kubectlRun(c, 'replace -f -', { stdin: y('nginx:1.27') }).err).toContain('The Pod "p" is invalid');
    const r = kubectlRun(c, 'replace --force -f -', { stdin: y('nginx:1.27') });
    expect(r.out).toBe('pod "p" deleted\npod/p replaced\n');
    expect(c.api.get('Pod', 'default', 'p')!.spec.containers[0].image).toBe('nginx:1.27');
  });
});
