/**
 * Shapes of the networking kinds (Service, EndpointSlice, Endpoints, Ingress, NetworkPolicy) as the real
 * Kubernetes JSON has them, and the cluster-wide network constants (kubeadm defaults).
 */
import type { KObject, LabelSelector, Pod } from './types';

export const SERVICE_CIDR = '10.96.0.0/12';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const DNS_SERVICE_IP = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';
export const POD_CIDR = '10.244.0.0/16';
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
/** The API server's advertise address (the control-plane node's InternalIP). */
export const API_SERVER_ENDPOINT = '192.168.49.2';
/** Where "your laptop" sits on the nodes' network (the host side of minikube's bridge). */
export const LAPTOP_IP = '192.168.49.1';
/** The simulated cloud's pool of external load-balancer addresses. */
export const LB_POOL_PREFIX = '172.18.255.';
export const LB_POOL_FIRST = 200;
export const LB_POOL_LAST = 250;
/** At most this many endpoints in one EndpointSlice. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServicePort {
  name?: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface Service extends KObject {
  spec: {
    type?: ServiceType;
    selector?: Record<string, string>;
    ports?: ServicePort[];
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    sessionAffinity?: 'None' | 'ClientIP';
    externalTrafficPolicy?: 'Cluster' | 'Local';
    internalTrafficPolicy?: 'Cluster' | 'Local';
    ipFamilies?: string[];
    ipFamilyPolicy?: string;
    publishNotReadyAddresses?: boolean;
    allocateLoadBalancerNodePorts?: boolean;
    loadBalancerIP?: string;
    loadBalancerClass?: string;
    [k: string]: unknown;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string; ipMode?: string }[] } };
}

export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface Endpoint {
  addresses: string[];
  conditions: EndpointConditions;
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string };
}

export interface EndpointPort {
  name?: string;
  port?: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSlice extends KObject {
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: Endpoint[] | null;
  ports: EndpointPort[] | null;
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string };
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: { name?: string; port: number; protocol?: string }[];
}

export interface Endpoints extends KObject {
  subsets?: EndpointSubset[];
}

export interface IngressBackend {
  service?: { name: string; port?: { number?: number; name?: string } };
  resource?: unknown;
}

export interface IngressPath {
  path?: string;
  pathType?: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  backend: IngressBackend;
}

export interface IngressRule {
  host?: string;
  http?: { paths: IngressPath[] };
}

export interface Ingress extends KObject {
  spec: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    rules?: IngressRule[];
    tls?: { hosts?: string[]; secretName?: string }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

export interface NetworkPolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicy extends KObject {
  spec: {
    podSelector: LabelSelector;
    policyTypes?: ('Ingress' | 'Egress')[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
    egress?: { to?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
  };
}

/** `a.b.c.d` → 32-bit unsigned number; NaN when not an IPv4 address. */
export function ipToNum(ip: string): number {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return NaN;
  const parts = [m[1], m[2], m[3], m[4]].map(Number);
  if (parts.some((p) => p > 255)) return NaN;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function numToIp(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Whether `ip` lies in `cidr` (`10.244.0.0/16`). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText ?? '32');
  const a = ipToNum(ip);
  const b = ipToNum(base ?? '');
  if (Number.isNaN(a) || Number.isNaN(b) || !(bits >= 0 && bits <= 32)) return false;
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : ~((1 << (32 - bits)) - 1) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

export const isIPv4 = (s: string): boolean => !Number.isNaN(ipToNum(s));

/** The container port a Service port's targetPort names on a pod (undefined: the pod does not serve it). */
export function resolveTargetPort(pod: Pod, sp: ServicePort): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  for (const ct of pod.spec.containers ?? []) {
    for (const cp of ct.ports ?? [])
      if (cp.name === tp && (cp.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return cp.containerPort;
  }
  return undefined;
}
