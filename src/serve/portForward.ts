/**
 * `pods/portforward` on the API side (browser-safe; the SPDY streams are portForwardStreams.ts's): the check
 * before the upgrade, the connect to a port inside the pod when kubectl opens a connection — refused as
 * containerd refuses it when nothing listens there — and each HTTP request of that connection answered by the
 * container's simulated server, the hop shown in the diagram as the in-app `kubectl port-forward` shows it.
 */
import type { Pod } from '../sim/api/types';
import { listeningContainer } from '../sim/network/traffic';
import { failure, type StatusObject } from './status';
import { notFoundOf, type ApiContext, type Target } from './apiContext';

/** One operation of a forward: no port is the check before the upgrade; a port alone, a connect; with `http`, a request. */
export interface PortForwardOp {
  port?: number;
  http?: { method: string; path: string };
}

/** A connect's or a request's outcome: `error` goes to the error stream (the connection then ends). */
export type PortForwardAnswer = { ok: true } | { error: string } | { status: number; body: string };

/** 64 hex digits from a text (FNV-1a rounds): stands in for the pod sandbox's container id. */
function hexOf(text: string, digits: number): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < digits; round++) {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i) + round;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, digits);
}

/** The text the kubelet writes to the error stream when nothing listens on the port (containerd's words). */
export function refusedText(pod: Pod, port: number): string {
  const uid = pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`;
  const sandbox = hexOf(`sandbox:${uid}`, 64);
  const h = hexOf(`netns:${uid}`, 32);
  const netns = `cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return (
    `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace ` +
    `"/var/run/netns/${netns}": failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial ` +
    `tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
  );
}

export const runPortForward = {
  /** Before the upgrade: the pod exists and has a node (the API server's own checks). */
  check(api: ApiContext, t: Target): StatusObject | undefined {
    const pod = api.cluster.api.get<Pod>('Pod', t.namespace, t.name!);
    if (!pod) return notFoundOf(t);
    if (!pod.spec.nodeName)
      return failure(400, 'BadRequest', `pod ${pod.metadata.name} does not have a host assigned`);
    return undefined;
  },

  /** A connection, or a request on it, to `op.port` inside the pod. */
  run(api: ApiContext, t: Target, op: PortForwardOp & { port: number }): PortForwardAnswer {
    const c = api.cluster;
    const pod = c.api.get<Pod>('Pod', t.namespace, t.name!);
    if (!pod) return { error: `pod not found ("${t.name}_${t.namespace}")` };
    const cid = !pod.metadata.deletionTimestamp ? listeningContainer(c, pod, op.port) : undefined;
    if (!cid) return { error: refusedText(pod, op.port) };
    if (!op.http) return { ok: true };
    c.log.emit(c.now, {
      kind: 'traffic',
      source: 'user',
      target: `kubelet/${pod.spec.nodeName ?? ''}`,
      verb: 'port-forward',
      object: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name },
      summary: `port-forward → pod ${pod.metadata.namespace}/${pod.metadata.name}:${op.port} ${op.http.method} ${op.http.path}`,
    });
    const r = c.runtime.httpRequest(cid, op.port, op.http.path);
    // The process went away between the connect and this request: the connection just ends.
    return r ? { status: r.status, body: r.body } : { error: '' };
  },
};
