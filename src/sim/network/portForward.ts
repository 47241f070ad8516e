/**
 * `kubectl port-forward` sessions: a local port on "your laptop" tunnelled through the API server and the
 * kubelet straight into one pod's network namespace (NetworkPolicies do not apply on this path).
 * Registered forwards are JSON in the network module's state, so snapshots keep them.
 */
import type { Cluster } from '../cluster';
import type { Pod } from '../api/types';
import { listeningContainer } from './traffic';
import type { HttpOutcome } from './traffic';
import type { ProxyRules } from './iptables';
import { laptopPortHolder } from '../runtime/laptopPorts';

export interface Forward {
  localPort: number;
  namespace: string;
  pod: string;
  podPort: number;
}

export interface NetworkState {
  affinity: Record<string, { ip: string; port: number; until: number }>;
  forwards: Forward[];
  /** Ingress ns/name → when the controller publishes its address. */
  ingressPending: Record<string, number>;
  /** Tables of powered-off nodes, as their kube-proxy last wrote them (JSON, so snapshots keep them). */
  frozen: Record<string, ProxyRules>;
}

export const netState = (c: Cluster): NetworkState => c.ext<NetworkState>('network');

/** The laptop ports the forwards hold (kubectl listens on both loopback addresses). */
export function forwardClaims(c: Cluster): (port: number) => ReturnType<typeof laptopPortHolder> {
  return (port) => {
    const f = netState(c).forwards.find((x) => x.localPort === port);
    return f ? { kind: 'port-forward', name: `${f.namespace}/${f.pod}`, ipv4: true, ipv6: true } : undefined;
  };
}

/**
 * Registers a forward, listening on 127.0.0.1 and [::1] as kubectl does. Returns the families it listens on, or
 * kubectl's error text when neither listener could bind (a forward or a published Docker port holds both).
 */
export function addForward(c: Cluster, f: Forward): { ipv4: boolean; ipv6: boolean } | string {
  const st = netState(c);
  const held = laptopPortHolder(c, f.localPort);
  if (held?.ipv4 && held.ipv6) {
    return `Unable to listen on port ${f.localPort}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${f.localPort}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${f.localPort}: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{${f.localPort} ${f.podPort}}]`;
  }
  st.forwards.push(f);
  st.forwards.sort((a, b) => a.localPort - b.localPort);
  // (one family held, by a container published on 127.0.0.1 only: kubectl keeps the other listener)
  return { ipv4: !held?.ipv4, ipv6: !held?.ipv6 };
}

export function removeForward(c: Cluster, localPort: number): void {
  const st = netState(c);
  st.forwards = st.forwards.filter((f) => f.localPort !== localPort);
}

export function forwards(c: Cluster): readonly Forward[] {
  return netState(c).forwards;
}

/** A request to localhost:port through a forward. */
export function forwardHttp(c: Cluster, port: number, path: string): HttpOutcome {
  const f = netState(c).forwards.find((x) => x.localPort === port);
  if (!f) return { error: 'Connection refused', latencyMs: 0 };
  const pod = c.api.get<Pod>('Pod', f.namespace, f.pod);
  const cid = pod && !pod.metadata.deletionTimestamp ? listeningContainer(c, pod, f.podPort) : undefined;
  if (!pod || !cid) {
    // kubectl reports the failure and the connection closes without an answer.
    return { error: pod ? 'Empty reply from server' : 'Connection refused', latencyMs: 1 };
  }
  c.log.emit(c.now, {
    kind: 'traffic',
    source: 'user',
    target: `kubelet/${pod.spec.nodeName ?? ''}`,
    verb: 'port-forward',
    object: { kind: 'Pod', namespace: f.namespace, name: f.pod },
    summary: `port-forward 127.0.0.1:${port} → pod ${f.namespace}/${f.pod}:${f.podPort} GET ${path}`,
  });
  const r = c.runtime.httpRequest(cid, f.podPort, path);
  if (!r) return { error: 'Empty reply from server', latencyMs: 1 };
  return { status: r.status, body: r.body, latencyMs: 3, pod: `${f.namespace}/${f.pod}` };
}
