import { describe, expect, it } from 'vitest';
import { checkField, checkGoal, getPath, type ClusterView } from './goals';
import type { KObject } from '../sim/api/types';
import type { Goal } from './types';

const EPOCH = Date.UTC(2026, 0, 1);
function fakeCluster(objs: KObject[], now = 60_000): ClusterView {
  return {
    now,
    fromIso: (ts) => (ts ? Date.parse(ts) - EPOCH : 0),
    api: {
      list: (kind: string, ns?: string) =>
        objs.filter((o) => o.kind === kind && (!ns || (o.metadata.namespace ?? 'default') === ns)),
    },
  };
}
const iso = (ms: number) => new Date(EPOCH + ms).toISOString();
function pod(
  name: string,
  labels: Record<string, string>,
  node: string,
  ready: boolean,
  created = 0,
  ns = 'default',
): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels, creationTimestamp: iso(created) },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx' }] },
    status: {
      phase: ready ? 'Running' : 'Pending',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: ready ? [] : [{ state: { waiting: { reason: 'ContainerCreating' } } }],
    },
  };
}
const ctx = (objs: KObject[], history: string[] = [], stepStart = 0) => ({
  cluster: fakeCluster(objs),
  history,
  stepStart,
});
const t = { en: 'x', zh: 'x' };

describe('checkGoal', () => {
  const three: Goal = { text: t, kind: 'Pod', selector: 'app=web', ready: true, count: 3, minNodes: 2 };

  it('meets "3 Ready pods with app=web on 2 or more nodes"', () => {
    const pods = [
      pod('a', { app: 'web' }, 'worker-1', true),
      pod('b', { app: 'web' }, 'worker-2', true),
      pod('c', { app: 'web' }, 'worker-1', true),
    ];
    expect(checkGoal(three, ctx(pods)).met).toBe(true);
  });

  it('names the pod that is not ready, in both languages', () => {
    const pods = [
      pod('a', { app: 'web' }, 'worker-1', true),
      pod('b', { app: 'web' }, 'worker-2', true),
      pod('web-x', { app: 'web' }, '', false),
    ];
    const r = checkGoal(three, ctx(pods));
    expect(r.met).toBe(false);
    expect(r.reason.en).toContain('Found 2 Pods with app=web that are Ready; expected exactly 3');
    expect(r.reason.en).toContain('web-x is not Ready (ContainerCreating)');
    expect(r.reason.zh).toContain('找到 2 个');
    expect(r.reason.zh).toContain('未就绪');
  });

  it('fails on too few nodes', () => {
    const pods = [
      pod('a', { app: 'web' }, 'worker-1', true),
      pod('b', { app: 'web' }, 'worker-1', true),
      pod('c', { app: 'web' }, 'worker-1', true),
    ];
    const r = checkGoal(three, ctx(pods));
    expect(r.met).toBe(false);
    expect(r.reason.en).toContain('run on 1 node(s); expected at least 2');
  });

  it('ignores other labels and namespaces', () => {
    const pods = [
      pod('a', { app: 'db' }, 'worker-1', true),
      pod('b', { app: 'web' }, 'worker-1', true, 0, 'other'),
    ];
    const r = checkGoal({ text: t, kind: 'Pod', selector: 'app=web' }, ctx(pods));
    expect(r.met).toBe(false);
    expect(r.reason.en).toBe('No Pods with app=web found; expected at least 1.');
    expect(checkGoal({ text: t, kind: 'Pod', selector: 'app=web', namespace: '*' }, ctx(pods)).met).toBe(
      true,
    );
  });

  it('count 0 means gone', () => {
    expect(checkGoal({ text: t, kind: 'Pod', name: 'a', count: 0 }, ctx([])).met).toBe(true);
    expect(checkGoal({ text: t, kind: 'Pod', name: 'a', count: 0 }, ctx([pod('a', {}, 'n', true)])).met).toBe(
      false,
    );
  });

  it('newSinceStep only counts objects created after the step began', () => {
    const pods = [pod('old', { app: 'web' }, 'w', true, 1000)];
    const g: Goal = { text: t, kind: 'Pod', selector: 'app=web', newSinceStep: true };
    expect(checkGoal(g, ctx(pods, [], 30_000)).met).toBe(false);
    expect(checkGoal(g, ctx([...pods, pod('new', { app: 'web' }, 'w', true, 40_000)], [], 30_000)).met).toBe(
      true,
    );
  });

  it('field checks speak the learner\'s words: no paths or regular expressions for common fields', () => {
    const f = checkField({ metadata: { name: 'control-plane' } }, { path: 'metadata.name', matches: '^worker-' });
    expect(f?.en).toBe('its name is "control-plane", but it should start with "worker-"');
    expect(f?.zh).toBe('名称是 "control-plane"，但应以“worker-”开头');
    const g = checkField({ spec: {} }, { path: 'spec.nodeName', matches: '^worker-' });
    expect(g?.en).toBe('the node it runs on is not set, but it should start with "worker-"');
    // an unusual field keeps its path, in code style; an unusual pattern is not shown raw
    const h = checkField({ data: { k: 'x' } }, { path: 'data.k', matches: '^(a|b)+$' });
    expect(h?.en).toBe('`data.k` is "x", but that is not what this step asks for');
    expect(h?.zh).not.toMatch(/\^|\$/);
    expect(checkField({ metadata: { name: 'worker-1' } }, { path: 'metadata.name', matches: '^worker-' })).toBe(
      undefined,
    );
  });

  it('where conditions report the failing field', () => {
    const dep: KObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', generation: 2 },
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } } },
      status: {
        observedGeneration: 2,
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 3,
        availableReplicas: 3,
      },
    };
    const g: Goal = {
      text: t,
      kind: 'Deployment',
      name: 'web',
      ready: true,
      where: [{ path: 'spec.template.spec.containers[0].image', equals: 'nginx:1.16.1' }],
    };
    const r = checkGoal(g, ctx([dep]));
    expect(r.met).toBe(false);
    expect(r.reason.en).toContain('web: the image is "nginx:1.14.2", but it should be "nginx:1.16.1".');
    expect(r.reason.zh).toContain('web：镜像是 "nginx:1.14.2"，但应为 "nginx:1.16.1"。');
    dep.spec.template.spec.containers[0].image = 'nginx:1.16.1';
    expect(checkGoal(g, ctx([dep])).met).toBe(true);
    dep.status.updatedReplicas = 1;
    expect(checkGoal(g, ctx([dep])).reason.en).toContain('1 of 3 replicas updated');
  });

  it('ran checks the history since the step began', () => {
    const g: Goal = { text: t, ran: '^kubectl get (nodes|no)\\b' };
    expect(checkGoal(g, ctx([], ['kubectl get pods'])).met).toBe(false);
    expect(checkGoal(g, ctx([], ['kubectl get nodes -o wide'])).met).toBe(true);
  });
});

describe('getPath', () => {
  it('reads indexes and [key=value] selections', () => {
    const o = {
      status: {
        conditions: [
          { type: 'A', status: 'False' },
          { type: 'Ready', status: 'True' },
        ],
      },
      a: [[1, 2]],
    };
    expect(getPath(o, 'status.conditions[type=Ready].status')).toBe('True');
    expect(getPath(o, 'status.conditions[1].type')).toBe('Ready');
    expect(getPath(o, 'a[0][1]')).toBe(2);
    expect(getPath(o, 'status.missing.x')).toBeUndefined();
  });
});
