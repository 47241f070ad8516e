/**
 * kube-proxy's iptables mode as data: per node, the Service ports with their chains and endpoints
 * ({@link ProxyRules}), and the printer that renders them as `iptables-save` shows the nat and filter tables.
 * Chain names follow kube-proxy (servicePortChainName / servicePortEndpointChainName): the same Service gives
 * the same names as on a real cluster.
 */
import { base32, sha256 } from './sha256';
import { POD_CIDR } from '../api/networkTypes';

export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** `KUBE-SEP-…` */
  chain: string;
  nodeName?: string;
  /** Pod namespace/name, when the endpoint is a pod. */
  pod?: string;
}

/** One Service port as kube-proxy programs it. */
export interface ProxyServicePort {
  namespace: string;
  service: string;
  /** The Service port's name ('' when unnamed). */
  portName: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  clusterIP?: string;
  port: number;
  nodePort?: number;
  loadBalancerIPs: string[];
  externalIPs: string[];
  externalLocal: boolean;
  internalLocal: boolean;
  /** `KUBE-SVC-…` */
  chain: string;
  /** `KUBE-EXT-…` (NodePort / LoadBalancer / external IPs) */
  extChain: string;
  /** `KUBE-SVL-…` (local endpoints only) */
  localChain: string;
  /** Ready endpoints, in slice order. */
  endpoints: ProxyEndpoint[];
}

export interface ProxyRules {
  node: string;
  nodeIP: string;
  ports: ProxyServicePort[];
}

const chainCache = new Map<string, string>();

/** Forgets memoized chain names (benchmarks measure a sync from scratch). */
export function clearChainNameCache(): void {
  chainCache.clear();
}

function hashName(prefix: string, text: string): string {
  const key = prefix + text;
  let v = chainCache.get(key);
  if (v === undefined) {
    v = prefix + base32(sha256(text)).slice(0, 16);
    if (chainCache.size > 200_000) chainCache.clear();
    chainCache.set(key, v);
  }
  return v;
}

/** `default/web` or `default/web:http` (ServicePortName.String()). */
export function servicePortName(namespace: string, service: string, portName: string): string {
  return `${namespace}/${service}${portName ? `:${portName}` : ''}`;
}

export function serviceChain(spn: string, protocol: string): string {
  return hashName('KUBE-SVC-', spn + protocol.toLowerCase());
}
export function externalChain(spn: string, protocol: string): string {
  return hashName('KUBE-EXT-', spn + protocol.toLowerCase());
}
export function localChain(spn: string, protocol: string): string {
  return hashName('KUBE-SVL-', spn + protocol.toLowerCase());
}
export function endpointChain(spn: string, protocol: string, endpoint: string): string {
  return hashName('KUBE-SEP-', spn + protocol.toLowerCase() + endpoint);
}

/**
 * The probability of rule i of n (`1/(n-i)`), as iptables-save prints it back: kube-proxy writes it with 10
 * decimals, the statistic match keeps it as a 31-bit fraction, iptables-save prints that with 11 decimals.
 */
export function probabilityText(n: number): string {
  const asWritten = Number((1 / n).toFixed(10));
  const stored = Math.round(asWritten * 0x80000000);
  return (stored / 0x80000000).toFixed(11);
}

/** Endpoints a port's traffic goes to from this node (Local policies keep the node's own endpoints). */
export function endpointsFor(p: ProxyServicePort, node: string, external: boolean): ProxyEndpoint[] {
  const local = external ? p.externalLocal : p.internalLocal;
  return local ? p.endpoints.filter((e) => e.nodeName === node) : p.endpoints;
}

const q = (s: string) => `"${s}"`;

/** The node's tables, iptables-save style (filter, then nat). */
export function printIptablesSave(r: ProxyRules, stamp: string): string {
  const natChains = new Set([
    'KUBE-MARK-MASQ',
    'KUBE-NODEPORTS',
    'KUBE-POSTROUTING',
    'KUBE-PROXY-CANARY',
    'KUBE-SERVICES',
  ]);
  const rules = new Map<string, string[]>();
  const add = (chain: string, rule: string) => {
    let list = rules.get(chain);
    if (!list) rules.set(chain, (list = []));
    list.push(`-A ${chain} ${rule}`);
  };
  const filter: string[] = [];
  const svcRules: string[] = [];
  const lbRules: string[] = [];
  for (const p of r.ports) {
    const spn = servicePortName(p.namespace, p.service, p.portName);
    const proto = p.protocol.toLowerCase();
    const m = `-p ${proto}`;
    const ext = p.nodePort !== undefined || p.loadBalancerIPs.length > 0 || p.externalIPs.length > 0;
    const clusterEps = endpointsFor(p, r.node, false);
    const extEps = endpointsFor(p, r.node, true);
    if (!p.endpoints.length) {
      if (p.clusterIP) {
        filter.push(
          `-A KUBE-SERVICES -d ${p.clusterIP}/32 ${m} -m comment --comment ${q(`${spn} has no endpoints`)} -m ${proto} --dport ${p.port} -j REJECT --reject-with icmp-port-unreachable`,
        );
      }
      if (p.nodePort !== undefined) {
        filter.push(
          `-A KUBE-EXTERNAL-SERVICES ${m} -m comment --comment ${q(`${spn} has no endpoints`)} -m addrtype --dst-type LOCAL -m ${proto} --dport ${p.nodePort} -j REJECT --reject-with icmp-port-unreachable`,
        );
      }
      for (const ip of p.loadBalancerIPs) {
        filter.push(
          `-A KUBE-EXTERNAL-SERVICES -d ${ip}/32 ${m} -m comment --comment ${q(`${spn} has no endpoints`)} -m ${proto} --dport ${p.port} -j REJECT --reject-with icmp-port-unreachable`,
        );
      }
      continue;
    }
    const svcTarget = p.internalLocal ? p.localChain : p.chain;
    if (p.clusterIP) {
      svcRules.push(
        `-A KUBE-SERVICES -d ${p.clusterIP}/32 ${m} -m comment --comment ${q(`${spn} cluster IP`)} -m ${proto} --dport ${p.port} -j ${svcTarget}`,
      );
    }
    for (const ip of p.externalIPs) {
      svcRules.push(
        `-A KUBE-SERVICES -d ${ip}/32 ${m} -m comment --comment ${q(`${spn} external IP`)} -m ${proto} --dport ${p.port} -j ${p.extChain}`,
      );
    }
    for (const ip of p.loadBalancerIPs) {
      lbRules.push(
        `-A KUBE-SERVICES -d ${ip}/32 ${m} -m comment --comment ${q(`${spn} loadbalancer IP`)} -m ${proto} --dport ${p.port} -j ${p.extChain}`,
      );
    }
    if (p.nodePort !== undefined)
      add(
        'KUBE-NODEPORTS',
        `${m} -m comment --comment ${q(spn)} -m ${proto} --dport ${p.nodePort} -j ${p.extChain}`,
      );
    // The service chain: masquerade off-cluster sources, then one rule per endpoint.
    const writeChain = (chain: string, eps: typeof clusterEps, masq: boolean) => {
      natChains.add(chain);
      if (masq && p.clusterIP)
        add(
          chain,
          `! -s ${POD_CIDR} -d ${p.clusterIP}/32 ${m} -m comment --comment ${q(`${spn} cluster IP`)} -m ${proto} --dport ${p.port} -j KUBE-MARK-MASQ`,
        );
      eps.forEach((e, i) => {
        const n = eps.length - i;
        const stat = n > 1 ? ` -m statistic --mode random --probability ${probabilityText(n)}` : '';
        add(chain, `-m comment --comment ${q(`${spn} -> ${e.ip}:${e.port}`)}${stat} -j ${e.chain}`);
      });
    };
    writeChain(p.chain, p.endpoints, true);
    if (p.internalLocal || p.externalLocal)
      writeChain(p.localChain, clusterEps.length ? clusterEps : extEps, false);
    if (ext) {
      natChains.add(p.extChain);
      if (!p.externalLocal) {
        add(
          p.extChain,
          `-m comment --comment ${q(`masquerade traffic for ${spn} external destinations`)} -j KUBE-MARK-MASQ`,
        );
        add(p.extChain, `-j ${p.chain}`);
      } else {
        add(
          p.extChain,
          `-s ${POD_CIDR} -m comment --comment ${q('pod traffic for ' + spn + ' external destinations')} -j ${p.chain}`,
        );
        add(
          p.extChain,
          `-m comment --comment ${q(`masquerade LOCAL traffic for ${spn} external destinations`)} -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
        );
        add(
          p.extChain,
          `-m comment --comment ${q(`route LOCAL traffic for ${spn} external destinations`)} -m addrtype --src-type LOCAL -j ${p.chain}`,
        );
        add(p.extChain, `-j ${p.localChain}`);
      }
    }
    for (const e of p.endpoints) {
      if (natChains.has(e.chain)) continue;
      natChains.add(e.chain);
      add(e.chain, `-s ${e.ip}/32 -m comment --comment ${q(spn)} -j KUBE-MARK-MASQ`);
      add(
        e.chain,
        `${m} -m comment --comment ${q(spn)} -m ${proto} -j DNAT --to-destination ${e.ip}:${e.port}`,
      );
    }
  }
  add('KUBE-MARK-MASQ', '-j MARK --or-mark 0x4000');
  add('KUBE-POSTROUTING', '-m mark ! --mark 0x4000/0x4000 -j RETURN');
  add('KUBE-POSTROUTING', '-j MARK --xor-mark 0x4000');
  add(
    'KUBE-POSTROUTING',
    `-m comment --comment ${q('kubernetes service traffic requiring SNAT')} -j MASQUERADE --random-fully`,
  );
  const services = [
    ...svcRules,
    ...lbRules,
    `-A KUBE-SERVICES -m comment --comment ${q('kubernetes service nodeports; NOTE: this must be the last rule in this chain')} -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`,
  ];
  rules.set('KUBE-SERVICES', services);

  const out: string[] = [];
  out.push(`# Generated by iptables-save v1.8.9 on ${stamp}`);
  out.push('*filter');
  for (const ch of ['INPUT ACCEPT', 'FORWARD ACCEPT', 'OUTPUT ACCEPT']) out.push(`:${ch} [0:0]`);
  for (const ch of [
    'KUBE-EXTERNAL-SERVICES',
    'KUBE-FIREWALL',
    'KUBE-FORWARD',
    'KUBE-NODEPORTS',
    'KUBE-PROXY-CANARY',
    'KUBE-PROXY-FIREWALL',
    'KUBE-SERVICES',
  ])
    out.push(`:${ch} - [0:0]`);
  out.push(
    `-A INPUT -m conntrack --ctstate NEW -m comment --comment ${q('kubernetes load balancer firewall')} -j KUBE-PROXY-FIREWALL`,
  );
  out.push(`-A INPUT -m comment --comment ${q('kubernetes health check service ports')} -j KUBE-NODEPORTS`);
  out.push(
    `-A INPUT -m conntrack --ctstate NEW -m comment --comment ${q('kubernetes externally-visible service portals')} -j KUBE-EXTERNAL-SERVICES`,
  );
  out.push('-A INPUT -j KUBE-FIREWALL');
  out.push(
    `-A FORWARD -m conntrack --ctstate NEW -m comment --comment ${q('kubernetes load balancer firewall')} -j KUBE-PROXY-FIREWALL`,
  );
  out.push(`-A FORWARD -m comment --comment ${q('kubernetes forwarding rules')} -j KUBE-FORWARD`);
  out.push(
    `-A FORWARD -m conntrack --ctstate NEW -m comment --comment ${q('kubernetes service portals')} -j KUBE-SERVICES`,
  );
  out.push(
    `-A FORWARD -m conntrack --ctstate NEW -m comment --comment ${q('kubernetes externally-visible service portals')} -j KUBE-EXTERNAL-SERVICES`,
  );
  out.push(
    `-A OUTPUT -m conntrack --ctstate NEW -m comment --comment ${q('kubernetes load balancer firewall')} -j KUBE-PROXY-FIREWALL`,
  );
  out.push(
    `-A OUTPUT -m conntrack --ctstate NEW -m comment --comment ${q('kubernetes service portals')} -j KUBE-SERVICES`,
  );
  out.push('-A OUTPUT -j KUBE-FIREWALL');
  out.push(...filter.filter((l) => l.startsWith('-A KUBE-EXTERNAL-SERVICES')));
  out.push(
    `-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment ${q('block incoming localnet connections')} -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`,
  );
  out.push(
    '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP',
  );
  out.push(
    `-A KUBE-FORWARD -m comment --comment ${q('kubernetes forwarding rules')} -m mark --mark 0x4000/0x4000 -j ACCEPT`,
  );
  out.push(
    `-A KUBE-FORWARD -m comment --comment ${q('kubernetes forwarding conntrack rule')} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
  );
  out.push(...filter.filter((l) => l.startsWith('-A KUBE-SERVICES')));
  out.push('COMMIT');
  out.push(`# Completed on ${stamp}`);
  out.push(`# Generated by iptables-save v1.8.9 on ${stamp}`);
  out.push('*nat');
  for (const ch of ['PREROUTING ACCEPT', 'INPUT ACCEPT', 'OUTPUT ACCEPT', 'POSTROUTING ACCEPT'])
    out.push(`:${ch} [0:0]`);
  const sorted = [...natChains].sort();
  for (const ch of sorted) out.push(`:${ch} - [0:0]`);
  out.push(`-A PREROUTING -m comment --comment ${q('kubernetes service portals')} -j KUBE-SERVICES`);
  out.push(`-A OUTPUT -m comment --comment ${q('kubernetes service portals')} -j KUBE-SERVICES`);
  out.push(`-A POSTROUTING -m comment --comment ${q('kubernetes postrouting rules')} -j KUBE-POSTROUTING`);
  for (const ch of sorted) for (const l of rules.get(ch) ?? []) out.push(l);
  out.push('COMMIT');
  out.push(`# Completed on ${stamp}`);
  return out.join('\n') + '\n';
}
