/**
 * The Service IP and NodePort allocators of the API server (as in Kubernetes, the API server's Service registry
 * allocates them on create). Which addresses and ports are taken is read from
 * the stored Services through secondary indexes (no allocator state of its own, so snapshots need nothing).
 * Like the real allocators, dynamic picks are random (from the cluster's seeded generator) and avoid the
 * lower band reserved for addresses and ports that users choose.
 */
import type { KindHost } from '../api/kinds';
import type { KObject } from '../api/types';
import { ipToNum, numToIp, NODE_PORT_MAX, NODE_PORT_MIN, SERVICE_CIDR, type Service } from '../api/networkTypes';

/** The allocators' needs: the Services' indexes in the store, and the seeded generator for dynamic picks. */
export type IpamHost = Pick<KindHost, 'store' | 'rng'>;

const CIDR_BASE = ipToNum('10.96.0.0');
const CIDR_SIZE = 1 << 20; // a /12
/** min(max(16, size/16), 256): the static band at the bottom of the range. */
const IP_STATIC_BAND = 256;
/** min(max(16, size/32), 128) for the 2768 NodePorts. */
const PORT_STATIC_BAND = 86;

/** Adds the Service indexes once per cluster. */
export function ensureServiceIndexes(c: IpamHost): void {
  if (c.store.hasIndex('Service', 'clusterIP')) return;
  c.store.addIndex('Service', 'clusterIP', (o) =>
    ((o as Service).spec?.clusterIPs ?? [(o as Service).spec?.clusterIP]).filter(
      (x): x is string => !!x && x !== 'None',
    ),
  );
  c.store.addIndex('Service', 'nodePort', (o) =>
    ((o as Service).spec?.ports ?? []).filter((p) => p && p.nodePort).map((p) => String(p.nodePort)),
  );
  c.store.addIndex('Service', 'loadBalancerIP', (o) =>
    ((o as Service).status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter(Boolean),
  );
}

const sameObject = (a: KObject, b: KObject | undefined) =>
  !!b && a.metadata.namespace === b.metadata.namespace && a.metadata.name === b.metadata.name;

/** Whether a ClusterIP is held by a Service other than `self`. */
export function clusterIPTaken(c: IpamHost, ip: string, self?: KObject): boolean {
  ensureServiceIndexes(c);
  return c.store.byIndex('Service', 'clusterIP', ip).some((o) => !sameObject(o, self));
}

export function nodePortTaken(c: IpamHost, port: number, self?: KObject): boolean {
  ensureServiceIndexes(c);
  return c.store.byIndex('Service', 'nodePort', String(port)).some((o) => !sameObject(o, self));
}

export function inServiceRange(ip: string): boolean {
  const n = ipToNum(ip);
  return !Number.isNaN(n) && n > CIDR_BASE && n < CIDR_BASE + CIDR_SIZE - 1;
}

export const SERVICE_RANGE_TEXT = SERVICE_CIDR;

/** A free ClusterIP from the dynamic band, or undefined when the range is full. */
export function allocateClusterIP(c: IpamHost, self?: KObject): string | undefined {
  const span = CIDR_SIZE - IP_STATIC_BAND - 1;
  const start = c.rng.int(span);
  for (let i = 0; i < span; i++) {
    const ip = numToIp(CIDR_BASE + IP_STATIC_BAND + ((start + i) % span));
    if (!clusterIPTaken(c, ip, self)) return ip;
  }
  return undefined;
}

/** A free NodePort, preferring the dynamic band; `reserved` are ports taken by the same request. */
export function allocateNodePort(c: IpamHost, reserved: Set<number>, self?: KObject): number | undefined {
  const dyn = NODE_PORT_MAX - NODE_PORT_MIN + 1 - PORT_STATIC_BAND;
  const start = c.rng.int(dyn);
  for (let i = 0; i < dyn; i++) {
    const p = NODE_PORT_MIN + PORT_STATIC_BAND + ((start + i) % dyn);
    if (!reserved.has(p) && !nodePortTaken(c, p, self)) return p;
  }
  for (let p = NODE_PORT_MIN; p < NODE_PORT_MIN + PORT_STATIC_BAND; p++) {
    if (!reserved.has(p) && !nodePortTaken(c, p, self)) return p;
  }
  return undefined;
}
