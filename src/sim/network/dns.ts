/**
 * Cluster DNS as CoreDNS answers it: `<svc>.<ns>.svc.cluster.local` (the ClusterIP; a headless Service's ready
 * pod IPs; an ExternalName's CNAME), `<hostname>.<subdomain>.<ns>.svc.cluster.local` for pods with a hostname
 * and subdomain, `a-b-c-d.<ns>.pod.cluster.local`. A pod's short names go through its resolv.conf search path
 * (`<ns>.svc.cluster.local svc.cluster.local cluster.local`, ndots:5).
 */
import type { Cluster } from '../cluster';
import { readyEndpoints } from './kubeProxy';
import { externalAddress } from '../process/netCommands';
import { CLUSTER_DOMAIN, DNS_SERVICE_IP, isIPv4, type EndpointSlice, type Service } from '../api/networkTypes';

export interface DnsAnswer {
  /** The name that answered (fully qualified, without the trailing dot). */
  fqdn: string;
  addresses: string[];
  /** For an ExternalName Service: the canonical name. */
  cname?: string;
}

export type DnsResult =
  | { kind: 'answer'; answer: DnsAnswer }
  | { kind: 'nxdomain'; tried: string[] }
  | { kind: 'external' }
  | { kind: 'unreachable' };

/** The resolv.conf a ClusterFirst pod in `ns` gets. */
export function resolvConf(ns: string): string {
  return `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${DNS_SERVICE_IP}\noptions ndots:5\n`;
}

/** Whether CoreDNS can answer: the kube-dns Service has a ready endpoint. */
export function dnsAvailable(c: Cluster): boolean {
  const svc = c.api.get<Service>('Service', 'kube-system', 'kube-dns');
  if (!svc) return false;
  return readyEndpoints(c, svc, 'dns', 'UDP').length > 0;
}

/** The CoreDNS pods (namespace/name) that serve DNS now. */
export function dnsServers(c: Cluster): { ip: string; pod?: string }[] {
  const svc = c.api.get<Service>('Service', 'kube-system', 'kube-dns');
  return svc ? readyEndpoints(c, svc, 'dns', 'UDP') : [];
}

function serviceRecord(c: Cluster, ns: string, name: string): DnsAnswer | undefined {
  const svc = c.api.get<Service>('Service', ns, name);
  if (!svc) return undefined;
  const fqdn = `${name}.${ns}.svc.${CLUSTER_DOMAIN}`;
  if (svc.spec.type === 'ExternalName' && svc.spec.externalName) {
    const target = svc.spec.externalName.replace(/\.$/, '');
    return { fqdn, cname: target, addresses: [isIPv4(target) ? target : externalAddress(target)] };
  }
  if (svc.spec.clusterIP === 'None') {
    const ips = new Set<string>();
    for (const s of c.api.byIndex<EndpointSlice>('EndpointSlice', 'service', `${ns}/${name}`)) {
      for (const e of s.endpoints ?? [])
        if (e.conditions?.ready !== false || svc.spec.publishNotReadyAddresses)
          for (const a of e.addresses) ips.add(a);
    }
    return ips.size ? { fqdn, addresses: [...ips] } : undefined;
  }
  return svc.spec.clusterIP ? { fqdn, addresses: [svc.spec.clusterIP] } : undefined;
}

function publishNotReady(c: Cluster, ns: string, name: string): boolean {
  return !!c.api.get<Service>('Service', ns, name)?.spec.publishNotReadyAddresses;
}

function podHostnameRecord(
  c: Cluster,
  ns: string,
  subdomain: string,
  hostname: string,
): DnsAnswer | undefined {
  for (const s of c.api.byIndex<EndpointSlice>('EndpointSlice', 'service', `${ns}/${subdomain}`)) {
    for (const e of s.endpoints ?? []) {
      if (
        e.hostname === hostname &&
        e.addresses[0] &&
        (e.conditions?.ready !== false || publishNotReady(c, ns, subdomain))
      )
        return { fqdn: `${hostname}.${subdomain}.${ns}.svc.${CLUSTER_DOMAIN}`, addresses: [e.addresses[0]] };
    }
  }
  return undefined;
}

/** Answers one fully qualified name; 'external' when it is outside the cluster domain. */
export function answerFqdn(c: Cluster, fqdn: string): DnsAnswer | 'nxdomain' | 'external' {
  const name = fqdn.replace(/\.$/, '').toLowerCase();
  if (name === CLUSTER_DOMAIN || !name.endsWith(`.${CLUSTER_DOMAIN}`)) return 'external';
  const parts = name.slice(0, -(CLUSTER_DOMAIN.length + 1)).split('.');
  const zone = parts[parts.length - 1];
  if (zone === 'svc') {
    if (parts.length === 3) return serviceRecord(c, parts[1]!, parts[0]!) ?? 'nxdomain';
    if (parts.length === 4) return podHostnameRecord(c, parts[2]!, parts[1]!, parts[0]!) ?? 'nxdomain';
    return 'nxdomain';
  }
  if (zone === 'pod' && parts.length === 3) {
    const ip = parts[0]!.replace(/-/g, '.');
    return isIPv4(ip) ? { fqdn: name, addresses: [ip] } : 'nxdomain';
  }
  return 'nxdomain';
}

/**
 * Resolves a name as a ClusterFirst pod in `ns` does: names with fewer than 5 dots go through the search
 * path first, then as typed.
 */
export function resolveFromPod(c: Cluster, ns: string, name: string): DnsResult {
  if (isIPv4(name)) return { kind: 'answer', answer: { fqdn: name, addresses: [name] } };
  const absolute = name.endsWith('.');
  const bare = name.replace(/\.$/, '');
  const dots = bare.split('.').length - 1;
  const candidates: string[] = [];
  const search = [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  if (!absolute && dots < 5) for (const s of search) candidates.push(`${bare}.${s}`);
  candidates.push(bare);
  const inCluster = candidates.some((n) => answerFqdn(c, n) !== 'external');
  if (!dnsAvailable(c))
    return inCluster || !bare.includes('.') ? { kind: 'unreachable' } : { kind: 'external' };
  for (const n of candidates) {
    const r = answerFqdn(c, n);
    if (r === 'external') {
      if (n === bare && bare.includes('.')) return { kind: 'external' };
      continue;
    }
    if (r !== 'nxdomain') return { kind: 'answer', answer: r };
  }
  return { kind: 'nxdomain', tried: candidates };
}
