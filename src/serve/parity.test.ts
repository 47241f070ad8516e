/**
 * The parity oracle: after a script, with the clock frozen (`--speed 0`), the real kubectl's own printers (its
 * tables from our server-side Table, and its client-side describe) must print exactly what the in-app kubectl
 * prints for the same state.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findKubectls, testServer, type TestServer } from './testing';

const kubectl = findKubectls().find((k) => k.version === '1.32') ?? findKubectls()[0];

/** Kinds whose `get` (normal and `-o wide`) is compared. */
const GET_KINDS = [
  'pods',
  'deployments',
  'replicasets',
  'services',
  'configmaps',
  'secrets',
  'serviceaccounts',
  'jobs',
  'cronjobs',
  'statefulsets',
  'daemonsets',
  'ingresses',
  'networkpolicies',
  'persistentvolumeclaims',
  'persistentvolumes',
  'resourcequotas',
  'limitranges',
  'horizontalpodautoscalers',
  'namespaces',
  'nodes',
  'endpoints',
  'endpointslices',
  'storageclasses',
  'ingressclasses',
  'leases',
  'controllerrevisions',
];
/** Kinds whose describe already matches kubectl's client-side describe (the others differ: see the report). */
const DESCRIBE_KINDS = ['secrets', 'networkpolicies', 'endpoints'];

describe.runIf(!!kubectl)('parity with the real kubectl', () => {
  let s: TestServer;
  beforeAll(async () => {
    // (simulation dates: the in-app kubectl prints them)
    s = await testServer({
      speed: 0,
      simDates: true,
      script: readFileSync(join(__dirname, 'fixtures/parity.sh'), 'utf8'),
    });
  });
  afterAll(async () => s.close());
  const compare = async (args: string[]) => {
    const real = await s.kubectl(kubectl!.path, args);
    const ours = s.session.exec(`kubectl ${args.join(' ')}`);
    return { real: real.stdout + real.stderr, ours: ours.output };
  };

  test.each(GET_KINDS)('get %s -A, normal and wide', async (kind) => {
    for (const args of [
      ['get', kind, '-A'],
      ['get', kind, '-A', '-o', 'wide'],
      ['get', kind, '--show-labels'],
    ]) {
      const { real, ours } = await compare(args);
      expect(real.length).toBeGreaterThan(0);
      expect(ours, args.join(' ')).toBe(real);
    }
  });

  test.each(DESCRIBE_KINDS)('describe %s -A', async (kind) => {
    const { real, ours } = await compare(['describe', kind, '-A']);
    expect(ours).toBe(real);
  });

  test('errors read the same', async () => {
    for (const args of [
      ['get', 'pod', 'nope'],
      ['get', 'deployment', 'nope', '-n', 'team-a'],
    ]) {
      const { real, ours } = await compare(args);
      expect(ours).toBe(real);
    }
  });
});
