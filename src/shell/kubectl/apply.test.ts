import { describe, expect, it } from 'vitest';
import { memoryFs } from '../memoryFs';
import { kubectlRun, labCluster } from './testHarness';
import { LAST_APPLIED, threeWayMerge } from './write';

const deploy = (image: string, extraLabel = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web${extraLabel ? `\n    ${extraLabel}` : ''}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

describe('kubectl apply', () => {
  it('created, unchanged, configured; keeps the last-applied annotation', () => {
    const c = labCluster();
    const fs = memoryFs({ 'd.yaml': deploy('nginx:1.26') });
    expect(kubectlRun(c, 'apply -f d.yaml', { fs }).out).toBe('deployment.apps/web created\n');
    const stored = c.api.get('Deployment', 'default', 'web')!;
    const last = JSON.parse(stored.metadata.annotations![LAST_APPLIED]!);
    expect(last.metadata).toEqual({
      annotations: {},
      labels: { app: 'web' },
      name: 'web',
      namespace: 'default',
    });
    expect(last.spec.template.spec.containers[0].image).toBe('nginx:1.26');
    expect(kubectlRun(c, 'apply -f d.yaml', { fs }).out).toBe('deployment.apps/web unchanged\n');
    fs.files['d.yaml'] = deploy('nginx:1.27');
    expect(kubectlRun(c, 'apply -f d.yaml', { fs }).out).toBe('deployment.apps/web configured\n');
    expect(c.api.get('Deployment', 'default', 'web')!.spec.template.spec.containers[0].image).toBe(
      'nginx:1.27',
    );
  });

  it('removes what was deleted from the file but keeps what others added', () => {
    const c = labCluster();
    const fs = memoryFs({ 'd.yaml': deploy('nginx', 'tier: fe') });
    kubectlRun(c, 'apply -f d.yaml', { fs });
    kubectlRun(c, 'label deployment web owner=ops');
    fs.files['d.yaml'] = deploy('nginx');
    expect(kubectlRun(c, 'apply -f d.yaml', { fs }).out).toBe('deployment.apps/web configured\n');
    expect(c.api.get('Deployment', 'default', 'web')!.metadata.labels).toEqual({ app: 'web', owner: 'ops' });
  });

  it('reads stdin, folders and multi-document files', () => {
    const c = labCluster();
    const fs = memoryFs({
      'k8s/a.yaml':
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\n  namespace: team\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
      'k8s/notes.txt': 'ignored',
    });
    expect(kubectlRun(c, 'apply -f k8s', { fs }).out).toBe('namespace/team created\npod/p1 created\n');
    const r = kubectlRun(c, 'apply -f -', {
      stdin: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team2\n',
    });
    expect(r.out).toBe('namespace/team2 created\n');
  });

  it('dry runs say so and change nothing', () => {
    const c = labCluster();
    const fs = memoryFs({ 'd.yaml': deploy('nginx') });
    expect(kubectlRun(c, 'apply -f d.yaml --dry-run=client', { fs }).out).toBe(
      'deployment.apps/web created (dry run)\n',
    );
    expect(kubectlRun(c, 'apply -f d.yaml --dry-run=server', { fs }).out).toBe(
      'deployment.apps/web created (server dry run)\n',
    );
    expect(c.api.get('Deployment', 'default', 'web')).toBeUndefined();
    const y = kubectlRun(c, 'apply -f d.yaml --dry-run=client -o yaml', { fs }).out;
    expect(y).toContain(`    ${LAST_APPLIED}: |\n`);
  });

  it('unknown kinds stop before anything is written', () => {
    const c = labCluster();
    const fs = memoryFs({
      'x.yaml':
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: first\n---\napiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n',
    });
    const r = kubectlRun(c, 'apply -f x.yaml', { fs });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "x.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    );
    expect(c.api.get('Namespace', undefined, 'first')).toBeUndefined();
  });

  it('API errors carry the file; invalid objects print the API text', () => {
    const c = labCluster();
    const fs = memoryFs({
      'typo.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\nspec:\n  contianers: []\n',
      'noimage.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: n\nspec:\n  containers:\n  - name: c\n',
    });
    const typo = kubectlRun(c, 'create -f typo.yaml', { fs });
    expect(typo.code).toBe(1);
    expect(typo.err).toMatch(
      /^Error from server \(BadRequest\): error when creating "typo\.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec\.contianers"/,
    );
    const inv = kubectlRun(c, 'apply -f noimage.yaml', { fs });
    expect(inv.err).toContain('The Pod "n" is invalid: ');
    expect(inv.err).toContain('spec.containers[0].image: Required value');
  });

  it('a file namespace that contradicts -n is refused', () => {
    const c = labCluster();
    const r = kubectlRun(c, 'apply -n default -f -', {
      stdin:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: kube-system\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
    });
    expect(r.err).toContain(
      'the namespace from the provided object "kube-system" does not match the namespace "default"',
    );
  });
});

describe('threeWayMerge', () => {
  it('merges named lists by key and drops removed fields', () => {
    const original = { spec: { containers: [{ name: 'a', image: 'x', args: ['1'] }], replicas: 2 } };
    const modified = { spec: { containers: [{ name: 'a', image: 'y' }] } };
    const current = {
      spec: {
        containers: [
          { name: 'a', image: 'x', args: ['1'], imagePullPolicy: 'Always' },
          { name: 'sidecar', image: 's' },
        ],
        replicas: 2,
        paused: true,
      },
    };
    expect(threeWayMerge(original, modified, current)).toEqual({
      spec: {
        containers: [
          { name: 'a', image: 'y', imagePullPolicy: 'Always' },
          { name: 'sidecar', image: 's' },
        ],
        paused: true,
      },
    });
  });
});
