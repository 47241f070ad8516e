/**
 * Simulated connections: from a pod (its `wget`, `curl`, `nc`), from "your laptop" (the terminal's `curl`
 * through NodePorts, LoadBalancer IPs, the ingress controller and `kubectl port-forward`). A connection to a
 * Service goes through the kube-proxy rules of the node it enters to a ready endpoint, is checked against the
 * NetworkPolicies of both ends, and is answered by the container listening on the target port. Every step is a
 * `traffic` hop in the event log so the diagram can animate it.
 */
import type { Cluster } from '../cluster';
import type { ComponentId } from '../engine/eventLog';
import type { Pod } from '../api/types';
import { isNodeUp, nodesState } from '../nodes/nodeModule';
import { ensureServiceIndexes } from '../kinds/serviceIpam';
import { endpointsFor, type ProxyEndpoint, type ProxyServicePort } from './iptables';
import { pickByRules, proxyRules } from './kubeProxy';
import { connectionAllowed, type Peer } from './policy';
import { routeIngress } from './ingressRouting';
import { isIPv4, type Service } from '../api/networkTypes';

/** Who opens the connection. */
export interface Client {
  ip: string;
  pod?: Pod;
  /** The node whose kube-proxy rules the connection meets first. */
  node?: string;
  /** For the event log. */
  component: ComponentId;
  /** A label for summaries (`pod default/client`, `your laptop`). */
  label: string;
}

export type HttpOutcome =
  { status: number; body: string; latencyMs: number; pod?: string } | { error: string; latencyMs: number };

export type Target =
  | { kind: 'pod'; pod: Pod; port: number; via?: { service: Service; node: string } }
  | { kind: 'ingress'; node: string; nodeIP: string }
  | { kind: 'error'; error: 'refused' | 'timeout'; why: string };

const REFUSED = 'Connection refused';
const TIMEOUT = 'download timed out';

export function ensurePodIpIndex(c: Cluster): void {
  if (c.store.hasIndex('Pod', 'podIP')) return;
  c.store.addIndex('Pod', 'podIP', (o) => {
    const p = o as Pod;
    return p.status?.podIP && !p.spec?.hostNetwork ? [p.status.podIP] : [];
  });
}

export function podByIp(c: Cluster, ip: string): Pod | undefined {
  ensurePodIpIndex(c);
  const pods = c.api.byIndex<Pod>('Pod', 'podIP', ip);
  return pods.find((p) => !p.metadata.deletionTimestamp) ?? pods[0];
}

function hop(
  c: Cluster,
  source: ComponentId,
  target: ComponentId,
  verb: string,
  object: { kind: string; namespace?: string; name: string } | undefined,
  summary: string,
): void {
  c.log.emit(c.now, { kind: 'traffic', source, target, verb, ...(object ? { object } : {}), summary });
}

/** `container/<ns>/<pod>/<container>`: the diagram anchors it on the pod. */
export function containerComponent(c: Cluster, cid: string): ComponentId {
  const l = c.runtime.record(cid)?.labels ?? {};
  const ns = l['io.kubernetes.pod.namespace'];
  const pod = l['io.kubernetes.pod.name'];
  return ns && pod
    ? `container/${ns}/${pod}/${l['io.kubernetes.container.name'] ?? ''}`
    : `container/${cid.slice(0, 12)}`;
}

/** Container ids of a pod's running app containers. */
export function podContainerIds(pod: Pod): string[] {
  return (pod.status?.containerStatuses ?? [])
    .filter((s) => s.state?.running && s.containerID)
    .map((s) => s.containerID!.replace(/^[a-z]+:\/\//, ''));
}

/** The container of `pod` listening on `port`. */
export function listeningContainer(c: Cluster, pod: Pod, port: number): string | undefined {
  return podContainerIds(pod).find((cid) => c.runtime.listening(cid, port));
}

function nodeByIp(c: Cluster, ip: string): string | undefined {
  for (const n of Object.values(nodesState(c).nodes)) if (n.internalIP === ip) return n.name;
  return undefined;
}

function anyNode(c: Cluster): string | undefined {
  const names = Object.keys(nodesState(c).nodes).sort();
  return names.find((n) => isNodeUp(c, n)) ?? names[0];
}

/** Chooses an endpoint of a Service port by the node's rules (ClientIP affinity sticks to the last choice). */
function chooseEndpoint(
  c: Cluster,
  svc: Service,
  rule: ProxyServicePort,
  node: string,
  external: boolean,
  clientIp: string,
): ProxyEndpoint | undefined {
  const eps = endpointsFor(rule, node, external);
  if (!eps.length) return undefined;
  if (svc.spec.sessionAffinity === 'ClientIP') {
    const st = c.ext<{ affinity: Record<string, { ip: string; port: number; until: number }> }>('network');
    const key = `${rule.chain}|${clientIp}`;
    const prev = st.affinity[key];
    const again =
      prev && prev.until > c.now ? eps.find((e) => e.ip === prev.ip && e.port === prev.port) : undefined;
    const chosen = again ?? pickByRules(c, eps)!;
    st.affinity[key] = { ip: chosen.ip, port: chosen.port, until: c.now + 10_800_000 };
    return chosen;
  }
  return pickByRules(c, eps);
}

function viaService(
  c: Cluster,
  client: Client,
  svc: Service,
  port: number,
  entryNode: string,
  external: boolean,
  how: string,
): Target {
  const sp = (svc.spec.ports ?? []).find(
    (p) =>
      (external && how === 'NodePort' ? p.nodePort === port : p.port === port) &&
      (p.protocol ?? 'TCP') === 'TCP',
  );
  if (!sp)
    return {
      kind: 'error',
      error: 'timeout',
      why: `no port ${port} on Service ${svc.metadata.namespace}/${svc.metadata.name}`,
    };
  const rules = proxyRules(c, entryNode);
  const rule = rules.ports.find(
    (r) =>
      r.namespace === svc.metadata.namespace &&
      r.service === svc.metadata.name &&
      r.port === sp.port &&
      r.protocol === (sp.protocol ?? 'TCP'),
  );
  const svcRef = { kind: 'Service', namespace: svc.metadata.namespace!, name: svc.metadata.name };
  const ep = rule ? chooseEndpoint(c, svc, rule, entryNode, external, client.ip) : undefined;
  if (!ep) {
    hop(
      c,
      client.component,
      `kube-proxy/${entryNode}`,
      'reject',
      svcRef,
      `${client.label} → ${how} ${svc.metadata.namespace}/${svc.metadata.name}:${port}: no ready endpoints, rejected`,
    );
    return {
      kind: 'error',
      error: 'refused',
      why: `Service ${svc.metadata.namespace}/${svc.metadata.name} has no ready endpoints`,
    };
  }
  hop(
    c,
    client.component,
    `kube-proxy/${entryNode}`,
    'connect',
    svcRef,
    `${client.label} → ${how} ${svc.metadata.namespace}/${svc.metadata.name}:${port} → ${ep.ip}:${ep.port}`,
  );
  const pod = podByIp(c, ep.ip);
  if (!pod) return { kind: 'error', error: 'timeout', why: `no pod has IP ${ep.ip}` };
  return { kind: 'pod', pod, port: ep.port, via: { service: svc, node: entryNode } };
}

/** Where a connection to `ip:port` ends up, following Services, NodePorts and LoadBalancers. */
export function route(
  c: Cluster,
  client: Client,
  ip: string,
  port: number,
  fromOutside: boolean,
): Target | undefined {
  ensureServiceIndexes(c);
  const byClusterIp = c.store.byIndex('Service', 'clusterIP', ip)[0] as Service | undefined;
  if (byClusterIp) {
    if (fromOutside)
      return { kind: 'error', error: 'timeout', why: 'ClusterIPs are reachable only inside the cluster' };
    const node = client.node ?? anyNode(c);
    if (!node) return { kind: 'error', error: 'timeout', why: 'no node' };
    return viaService(c, client, byClusterIp, port, node, false, 'Service');
  }
  const byLb = c.store.byIndex('Service', 'loadBalancerIP', ip)[0] as Service | undefined;
  if (byLb && byLb.spec.type === 'LoadBalancer') {
    // The cloud load balancer sends the connection to a healthy node (with Local policy: one with endpoints).
    const nodes = Object.keys(nodesState(c).nodes)
      .sort()
      .filter((n) => isNodeUp(c, n));
    let candidates = nodes;
    if (byLb.spec.externalTrafficPolicy === 'Local') {
      const rulesNodes = nodes.filter((n) =>
        proxyRules(c, n).ports.some(
          (r) =>
            r.service === byLb.metadata.name &&
            r.namespace === byLb.metadata.namespace &&
            endpointsFor(r, n, true).length,
        ),
      );
      candidates = rulesNodes;
    }
    const node = candidates.length ? candidates[c.rng.int(candidates.length)]! : undefined;
    if (!node) return { kind: 'error', error: 'timeout', why: 'the load balancer has no healthy node' };
    return viaService(c, client, byLb, port, node, true, 'LoadBalancer');
  }
  const node = nodeByIp(c, ip);
  if (node) {
    if (!isNodeUp(c, node)) return { kind: 'error', error: 'timeout', why: `node ${node} is down` };
    if (port === 80 || port === 443) return { kind: 'ingress', node, nodeIP: ip };
    const svc = c.store.byIndex('Service', 'nodePort', String(port))[0] as Service | undefined;
    if (svc && (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer'))
      return viaService(c, client, svc, port, node, true, 'NodePort');
    return { kind: 'error', error: 'refused', why: `nothing listens on ${ip}:${port}` };
  }
  const pod = podByIp(c, ip);
  if (pod) {
    if (fromOutside)
      return { kind: 'error', error: 'timeout', why: 'pod IPs are not routed outside the cluster' };
    return { kind: 'pod', pod, port };
  }
  return undefined;
}

/** Delivers a connection to a pod: node up, policies, a listening container. */
export function deliver(
  c: Cluster,
  client: Client,
  t: Extract<Target, { kind: 'pod' }>,
): { cid: string } | { error: 'refused' | 'timeout'; why: string } {
  const pod = t.pod;
  const node = pod.spec.nodeName;
  const podRef = { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name };
  const from: ComponentId = t.via ? `kube-proxy/${t.via.node}` : client.component;
  if (!node || !isNodeUp(c, node))
    return { error: 'timeout', why: `pod ${pod.metadata.name} is on a node that is down` };
  // Traffic entering through a NodePort / LoadBalancer is source-NATed to the node (policy Cluster).
  const srcPeer: Peer = client.pod
    ? { ip: client.ip, pod: client.pod }
    : {
        ip:
          t.via && t.via.service.spec.externalTrafficPolicy !== 'Local'
            ? (nodesState(c).nodes[t.via.node]?.internalIP ?? client.ip)
            : client.ip,
      };
  const verdict = connectionAllowed(c, srcPeer, { ip: pod.status.podIP ?? '', pod }, t.port);
  if (!verdict.allowed) {
    hop(
      c,
      from,
      `kubelet/${node}`,
      'drop',
      podRef,
      `dropped by NetworkPolicy ${verdict.by}: ${client.label} → ${pod.metadata.namespace}/${pod.metadata.name}:${t.port}`,
    );
    return { error: 'timeout', why: `dropped by NetworkPolicy ${verdict.by}` };
  }
  const cid = listeningContainer(c, pod, t.port);
  if (!cid) {
    hop(
      c,
      from,
      `kubelet/${node}`,
      'refused',
      podRef,
      `${client.label} → ${pod.metadata.namespace}/${pod.metadata.name}:${t.port}: connection refused`,
    );
    return { error: 'refused', why: `nothing listens on port ${t.port} in pod ${pod.metadata.name}` };
  }
  return { cid };
}

function nginxError(status: number, text: string): string {
  return `<html>\n<head><title>${status} ${text}</title></head>\n<body>\n<center><h1>${status} ${text}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
}

/** An HTTP GET over the simulated network. `hostHeader` picks the Ingress rule at the ingress controller. */
export function httpGet(
  c: Cluster,
  client: Client,
  ip: string,
  port: number,
  path: string,
  hostHeader: string,
  fromOutside: boolean,
): HttpOutcome | undefined {
  const t = route(c, client, ip, port, fromOutside);
  if (!t) return undefined;
  return finish(c, client, t, path, hostHeader, 0);
}

function finish(
  c: Cluster,
  client: Client,
  t: Target,
  path: string,
  hostHeader: string,
  depth: number,
): HttpOutcome {
  if (t.kind === 'error')
    return t.error === 'refused' ? { error: REFUSED, latencyMs: 1 } : { error: TIMEOUT, latencyMs: 10_000 };
  if (t.kind === 'ingress') {
    if (depth > 0) return { status: 508, body: nginxError(508, 'Loop Detected'), latencyMs: 2 };
    const r = routeIngress(c, hostHeader, path);
    hop(
      c,
      client.component,
      `kube-proxy/${t.node}`,
      'ingress',
      r.ingress
        ? { kind: 'Ingress', namespace: r.ingress.metadata.namespace!, name: r.ingress.metadata.name }
        : undefined,
      `${client.label} → ingress controller on ${t.node}: Host ${hostHeader} ${path}${r.backend ? ` → Service ${r.backend.service.metadata.namespace}/${r.backend.service.metadata.name}:${r.backend.port}` : ' → no rule'}`,
    );
    if (!r.backend) return { status: 404, body: nginxError(404, 'Not Found'), latencyMs: 2 };
    const svc = r.backend.service;
    const ingressClient: Client = {
      ip: t.nodeIP,
      node: t.node,
      component: `kube-proxy/${t.node}`,
      label: 'ingress-nginx',
    };
    const next = viaService(c, ingressClient, svc, r.backend.port, t.node, false, 'Service');
    if (next.kind === 'error')
      return { status: 503, body: nginxError(503, 'Service Temporarily Unavailable'), latencyMs: 2 };
    const out = finish(c, ingressClient, next, path, hostHeader, depth + 1);
    if ('error' in out)
      return { status: 502, body: nginxError(502, 'Bad Gateway'), latencyMs: out.latencyMs };
    return out;
  }
  const d = deliver(c, client, t);
  if ('error' in d)
    return d.error === 'refused' ? { error: REFUSED, latencyMs: 1 } : { error: TIMEOUT, latencyMs: 10_000 };
  const r = c.runtime.httpRequest(d.cid, t.port, path);
  const pod = t.pod;
  hop(
    c,
    t.via ? `kube-proxy/${t.via.node}` : client.component,
    containerComponent(c, d.cid),
    'GET',
    { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name },
    `GET ${path} → pod ${pod.metadata.namespace}/${pod.metadata.name} (${pod.status.podIP}:${t.port})${r ? ` ${r.status}` : ''}`,
  );
  if (!r) return { error: 'Connection reset by peer', latencyMs: 2 };
  return {
    status: r.status,
    body: r.body,
    latencyMs: 2 + (t.via ? 1 : 0),
    pod: `${pod.metadata.namespace}/${pod.metadata.name}`,
  };
}

/** A TCP connect (nc -z): true when something accepts. */
export function tcpConnect(c: Cluster, client: Client, ip: string, port: number): boolean | undefined {
  const t = route(c, client, ip, port, false);
  if (!t) return undefined;
  if (t.kind === 'error') return false;
  if (t.kind === 'ingress') return true;
  return !('error' in deliver(c, client, t));
}

export const isIp = isIPv4;
