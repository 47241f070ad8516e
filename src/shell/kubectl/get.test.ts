import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../sim/cluster';
import { kubectlRun, labCluster } from './testHarness';
import { runKubectl } from './kubectlCommand';
import { memoryFs } from '../memoryFs';

function podManifest(
  name: string,
  labels: Record<string, string>,
  ns = 'default',
  node = 'ghost-node',
): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { nodeName: node, containers: [{ name: 'app', image: 'nginx' }] },
  });
}

function seed(): Cluster {
  const c = labCluster();
  kubectlRun(c, 'create namespace dev');
  for (const [name, labels, ns] of [
    ['web-1', { app: 'web', tier: 'fe' }, 'default'],
    ['web-2', { app: 'web', tier: 'be' }, 'default'],
    ['db', { app: 'db' }, 'default'],
    ['tool', { app: 'tool' }, 'dev'],
  ] as const) {
    const r = kubectlRun(c, 'apply -f -', { stdin: podManifest(name, { ...labels }, ns) });
    expect(r.code).toBe(0);
  }
  return c;
}

const names = (out: string) =>
  out
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s+/)[0]);

describe('kubectl get', () => {
  it('prints the pod table with AGE from the simulation clock', () => {
    const c = seed();
    c.advance(150_000);
    const r = kubectlRun(c, 'get pods');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines[1]).toMatch(/^db\s+0\/1\s+\S+\s+0\s+2m30s$/);
    expect(names(r.out)).toEqual(['db', 'web-1', 'web-2']);
  });

  it('-A adds the NAMESPACE column; -n scopes', () => {
    const c = seed();
    const all = kubectlRun(c, 'get pods -A -l app');
    expect(all.out.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY/);
    expect(all.out).toMatch(/\ndev\s+tool\s/);
    expect(names(kubectlRun(c, 'get pods -n dev').out)).toEqual(['tool']);
  });

  it('label selectors: equality and set based; --show-labels', () => {
    const c = seed();
    expect(names(kubectlRun(c, 'get pods -l app=web').out)).toEqual(['web-1', 'web-2']);
    expect(names(kubectlRun(c, 'get pods -l "tier in (be),app!=db"').out)).toEqual(['web-2']);
    expect(names(kubectlRun(c, 'get pods -l !tier').out)).toEqual(['db']);
    const r = kubectlRun(c, 'get pods web-1 --show-labels');
    expect(r.out).toMatch(/LABELS\n.*app=web,tier=fe\n$/);
  });

  it('field selectors and their error', () => {
    const c = seed();
    expect(names(kubectlRun(c, 'get pods --field-selector metadata.name=db').out)).toEqual(['db']);
    expect(
      names(kubectlRun(c, 'get pods --field-selector metadata.name!=db,spec.nodeName=ghost-node').out),
    ).toEqual(['web-1', 'web-2']);
    const bad = kubectlRun(c, 'get pods --field-selector foo=bar');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('field label not supported: foo');
  });

  it('--sort-by and -o name / jsonpath / custom-columns', () => {
    const c = seed();
    expect(kubectlRun(c, 'get pods --sort-by=.metadata.labels.tier -o name').out).toBe(
      'pod/db\npod/web-2\npod/web-1\n',
    );
    expect(kubectlRun(c, 'get pods -o jsonpath=\'{range .items[*]}{.metadata.name}{"\\n"}{end}\'').out).toBe(
      'db\nweb-1\nweb-2\n',
    );
    expect(
      kubectlRun(c, 'get pod db -o custom-columns=N:.metadata.name,APP:.metadata.labels.app,X:.spec.nope')
        .out,
    ).toBe('N     APP   X\ndb    db    <none>\n');
  });

  it('-o yaml of one object is the object; of several a List', () => {
    const c = seed();
    const one = kubectlRun(c, 'get pod db -o yaml').out;
    expect(one.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n')).toBe(true);
    const many = kubectlRun(c, 'get pods -o json').out;
    expect(JSON.parse(many).kind).toBe('List');
    expect(JSON.parse(many).items).toHaveLength(3);
  });

  it('empty results and errors read like kubectl', () => {
    const c = seed();
    const empty = kubectlRun(c, 'get deployments');
    expect(empty.out).toBe('');
    expect(empty.err).toBe('No resources found in default namespace.\n');
    expect(kubectlRun(c, 'get pods -n nowhere').err).toBe('No resources found in nowhere namespace.\n');
    const nf = kubectlRun(c, 'get pod nope');
    expect(nf.code).toBe(1);
    expect(nf.err).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(kubectlRun(c, 'get podz').err).toBe('error: the server doesn\'t have a resource type "podz"\n');
    expect(kubectlRun(c, 'get').err).toContain('error: Required resource not specified.');
  });

  it('several kinds print blocks with kind prefixes', () => {
    const c = seed();
    kubectlRun(c, 'create deployment api --image=nginx');
    const r = kubectlRun(c, 'get deploy,pods');
    expect(r.out).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ndeployment\.apps\/api\s/);
    expect(r.out).toContain('\n\nNAME ');
    expect(r.out).toMatch(/\npod\/db\s/);
  });

  it('nodes show roles and SchedulingDisabled', () => {
    const c = labCluster();
    kubectlRun(c, 'cordon worker-1');
    const r = kubectlRun(c, 'get nodes');
    expect(r.out).toMatch(/\ncontrol-plane\s+Ready\s+control-plane\s/);
    expect(r.out).toMatch(/\nworker-1\s+Ready,SchedulingDisabled\s+<none>\s/);
  });

  it('-w in a script advances the clock and prints changed rows', () => {
    const c = seed();
    const before = c.now;
    const r = kubectlRun(c, 'get pods -l app=db -w --request-timeout=5s');
    expect(c.now - before).toBe(5000);
    expect(r.out.split('\n')[0]).toMatch(/^NAME\s+READY/);
  });

  it('-w in the terminal keeps printing on changes until stopped', () => {
    const c = seed();
    let stop: (() => void) | undefined;
    let out = '';
    const code = runKubectl({
      cluster: c,
      argv: ['get', 'pods', '-w'],
      fs: memoryFs(),
      mode: 'interactive',
      out: (t) => (out += t),
      err: (t) => (out += t),
      keepAlive: (s) => (stop = s),
    });
    expect(code).toBe(0);
    expect(stop).toBeDefined();
    const first = out;
    kubectlRun(c, 'label pod db extra=1');
    c.settle();
    const added = out.slice(first.length);
    expect(added).toMatch(/^db\s+0\/1\s/);
    expect(added.split('\n').filter(Boolean)).toHaveLength(1);
    stop!();
    kubectlRun(c, 'label pod web-1 extra=1');
    c.settle();
    expect(out.slice(first.length)).toBe(added);
  });
});

describe('kubectl get -L', () => {
  it('adds one column per label key', () => {
    const c = labCluster();
    kubectlRun(c, 'run a --image=nginx --labels=app=web,tier=fe');
    kubectlRun(c, 'run b --image=nginx --labels=app=db');
    const r = kubectlRun(c, 'get pods -L tier -L app');
    expect(r.out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+TIER\s+APP$/);
    expect(r.out).toMatch(/\na\s.*\s+fe\s+web\n/);
    expect(r.out).toMatch(/\nb\s.*\d+s\s+db\n/);
  });
});
