/**
 * Nodes: registration, leases (the kubelet's heartbeat every 10 s), node status, power loss and recovery.
 * Each node's kubelet state lives in `state.ext.nodes`; pod workers are in the kubelet module.
 */
import { memoize } from '../util/memo';
import { dict } from '../util/shapes';
import type { Cluster, SimModule } from '../cluster';
import type { KObject, Node } from '../api/types';
import { parseBytes, parseCpuMillis } from '../api/quantity';

export const KUBELET_VERSION = 'v1.31.4';
export const LEASE_PERIOD_MS = 10_000;
/** The kubelet reports an unchanged node status every 5 minutes (nodeStatusReportFrequency). */
export const STATUS_REPORT_MS = 5 * 60_000;

export interface NodeSim {
  name: string;
  /** Powered on and its kubelet running. */
  up: boolean;
  index: number;
  podCIDR: string;
  internalIP: string;
  /** Next host number to try in the pod CIDR (2…254). */
  nextHost: number;
  /** ip → pod uid */
  ips: Record<string, string>;
  lastStatusPost: number;
  arch: 'amd64' | 'arm64';
}

export interface NodesState {
  nodes: Record<string, NodeSim>;
  nextIndex: number;
}

export function nodesState(c: Cluster): NodesState {
  return c.ext<NodesState>('nodes');
}

export interface AddNodeOptions {
  cpu?: string;
  memory?: string;
  maxPods?: number;
  labels?: Record<string, string>;
  controlPlane?: boolean;
  taints?: Node['spec']['taints'];
  arch?: 'amd64' | 'arm64';
}

function nodeObject(c: Cluster, sim: NodeSim, o: AddNodeOptions): Node {
  const cpu = o.cpu ?? c.options.cpu;
  const memory = o.memory ?? c.options.memory;
  const pods = String(o.maxPods ?? c.options.maxPods);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': sim.arch,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': sim.arch,
    'kubernetes.io/hostname': sim.name,
    'kubernetes.io/os': 'linux',
    ...(o.controlPlane
      ? {
          'node-role.kubernetes.io/control-plane': '',
          'node.kubernetes.io/exclude-from-external-load-balancers': '',
        }
      : {}),
    ...(o.labels ?? {}),
  };
  const capacity = {
    cpu,
    'ephemeral-storage': '61202244Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory,
    pods,
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: sim.name,
      labels,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        ...(o.controlPlane
          ? { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock' }
          : {}),
      },
    },
    spec: {
      podCIDR: sim.podCIDR,
      podCIDRs: [sim.podCIDR],
      ...(o.taints?.length ? { taints: o.taints } : {}),
    },
    status: {
      capacity,
      allocatable: { ...capacity },
      conditions: [],
      addresses: [
        { type: 'InternalIP', address: sim.internalIP },
        { type: 'Hostname', address: sim.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: sim.arch,
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-51-generic',
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: c.rng.hex(32),
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04.1 LTS',
        systemUUID: c.rng.uuid(),
      },
      images: [],
    },
  };
}

/** Conditions a healthy kubelet posts. */
function healthyConditions(
  c: Cluster,
  prev: Node['status']['conditions'],
): NonNullable<Node['status']['conditions']> {
  const now = c.iso();
  const keep = (type: string, status: string) => {
    const p = prev?.find((x) => x.type === type);
    return p && p.status === status ? p.lastTransitionTime : now;
  };
  return [
    {
      type: 'MemoryPressure',
      status: 'False',
      lastHeartbeatTime: now,
      lastTransitionTime: keep('MemoryPressure', 'False'),
      reason: 'KubeletHasSufficientMemory',
      message: 'kubelet has sufficient memory available',
    },
    {
      type: 'DiskPressure',
      status: 'False',
      lastHeartbeatTime: now,
      lastTransitionTime: keep('DiskPressure', 'False'),
      reason: 'KubeletHasNoDiskPressure',
      message: 'kubelet has no disk pressure',
    },
    {
      type: 'PIDPressure',
      status: 'False',
      lastHeartbeatTime: now,
      lastTransitionTime: keep('PIDPressure', 'False'),
      reason: 'KubeletHasSufficientPID',
      message: 'kubelet has sufficient PID available',
    },
    {
      type: 'Ready',
      status: 'True',
      lastHeartbeatTime: now,
      lastTransitionTime: keep('Ready', 'True'),
      reason: 'KubeletReady',
      message: 'kubelet is posting ready status',
    },
  ];
}

/** Posts the node status as its kubelet would (Ready, images). */
export function postNodeStatus(c: Cluster, name: string): void {
  const sim = nodesState(c).nodes[name];
  if (!sim?.up) return;
  c.api.mutate<Node>(
    'Node',
    undefined,
    name,
    (n) => {
      n.status.conditions = healthyConditions(c, n.status.conditions);
      n.status.images = c.runtime ? c.runtime.listImages(name).slice(0, 50) : [];
    },
    { actor: `kubelet/${name}`, status: true },
  );
  sim.lastStatusPost = c.now;
}

function renewLease(c: Cluster, name: string): void {
  const sim = nodesState(c).nodes[name];
  if (!sim?.up) return;
  const lease = c.api.get('Lease', 'kube-node-lease', name);
  const renewTime = c.iso().replace('Z', '.000000Z');
  if (!lease) {
    const node = c.api.get('Node', undefined, name);
    c.api.create(
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name,
          namespace: 'kube-node-lease',
          ...(node
            ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }] }
            : {}),
        },
        spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime },
      },
      { actor: `kubelet/${name}` },
    );
  } else {
    c.api.mutate(
      'Lease',
      'kube-node-lease',
      name,
      (l) => {
        l.spec.renewTime = renewTime;
      },
      { actor: `kubelet/${name}` },
    );
  }
  if (c.now - sim.lastStatusPost >= STATUS_REPORT_MS) postNodeStatus(c, name);
  c.clock.after(LEASE_PERIOD_MS, 'node.lease', { name }, `lease:${name}`);
}

/** What runs on a node's boot and power loss (the kubelet, kube-proxy), in the order createSim.ts gives. */
export interface NodeHooks {
  booted(c: Cluster, name: string): void;
  poweredOff(c: Cluster, name: string): void;
}

/**
 * A node's pod range and address: `10.244.<n>.0/24` and `192.168.49.<n + 2>` like minikube. Past 256 nodes
 * (the benchmarks' 1,000-node cluster) the ranges continue in 10.245.0.0/24… and 192.168.50.2…, so every
 * address stays a valid IPv4 address.
 */
export function nodeAddresses(index: number): { podCIDR: string; internalIP: string } {
  const hostBlock = Math.floor(index / 253);
  return {
    podCIDR: `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24`,
    internalIP: `192.168.${49 + hostBlock}.${2 + (index % 253)}`,
  };
}

/** Registers a node, boots its kubelet. Returns an error text or undefined. */
export function addNode(
  c: Cluster,
  hooks: readonly NodeHooks[],
  name: string,
  o: AddNodeOptions = {},
): string | undefined {
  const st = nodesState(c);
  if (st.nodes[name] || c.api.get('Node', undefined, name)) return `node "${name}" already exists`;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name))
    return `invalid node name "${name}": use lower case letters, digits and '-'`;
  if (o.cpu !== undefined && !(parseCpuMillis(o.cpu) > 0)) return `invalid CPU quantity "${o.cpu}"`;
  if (o.memory !== undefined && !(parseBytes(o.memory) > 0)) return `invalid memory quantity "${o.memory}"`;
  const index = st.nextIndex++;
  const sim: NodeSim = {
    name,
    up: true,
    index,
    ...nodeAddresses(index),
    nextHost: 2,
    ips: dict(),
    lastStatusPost: -1e12,
    arch: o.arch ?? 'amd64',
  };
  st.nodes[name] = sim;
  c.runtime?.ensureHost(name, { arch: sim.arch, kind: 'node' });
  const obj = nodeObject(c, sim, o);
  const r = c.api.create(obj, { actor: `kubelet/${name}` });
  if (!r.ok) {
    delete st.nodes[name];
    return r.error.message;
  }
  // Registration, then the first status report (capacity, addresses, node info).
  c.api.updateStatus({ ...r.obj, status: obj.status }, { actor: `kubelet/${name}` });
  c.api.recordEvent(r.obj, 'Normal', 'Starting', 'Starting kubelet.', 'kubelet', name);
  c.api.recordEvent(
    r.obj,
    'Normal',
    'RegisteredNode',
    `Node ${name} event: Registered Node ${name} in Controller`,
    'node-controller',
  );
  postNodeStatus(c, name);
  c.api.recordEvent(
    c.api.get('Node', undefined, name)!,
    'Normal',
    'NodeReady',
    `Node ${name} status is now: NodeReady`,
    'kubelet',
    name,
  );
  renewLease(c, name);
  for (const h of hooks) h.booted(c, name);
  return undefined;
}

export function failNode(c: Cluster, hooks: readonly NodeHooks[], name: string): string | undefined {
  const sim = nodesState(c).nodes[name];
  if (!sim) return `node "${name}" not found`;
  if (!sim.up) return `node "${name}" is already down`;
  sim.up = false;
  c.clock.cancel(`lease:${name}`);
  c.log.emit(c.now, {
    kind: 'fault',
    source: 'user',
    target: `kubelet/${name}`,
    verb: 'power-off',
    object: { kind: 'Node', name },
    summary: `node ${name} lost power`,
  });
  for (const h of hooks) h.poweredOff(c, name);
  return undefined;
}

export function recoverNode(c: Cluster, hooks: readonly NodeHooks[], name: string): string | undefined {
  const sim = nodesState(c).nodes[name];
  if (!sim) return `node "${name}" not found`;
  if (sim.up) return `node "${name}" is already up`;
  sim.up = true;
  c.log.emit(c.now, {
    kind: 'fault',
    source: 'user',
    target: `kubelet/${name}`,
    verb: 'power-on',
    object: { kind: 'Node', name },
    summary: `node ${name} powered on`,
  });
  const node = c.api.get('Node', undefined, name);
  if (node) c.api.recordEvent(node, 'Normal', 'Starting', 'Starting kubelet.', 'kubelet', name);
  sim.lastStatusPost = -1e12;
  renewLease(c, name);
  if (node)
    c.api.recordEvent(
      c.api.get('Node', undefined, name)!,
      'Normal',
      'NodeReady',
      `Node ${name} status is now: NodeReady`,
      'kubelet',
      name,
    );
  for (const h of hooks) h.booted(c, name);
  return undefined;
}

/** `10.244.3` of `10.244.3.0/24`. */
const cidrBase = memoize((cidr: string) => cidr.replace(/\.0\/24$/, ''), 5000);

/** Allocates a pod IP from the node's CIDR. */
export function allocatePodIp(c: Cluster, node: string, podUid: string): string {
  const sim = nodesState(c).nodes[node]!;
  const base = cidrBase(sim.podCIDR);
  for (let tries = 0; tries < 253; tries++) {
    const host = sim.nextHost;
    sim.nextHost = host >= 254 ? 2 : host + 1;
    const ip = `${base}.${host}`;
    if (!sim.ips[ip]) {
      sim.ips[ip] = podUid;
      return ip;
    }
  }
  return `${base}.255`;
}

export function releasePodIp(c: Cluster, node: string, ip: string | undefined): void {
  const sim = nodesState(c).nodes[node];
  if (sim && ip) delete sim.ips[ip];
}

export function isNodeUp(c: Cluster, name: string): boolean {
  return !!nodesState(c).nodes[name]?.up;
}

/**
 * A static pod of a node (its manifest on the node's disk): the kubelet runs it itself and shows a mirror pod
 * in the API, Running from the start. Used for the control plane and kube-proxy.
 */
export function runStaticPod(c: Cluster, node: string, pod: KObject): void {
  const sim = nodesState(c).nodes[node];
  const nodeObj = c.api.get('Node', undefined, node);
  if (!sim || !nodeObj) return;
  const now = c.iso();
  pod.metadata.annotations = {
    'kubernetes.io/config.mirror': c.rng.hex(32),
    'kubernetes.io/config.source': 'file',
    ...(pod.metadata.annotations ?? {}),
  };
  pod.metadata.ownerReferences = [
    { apiVersion: 'v1', kind: 'Node', name: node, uid: nodeObj.metadata.uid!, controller: true },
  ];
  const r = c.api.create(pod, { actor: `kubelet/${node}` });
  if (!r.ok) return;
  const containers = (r.obj.spec?.containers ?? []) as { name: string; image: string }[];
  c.api.mutate(
    'Pod',
    r.obj.metadata.namespace,
    r.obj.metadata.name,
    (p) => {
      p.status = {
        ...p.status,
        phase: 'Running',
        hostIP: sim.internalIP,
        hostIPs: [{ ip: sim.internalIP }],
        podIP: sim.internalIP,
        podIPs: [{ ip: sim.internalIP }],
        startTime: now,
        conditions: [
          'PodReadyToStartContainers',
          'Initialized',
          'Ready',
          'ContainersReady',
          'PodScheduled',
        ].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now })),
        containerStatuses: containers.map((ct) => ({
          name: ct.name,
          ready: true,
          started: true,
          restartCount: 0,
          image: ct.image,
          imageID: `${ct.image.split(':')[0]}@sha256:${c.rng.hex(64)}`,
          containerID: `containerd://${c.rng.hex(64)}`,
          state: { running: { startedAt: now } },
          lastState: {},
        })),
      };
    },
    { actor: `kubelet/${node}`, status: true },
  );
}

/** Static (mirror) pods of the control plane, shown Running on the control-plane node. */
function controlPlanePods(c: Cluster, node: string): void {
  const comps: [string, string, string, string][] = [
    ['etcd', 'registry.k8s.io/etcd:3.5.16-0', 'etcd', '100m'],
    ['kube-apiserver', `registry.k8s.io/kube-apiserver:${KUBELET_VERSION}`, 'kube-apiserver', '250m'],
    [
      'kube-controller-manager',
      `registry.k8s.io/kube-controller-manager:${KUBELET_VERSION}`,
      'kube-controller-manager',
      '200m',
    ],
    ['kube-scheduler', `registry.k8s.io/kube-scheduler:${KUBELET_VERSION}`, 'kube-scheduler', '100m'],
  ];
  for (const [name, image, component, cpu] of comps) {
    runStaticPod(c, node, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${name}-${node}`,
        namespace: 'kube-system',
        labels: { component, tier: 'control-plane' },
      },
      spec: {
        nodeName: node,
        priorityClassName: 'system-node-critical',
        priority: 2000001000,
        hostNetwork: true,
        automountServiceAccountToken: false,
        tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
        containers: [
          { name, image, resources: { requests: { cpu, ...(name === 'etcd' ? { memory: '100Mi' } : {}) } } },
        ],
      },
    });
  }
}

/** The nodes of one cluster, told what runs on each boot and power loss. */
export function nodesModule(hooks: readonly NodeHooks[]): SimModule {
  return {
    name: 'nodes',
    initState: (): NodesState => ({ nodes: {}, nextIndex: 0 }),
    install(c) {
      c.clock.on<{ name: string }>('node.lease', (p) => renewLease(c, p.name));
    },
    bootstrap(c) {
      for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
        c.api.create(
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
          { actor: 'kube-apiserver' },
        );
      }
      if (c.options.controlPlane) {
        addNode(c, hooks, 'control-plane', {
          controlPlane: true,
          cpu: c.options.cpu,
          memory: c.options.memory,
          taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
        });
        if (!c.options.minimal) controlPlanePods(c, 'control-plane');
      }
      for (let i = 1; i <= c.options.workers; i++) addNode(c, hooks, `worker-${i}`);
    },
  };
}
