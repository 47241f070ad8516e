/**
 * Server-side apply's field ownership with the real kubectl (1.32): `metadata.managedFields` as kubectl shows it
 * with --show-managed-fields, the 409 of a second manager changing an owned field (kube-apiserver's message, which
 * kubectl prints before its own advice), `--force-conflicts` taking the field over, co-ownership when the value
 * is the same, and an applier's dropped field removed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findKubectls, testServer, type TestServer } from './testing';
import { conflictStatus, changedFields, fieldSetOf, pathString } from './managedFields';

const kubectl = findKubectls().find((k) => k.version === '1.32') ?? findKubectls()[0];
const dir = mkdtempSync(join(tmpdir(), 'kubelab-ssa-'));
const manifest = (replicas: number | undefined, image = 'nginx:1.27') => {
  const f = join(dir, `web-${replicas}-${image.replace(/\W/g, '')}.yaml`);
  writeFileSync(
    f,
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${replicas !== undefined ? `  replicas: ${replicas}\n` : ''}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
`,
  );
  return f;
};

type Entry = { manager: string; operation: string; apiVersion: string; fieldsV1: Record<string, unknown> };

describe('server-side apply ownership', () => {
  let s: TestServer;
  const run = (args: string[]) => s.kubectl(kubectl!.path, args);
  const entries = async () =>
    (
      parse((await run(['get', 'deploy', 'web', '-o', 'yaml', '--show-managed-fields'])).stdout) as {
        metadata: { managedFields: Entry[] };
      }
    ).metadata.managedFields;
  beforeAll(async () => {
    s = await testServer({ speed: 0 });
  });
  afterAll(async () => s.close());

  test('managedFields, the 409 conflict, --force-conflicts, co-ownership, a dropped field removed', async () => {
    if (!kubectl) {
      expect(process.env.CI, 'no kubectl on the PATH in CI').toBeFalsy();
      return;
    }
    expect((await run(['apply', '-f', manifest(2)])).stdout).toBe('deployment.apps/web created\n');
    const csa = (await entries()).find((e) => e.manager === 'kubectl-client-side-apply')!;
    expect(csa).toMatchObject({ operation: 'Update', apiVersion: 'apps/v1' });
    expect(csa.fieldsV1).toMatchObject({
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
      },
    });
    // A second manager changes a field the first owns: refused, and kubectl prints the server's message.
    const conflict = await run(['apply', '--server-side', '-f', manifest(5)]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr.split('\n')[0]).toBe(
      'error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
    expect(conflict.stderr).toContain('--force-conflicts');
    expect((await run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('2');
    // The same value is no conflict: both own it.
    expect((await run(['apply', '--server-side', '-f', manifest(2)])).stdout).toBe(
      'deployment.apps/web serverside-applied\n',
    );
    // --force-conflicts takes the field: the client-side manager loses it.
    expect((await run(['apply', '--server-side', '--force-conflicts', '-f', manifest(5)])).stdout).toBe(
      'deployment.apps/web serverside-applied\n',
    );
    const after = await entries();
    const ssa = after.find((e) => e.manager === 'kubectl' && e.operation === 'Apply')!;
    expect((ssa.fieldsV1['f:spec'] as Record<string, unknown>)['f:replicas']).toEqual({});
    const csa2 = after.find((e) => e.manager === 'kubectl-client-side-apply')!;
    expect((csa2.fieldsV1['f:spec'] as Record<string, unknown>)['f:replicas']).toBeUndefined();
    expect((await run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('5');
    // Without --show-managed-fields kubectl hides them.
    expect((await run(['get', 'deploy', 'web', '-o', 'yaml'])).stdout).not.toContain('managedFields');
    // The applier drops replicas, which only it owns now: the field goes (and defaults back to 1).
    expect((await run(['apply', '--server-side', '-f', manifest(undefined)])).code).toBe(0);
    expect((await run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('1');
  }, 60_000);

  test('an object without managed fields: its fields go to "before-first-apply" at the first apply', async () => {
    if (!kubectl) return;
    // made by the simulation itself (no write through the API recorded its fields)
    s.session.exec('kubectl create configmap cfg --from-literal=mode=dev');
    const cm = (data: string) => {
      const f = join(dir, `cfg-${data.replace(/\W/g, '')}.yaml`);
      writeFileSync(f, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n${data}`);
      return f;
    };
    const conflict = await run(['apply', '--server-side', '-f', cm('  mode: prod\n')]);
    expect(conflict.stderr.split('\n')[0]).toBe(
      'error: Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .data.mode',
    );
    expect((await run(['apply', '--server-side', '-f', cm('  mode: dev\n  extra: x\n')])).stdout).toBe(
      'configmap/cfg serverside-applied\n',
    );
    const got = parse((await run(['get', 'cm', 'cfg', '-o', 'yaml', '--show-managed-fields'])).stdout) as {
      metadata: { managedFields: Entry[] };
    };
    expect(got.metadata.managedFields.map((e) => [e.manager, e.operation, e.fieldsV1])).toEqual([
      ['before-first-apply', 'Update', { 'f:data': { '.': {}, 'f:mode': {} } }],
      ['kubectl', 'Apply', { 'f:data': { 'f:extra': {}, 'f:mode': {} } }],
    ]);
  });
});

test('field sets: keyed list items, sets, atomic selectors; conflict texts grouped by manager', () => {
  const o = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', finalizers: ['a/b'], labels: { app: 'x' } },
    spec: {
      containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80, protocol: 'TCP' }], args: ['x'] }],
    },
  };
  expect(fieldSetOf(o, 'Pod')).toEqual({
    'f:metadata': { 'f:finalizers': { 'v:"a/b"': { '.': {} } }, 'f:labels': { 'f:app': {} } },
    'f:spec': {
      'f:containers': {
        'k:{"name":"c"}': {
          '.': {},
          'f:name': {},
          'f:image': {},
          'f:ports': {
            'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} },
          },
          'f:args': {},
        },
      },
    },
  });
  const changed = changedFields(
    o,
    { ...o, spec: { containers: [{ ...o.spec.containers[0], image: 'j' }] } },
    'Pod',
  );
  expect(changed).toEqual({ 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { 'f:image': {} } } } });
  expect(pathString(['f:spec', 'f:containers', 'k:{"name":"c"}', 'f:image'])).toBe(
    '.spec.containers[name="c"].image',
  );
  const a = {
    manager: 'a',
    operation: 'Update' as const,
    apiVersion: 'v1',
    time: '',
    fieldsType: 'FieldsV1' as const,
    fieldsV1: {},
  };
  const b = { ...a, manager: 'b', operation: 'Apply' as const };
  expect(
    conflictStatus([
      { manager: b, path: ['f:spec', 'f:x'] },
      { manager: a, path: ['f:spec', 'f:y'] },
      { manager: a, path: ['f:spec', 'f:z'] },
    ]).message,
  ).toBe(
    'Apply failed with 3 conflicts: conflicts with "a" using v1:\n- .spec.y\n- .spec.z\nconflicts with "b":\n- .spec.x',
  );
});
