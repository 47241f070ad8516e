import { describe, expect, it } from 'vitest';
import type { KObject, Node as KNode, Pod } from '../../sim/api/types';
import {
  anchorOf,
  clusterToFlow,
  FlowMemo,
  type ClusterView,
  type PodData,
  type WorkerData,
} from './clusterToFlow';
import { podStatusText, statusClass } from './podStatus';

function node(
  name: string,
  ready: 'True' | 'False' | 'Unknown' = 'True',
  extra: Partial<KNode['spec']> = {},
): KNode {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: name === 'control-plane' ? { 'node-role.kubernetes.io/control-plane': '' } : {},
    },
    spec: { ...extra },
    status: { conditions: [{ type: 'Ready', status: ready }] },
  };
}

function pod(
  name: string,
  nodeName: string | undefined,
  opts: {
    ns?: string;
    waiting?: string;
    running?: boolean;
    restarts?: number;
    deleting?: boolean;
    labels?: Record<string, string>;
    exit?: number;
  } = {},
): Pod {
  const state = opts.waiting
    ? { waiting: { reason: opts.waiting } }
    : opts.exit !== undefined
      ? { terminated: { exitCode: opts.exit, reason: opts.exit === 0 ? 'Completed' : 'Error' } }
      : opts.running
        ? { running: { startedAt: 'x' } }
        : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: opts.ns ?? 'default',
      labels: opts.labels,
      ...(opts.deleting ? { deletionTimestamp: 't' } : {}),
    },
    spec: { containers: [{ name: 'main', image: 'nginx' }], ...(nodeName ? { nodeName } : {}) },
    status: {
      phase: opts.running ? 'Running' : opts.exit === 0 ? 'Succeeded' : opts.exit ? 'Failed' : 'Pending',
      podIP: opts.running ? '10.244.1.5' : undefined,
      conditions: opts.running ? [{ type: 'Ready', status: 'True' }] : [],
      containerStatuses: state
        ? [
            {
              name: 'main',
              state,
              lastState: {},
              ready: !!opts.running,
              restartCount: opts.restarts ?? 0,
              image: 'nginx',
              imageID: '',
            },
          ]
        : [],
    },
  };
}

const base = (pods: Pod[], extra: Partial<ClusterView> = {}): ClusterView => ({
  nodes: [node('control-plane'), node('worker-1'), node('worker-2')],
  pods,
  services: [],
  endpointSlices: [],
  namespaces: ['default', 'kube-system'],
  ...extra,
});

describe('pod status like kubectl', () => {
  it('derives STATUS from container states', () => {
    expect(podStatusText(pod('a', 'worker-1', { running: true }))).toBe('Running');
    expect(podStatusText(pod('a', 'worker-1', { waiting: 'ContainerCreating' }))).toBe('ContainerCreating');
    expect(podStatusText(pod('a', 'worker-1', { waiting: 'CrashLoopBackOff', restarts: 3 }))).toBe(
      'CrashLoopBackOff',
    );
    expect(podStatusText(pod('a', 'worker-1', { running: true, deleting: true }))).toBe('Terminating');
    expect(podStatusText(pod('a', 'worker-1', { exit: 0 }))).toBe('Completed');
    expect(podStatusText(pod('a', undefined))).toBe('Pending');
    expect(statusClass('OOMKilled')).toBe('Error');
    expect(statusClass('Succeeded')).toBe('Completed');
    expect(statusClass('Init:0/1')).toBe('ContainerCreating');
  });
});

describe('clusterToFlow', () => {
  it('draws the control plane components with anchors for each', () => {
    const r = clusterToFlow(base([]));
    for (const c of [
      'kube-apiserver',
      'etcd',
      'kube-scheduler',
      'kube-controller-manager',
      'cloud-controller-manager',
      'kubectl',
    ])
      expect(r.anchors[c], c).toBeDefined();
    expect(r.nodes.filter((n) => n.type === 'component')).toHaveLength(6);
    expect(r.anchors['kubelet/worker-2']).toBeDefined();
    expect(r.anchors['runtime/worker-1']).toBeDefined();
  });

  it('places pods inside their node, parents before children', () => {
    const r = clusterToFlow(
      base([
        pod('web-1', 'worker-1', { running: true }),
        pod('web-2', 'worker-2', { waiting: 'ContainerCreating' }),
      ]),
    );
    const p1 = r.nodes.find((n) => n.id === 'pod:default/web-1')!;
    expect(p1.parentId).toBe('node:worker-1');
    expect((p1.data as PodData).cls).toBe('Running');
    const idx = new Map(r.nodes.map((n, i) => [n.id, i]));
    for (const n of r.nodes) if (n.parentId) expect(idx.get(n.parentId)!).toBeLessThan(idx.get(n.id)!);
    expect(r.anchors['pod/default/web-2']).toBeDefined();
  });

  it('shows pods without a node in the waiting-for-scheduler area', () => {
    const r = clusterToFlow(base([pod('big', undefined)]));
    expect(r.nodes.find((n) => n.id === 'pod:default/big')!.parentId).toBe('waiting');
    expect(r.nodes.find((n) => n.id === 'waiting')!.data.count).toBe(1);
  });

  it('marks NotReady and cordoned nodes', () => {
    const v = base([]);
    v.nodes = [node('worker-1', 'Unknown'), node('worker-2', 'True', { unschedulable: true })];
    const r = clusterToFlow(v);
    const w1 = r.nodes.find((n) => n.id === 'node:worker-1')!.data as WorkerData;
    const w2 = r.nodes.find((n) => n.id === 'node:worker-2')!.data as WorkerData;
    expect(w1.ready).toBe('Unknown');
    expect(w2.unschedulable).toBe(true);
  });

  it('collapses a node with many pods into counts', () => {
    const pods = Array.from({ length: 30 }, (_, i) =>
      pod(`p-${i}`, 'worker-1', {
        running: i % 3 !== 0,
        waiting: i % 3 === 0 ? 'ContainerCreating' : undefined,
      }),
    );
    const r = clusterToFlow(base(pods), { collapseAbove: 12 });
    const w = r.nodes.find((n) => n.id === 'node:worker-1')!.data as WorkerData;
    expect(w.collapsed).toBe(true);
    expect(w.counts).toEqual({ Running: 20, ContainerCreating: 10 });
    expect(r.nodes.filter((n) => n.type === 'pod')).toHaveLength(0);
    expect(r.anchors['pod/default/p-7']).toBeDefined();
  });

  it('a memo of folded nodes changes nothing drawn, and re-derives only the nodes whose pods changed', () => {
    const pods = Array.from({ length: 40 }, (_, i) =>
      pod(`p-${i}`, i % 2 ? 'worker-1' : 'worker-2', { waiting: 'ContainerCreating' }),
    );
    const memo = new FlowMemo();
    // the same Node objects each time, as the mirror keeps them while they do not change
    const nodes = base([]).nodes;
    const view = (ps: Pod[]) => base(ps, { nodes });
    const first = clusterToFlow(view(pods), { collapseAbove: 0, memo });
    // one pod on worker-1 starts (a new object, as a push brings it); worker-2's pods are the same objects
    const later = pods.map((p, i) => (i === 1 ? pod('p-1', 'worker-1', { running: true }) : p));
    const withMemo = clusterToFlow(view(later), { collapseAbove: 0, memo });
    expect(withMemo).toEqual(clusterToFlow(view(later), { collapseAbove: 0 }));
    const w1 = (r: typeof first) => r.nodes.find((n) => n.id === 'node:worker-1')!;
    const w2 = (r: typeof first) => r.nodes.find((n) => n.id === 'node:worker-2')!;
    expect((w1(withMemo).data as WorkerData).counts).toEqual({ Running: 1, ContainerCreating: 19 });
    expect(w1(withMemo)).not.toBe(w1(first));
    expect(w2(withMemo)).toBe(w2(first));
    // selecting a folded node, or a namespace filter that leaves it other pods, draws it anew
    const sel = clusterToFlow(view(later), { collapseAbove: 0, memo, selected: 'Node//worker-2' });
    expect((w2(sel).data as WorkerData).selected).toBe(true);
    const none = clusterToFlow(view(later), { collapseAbove: 0, memo, namespace: 'other' });
    expect((w2(none).data as WorkerData).podCount).toBe(0);
    expect(none.anchors['pod/default/p-0']).toBeUndefined();
  });

  it('filters by namespace', () => {
    const r = clusterToFlow(
      base([pod('a', 'worker-1', { ns: 'default' }), pod('b', 'worker-1', { ns: 'kube-system' })]),
      { namespace: 'kube-system' },
    );
    expect(r.nodes.filter((n) => n.type === 'pod').map((n) => n.id)).toEqual(['pod:kube-system/b']);
    expect(r.namespaces).toEqual(['default', 'kube-system']);
  });

  it('links Services to their endpoints from EndpointSlices', () => {
    const svc: KObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    };
    const slice: KObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
      endpoints: [
        {
          addresses: ['10.244.1.5'],
          conditions: { ready: true },
          targetRef: { kind: 'Pod', name: 'web-1', namespace: 'default' },
        },
        {
          addresses: ['10.244.2.5'],
          conditions: { ready: false },
          targetRef: { kind: 'Pod', name: 'web-2', namespace: 'default' },
        },
      ],
    };
    const r = clusterToFlow(
      base([pod('web-1', 'worker-1', { running: true }), pod('web-2', 'worker-2', { running: true })], {
        services: [svc],
        endpointSlices: [slice],
      }),
    );
    const eps = r.edges.filter((e) => e.source === 'svc:default/web');
    expect(eps.map((e) => [e.target, e.data?.ready])).toEqual([
      ['pod:default/web-1', true],
      ['pod:default/web-2', false],
    ]);
    expect(r.nodes.find((n) => n.id === 'svc:default/web')!.data.endpoints).toBe(1);
  });

  it('falls back to the selector when no EndpointSlice exists', () => {
    const svc: KObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' } },
    };
    const r = clusterToFlow(
      base(
        [
          pod('web-1', 'worker-1', { running: true, labels: { app: 'web' } }),
          pod('db', 'worker-1', { running: true, labels: { app: 'db' } }),
        ],
        { services: [svc] },
      ),
    );
    expect(r.edges.filter((e) => e.source === 'svc:default/web').map((e) => e.target)).toEqual([
      'pod:default/web-1',
    ]);
  });

  it('is deterministic and finds container anchors through their pod', () => {
    const v = base([pod('b', 'worker-2'), pod('a', 'worker-1')]);
    expect(clusterToFlow(v)).toEqual(clusterToFlow({ ...v, pods: [...v.pods].reverse() }));
    const r = clusterToFlow(v);
    expect(anchorOf(r.anchors, 'container/default/a/main')).toEqual(r.anchors['pod/default/a']);
    expect(anchorOf(r.anchors, 'container/a')).toEqual(r.anchors['pod/default/a']);
    expect(anchorOf(r.anchors, 'nothing')).toBeUndefined();
  });
});

describe('stabilize', () => {
  it('reuses unchanged nodes and the whole array when nothing changed', async () => {
    const { stabilize } = await import('./stabilize');
    const v = base([pod('a', 'worker-1', { running: true }), pod('b', 'worker-2', { running: true })]);
    const first = stabilize(new Map(), clusterToFlow(v).nodes);
    const again = stabilize(first.cache, clusterToFlow(v).nodes, first.items);
    expect(again.changed).toBe(false);
    expect(again.items).toBe(first.items);
    const v2 = base([
      pod('a', 'worker-1', { running: true }),
      pod('b', 'worker-2', { waiting: 'CrashLoopBackOff', restarts: 2 }),
    ]);
    const third = stabilize(again.cache, clusterToFlow(v2).nodes, again.items);
    expect(third.changed).toBe(true);
    const idx = third.items.findIndex((n) => n.id === 'pod:default/b');
    expect(third.items[idx]).not.toBe(first.items[idx]);
    expect(third.items.find((n) => n.id === 'pod:default/a')).toBe(
      first.items.find((n) => n.id === 'pod:default/a'),
    );
  });
});

describe('clusterToFlow without node edges (a huge cluster)', () => {
  it('leaves out the API server line to each node and keeps the rest', () => {
    const node = (name: string) =>
      ({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      }) as unknown as ClusterView['nodes'][number];
    const view: ClusterView = {
      nodes: [node('w1'), node('w2')],
      pods: [],
      services: [],
      endpointSlices: [],
      namespaces: [],
    };
    const withEdges = clusterToFlow(view).edges.map((e) => e.id);
    const without = clusterToFlow(view, { nodeEdges: false }).edges.map((e) => e.id);
    expect(withEdges).toContain('e:api-w1');
    expect(without).not.toContain('e:api-w1');
    expect(without).not.toContain('e:api-w2');
    expect(without).toContain('e:kubectl-api');
    expect(clusterToFlow(view, { nodeEdges: false }).nodes.map((n) => n.id)).toContain('node:w2');
  });
});
