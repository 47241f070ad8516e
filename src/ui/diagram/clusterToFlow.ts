/**
 * Pure mapping from the cluster's objects to React Flow nodes and edges, plus the anchor point of every
 * component (so the animation layer can fly a message from `kube-apiserver` to `kubelet/worker-1`).
 * No React here: unit-tested in Node.
 */
import type { KObject, Node as KNode, Pod } from '../../sim/api/types';
import { selectorMatches, mapMatches } from '../../sim/api/labels';
import {
  containerClass,
  podStatusText,
  restartCount,
  statusClass,
  type ContainerClass,
  type StatusClass,
} from './podStatus';

export interface ClusterView {
  nodes: KNode[];
  pods: Pod[];
  services: KObject[];
  endpointSlices: KObject[];
  namespaces: string[];
}

export interface FlowOptions {
  /** Show only this namespace's pods and Services (undefined: all). */
  namespace?: string;
  /** Past this many pods on a node, the node shows counts per status instead of pod boxes. */
  collapseAbove?: number;
  /** Selected object key (`Pod/ns/name`, `Node//name`…), highlighted. */
  selected?: string;
  /** Nodes the learner opened: their pods are drawn however many there are. */
  expanded?: readonly string[];
  /**
   * Draw the API server's line to every node (default). Off for a huge cluster: React Flow keeps every edge
   * that touches the visible API server, so a thousand of them are laid out on each update.
   */
  nodeEdges?: boolean;
  /**
   * What the previous mapping worked out for each folded node: passed back in, a redraw re-derives only the nodes
   * whose pods (or the node itself, its place, its selection) changed. The output is the same with or without it.
   */
  memo?: FlowMemo;
}

/** A folded node as the last mapping drew it. */
interface FoldedNode {
  node: KNode;
  pods: Pod[];
  x: number;
  y: number;
  selected: boolean;
  item: FlowNode;
  /** its pods' anchor names and object keys, in `pods` order */
  anchors: string[];
  keys: string[];
  /** its agents' anchors (kubelet, kube-proxy, runtime) */
  agents: [string, XY][];
}

/** Kept between mappings by the caller (see FlowOptions.memo). */
export class FlowMemo {
  folded = new Map<string, FoldedNode>();
}

function samePods(a: Pod[], b: Pod[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface XY {
  x: number;
  y: number;
}

export interface FlowNode {
  id: string;
  type: string;
  position: XY;
  parentId?: string;
  extent?: 'parent';
  width?: number;
  height?: number;
  draggable?: boolean;
  selectable?: boolean;
  /** What a screen reader (and the focus ring's tooltip) says: a pod's full name and status. */
  ariaLabel?: string;
  /** The size as laid out (= width/height): React Flow then need not draw the node to learn it. */
  measured?: { width: number; height: number };
  /** Where the node's handles sit, declared (see `geometry`). */
  handles?: FlowHandle[];
  data: Record<string, unknown>;
}

export interface FlowHandle {
  type: 'source' | 'target';
  position: 'top' | 'bottom';
  x: number;
  y: number;
  width: number;
  height: number;
}

/** React Flow's handle: 6 px square, centred on the node's top or bottom edge. */
const HANDLE = 6;
function handle(
  type: FlowHandle['type'],
  position: FlowHandle['position'],
  w: number,
  h: number,
): FlowHandle {
  const y = position === 'top' ? -HANDLE / 2 : h - HANDLE / 2;
  return { type, position, x: w / 2 - HANDLE / 2, y, width: HANDLE, height: HANDLE };
}

/**
 * A node's size and handles, declared. React Flow draws every node it has not measured, on screen or not, to
 * find its handles; a node given as a new object (its pods changed) counts as unmeasured. In a big cluster that
 * mounted and unmounted hundreds of off-screen nodes on each redraw (seconds of layout); declared, only the
 * visible ones are drawn. The values are those the drawn node measures (its box, and 6 px handles centred on
 * its edges), so edges attach where they did.
 */
function geometry(
  w: number,
  h: number,
  handles: [FlowHandle['type'], FlowHandle['position']][],
): Pick<FlowNode, 'width' | 'height' | 'measured' | 'handles'> {
  return {
    width: w,
    height: h,
    measured: { width: w, height: h },
    handles: handles.map(([type, pos]) => handle(type, pos, w, h)),
  };
}

export interface FlowEdge {
  id: string;
  source: string;
  target: string;
  type?: string;
  animated?: boolean;
  className?: string;
  data?: Record<string, unknown>;
}

export interface FlowResult {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** Component id (as in the event log) → centre in flow coordinates. */
  anchors: Record<string, XY>;
  /** Namespaces present, for the filter. */
  namespaces: string[];
}

export interface ContainerView {
  name: string;
  cls: ContainerClass;
  ready: boolean;
  restarts: number;
}

export interface PodData extends Record<string, unknown> {
  objKey: string;
  name: string;
  namespace: string;
  status: string;
  cls: StatusClass;
  restarts: number;
  ready: string;
  containers: ContainerView[];
  selected: boolean;
}

export interface WorkerData extends Record<string, unknown> {
  objKey: string;
  name: string;
  ready: 'True' | 'False' | 'Unknown';
  unschedulable: boolean;
  podCount: number;
  collapsed: boolean;
  counts: Partial<Record<StatusClass, number>>;
  selected: boolean;
  controlPlane: boolean;
}

// Two wide cards per row rather than three narrow ones: at the zoom that fits a laptop's diagram pane the
// card's 13 px text lands at 11 px or more on screen, and a Deployment's pod name fits whole.
export const POD_W = 170;
export const POD_H = 66;
const POD_GAP = 8;
const POD_COLS = 2;
const NODE_PAD = 10;
const NODE_HEADER = 62;
export const NODE_W = NODE_PAD * 2 + POD_COLS * POD_W + (POD_COLS - 1) * POD_GAP;
const NODE_GAP = 30;
const COMP_W = 104;
const COMP_GAP = 8;
const CLIENT_W = 110;
const COMP_H = 44;
const PLANE_Y = 0;
const WORKERS_Y = 130;

export function objKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function nodeReady(n: KNode): 'True' | 'False' | 'Unknown' {
  const c = n.status?.conditions?.find((x) => x.type === 'Ready');
  return (c?.status as 'True' | 'False' | 'Unknown' | undefined) ?? 'Unknown';
}

export function isControlPlaneNode(n: KNode): boolean {
  return (
    !!n.metadata.labels?.['node-role.kubernetes.io/control-plane'] ||
    n.metadata.labels?.['node-role.kubernetes.io/control-plane'] === '' ||
    (n.spec?.taints ?? []).some((t) => t.key === 'node-role.kubernetes.io/control-plane')
  );
}

/** What the diagram derives from a pod on every redraw, worked out once per pod object and resourceVersion. */
interface PodFacts {
  rv: string | undefined;
  status: string;
  cls: StatusClass;
  /** `Pod/<ns>/<name>` */
  key: string;
  /** `pod/<ns>/<name>`, the event log's name for it */
  anchor: string;
  /** `pod:<ns>/<name>`, its flow node */
  id: string;
}
// A cluster's objects are replaced, never changed in place, when they change (the mirror holds each push's
// copies; the store writes a new resourceVersion): a redraw of 10,000 pods reuses what it worked out last time.
const podFacts = new WeakMap<Pod, PodFacts>();
function factsOf(p: Pod): PodFacts {
  const rv = p.metadata.resourceVersion;
  const hit = podFacts.get(p);
  if (hit && hit.rv === rv) return hit;
  const ns = p.metadata.namespace ?? 'default';
  const status = podStatusText(p);
  const f: PodFacts = {
    rv,
    status,
    cls: statusClass(status),
    key: objKey('Pod', p.metadata.namespace, p.metadata.name),
    anchor: `pod/${ns}/${p.metadata.name}`,
    id: `pod:${ns}/${p.metadata.name}`,
  };
  podFacts.set(p, f);
  return f;
}

function podData(p: Pod, selected?: string): PodData {
  const { status, cls, key } = factsOf(p);
  const statuses = p.status?.containerStatuses ?? [];
  const containers: ContainerView[] = (p.spec?.containers ?? []).map((c) => {
    const s = statuses.find((x) => x.name === c.name);
    return { name: c.name, cls: containerClass(s?.state), ready: !!s?.ready, restarts: s?.restartCount ?? 0 };
  });
  return {
    objKey: key,
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? 'default',
    status,
    cls,
    restarts: restartCount(p),
    ready: `${statuses.filter((s) => s.ready).length}/${containers.length}`,
    containers,
    selected: key === selected,
  };
}

const byName = (a: { metadata: { name: string } }, b: { metadata: { name: string } }) =>
  a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
const byNsName = (a: KObject, b: KObject) => {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  return an < bn ? -1 : an > bn ? 1 : byName(a, b);
};

function podGrid(count: number): { w: number; h: number } {
  const rows = Math.max(1, Math.ceil(count / POD_COLS));
  return { w: NODE_W, h: NODE_HEADER + NODE_PAD + rows * POD_H + (rows - 1) * POD_GAP + NODE_PAD };
}

/** A worker node's box: its name, readiness, pod count and, folded, its pods counted by status. */
function workerNode(
  n: KNode,
  pods: Pod[],
  collapsed: boolean,
  x: number,
  y: number,
  selected: boolean,
  key: string,
): FlowNode {
  const counts: Partial<Record<StatusClass, number>> = {};
  for (const p of pods) {
    const c = factsOf(p).cls;
    counts[c] = (counts[c] ?? 0) + 1;
  }
  const size = collapsed ? { w: NODE_W, h: NODE_HEADER + 70 } : podGrid(pods.length);
  const name = n.metadata.name;
  return {
    id: `node:${name}`,
    type: 'worker',
    position: { x, y },
    ...geometry(size.w, size.h, [
      ['target', 'top'],
      ['source', 'bottom'],
    ]),
    draggable: false,
    data: {
      objKey: key,
      name,
      ready: nodeReady(n),
      unschedulable: !!n.spec?.unschedulable,
      podCount: pods.length,
      collapsed,
      counts,
      selected,
      controlPlane: isControlPlaneNode(n),
    } satisfies WorkerData,
  };
}

function foldedNode(n: KNode, pods: Pod[], x: number, y: number, selected: boolean, key: string): FoldedNode {
  const facts = pods.map(factsOf);
  return {
    node: n,
    pods,
    x,
    y,
    selected,
    item: workerNode(n, pods, true, x, y, selected, key),
    anchors: facts.map((f) => f.anchor),
    keys: facts.map((f) => f.key),
    agents: agentAnchors(n.metadata.name, x, y),
  };
}

/** The node's agents sit in its header row. */
function agentAnchors(name: string, x0: number, rowY: number): [string, XY][] {
  const agentW = (NODE_W - NODE_PAD * 2) / 3;
  const y = rowY + 30 + 12;
  return [
    [`kubelet/${name}`, { x: x0 + NODE_PAD + agentW * 0.5, y }],
    [`kube-proxy/${name}`, { x: x0 + NODE_PAD + agentW * 1.5, y }],
    [`runtime/${name}`, { x: x0 + NODE_PAD + agentW * 2.5, y }],
  ];
}

/** Maps the cluster to the diagram. Deterministic: same input, same output (sorted by name). */
export function clusterToFlow(view: ClusterView, opts: FlowOptions = {}): FlowResult {
  const collapseAbove = opts.collapseAbove ?? 12;
  const nsOk = (ns: string | undefined) => !opts.namespace || (ns ?? 'default') === opts.namespace;
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const anchors: Record<string, XY> = {};

  // --- control plane ---------------------------------------------------------------------------------------
  const comps: [string, string, string][] = [
    ['kube-apiserver', 'apiServer', 'api'],
    ['etcd', 'etcd', 'etcd'],
    ['kube-scheduler', 'scheduler', 'sched'],
    ['kube-controller-manager', 'controllerManager', 'kcm'],
    ['cloud-controller-manager', 'cloudControllerManager', 'ccm'],
  ];
  const planeW = NODE_PAD * 2 + comps.length * COMP_W + (comps.length - 1) * COMP_GAP;
  const planeX = CLIENT_W + 20;
  nodes.push({
    id: 'cp',
    type: 'plane',
    position: { x: planeX, y: PLANE_Y },
    width: planeW,
    height: COMP_H + 50,
    selectable: false,
    draggable: false,
    data: { labelKey: 'diagram.controlPlane' },
  });
  comps.forEach(([comp, labelKey, short], i) => {
    const x = NODE_PAD + i * (COMP_W + COMP_GAP);
    const y = 36;
    nodes.push({
      id: `cp:${short}`,
      type: 'component',
      parentId: 'cp',
      extent: 'parent',
      position: { x, y },
      width: COMP_W,
      height: COMP_H,
      draggable: false,
      data: { labelKey: `diagram.${labelKey}`, component: comp, icon: short },
    });
    anchors[comp] = { x: planeX + x + COMP_W / 2, y: PLANE_Y + y + COMP_H / 2 };
  });
  nodes.push({
    id: 'client',
    type: 'component',
    position: { x: 0, y: PLANE_Y + 36 },
    width: CLIENT_W,
    height: COMP_H,
    draggable: false,
    data: { labelKey: 'diagram.kubectl', component: 'kubectl', icon: 'kubectl' },
  });
  anchors.kubectl = { x: CLIENT_W / 2, y: PLANE_Y + 36 + COMP_H / 2 };
  anchors.user = anchors.kubectl;
  edges.push({ id: 'e:kubectl-api', source: 'client', target: 'cp:api', className: 'edge-static' });
  for (const [, , short] of comps.slice(1))
    edges.push({ id: `e:api-${short}`, source: 'cp:api', target: `cp:${short}`, className: 'edge-static' });

  // --- pods by node ------------------------------------------------------------------------------------------
  const podsByNode = new Map<string, Pod[]>();
  const waiting: Pod[] = [];
  const podNode = new Map<string, string>(); // pod key → flow node id (for endpoints and anchors)
  for (const p of [...view.pods].sort(byNsName)) {
    if (!nsOk(p.metadata.namespace)) continue;
    const nn = p.spec?.nodeName;
    if (!nn) waiting.push(p);
    else {
      let list = podsByNode.get(nn);
      if (!list) podsByNode.set(nn, (list = []));
      list.push(p);
    }
  }

  // waiting-for-the-scheduler area, right of the control plane
  if (waiting.length) {
    const shown = waiting.slice(0, collapseAbove);
    const { h } = podGrid(shown.length);
    const wx = planeX + planeW + 40;
    nodes.push({
      id: 'waiting',
      type: 'waiting',
      position: { x: wx, y: PLANE_Y },
      width: NODE_W,
      height: Math.max(h - NODE_HEADER + 36, COMP_H + 50),
      draggable: false,
      selectable: false,
      data: { count: waiting.length, hidden: waiting.length - shown.length },
    });
    shown.forEach((p, i) => {
      const { id, key, anchor } = factsOf(p);
      const x = NODE_PAD + (i % POD_COLS) * (POD_W + POD_GAP);
      const y = 32 + Math.floor(i / POD_COLS) * (POD_H + POD_GAP);
      nodes.push({
        id,
        type: 'pod',
        parentId: 'waiting',
        extent: 'parent',
        position: { x, y },
        ...geometry(POD_W, POD_H, [['target', 'top']]),
        draggable: false,
        data: podData(p, opts.selected),
      });
      podNode.set(key, id);
      anchors[anchor] = {
        x: wx + x + POD_W / 2,
        y: PLANE_Y + y + POD_H / 2,
      };
    });
  }

  // --- worker nodes, in rows -----------------------------------------------------------------------------------
  const knodes = [...view.nodes].sort((a, b) => {
    const ca = isControlPlaneNode(a) ? 0 : 1;
    const cb = isControlPlaneNode(b) ? 0 : 1;
    return ca - cb || byName(a, b);
  });
  const perRow = Math.max(1, Math.min(5, Math.ceil(Math.sqrt(knodes.length))));
  const next = opts.memo ? new Map<string, FoldedNode>() : undefined;
  let rowY = WORKERS_Y;
  let rowH = 0;
  knodes.forEach((n, i) => {
    const col = i % perRow;
    if (col === 0 && i > 0) {
      rowY += rowH + NODE_GAP;
      rowH = 0;
    }
    const name = n.metadata.name;
    const pods = podsByNode.get(name) ?? [];
    const collapsed = pods.length > collapseAbove && !opts.expanded?.includes(name);
    const x0 = col * (NODE_W + NODE_GAP);
    const id = `node:${name}`;
    const key = objKey('Node', undefined, name);
    if (collapsed) {
      const selected = key === opts.selected;
      const last = opts.memo?.folded.get(name);
      const hit =
        last &&
        last.node === n &&
        last.x === x0 &&
        last.y === rowY &&
        last.selected === selected &&
        samePods(last.pods, pods)
          ? last
          : undefined;
      const f = hit ?? foldedNode(n, pods, x0, rowY, selected, key);
      next?.set(name, f);
      nodes.push(f.item);
      rowH = Math.max(rowH, f.item.height!);
      for (const [k, at] of f.agents) anchors[k] = at;
      if (opts.nodeEdges !== false)
        edges.push({ id: `e:api-${name}`, source: 'cp:api', target: id, className: 'edge-static' });
      // every pod of a folded node flies to its counts: one point shared by all of them
      const at = { x: x0 + NODE_W / 2, y: rowY + f.item.height! - 35 };
      for (let j = 0; j < f.anchors.length; j++) {
        podNode.set(f.keys[j]!, id);
        anchors[f.anchors[j]!] = at;
      }
      return;
    }
    const item = workerNode(n, pods, false, x0, rowY, key === opts.selected, key);
    rowH = Math.max(rowH, item.height!);
    nodes.push(item);
    for (const [k, at] of agentAnchors(name, x0, rowY)) anchors[k] = at;
    if (opts.nodeEdges !== false)
      edges.push({ id: `e:api-${name}`, source: 'cp:api', target: id, className: 'edge-static' });
    pods.forEach((p, j) => {
      const f = factsOf(p);
      const pid = f.id;
      const x = NODE_PAD + (j % POD_COLS) * (POD_W + POD_GAP);
      const y = NODE_HEADER + NODE_PAD + Math.floor(j / POD_COLS) * (POD_H + POD_GAP);
      nodes.push({
        id: pid,
        type: 'pod',
        parentId: id,
        extent: 'parent',
        position: { x, y },
        ...geometry(POD_W, POD_H, [['target', 'top']]),
        draggable: false,
        ariaLabel: `Pod ${p.metadata.name}: ${f.status}`,
        data: podData(p, opts.selected),
      });
      podNode.set(f.key, pid);
      anchors[f.anchor] = {
        x: x0 + x + POD_W / 2,
        y: rowY + y + POD_H / 2,
      };
    });
  });
  if (opts.memo && next) opts.memo.folded = next;
  // pods bound to a node that no longer exists: attach to the waiting anchor area if any
  const workersBottom = rowY + rowH;

  // --- Services and their endpoints -------------------------------------------------------------------------------
  const services = view.services
    .filter((s) => nsOk(s.metadata.namespace) && s.metadata.name !== 'kubernetes')
    .sort(byNsName);
  const svcY = workersBottom + 60;
  services.forEach((s, i) => {
    const ns = s.metadata.namespace ?? 'default';
    const id = `svc:${ns}/${s.metadata.name}`;
    const key = objKey('Service', ns, s.metadata.name);
    // EndpointSlices are the truth; a Service without slices falls back to its selector over ready pods.
    const slices = view.endpointSlices.filter(
      (e) =>
        e.metadata.namespace === ns && e.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name,
    );
    const targets: { pod: string; ready: boolean }[] = [];
    if (slices.length) {
      for (const sl of slices)
        for (const ep of (
          sl as {
            endpoints?: {
              targetRef?: { kind?: string; name: string; namespace?: string };
              conditions?: { ready?: boolean };
            }[];
          }
        ).endpoints ?? []) {
          if (ep.targetRef?.kind === 'Pod' || ep.targetRef?.name)
            targets.push({
              pod: objKey('Pod', ep.targetRef!.namespace ?? ns, ep.targetRef!.name),
              ready: ep.conditions?.ready !== false,
            });
        }
    } else {
      const sel = (s.spec as { selector?: Record<string, string> } | undefined)?.selector;
      if (sel && Object.keys(sel).length)
        for (const p of view.pods)
          if (
            (p.metadata.namespace ?? 'default') === ns &&
            mapMatches(sel, p.metadata.labels) &&
            p.status?.podIP
          )
            targets.push({
              pod: objKey('Pod', ns, p.metadata.name),
              ready: !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
            });
    }
    const spec = s.spec as { type?: string; clusterIP?: string; ports?: { port: number }[] } | undefined;
    nodes.push({
      id,
      type: 'service',
      position: { x: i * (COMP_W + 60), y: svcY },
      width: COMP_W + 30,
      height: 52,
      draggable: false,
      data: {
        objKey: key,
        name: s.metadata.name,
        namespace: ns,
        type: spec?.type ?? 'ClusterIP',
        clusterIP: spec?.clusterIP ?? '',
        ports: (spec?.ports ?? []).map((p) => p.port).join(','),
        endpoints: targets.filter((t) => t.ready).length,
        selected: key === opts.selected,
      },
    });
    anchors[`service/${ns}/${s.metadata.name}`] = { x: i * (COMP_W + 60) + (COMP_W + 30) / 2, y: svcY + 26 };
    const seen = new Set<string>();
    for (const t of targets) {
      const target = podNode.get(t.pod);
      if (!target || seen.has(target)) continue;
      seen.add(target);
      edges.push({
        id: `ep:${id}->${target}`,
        source: id,
        target,
        className: t.ready ? 'edge-endpoint' : 'edge-endpoint not-ready',
        data: { ready: t.ready },
      });
    }
  });

  // namespaces: every namespace object plus any namespace a pod or Service lives in
  const nsSet = new Set(view.namespaces);
  for (const p of view.pods) nsSet.add(p.metadata.namespace ?? 'default');
  for (const s of view.services) nsSet.add(s.metadata.namespace ?? 'default');
  return { nodes, edges, anchors, namespaces: [...nsSet].sort() };
}

/** Where a component of the event log sits; `container/<ns>/<pod>/<c>` and `pod/…` fall back to their pod. */
export function anchorOf(anchors: Record<string, XY>, component: string): XY | undefined {
  const direct = anchors[component];
  if (direct) return direct;
  const m = /^container\/(?:([^/]+)\/)?([^/]+)(?:\/[^/]+)?$/.exec(component);
  if (m) {
    const ns = m[1] ?? 'default';
    return anchors[`pod/${ns}/${m[2]}`] ?? anchors[`pod/default/${m[2]}`];
  }
  return undefined;
}

export { selectorMatches };
