/**
 * kube-proxy on every node: watches Services and EndpointSlices and turns them into the node's iptables model
 * ({@link ProxyRules}). The model is derived data (rebuilt from the API objects after a restore); a node
 * re-syncs when a Service or EndpointSlice changed since its last sync. Traffic follows the model of the node
 * it enters, picking endpoints with the rules' probabilities from the cluster's seeded generator.
 *
 * The caches are in-memory state of one {@link KubeProxy} instance, made by {@link kubeProxyModule} for each
 * cluster in createSim.ts (like the informer caches of the real kube-proxies), never part of the saved state.
 */
import type { Cluster, SimModule } from '../cluster';
import { nodesState } from '../nodes/nodeModule';
import { ensureSliceIndex } from '../kinds/endpointSlice';
import {
  endpointChain,
  externalChain,
  localChain,
  printIptablesSave,
  probabilityText,
  serviceChain,
  servicePortName,
  type ProxyEndpoint,
  type ProxyRules,
  type ProxyServicePort,
} from './iptables';
import type { EndpointSlice, Service } from '../api/networkTypes';

/** The ready endpoints of one Service port, from its EndpointSlices, sorted as kube-proxy sorts them. */
export function readyEndpoints(
  c: Cluster,
  svc: Service,
  portName: string,
  protocol: string,
): { ip: string; port: number; nodeName?: string; pod?: string }[] {
  ensureSliceIndex(c);
  const out: { ip: string; port: number; nodeName?: string; pod?: string }[] = [];
  const seen = new Set<string>();
  for (const s of c.api.byIndex<EndpointSlice>(
    'EndpointSlice',
    'service',
    `${svc.metadata.namespace}/${svc.metadata.name}`,
  )) {
    const sp = (s.ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === protocol);
    if (!sp || sp.port === undefined) continue;
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false) continue;
      const ip = e.addresses[0];
      if (!ip) continue;
      const key = `${ip}:${sp.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        ip,
        port: sp.port,
        ...(e.nodeName ? { nodeName: e.nodeName } : {}),
        ...(e.targetRef?.kind === 'Pod'
          ? { pod: `${e.targetRef.namespace ?? svc.metadata.namespace}/${e.targetRef.name}` }
          : {}),
      });
    }
  }
  out.sort((a, b) => {
    const ka = `${a.ip}:${a.port}`;
    const kb = `${b.ip}:${b.port}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return out;
}

/**
 * What kube-proxy derives from one Service and its EndpointSlices (service ports with their chain names and
 * ready endpoints). Shared by the simulated kube-proxies like an informer cache; valid while the Service and
 * slice objects are the same (stored objects are never mutated, so identity means unchanged).
 */
interface ServiceDerived {
  svc: Service;
  slices: EndpointSlice[];
  ports: ProxyServicePort[];
}
function deriveService(c: Cluster, cache: Map<string, ServiceDerived>, svc: Service): ServiceDerived {
  const ns = svc.metadata.namespace!;
  const key = `${ns}/${svc.metadata.name}`;
  const slices = c.api.byIndex<EndpointSlice>('EndpointSlice', 'service', key);
  const hit = cache.get(key);
  if (
    hit &&
    hit.svc === svc &&
    hit.slices.length === slices.length &&
    hit.slices.every((x, i) => x === slices[i])
  )
    return hit;
  const spec = svc.spec;
  const ports: ProxyServicePort[] = [];
  const lbIPs = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter(Boolean);
  for (const p of spec.ports ?? []) {
    const portName = p.name ?? '';
    const protocol = p.protocol ?? 'TCP';
    const spn = servicePortName(ns, svc.metadata.name, portName);
    const eps: ProxyEndpoint[] = readyEndpoints(c, svc, portName, protocol).map((e) => ({
      ...e,
      chain: endpointChain(spn, protocol, `${e.ip}:${e.port}`),
    }));
    ports.push({
      namespace: ns,
      service: svc.metadata.name,
      portName,
      protocol,
      ...(spec.clusterIP ? { clusterIP: spec.clusterIP } : {}),
      port: p.port,
      ...(p.nodePort !== undefined && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')
        ? { nodePort: p.nodePort }
        : {}),
      loadBalancerIPs: spec.type === 'LoadBalancer' ? lbIPs : [],
      externalIPs: spec.externalIPs ?? [],
      externalLocal:
        spec.externalTrafficPolicy === 'Local' && (spec.type === 'NodePort' || spec.type === 'LoadBalancer'),
      internalLocal: spec.internalTrafficPolicy === 'Local',
      chain: serviceChain(spn, protocol),
      extChain: externalChain(spn, protocol),
      localChain: localChain(spn, protocol),
      endpoints: eps,
    });
  }
  const d = { svc, slices, ports };
  cache.set(key, d);
  return d;
}

/** The kube-proxies of one cluster: their shared informer cache and each node's last synced rules. */
export class KubeProxy {
  /** Bumped on every Service / EndpointSlice change. */
  private revision = 1;
  private readonly nodes = new Map<string, { revision: number; rules: ProxyRules }>();
  private readonly derived = new Map<string, ServiceDerived>();

  constructor(private readonly c: Cluster) {}

  /** Watches that mark every node's rules stale. */
  install(): void {
    ensureSliceIndex(this.c);
    const bump = () => void this.revision++;
    this.c.api.watch('Service', bump);
    this.c.api.watch('EndpointSlice', bump);
  }

  /** After a snapshot restore: everything is re-derived. */
  reset(): void {
    this.revision++;
    this.nodes.clear();
    this.derived.clear();
  }

  /** Computes a node's rules (every Service port, its chains and ready endpoints). */
  build(node: string): ProxyRules {
    const c = this.c;
    const ports: ProxyServicePort[] = [];
    for (const svc of c.api.list<Service>('Service')) {
      const spec = svc.spec;
      if (!spec || spec.type === 'ExternalName' || spec.clusterIP === 'None') continue;
      // The derived ports are read-only and node-independent; Local policies filter per node when used.
      for (const p of deriveService(c, this.derived, svc).ports) ports.push(p);
    }
    return { node, nodeIP: nodesState(c).nodes[node]?.internalIP ?? '', ports };
  }

  /** The node's current rules, re-synced when Services or EndpointSlices changed since the last sync. */
  rules(node: string): ProxyRules {
    const c = this.c;
    const hit = this.nodes.get(node);
    if (hit && hit.revision === this.revision) return hit.rules;
    // A powered-off node's kube-proxy is not running: its tables stay as they were when it went down.
    const frozen = c.ext<{ frozen?: Record<string, ProxyRules> }>('network')?.frozen?.[node];
    if (frozen && nodesState(c).nodes[node]?.up === false) return frozen;
    const rules = this.build(node);
    this.nodes.set(node, { revision: this.revision, rules });
    return rules;
  }

  /** Syncs every node from scratch (the benchmark's unit of work); returns the number of rules programmed. */
  syncAll(): number {
    this.nodes.clear();
    this.derived.clear();
    let n = 0;
    for (const node of Object.keys(nodesState(this.c).nodes)) {
      const r = this.rules(node);
      for (const p of r.ports) n += 1 + p.endpoints.length * 3;
    }
    return n;
  }
}

// kube-proxy is a part of the cluster when createSim installs its module: the field is declared beside the
// module that sets it (module augmentation, the core names no part).
declare module '../cluster' {
  interface Cluster {
    /** The cluster's kube-proxies (set by the kube-proxy module's install). */
    kubeProxy?: KubeProxy;
  }
}

/** The kube-proxy module of one cluster (createSim.ts makes one per cluster, before the network module). */
export function kubeProxyModule(): SimModule {
  return {
    name: 'kube-proxy',
    install(c) {
      const p = new KubeProxy(c);
      c.kubeProxy = p;
      p.install();
    },
    restored(c) {
      c.kubeProxy?.reset();
    },
  };
}

function proxyOf(c: Cluster): KubeProxy {
  const p = c.kubeProxy;
  if (!p) throw new Error('kube-proxy module not installed');
  return p;
}

/** Computes a node's rules from scratch. */
export function buildProxyRules(c: Cluster, node: string): ProxyRules {
  return proxyOf(c).build(node);
}

/** The node's current rules (see {@link KubeProxy.rules}). */
export function proxyRules(c: Cluster, node: string): ProxyRules {
  return proxyOf(c).rules(node);
}

/** Syncs every node from scratch (the benchmark's unit of work); returns the number of rules programmed. */
export function syncAllNodes(c: Cluster): number {
  return proxyOf(c).syncAll();
}

/** `sim iptables <node>` */
export function iptablesText(c: Cluster, node: string): string {
  const d = new Date(c.iso());
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number) => String(n).padStart(2, '0');
  const stamp = `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
  return printIptablesSave(proxyRules(c, node), stamp);
}

/**
 * Walks a service chain as the kernel does: rule i of n matches with probability 1/(n-i) (the printed value),
 * the last rule always. Uses the cluster's seeded generator.
 */
export function pickByRules<T>(c: Cluster, eps: T[]): T | undefined {
  for (let i = 0; i < eps.length; i++) {
    const n = eps.length - i;
    if (n === 1) return eps[i];
    if (c.rng.float() < Number(probabilityText(n))) return eps[i];
  }
  return undefined;
}
