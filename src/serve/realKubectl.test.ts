/**
 * The real kubectl drives `kubelab serve`: every kubectl binary on this machine (kubectl.1.27 … 1.33 beside the
 * one on the PATH) against an in-process server. What each version can do follows its client: exec over
 * WebSocket needs 1.30+ (older ones speak SPDY only), apply reads the protobuf OpenAPI v2 before 1.30 and
 * OpenAPI v3 from 1.30, and typed clients send protobuf bodies from 1.32.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { findKubectls, testServer, type TestServer } from './testing';

const kubectls = findKubectls();
const minor = (v: string) => Number(v.split('.')[1] ?? 99);
/** Three versions at least: oldest, the PATH's (1.32) and newest. */
const chosen = kubectls.filter(
  (k, i) => i === 0 || ['1.29', '1.30', '1.32'].includes(k.version) || i === kubectls.length - 1,
);

test('a real kubectl is on this machine', () => {
  if (!kubectls.length) {
    console.warn('kubelab serve tests: no kubectl found on the PATH; the real-client tests did not run');
    expect(process.env.CI, 'no kubectl on the PATH in CI').toBeFalsy();
  } else expect(kubectls.length).toBeGreaterThanOrEqual(1);
});

const dir = mkdtempSync(join(tmpdir(), 'kubelab-manifests-'));
const manifest = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

for (const k of chosen) {
  describe(`kubectl ${k.version}`, () => {
    let s: TestServer;
    const run = (args: string[], o?: { input?: string }) => s.kubectl(k.path, args, o);
    beforeAll(async () => {
      s = await testServer({ speed: 20 });
    });
    afterAll(async () => s.close());

    test('version, api-resources, explain', async () => {
      const v = await run(['version']);
      expect(v.stdout).toMatch(/Server Version: .*v1\.32\.0-kubelab/);
      const r = await run(['api-resources']);
      expect(r.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
      expect(r.stdout).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
      const e = await run(['explain', 'deployment.spec.replicas']);
      if (minor(k.version) >= 30) expect(e.stdout).toContain('Number of desired pods');
      else expect(e.code + e.stdout.length).toBeGreaterThan(0);
    });

    test('apply: created, unchanged, configured; rollout status; scale', async () => {
      const f = join(dir, `web-${k.version}.yaml`);
      writeFileSync(f, manifest(2));
      const first = await run(['apply', '-f', f]);
      // (1.27–1.29 validate and take patch metadata from the protobuf OpenAPI v2 document; 1.30+ from v3)
      expect(first.stdout).toBe('deployment.apps/web created\n');
      expect((await run(['apply', '-f', f])).stdout).toBe('deployment.apps/web unchanged\n');
      writeFileSync(f, manifest(3));
      expect((await run(['apply', '-f', f])).stdout).toBe('deployment.apps/web configured\n');
      expect((await run(['apply', '-f', f])).stdout).toBe('deployment.apps/web unchanged\n');
      // diff and a server dry run: the change shows, nothing is stored.
      writeFileSync(f, manifest(4));
      const diff = await run(['diff', '-f', f]);
      expect(diff.code).toBe(1);
      expect(diff.stdout).toMatch(/^- {2}replicas: 3$/m);
      expect(diff.stdout).toMatch(/^\+ {2}replicas: 4$/m);
      expect((await run(['apply', '-f', f, '--dry-run=server'])).stdout).toBe(
        'deployment.apps/web configured (server dry run)\n',
      );
      expect(
        (s.session.cluster.api.get('Deployment', 'default', 'web') as { spec: { replicas: number } }).spec
          .replicas,
      ).toBe(3);
      const rs = await run(['rollout', 'status', 'deployment/web', '--timeout=15s']);
      expect(rs.stdout).toContain('deployment "web" successfully rolled out');
      expect((await run(['scale', 'deployment/web', '--replicas=1'])).stdout).toBe(
        'deployment.apps/web scaled\n',
      );
      const d = s.session.cluster.api.get('Deployment', 'default', 'web') as { spec: { replicas: number } };
      expect(d.spec.replicas).toBe(1);
    });

    test('get tables (normal and wide), describe, logs', async () => {
      await run(['rollout', 'status', 'deployment/web', '--timeout=15s']);
      const g = await run(['get', 'deploy']);
      expect(g.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+1\/1\s+1\s+1\s+\S+\n$/);
      const w = await run(['get', 'pods', '-o', 'wide', '-l', 'app=web']);
      expect(w.stdout.split('\n')[0]).toMatch(
        /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
      );
      const d = await run(['describe', 'deployment', 'web']);
      expect(d.stdout).toMatch(/^Name:\s+web$/m);
      expect(d.stdout).toMatch(
        /^Replicas:\s+1 desired \| 1 updated \| 1 total \| 1 available \| 0 unavailable$/m,
      );
      // kubectl computes these ages itself: timestamps reach it on the wall clock, so they read as the simulation's.
      expect(d.stdout).toMatch(/^ {2}Normal {2}ScalingReplicaSet {2}\d+s /m);
      const pod = (await run(['get', 'pods', '-l', 'app=web', '-o', 'name'])).stdout.trim().split('\n')[0]!;
      const l = await run(['logs', pod, '--tail=1']);
      expect(l.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    });

    test('exec exit codes', async () => {
      const pod = (await run(['get', 'pods', '-l', 'app=web', '-o', 'name'])).stdout.trim().split('\n')[0]!;
      const r = await run(['exec', pod, '--', 'sh', '-c', 'echo hi; exit 3']);
      if (minor(k.version) < 30) {
        // SPDY only before 1.30: refused.
        expect(r.code).not.toBe(0);
        return;
      }
      expect(r.stdout).toBe('hi\n');
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('command terminated with exit code 3');
      const ok = await run(['exec', pod, '--', 'echo', 'fine']);
      expect([ok.code, ok.stdout]).toEqual([0, 'fine\n']);
    });

    test('get -w streams the changes', async () => {
      const child = spawn(k.path, ['get', 'pods', '-l', 'app=web', '-w'], {
        env: { ...process.env, KUBECONFIG: s.kubeconfig },
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      // (once the list is printed, the watch starts from its resourceVersion: no later change is missed)
      for (const t0 = Date.now(); !out.includes('NAME') && Date.now() - t0 < 8000;)
        await new Promise((r) => setTimeout(r, 20));
      await run(['scale', 'deployment/web', '--replicas=2']);
      const t0 = Date.now();
      while (!/Running[\s\S]*\n.*Pending/.test(out) && Date.now() - t0 < 8000)
        await new Promise((r) => setTimeout(r, 20));
      child.kill();
      expect(out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS/);
      expect(out).toMatch(/Pending|ContainerCreating/);
    });

    test('typed clients: create deployment, create namespace, auth can-i (protobuf bodies from 1.32)', async () => {
      expect(
        (await run(['create', 'deployment', 'api', '--image=nginx:1.27', '--replicas=2', '--port=80']))
          .stdout,
      ).toBe('deployment.apps/api created\n');
      const d = s.session.cluster.api.get('Deployment', 'default', 'api') as {
        spec: {
          replicas: number;
          template: { spec: { containers: { ports: { containerPort: number }[] }[] } };
        };
      };
      expect(d.spec.replicas).toBe(2);
      expect(d.spec.template.spec.containers[0]!.ports[0]!.containerPort).toBe(80);
      expect((await run(['create', 'namespace', `team-${k.version.replace('.', '-')}`])).stdout).toMatch(
        /^namespace\/team-1-\d+ created\n$/,
      );
      const can = await run(['auth', 'can-i', 'create', 'pods']);
      expect([can.code, can.stdout]).toEqual([0, 'yes\n']);
      expect((await run(['delete', 'deployment', 'api'])).stdout).toBe('deployment.apps "api" deleted\n');
    });

    test('typed clients: create quota, role, rolebinding, clusterrole, clusterrolebinding, ingress, pdb, priorityclass', async () => {
      const creates: [string[], string][] = [
        [['quota', 'q', '--hard=pods=5,requests.cpu=1', '--scopes=NotTerminating'], 'resourcequota/q'],
        [
          ['role', 'r', '--verb=get,list', '--resource=pods,deployments.apps', '--resource-name=a'],
          'role.rbac.authorization.k8s.io/r',
        ],
        [
          ['rolebinding', 'rb', '--role=r', '--user=u1', '--serviceaccount=default:builder'],
          'rolebinding.rbac.authorization.k8s.io/rb',
        ],
        [
          ['clusterrole', 'cr', '--verb=get', '--non-resource-url=/logs'],
          'clusterrole.rbac.authorization.k8s.io/cr',
        ],
        [
          ['clusterrole', 'agg', '--aggregation-rule=rbac.example.com/aggregate=true'],
          'clusterrole.rbac.authorization.k8s.io/agg',
        ],
        [
          ['clusterrolebinding', 'crb', '--clusterrole=cr', '--group=ops'],
          'clusterrolebinding.rbac.authorization.k8s.io/crb',
        ],
        [
          [
            'ingress',
            'ing',
            '--class=nginx',
            '--rule=foo.com/bar*=svc1:8080,tls=cert',
            '--default-backend=def:http',
          ],
          'ingress.networking.k8s.io/ing',
        ],
        [['pdb', 'pdb0', '--selector=app=x', '--min-available=0'], 'poddisruptionbudget.policy/pdb0'],
        [['pdb', 'pdb1', '--selector=app=x', '--max-unavailable=50%'], 'poddisruptionbudget.policy/pdb1'],
        [
          ['priorityclass', 'zero', '--value=0', '--preemption-policy=Never'],
          'priorityclass.scheduling.k8s.io/zero',
        ],
      ];
      for (const [args, created] of creates) {
        const r = await run(['create', ...args]);
        expect(r.stderr + r.stdout, args.join(' ')).toBe(`${created} created\n`);
      }
      const api = s.session.cluster.api;
      expect(api.get('ResourceQuota', 'default', 'q')).toMatchObject({
        spec: { hard: { pods: '5', 'requests.cpu': '1' }, scopes: ['NotTerminating'] },
      });
      expect(api.get('Role', 'default', 'r')).toMatchObject({
        rules: [
          { apiGroups: [''], resources: ['pods'], resourceNames: ['a'], verbs: ['get', 'list'] },
          { apiGroups: ['apps'], resources: ['deployments'] },
        ],
      });
      expect(api.get('RoleBinding', 'default', 'rb')).toMatchObject({
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
        subjects: [
          { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'u1' },
          { kind: 'ServiceAccount', namespace: 'default', name: 'builder' },
        ],
      });
      expect(api.get('ClusterRole', undefined, 'cr')).toMatchObject({
        rules: [{ nonResourceURLs: ['/logs'], verbs: ['get'] }],
      });
      expect(api.get('ClusterRole', undefined, 'agg')).toMatchObject({
        aggregationRule: {
          clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate': 'true' } }],
        },
      });
      expect(api.get('ClusterRoleBinding', undefined, 'crb')).toMatchObject({
        subjects: [{ kind: 'Group', name: 'ops' }],
      });
      // (IngressRule's http sits in an embedded struct: inline in JSON)
      expect(api.get('Ingress', 'default', 'ing')).toMatchObject({
        spec: {
          ingressClassName: 'nginx',
          defaultBackend: { service: { name: 'def', port: { name: 'http' } } },
          rules: [
            {
              host: 'foo.com',
              http: {
                paths: [
                  {
                    path: '/bar',
                    pathType: 'Prefix',
                    backend: { service: { name: 'svc1', port: { number: 8080 } } },
                  },
                ],
              },
            },
          ],
          tls: [{ hosts: ['foo.com'], secretName: 'cert' }],
        },
      });
      // a pointer's zero is kept: minAvailable 0 is a choice; so is a priority value of 0
      expect(api.get('PodDisruptionBudget', 'default', 'pdb0')).toMatchObject({ spec: { minAvailable: 0 } });
      expect(api.get('PodDisruptionBudget', 'default', 'pdb1')).toMatchObject({
        spec: { maxUnavailable: '50%' },
      });
      expect(api.get('PriorityClass', undefined, 'zero')).toMatchObject({
        value: 0,
        preemptionPolicy: 'Never',
      });
    });

    test('delete waits until the object is gone; errors are the API server texts', async () => {
      const del = await run(['delete', 'deployment', 'web']);
      expect(del.stdout).toBe('deployment.apps "web" deleted\n');
      const nf = await run(['get', 'deployment', 'web']);
      expect(nf.code).toBe(1);
      expect(nf.stderr).toBe('Error from server (NotFound): deployments.apps "web" not found\n');
      const bad = await run(['get', 'pods', '--field-selector', 'spec.bogus=1']);
      expect(bad.stderr).toContain('field label not supported: spec.bogus');
      const unknown = await run(['get', 'widgets']);
      expect(unknown.stderr).toContain(`the server doesn't have a resource type "widgets"`);
      // 422: kubectl rebuilds "The <Kind> "<name>" is invalid" from the Status details (kind, name, causes).
      const invalid = join(dir, `bad-${k.version}.yaml`);
      writeFileSync(
        invalid,
        manifest(-1).replace('name: web', 'name: bad').replace('labels: {app: web}', 'labels: {app: other}'),
      );
      const inv = await run(['create', '-f', invalid]);
      expect(inv.code).toBe(1);
      expect(inv.stderr).toBe(
        'The Deployment "bad" is invalid: \n' +
          '* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n' +
          '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`\n',
      );
      const one = await run(['create', '-f', '-'], {
        input: manifest(-1).replace('name: web', 'name: bad'),
      });
      expect(one.stderr).toBe(
        'The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
      );
    });
  });
}
