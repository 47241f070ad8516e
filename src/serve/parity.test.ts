/**
 * The parity oracle: after a script, with the clock frozen (`--speed 0`), the real kubectl's own printers (its
 * tables from our server-side Table, and its client-side describe) must print exactly what the in-app kubectl
 * prints for the same state.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EPOCH_MS } from '../sim/engine/epoch';
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
  'roles',
  'rolebindings',
  'clusterroles',
  'clusterrolebindings',
  'poddisruptionbudgets',
  'priorityclasses',
  'events',
];
/** Kinds whose table has a date column (CREATED AT), moved to the wall clock as the objects' dates are. */
const DATED_GET = new Set(['limitranges', 'roles', 'clusterroles']);
/** Kinds whose describe (kubectl's own client-side describers) is compared. */
const DESCRIBE_KINDS = [
  'pods',
  'deployments',
  'replicasets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'services',
  'endpoints',
  'endpointslices',
  'configmaps',
  'secrets',
  'namespaces',
  'nodes',
  'persistentvolumes',
  'persistentvolumeclaims',
  'ingresses',
  'ingressclasses',
  'serviceaccounts',
  'roles',
  'rolebindings',
  'clusterroles',
  'clusterrolebindings',
  'horizontalpodautoscalers',
  'poddisruptionbudgets',
  'resourcequotas',
  'limitranges',
  'networkpolicies',
  'priorityclasses',
  'storageclasses',
  'leases',
];

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');
const RFC1123Z = /(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat), \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000/g;
const RFC3339 = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d+))?Z/g;
const GO_TIME = /(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.\d+)? \+0000 UTC/g;

/**
 * The real kubectl's dates moved back to simulation dates. The server moves every timestamp by (wall − sim) on
 * the way out (so that kubectl's own ages, computed from its clock, read as ours), truncated to whole seconds as
 * metav1.Time is: a printed date is the simulation's date plus `shiftSec` whole seconds. (MicroTimes keep their
 * fraction of the shift: the simulation writes whole seconds, so that fraction is dropped.)
 */
function simDatesOf(text: string, shiftSec: number): string {
  const back = (ms: number) => new Date(Math.floor(ms / 1000 - shiftSec) * 1000);
  return text
    .replace(RFC1123Z, (m) => {
      const d = back(Date.parse(m));
      return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
    })
    .replace(RFC3339, (m, frac?: string) => {
      const t = back(Date.parse(m)).toISOString();
      return frac ? `${t.slice(0, 20)}${'0'.repeat(frac.length)}Z` : t.replace('.000Z', 'Z');
    })
    .replace(GO_TIME, (_m, day: string, time: string) => {
      const t = back(Date.parse(`${day}T${time}Z`)).toISOString();
      return `${t.slice(0, 10)} ${t.slice(11, 19)} +0000 UTC`;
    });
}

/**
 * kubectl's ConfigMap and Secret describers range over a Go map for the Data entries, so the real order changes
 * from run to run; ours is by key. The real output with each Data section's entries (`key:` then `----`, or
 * `key:  N bytes` for a Secret) put in key order, everything else as printed.
 */
function dataInKeyOrder(text: string): string {
  // (a section's entries run to BinaryData, Events, the next object or the end; each ends with its newlines)
  const section = /(\nData\n====\n)([\s\S]*?)(?=\nBinaryData\n====|\nEvents:|\n\nName:|$)/g;
  const entry = /(?=^\S[^\n]*:(?:\n----\n|\s+\d+ bytes$))/m;
  const key = (e: string) => e.slice(0, e.indexOf(':'));
  return text.replace(section, (_m, head: string, body: string) => {
    const entries = body.split(entry).filter((e) => e.length);
    return head + entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).join('');
  });
}

describe.runIf(!!kubectl)('parity with the real kubectl', () => {
  let s: TestServer;
  beforeAll(async () => {
    // Wall dates (the default of `kubelab serve`): describe computes its ages from kubectl's own clock.
    s = await testServer({
      speed: 0,
      script: readFileSync(join(__dirname, 'fixtures/parity.sh'), 'utf8'),
    });
  });
  afterAll(async () => s.close());
  /** Whole seconds the served dates are ahead of the simulation's (the clock is frozen: only the wall moves). */
  const shift = () => Math.floor((Date.now() - (EPOCH_MS + s.session.cluster.now)) / 1000);
  /**
   * `dates`: the output carries dates kubectl formats itself (describe), moved back to the simulation's; table
   * cells (get) are printed by the server, in simulation dates.
   */
  const compare = async (args: string[], dates = false) => {
    let real: string;
    for (let attempt = 0; ; attempt++) {
      // start early in a second, so that every response of the run is shifted by the same whole seconds
      const into = (Date.now() - EPOCH_MS - s.session.cluster.now) % 1000;
      if (dates && into > 300) await new Promise((r) => setTimeout(r, 1010 - into));
      const before = shift();
      const out = await s.kubectl(kubectl!.path, args);
      if (shift() !== before && attempt < 4) continue;
      real = dates ? simDatesOf(out.stdout + out.stderr, before) : out.stdout + out.stderr;
      break;
    }
    const ours = s.session.exec(`kubectl ${args.join(' ')}`);
    return { real, ours: ours.output };
  };

  test.each(GET_KINDS)('get %s -A, normal and wide', async (kind) => {
    for (const args of [
      ['get', kind, '-A'],
      ['get', kind, '-A', '-o', 'wide'],
      ['get', kind, '--show-labels'],
    ]) {
      const { real, ours } = await compare(args, DATED_GET.has(kind));
      expect(real.length).toBeGreaterThan(0);
      expect(ours, args.join(' ')).toBe(real);
    }
  });

  test.each(DESCRIBE_KINDS)('describe %s -A', async (kind) => {
    const { real, ours } = await compare(['describe', kind, '-A'], true);
    if (kind === 'configmaps' || kind === 'secrets') expect(ours).toBe(dataInKeyOrder(real));
    else expect(ours).toBe(real);
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
