/**
 * DaemonSet controller: one pod per eligible node. A node is eligible when it matches the template's node
 * selector and required node affinity and every NoSchedule/NoExecute taint is tolerated (DaemonSet pods get
 * the not-ready/unreachable/pressure/unschedulable tolerations without a time limit). Pods are pinned with a
 * required node affinity `matchFields metadata.name In [node]` and placed by the default scheduler, as the
 * real controller does. Rolling updates replace at most maxUnavailable pods at a time.
 */
import type { Cluster, SimModule } from '../cluster';
import { toleratesTaint } from '../api/taints';
import type { KObject, Node, Pod, Taint, Toleration } from '../api/types';
import { fromLabelSelector, mapMatches, matches } from '../api/labels';
import { CONTROLLER_MANAGER, ensurePodIndexes } from './util';
import type { OwnedPodWatch } from './ownedPodWatch';
import { isPodActive, isPodAvailable } from '../api/podState';
import { isPodReady } from '../api/podReady';
import { nsKey, splitKey } from '../api/store';
import { podTemplateHash } from './podTemplateHash';
import { createPodFrom } from './podFactory';
import { writeStatusIfChanged } from './writeStatus';
import { resolveIntOrPercent } from './deploymentController';
import { ensureRevisionIndex, syncRevisions } from './controllerRevisions';

// Learners' YAML: loosely typed on purpose (the schema has checked its shape).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const NAME = 'daemonset-controller';
export const REVISION_LABEL = 'controller-revision-hash';

/** The tolerations every DaemonSet pod gets (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations). */
export const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function tolerates(tols: Toleration[], t: Taint): boolean {
  return tols.some((x) => toleratesTaint(x, t));
}

interface NodeReq {
  key: string;
  operator: string;
  values?: string[];
}

function nodeReqMatches(r: NodeReq, labels: Record<string, string>): boolean {
  const has = r.key in labels;
  const v = labels[r.key];
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(v!);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(v) > Number(r.values?.[0]);
    case 'Lt':
      return has && Number(v) < Number(r.values?.[0]);
  }
  return false;
}

/**
 * Whether the DaemonSet should run a pod on `node` (predicates of the real controller). With `continuing`, only
 * NoExecute taints count: a pod already on a node with a new NoSchedule taint keeps running.
 */
export function shouldRunOn(ds: KObject, node: Node, continuing = false): boolean {
  const spec = ds.spec?.template?.spec ?? {};
  const labels = node.metadata.labels ?? {};
  if (spec.nodeSelector && Object.keys(spec.nodeSelector).length && !mapMatches(spec.nodeSelector, labels))
    return false;
  const terms = (spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms ?? []) as { matchExpressions?: NodeReq[]; matchFields?: NodeReq[] }[];
  if (terms.length) {
    const ok = terms.some(
      (t) =>
        (t.matchExpressions ?? []).every((r) => nodeReqMatches(r, labels)) &&
        (t.matchFields ?? []).every((r) => nodeReqMatches(r, { 'metadata.name': node.metadata.name })) &&
        (t.matchExpressions ?? []).length + (t.matchFields ?? []).length > 0,
    );
    if (!ok) return false;
  }
  const tols = [...((spec.tolerations ?? []) as Toleration[]), ...DAEMON_TOLERATIONS];
  for (const t of node.spec?.taints ?? []) {
    if (t.effect === 'PreferNoSchedule' || (continuing && t.effect !== 'NoExecute')) continue;
    if (!tolerates(tols, t)) return false;
  }
  return true;
}

/** The node a DaemonSet pod belongs to: its binding, else its node-affinity target. */
export function targetNode(p: Pod): string | undefined {
  if (p.spec.nodeName) return p.spec.nodeName;
  const terms = (p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms ?? []) as { matchFields?: NodeReq[] }[];
  for (const t of terms)
    for (const f of t.matchFields ?? [])
      if (f.key === 'metadata.name' && f.operator === 'In') return f.values?.[0];
  return undefined;
}

/** The pod's required node affinity with its matchFields replaced by the node name. */
function pinToNode(affinity: Loose | undefined, node: string): Loose {
  const a = structuredClone(affinity ?? {});
  a.nodeAffinity ??= {};
  const req = (a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [] });
  const field = { key: 'metadata.name', operator: 'In', values: [node] };
  if (!req.nodeSelectorTerms?.length) req.nodeSelectorTerms = [{ matchFields: [field] }];
  else for (const t of req.nodeSelectorTerms) t.matchFields = [field];
  return a;
}

export function dsRevision(ds: KObject): string {
  return podTemplateHash(ds.spec.template);
}

/** One DaemonSet's pods by node, as read at the start of a sync (getNodesToDaemonPods). */
interface DaemonPods {
  ds: KObject;
  /** The pod-template hash of the current template. */
  rev: string;
  sel: ReturnType<typeof fromLabelSelector>;
  /** Owned pods the selector matches. */
  pods: Pod[];
  /** Live (not terminating) pods by the node they are bound or pinned to. */
  byNode: Map<string, Pod[]>;
  /** Nodes that should run a daemon pod now. */
  eligible: Set<string>;
  /** Nodes where a running daemon pod may stay (only NoExecute taints count). */
  keep: Set<string>;
  minReady: number;
}

/** getNodesToDaemonPods + nodeShouldRunDaemonPod for every node. */
function getNodesToDaemonPods(c: Cluster, ds: KObject): DaemonPods {
  const rev = dsRevision(ds);
  const sel = fromLabelSelector(ds.spec.selector);
  const pods = c.api
    .byIndex<Pod>('Pod', 'controller', ds.metadata.uid!)
    .filter((p) => sel && matches(sel, p.metadata.labels));
  const nodes = c.api.list<Node>('Node');
  const byNode = new Map<string, Pod[]>();
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const n = targetNode(p) ?? '';
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  const eligible = new Set(nodes.filter((n) => shouldRunOn(ds, n)).map((n) => n.metadata.name));
  const keep = new Set(nodes.filter((n) => shouldRunOn(ds, n, true)).map((n) => n.metadata.name));
  return { ds, rev, sel, pods, byNode, eligible, keep, minReady: ds.spec.minReadySeconds ?? 0 };
}

function deleteDaemonPod(c: Cluster, ds: KObject, p: Pod): void {
  if (c.api.delete('Pod', ds.metadata.namespace, p.metadata.name, { actor: CONTROLLER_MANAGER }).ok)
    c.api.recordEvent(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, NAME);
}

/**
 * manage: deletes pods on nodes that should not run one (or are gone), failed daemon pods (FailedDaemonPod) and
 * all but the oldest of duplicates; returns the nodes that need a daemon pod, sorted.
 */
function manage(c: Cluster, s: DaemonPods): string[] {
  const { ds, byNode, keep, eligible } = s;
  for (const [n, list] of byNode) if (!keep.has(n)) list.forEach((p) => deleteDaemonPod(c, ds, p));
  const create: string[] = [];
  for (const node of keep) {
    const list = byNode.get(node) ?? [];
    const failed = list.filter((p) => p.status?.phase === 'Failed');
    for (const p of failed) {
      c.api.recordEvent(
        ds,
        'Warning',
        'FailedDaemonPod',
        `Found failed daemon pod ${ds.metadata.namespace}/${p.metadata.name} on node ${node}, will try to kill it`,
        NAME,
      );
      deleteDaemonPod(c, ds, p);
    }
    const alive = list.filter((p) => p.status?.phase !== 'Failed');
    if (!alive.length && eligible.has(node)) create.push(node);
    else if (alive.length > 1) {
      // Keep the oldest.
      alive
        .sort((a, b) =>
          a.metadata.creationTimestamp! < b.metadata.creationTimestamp!
            ? -1
            : a.metadata.creationTimestamp! > b.metadata.creationTimestamp!
              ? 1
              : a.metadata.name < b.metadata.name
                ? -1
                : 1,
        )
        .slice(1)
        .forEach((p) => deleteDaemonPod(c, ds, p));
    }
  }
  return create.sort();
}

/**
 * rollingUpdate: deletes old-revision pods that are unavailable anyway, then available ones while no more than
 * maxUnavailable (of the eligible nodes, rounded up, at least 1) are unavailable. OnDelete replaces nothing.
 */
function rollingUpdate(c: Cluster, s: DaemonPods): void {
  const { ds, eligible, byNode, rev, minReady } = s;
  if (ds.spec.updateStrategy?.type === 'OnDelete') return;
  const desired = eligible.size;
  let maxUnavailable = resolveIntOrPercent(
    ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1,
    desired,
    true,
  );
  if (maxUnavailable < 1) maxUnavailable = 1;
  let unavailable = 0;
  const old: Pod[] = [];
  for (const node of [...eligible].sort()) {
    const p = (byNode.get(node) ?? []).find((x) => x.status?.phase !== 'Failed');
    if (!p || !isPodAvailable(c, p, minReady)) unavailable++;
    if (p && p.metadata.labels?.[REVISION_LABEL] !== rev) old.push(p);
  }
  for (const p of old) {
    if (!isPodAvailable(c, p, minReady)) deleteDaemonPod(c, ds, p);
  }
  for (const p of old) {
    if (!isPodAvailable(c, p, minReady)) continue;
    if (unavailable >= maxUnavailable) break;
    deleteDaemonPod(c, ds, p);
    unavailable++;
  }
}

/**
 * syncNodes' creations: one pod per node in `nodes`, pinned by node affinity, with the daemon tolerations; stops
 * at the first failure (FailedCreate) and retries later.
 */
function syncNodes(c: Cluster, key: string, s: DaemonPods, nodes: string[]): void {
  const { ds, rev } = s;
  const tols = [...((ds.spec.template.spec.tolerations ?? []) as Toleration[])];
  for (const t of DAEMON_TOLERATIONS)
    if (!tols.some((x) => x.key === t.key && x.effect === t.effect)) tols.push(t);
  for (const node of nodes) {
    const r = createPodFrom(c, ds, ds.spec.template, {
      generateName: `${ds.metadata.name}-`,
      labels: { [REVISION_LABEL]: rev, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
      spec: (x) => {
        x.affinity = pinToNode(x.affinity, node);
        x.tolerations = structuredClone(tols);
      },
    });
    if (r.ok)
      c.api.recordEvent(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${r.obj.metadata.name}`, NAME);
    else {
      c.api.recordEvent(ds, 'Warning', 'FailedCreate', `Error creating: ${r.error.message}`, NAME);
      c.enqueueAfter(NAME, key, 10_000);
      break;
    }
  }
}

/** updateDaemonSetStatus: scheduled, misscheduled, ready, updated and available counts of the pods now owned. */
function updateDaemonSetStatus(c: Cluster, key: string, s: DaemonPods): void {
  const { ds, sel, eligible, rev, minReady } = s;
  const now = c.api
    .byIndex<Pod>('Pod', 'controller', ds.metadata.uid!)
    .filter((p) => isPodActive(p) && sel && matches(sel, p.metadata.labels));
  const onNode = new Map<string, Pod>();
  for (const p of now) {
    const n = targetNode(p);
    if (n && !onNode.has(n)) onNode.set(n, p);
  }
  let current = 0;
  let mis = 0;
  let ready = 0;
  let updated = 0;
  let available = 0;
  for (const [n, p] of onNode) {
    if (!eligible.has(n)) {
      if (p.spec.nodeName) mis++;
      continue;
    }
    current++;
    if (isPodReady(p)) ready++;
    if (p.metadata.labels?.[REVISION_LABEL] === rev) updated++;
    if (isPodAvailable(c, p, minReady)) available++;
  }
  if (ready > available && minReady) c.enqueueAfter(NAME, key, minReady * 1000);
  const status: Record<string, unknown> = {
    currentNumberScheduled: current,
    numberMisscheduled: mis,
    desiredNumberScheduled: eligible.size,
    numberReady: ready,
    observedGeneration: ds.metadata.generation,
    ...(updated ? { updatedNumberScheduled: updated } : {}),
    ...(available ? { numberAvailable: available } : {}),
    ...(eligible.size - available > 0 ? { numberUnavailable: eligible.size - available } : {}),
  };
  writeStatusIfChanged(c, ds, status);
}

/**
 * One sync of one DaemonSet, in the steps of K:pkg/controller/daemon (daemon_controller.go syncDaemonSet):
 * pods by node → manage (deletions) → rollingUpdate → syncNodes (creations) → history → status.
 */
function syncDaemonSet(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const ds = c.api.get('DaemonSet', ns, name);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const s = getNodesToDaemonPods(c, ds);
  const create = manage(c, s);
  rollingUpdate(c, s);
  syncNodes(c, key, s, create);
  const usedHashes = new Set(s.pods.map((p) => `${name}-${p.metadata.labels?.[REVISION_LABEL] ?? ''}`));
  syncRevisions(
    c,
    ds,
    `${name}-${s.rev}`,
    { ...(ds.spec.template.metadata?.labels ?? {}), [REVISION_LABEL]: s.rev },
    usedHashes,
  );
  updateDaemonSetStatus(c, key, s);
}

/** The DaemonSet controller; `ownedPods` is the cluster's shared watch of owned pods (see ownedPodWatch.ts). */
export function daemonSetController(ownedPods: OwnedPodWatch): SimModule {
  return {
    name: NAME,
    install(c) {
      ensurePodIndexes(c);
      ensureRevisionIndex(c);
      c.registerReconciler(NAME, (key) => syncDaemonSet(c, key));
      c.api.watch('DaemonSet', (type, o) => {
        if (type !== 'DELETED') c.enqueue(NAME, nsKey(o));
      });
      c.api.watch('Node', (type, o, old) => {
        if (
          type === 'MODIFIED' &&
          old &&
          JSON.stringify(old.metadata.labels) === JSON.stringify(o.metadata.labels) &&
          JSON.stringify(old.spec) === JSON.stringify(o.spec)
        )
          return;
        for (const ds of c.api.list('DaemonSet')) c.enqueue(NAME, nsKey(ds));
      });
      ownedPods.watch(c, 'DaemonSet', NAME, (q, p) => q.spec.nodeName !== p.spec.nodeName);
    },
  };
}
