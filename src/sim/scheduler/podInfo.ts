/**
 * Everything the plugins need to know about one pod, computed once (per scheduling cycle for the incoming pod,
 * once per add for a pod in the cache) so the per-node hot loops only compare numbers and look up maps.
 */
import { flat } from '../util/shapes';
import type { Container, Labels, Pod, Toleration } from '../api/types';
import { parseBytes, parseCpuMillis, parseQuantity } from '../api/quantity';
import { fromLabelSelector, matches, type Selector } from '../api/labels';
import { normalizeImage } from '../util/imageRef';

/** Requests in scheduler units: millicores, bytes, and other (extended, hugepages) resources by name. */
export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources (`nvidia.com/gpu`, `hugepages-2Mi`…); null when the pod asks for none. */
  scalar: Record<string, number> | null;
}

export interface HostPort {
  protocol: string;
  ip: string;
  port: number;
}

/** A pod (anti-)affinity term, resolved to the namespaces it selects. */
export interface AffinityTerm {
  /** null selects no pod (a term without labelSelector). */
  selector: Selector | null;
  namespaces: ReadonlySet<string>;
  /** `namespaceSelector: {}` selects every namespace. */
  allNamespaces: boolean;
  /**
   * A non-empty namespaceSelector. Namespace labels are not visible to the scheduler here, so it is matched
   * against the one label every namespace carries, `kubernetes.io/metadata.name`.
   */
  nsSelector: Selector | null;
  topologyKey: string;
}

export interface WeightedAffinityTerm {
  weight: number;
  term: AffinityTerm;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values: string[];
}

export interface NodeSelectorTerm {
  matchExpressions: NodeSelectorRequirement[];
  matchFields: NodeSelectorRequirement[];
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  /** whenUnsatisfiable: DoNotSchedule (filter) vs ScheduleAnyway (score). */
  hard: boolean;
  selector: Selector | null;
  minDomains: number;
  /** nodeAffinityPolicy Honor (default): only nodes matching the pod's node affinity/selector count. */
  honorNodeAffinity: boolean;
  /** nodeTaintsPolicy Honor (default Ignore): only nodes whose taints the pod tolerates count. */
  honorNodeTaints: boolean;
}

export interface PodInfo {
  /** `namespace/name`, the cache key. */
  key: string;
  namespace: string;
  name: string;
  labels: Labels;
  /** Effective requests for filtering (zero when absent). */
  requests: Resources;
  /** Requests for scoring: containers without a cpu / memory request count 100m / 200Mi (NonZeroRequests). */
  nonZero: { milliCPU: number; memory: number };
  hostPorts: HostPort[];
  tolerations: Toleration[];
  /** Normalized image references of init and app containers. */
  images: string[];
  numContainers: number;
  nodeSelector: Labels | null;
  /** Required node affinity terms (ORed); null when the pod has none. */
  requiredNodeTerms: NodeSelectorTerm[] | null;
  preferredNodeTerms: { weight: number; term: NodeSelectorTerm }[];
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
  spread: TopologySpreadConstraint[];
  /** deletionTimestamp is set. */
  terminating: boolean;
}

/** Defaults for scoring only (K:pkg/scheduler/util/pod_resources.go): 0.1 core and 200 MB. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

type ResourceVector = Record<string, number>;

function amount(name: string, q: string | number | undefined): number {
  const v =
    name === 'cpu'
      ? parseCpuMillis(q)
      : name === 'memory' || name === 'ephemeral-storage'
        ? parseBytes(q)
        : parseQuantity(q);
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/** A container's requests; a limit stands in for a missing request (the API server's defaulting). */
function containerRequests(c: Container, nonZero: boolean): ResourceVector {
  const out: ResourceVector = {};
  const req = c.resources?.requests;
  const lim = c.resources?.limits;
  // (for-in over these plain JSON objects: their own keys, without a keys array per container)
  if (lim) for (const k in lim) if (!req || !(k in req)) out[k] = amount(k, lim[k]);
  if (req) for (const k in req) out[k] = amount(k, req[k]);
  if (nonZero) {
    if (!('cpu' in out)) out.cpu = DEFAULT_MILLI_CPU_REQUEST;
    if (!('memory' in out)) out.memory = DEFAULT_MEMORY_REQUEST;
  }
  return out;
}

function add(into: ResourceVector, v: ResourceVector): void {
  for (const k in v) into[k] = (into[k] ?? 0) + v[k]!;
}

function max(into: ResourceVector, v: ResourceVector): void {
  for (const k in v) if ((into[k] ?? 0) < v[k]!) into[k] = v[k]!;
}

/**
 * The pod's effective request (resourcehelper.PodRequests): app containers summed, init containers as a
 * maximum (sidecars — init containers with restartPolicy Always — add to everything after them), plus overhead.
 */
export function podRequests(pod: Pod, nonZero = false): ResourceVector {
  const reqs: ResourceVector = {};
  for (const c of pod.spec?.containers ?? []) add(reqs, containerRequests(c, nonZero));
  const sidecars: ResourceVector = {};
  const init: ResourceVector = {};
  for (const c of pod.spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      add(reqs, r);
      add(sidecars, r);
      max(init, sidecars);
    } else {
      const tmp: ResourceVector = { ...r };
      add(tmp, sidecars);
      max(init, tmp);
    }
  }
  max(reqs, init);
  const overhead = pod.spec?.overhead as Record<string, string> | undefined;
  if (overhead) {
    const o: ResourceVector = {};
    for (const k of Object.keys(overhead)) o[k] = amount(k, overhead[k]);
    add(reqs, o);
  }
  return reqs;
}

const isBasic = (k: string) => k === 'cpu' || k === 'memory' || k === 'ephemeral-storage' || k === 'pods';

function toResources(v: ResourceVector): Resources {
  let scalar: Record<string, number> | null = null;
  let extended = false;
  for (const k in v) if (!isBasic(k)) extended = true;
  if (extended) {
    for (const k of Object.keys(v).sort()) if (!isBasic(k) && v[k]! > 0) (scalar ??= {})[k] = v[k]!;
  }
  return {
    milliCPU: v.cpu ?? 0,
    memory: v.memory ?? 0,
    ephemeralStorage: v['ephemeral-storage'] ?? 0,
    scalar,
  };
}

function parseNodeSelectorTerm(t: unknown): NodeSelectorTerm {
  const term = (t ?? {}) as {
    matchExpressions?: NodeSelectorRequirement[];
    matchFields?: NodeSelectorRequirement[];
  };
  const fix = (r: NodeSelectorRequirement): NodeSelectorRequirement => ({
    key: r.key,
    operator: r.operator,
    values: r.values ?? [],
  });
  return {
    matchExpressions: (term.matchExpressions ?? []).map(fix),
    matchFields: (term.matchFields ?? []).map(fix),
  };
}

interface RawPodAffinityTerm {
  labelSelector?: Parameters<typeof fromLabelSelector>[0];
  namespaces?: string[];
  namespaceSelector?: Parameters<typeof fromLabelSelector>[0];
  topologyKey?: string;
}

function parseAffinityTerm(raw: RawPodAffinityTerm, podNamespace: string): AffinityTerm {
  const namespaces = new Set(raw.namespaces ?? []);
  let allNamespaces = false;
  let nsSelector: Selector | null = null;
  const ns = raw.namespaceSelector ? fromLabelSelector(raw.namespaceSelector) : null;
  if (ns) {
    if (ns.length === 0) allNamespaces = true;
    else nsSelector = ns;
  } else if (namespaces.size === 0) namespaces.add(podNamespace);
  return {
    selector: fromLabelSelector(raw.labelSelector),
    namespaces,
    allNamespaces,
    nsSelector,
    topologyKey: raw.topologyKey ?? '',
  };
}

/** True when the term selects `pod` (namespace and labels). */
export function termMatches(term: AffinityTerm, namespace: string, labels: Labels): boolean {
  if (term.selector === null) return false;
  if (!term.allNamespaces && !term.namespaces.has(namespace)) {
    if (!term.nsSelector || !matches(term.nsSelector, { 'kubernetes.io/metadata.name': namespace }))
      return false;
  }
  return matches(term.selector, labels);
}

function parseSpread(pod: Pod, labels: Labels): TopologySpreadConstraint[] {
  const out: TopologySpreadConstraint[] = [];
  for (const raw of (pod.spec?.topologySpreadConstraints ?? []) as Record<string, unknown>[]) {
    let selector = fromLabelSelector(raw.labelSelector as Parameters<typeof fromLabelSelector>[0]);
    const keys = (raw.matchLabelKeys as string[] | undefined) ?? [];
    if (selector && keys.length) {
      selector = [...selector];
      for (const k of keys) if (k in labels) selector.push({ key: k, op: '=', values: [labels[k]!] });
    }
    const hard = (raw.whenUnsatisfiable ?? 'DoNotSchedule') === 'DoNotSchedule';
    out.push({
      maxSkew: Number(raw.maxSkew ?? 1),
      topologyKey: String(raw.topologyKey ?? ''),
      hard,
      selector,
      minDomains: hard ? Number(raw.minDomains ?? 1) : 1,
      honorNodeAffinity: (raw.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorNodeTaints: raw.nodeTaintsPolicy === 'Honor',
    });
  }
  return out;
}

function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const containers = [
    ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
    ...(pod.spec?.containers ?? []),
  ];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      const ip = (p as { hostIP?: string }).hostIP;
      out.push({ protocol: p.protocol ?? 'TCP', ip: ip || '0.0.0.0', port: p.hostPort });
    }
  }
  return out;
}

/** Computes a pod's scheduling facts. */
/**
 * The last info computed for a pod's containers list, with the inputs it was computed from. Stored objects are
 * never mutated, and a write that leaves these parts alone keeps the same references (binding copies the spec
 * shallowly), so the info of the scheduling cycle is reused when the bound pod enters the cache. Only the pods
 * seen last are remembered: a small map, not a WeakMap entry for every pod (kept, and walked by every
 * young-generation GC).
 */
const memo = new Map<object, { inputs: unknown[]; info: PodInfo }>();
const MEMO_SIZE = 256;
function infoInputs(pod: Pod): unknown[] {
  const s = pod.spec;
  return [
    pod.metadata.namespace,
    pod.metadata.name,
    pod.metadata.labels,
    pod.metadata.deletionTimestamp,
    s.initContainers,
    s.tolerations,
    s.nodeSelector,
    s.affinity,
    s.topologySpreadConstraints,
    (s as { overhead?: unknown }).overhead,
  ];
}

export function computePodInfo(pod: Pod): PodInfo {
  const containers = pod.spec?.containers;
  if (!containers) return computePodInfoUncached(pod);
  const inputs = infoInputs(pod);
  const hit = memo.get(containers);
  if (hit && hit.inputs.every((v, i) => v === inputs[i])) return hit.info;
  const info = computePodInfoUncached(pod);
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(containers, { inputs, info });
  return info;
}

/** One frozen empty list for the (many) pods without ports, affinity or spread constraints. */
const EMPTY: readonly never[] = Object.freeze([]);
function orEmpty<T>(list: T[]): T[] {
  return list.length ? list : (EMPTY as unknown as T[]);
}

function computePodInfoUncached(pod: Pod): PodInfo {
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name;
  const labels = pod.metadata.labels ?? {};
  const spec = pod.spec ?? ({ containers: [] } as unknown as Pod['spec']);
  const nz = podRequests(pod, true);
  const aff = (spec.affinity ?? {}) as {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: unknown[] };
      preferredDuringSchedulingIgnoredDuringExecution?: { weight?: number; preference?: unknown }[];
    };
    podAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: RawPodAffinityTerm[];
      preferredDuringSchedulingIgnoredDuringExecution?: {
        weight?: number;
        podAffinityTerm?: RawPodAffinityTerm;
      }[];
    };
    podAntiAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: RawPodAffinityTerm[];
      preferredDuringSchedulingIgnoredDuringExecution?: {
        weight?: number;
        podAffinityTerm?: RawPodAffinityTerm;
      }[];
    };
  };
  const required = aff.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const preferredNodeTerms: PodInfo['preferredNodeTerms'] = [];
  for (const p of aff.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    const term = parseNodeSelectorTerm(p.preference);
    // An empty preference or weight 0 is ignored (nodeaffinity.NewPreferredSchedulingTerms).
    if (!p.weight || (term.matchExpressions.length === 0 && term.matchFields.length === 0)) continue;
    preferredNodeTerms.push({ weight: p.weight, term });
  }
  const weighted = (list: { weight?: number; podAffinityTerm?: RawPodAffinityTerm }[] | undefined) =>
    (list ?? [])
      .filter((w) => w.weight && w.podAffinityTerm)
      .map((w) => ({ weight: w.weight!, term: parseAffinityTerm(w.podAffinityTerm!, namespace) }));
  const images = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) =>
    normalizeImage(c.image ?? ''),
  );
  return {
    key: flat(`${namespace}/${name}`),
    namespace,
    name,
    labels,
    requests: toResources(podRequests(pod, false)),
    nonZero: { milliCPU: nz.cpu ?? 0, memory: nz.memory ?? 0 },
    hostPorts: orEmpty(hostPorts(pod)),
    tolerations: spec.tolerations ?? [],
    images,
    numContainers: images.length,
    nodeSelector: spec.nodeSelector && Object.keys(spec.nodeSelector).length ? spec.nodeSelector : null,
    requiredNodeTerms: required ? (required.nodeSelectorTerms ?? []).map(parseNodeSelectorTerm) : null,
    preferredNodeTerms: orEmpty(preferredNodeTerms),
    requiredAffinity: orEmpty(
      (aff.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
        parseAffinityTerm(t, namespace),
      ),
    ),
    requiredAntiAffinity: orEmpty(
      (aff.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
        parseAffinityTerm(t, namespace),
      ),
    ),
    preferredAffinity: orEmpty(weighted(aff.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution)),
    preferredAntiAffinity: orEmpty(
      weighted(aff.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    ),
    spread: orEmpty(parseSpread(pod, labels)),
    terminating: !!pod.metadata.deletionTimestamp,
  };
}

/** The pod has any inter-pod affinity or anti-affinity term (NodeInfo.PodsWithAffinity). */
export function hasPodAffinity(i: PodInfo): boolean {
  return (
    i.requiredAffinity.length > 0 ||
    i.requiredAntiAffinity.length > 0 ||
    i.preferredAffinity.length > 0 ||
    i.preferredAntiAffinity.length > 0
  );
}
