/**
 * Builders for real-shaped test objects (the JSON a real API server would return after defaulting), so tests
 * across the simulator do not hand-write Pods and Nodes. Pure: no clock, no randomness (uids derive from names).
 */
import type {
  Container,
  KObject,
  Labels,
  Node,
  Pod,
  PodSpec,
  ReplicaSet,
  Taint,
  Toleration,
} from '../api/types';

export interface PodOptions {
  namespace?: string;
  uid?: string;
  labels?: Labels;
  /** Image of the single app container (default `nginx`). */
  image?: string;
  /** Requests of the single app container: `{ cpu: '100m', memory: '128Mi' }`. */
  requests?: Record<string, string>;
  /** Limits of the single app container. */
  limits?: Record<string, string>;
  /** Shorthands for requests.cpu / requests.memory. */
  cpu?: string;
  memory?: string;
  /** Replaces the app containers entirely (then `image`, `requests`, `hostPorts`… are ignored). */
  containers?: Container[];
  initContainers?: Container[];
  /** Host ports of the single app container (TCP, on all host IPs unless written `ip:port`). */
  hostPorts?: (number | string)[];
  nodeName?: string;
  nodeSelector?: Labels;
  affinity?: PodSpec['affinity'];
  tolerations?: Toleration[];
  topologySpreadConstraints?: PodSpec['topologySpreadConstraints'];
  overhead?: Record<string, string>;
  phase?: Pod['status']['phase'];
  deletionTimestamp?: string;
  ownerReferences?: Pod['metadata']['ownerReferences'];
  priority?: number;
}

/** A Pod with one container (unless `containers` is given), defaulted like the API server would. */
export function newPod(name: string, opts: PodOptions = {}): Pod {
  const namespace = opts.namespace ?? 'default';
  let containers: Container[];
  if (opts.containers) {
    containers = opts.containers;
  } else {
    const requests: Record<string, string> = { ...(opts.requests ?? {}) };
    if (opts.cpu !== undefined) requests.cpu = opts.cpu;
    if (opts.memory !== undefined) requests.memory = opts.memory;
    const c: Container = {
      name: 'app',
      image: opts.image ?? 'nginx',
      imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
    };
    if (Object.keys(requests).length) c.resources!.requests = requests;
    if (opts.limits) c.resources!.limits = { ...opts.limits };
    if (opts.hostPorts?.length) {
      c.ports = opts.hostPorts.map((hp) => {
        const s = String(hp);
        const i = s.lastIndexOf(':');
        const port = Number(i >= 0 ? s.slice(i + 1) : s);
        const p: { containerPort: number; hostPort: number; protocol: 'TCP'; hostIP?: string } = {
          containerPort: port,
          hostPort: port,
          protocol: 'TCP',
        };
        if (i >= 0) p.hostIP = s.slice(0, i);
        return p;
      });
    }
    containers = [c];
  }
  const spec: PodSpec = {
    containers,
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    serviceAccountName: 'default',
    priority: opts.priority ?? 0,
    tolerations: opts.tolerations ?? [
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ],
  };
  if (opts.initContainers) spec.initContainers = opts.initContainers;
  if (opts.nodeName) spec.nodeName = opts.nodeName;
  if (opts.nodeSelector) spec.nodeSelector = opts.nodeSelector;
  if (opts.affinity) spec.affinity = opts.affinity;
  if (opts.topologySpreadConstraints) spec.topologySpreadConstraints = opts.topologySpreadConstraints;
  if (opts.overhead) spec.overhead = opts.overhead;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: opts.uid ?? `uid-${namespace}-${name}`,
      resourceVersion: '1',
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: opts.labels ?? {},
    },
    spec,
    status: { phase: opts.phase ?? 'Pending', qosClass: 'BestEffort' },
  };
  if (opts.deletionTimestamp) pod.metadata.deletionTimestamp = opts.deletionTimestamp;
  if (opts.ownerReferences) pod.metadata.ownerReferences = opts.ownerReferences;
  return pod;
}

export interface NodeOptions {
  /** Allocatable CPU (default `2`). */
  cpu?: string;
  /** Allocatable memory (default `4Gi`). */
  memory?: string;
  /** Max pods (default 110). */
  pods?: number;
  /** Extra allocatable resources: `{ 'nvidia.com/gpu': '1', 'ephemeral-storage': '10Gi' }`. */
  extra?: Record<string, string>;
  /** Labels added to the well-known ones (hostname, os, arch). */
  labels?: Labels;
  taints?: Taint[];
  unschedulable?: boolean;
  /** Images present on the node: `[{ names: ['docker.io/library/nginx:latest'], sizeBytes: 67_000_000 }]`. */
  images?: { names: string[]; sizeBytes: number }[];
  ready?: boolean;
}

/** A Ready Node with the well-known labels, allocatable equal to capacity. */
export function newNode(name: string, opts: NodeOptions = {}): Node {
  const resources: Record<string, string> = {
    cpu: opts.cpu ?? '2',
    memory: opts.memory ?? '4Gi',
    pods: String(opts.pods ?? 110),
    'ephemeral-storage': '20Gi',
    ...(opts.extra ?? {}),
  };
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-node-${name}`,
      resourceVersion: '1',
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...(opts.labels ?? {}),
      },
    },
    spec: {},
    status: {
      capacity: { ...resources },
      allocatable: { ...resources },
      conditions: [
        {
          type: 'Ready',
          status: opts.ready === false ? 'False' : 'True',
          reason: opts.ready === false ? 'KubeletNotReady' : 'KubeletReady',
          message: opts.ready === false ? 'container runtime is down' : 'kubelet is posting ready status',
        },
      ],
      images: opts.images ?? [],
    },
  };
  if (opts.taints) node.spec.taints = opts.taints;
  if (opts.unschedulable) node.spec.unschedulable = true;
  return node;
}

/** A Namespace as the API server stores it once created (phase Active). */
export function newNamespace(name: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export interface ReplicaSetOptions {
  namespace?: string;
  replicas?: number;
  /** Labels of the selector and of the template (default `{ app: <name> }`). */
  labels?: Labels;
  /** Template labels when they differ from the selector's. */
  templateLabels?: Labels;
  image?: string;
  minReadySeconds?: number;
}

/** A ReplicaSet (apps/v1) selecting `labels` with a one-container template, ready to be created. */
export function newReplicaSet(name: string, opts: ReplicaSetOptions = {}): ReplicaSet {
  const labels = opts.labels ?? { app: name };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: opts.namespace ?? 'default' },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: { ...labels } },
      template: {
        metadata: { labels: { ...(opts.templateLabels ?? labels) } },
        spec: { containers: [{ name: 'app', image: opts.image ?? 'nginx' }] },
      },
    },
    status: {},
  };
  if (opts.minReadySeconds !== undefined) rs.spec.minReadySeconds = opts.minReadySeconds;
  return rs;
}

/**
 * A pod status as the kubelet writes it: `phase` (default Running) and, when `readySince` is given, a Ready
 * condition True since then (an ISO time).
 */
export function podStatus(
  opts: { phase?: Pod['status']['phase']; readySince?: string; restarts?: number } = {},
) {
  const status: Pod['status'] = { phase: opts.phase ?? 'Running', qosClass: 'BestEffort' };
  if (opts.readySince)
    status.conditions = [
      { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: opts.readySince },
    ];
  if (opts.restarts !== undefined)
    status.containerStatuses = [
      {
        name: 'app',
        image: 'nginx',
        imageID: '',
        ready: !!opts.readySince,
        restartCount: opts.restarts,
        started: true,
        state: { running: { startedAt: opts.readySince ?? '2026-01-01T00:00:00Z' } },
        lastState: {},
      },
    ];
  return status;
}
