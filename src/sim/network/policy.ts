/**
 * NetworkPolicy enforcement on simulated connections. A pod selected by a policy of a direction accepts
 * (Ingress) or sends (Egress) only what some rule of those policies allows; pods no policy selects are open.
 */
import type { Cluster } from '../cluster';
import type { Pod } from '../api/types';
import { selectorMatches } from '../api/labels';
import {
  inCidr,
  resolveTargetPort,
  type NetworkPolicy,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
} from '../api/networkTypes';

/** One end of a connection: a pod, or an address outside the pod network (a node, the laptop). */
export interface Peer {
  ip: string;
  pod?: Pod;
}

function namespaceLabels(c: Cluster, ns: string): Record<string, string> {
  const obj = c.api.get('Namespace', undefined, ns);
  return { 'kubernetes.io/metadata.name': ns, ...(obj?.metadata.labels ?? {}) };
}

function peerMatches(c: Cluster, policyNs: string, peer: NetworkPolicyPeer, other: Peer): boolean {
  if (peer.ipBlock) {
    if (!inCidr(other.ip, peer.ipBlock.cidr)) return false;
    return !(peer.ipBlock.except ?? []).some((x) => inCidr(other.ip, x));
  }
  const pod = other.pod;
  if (!pod) return false;
  const ns = pod.metadata.namespace!;
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, namespaceLabels(c, ns))) return false;
  } else if (ns !== policyNs) return false;
  if (peer.podSelector && !selectorMatches(peer.podSelector, pod.metadata.labels)) return false;
  return true;
}

function portMatches(
  ports: NetworkPolicyPort[] | undefined,
  target: Pod | undefined,
  port: number,
  protocol: string,
): boolean {
  if (!ports || !ports.length) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    let n: number | undefined;
    if (typeof p.port === 'number') n = p.port;
    else if (/^\d+$/.test(p.port)) n = Number(p.port);
    else if (target)
      n = resolveTargetPort(target, { port: 0, targetPort: p.port, protocol: protocol as 'TCP' });
    if (n === undefined) return false;
    return p.endPort !== undefined ? port >= n && port <= p.endPort : port === n;
  });
}

function policiesSelecting(c: Cluster, pod: Pod, type: 'Ingress' | 'Egress'): NetworkPolicy[] {
  return c.api
    .list<NetworkPolicy>('NetworkPolicy', pod.metadata.namespace)
    .filter(
      (np) =>
        (np.spec.policyTypes ?? ['Ingress']).includes(type) &&
        selectorMatches(np.spec.podSelector, pod.metadata.labels),
    );
}

export interface Verdict {
  allowed: boolean;
  /** The policy that isolates the side that refused (for the event log). */
  by?: string;
}

/** Whether a new connection from `src` to `dst` on `port` passes every NetworkPolicy on the way. */
export function connectionAllowed(c: Cluster, src: Peer, dst: Peer, port: number, protocol = 'TCP'): Verdict {
  if (src.pod) {
    const egress = policiesSelecting(c, src.pod, 'Egress');
    if (egress.length) {
      const ok = egress.some((np) =>
        (np.spec.egress ?? []).some(
          (r) =>
            (!r.to || !r.to.length || r.to.some((p) => peerMatches(c, np.metadata.namespace!, p, dst))) &&
            portMatches(r.ports, dst.pod, port, protocol),
        ),
      );
      if (!ok)
        return {
          allowed: false,
          by: `${src.pod.metadata.namespace}/${egress.map((p) => p.metadata.name).join(',')} (egress)`,
        };
    }
  }
  if (dst.pod) {
    const ingress = policiesSelecting(c, dst.pod, 'Ingress');
    if (ingress.length) {
      const ok = ingress.some((np) =>
        (np.spec.ingress ?? []).some(
          (r) =>
            (!r.from ||
              !r.from.length ||
              r.from.some((p) => peerMatches(c, np.metadata.namespace!, p, src))) &&
            portMatches(r.ports, dst.pod, port, protocol),
        ),
      );
      if (!ok)
        return {
          allowed: false,
          by: `${dst.pod.metadata.namespace}/${ingress.map((p) => p.metadata.name).join(',')} (ingress)`,
        };
    }
  }
  return { allowed: true };
}
