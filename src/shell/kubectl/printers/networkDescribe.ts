/**
 * `kubectl describe` for Endpoints, EndpointSlice, Ingress and NetworkPolicy (their table columns are in
 * small.ts; this adds the describe bodies, laid out like kubectl's describers).
 */
import type { KObject } from '../../../sim/api/types';
import type { LabelSelector } from '../../../sim/api/types';
import type {
  EndpointSlice,
  Endpoints,
  Ingress,
  IngressBackend,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  Service,
} from '../../../sim/api/networkTypes';
import { formatLabelSelector } from '../../../sim/api/labels';
import { tabwrite } from '../tabwriter';
import { ageOf, describeEvents, DescribeWriter, type PrintContext } from './common';
import { printerFor, registerPrinter } from './registry';

function portTable(level: number, ports: { name?: string; port?: number; protocol?: string }[]): string[] {
  const pad = '  '.repeat(level);
  const rows = [`${pad}Name\tPort\tProtocol`, `${pad}----\t----\t--------`];
  for (const p of ports)
    rows.push(`${pad}${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}`);
  return tabwrite(rows.join('\n') + '\n', 0, 2)
    .trimEnd()
    .split('\n');
}

export function describeEndpoints(o: KObject, pc: PrintContext): string {
  const ep = o as Endpoints;
  const w = new DescribeWriter();
  w.kv(0, 'Name', o.metadata.name);
  w.kv(0, 'Namespace', o.metadata.namespace);
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  let text = w.toString();
  const subsets = ep.subsets ?? [];
  if (!subsets.length) text += 'Subsets:\n';
  else {
    text += 'Subsets:\n';
    for (const s of subsets) {
      const sw = new DescribeWriter();
      sw.kv(1, 'Addresses', (s.addresses ?? []).map((a) => a.ip).join(',') || '<none>');
      sw.kv(1, 'NotReadyAddresses', (s.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>');
      text += sw.toString();
      text += '  Ports:\n' + portTable(2, s.ports ?? []).join('\n') + '\n\n';
    }
  }
  return text + describeEvents(pc, o);
}

export function describeEndpointSlice(o: KObject, pc: PrintContext): string {
  const s = o as EndpointSlice;
  const w = new DescribeWriter();
  w.kv(0, 'Name', o.metadata.name);
  w.kv(0, 'Namespace', o.metadata.namespace);
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  w.kv(0, 'AddressType', s.addressType);
  // one writer throughout, as describeEndpointSliceV1 writes: the Endpoints block aligns with Events
  if (!(s.ports ?? []).length) w.line(0, 'Ports: <unset>');
  else {
    w.line(0, 'Ports:');
    w.line(1, 'Name\tPort\tProtocol');
    w.line(1, '----\t----\t--------');
    for (const p of s.ports ?? [])
      w.line(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}`);
  }
  if (!(s.endpoints ?? []).length) w.line(0, 'Endpoints: <none>');
  else {
    w.line(0, 'Endpoints:');
    for (const e of s.endpoints ?? []) {
      w.line(1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}`);
      w.line(2, 'Conditions:');
      w.line(3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}`);
      w.line(2, `Hostname:\t${e.hostname ?? '<unset>'}`);
      if (e.targetRef) w.line(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}`);
      w.line(2, `NodeName:\t${e.nodeName ?? '<unset>'}`);
      w.line(2, `Zone:\t${e.zone ?? '<unset>'}`);
    }
  }
  return w.events(pc, o).toString();
}

function backendText(pc: PrintContext, ns: string, b: IngressBackend | undefined): string {
  const ref = b?.service;
  if (!ref) return '<default>';
  const port = ref.port?.name ?? String(ref.port?.number ?? '');
  const svc = pc.list('Service', ns).find((x) => x.metadata.name === ref.name) as Service | undefined;
  if (!svc) return `${ref.name}:${port} (<error: services "${ref.name}" not found>)`;
  const sp = (svc.spec.ports ?? []).find((p) =>
    ref.port?.name !== undefined ? p.name === ref.port.name : p.port === ref.port?.number,
  );
  const addrs: string[] = [];
  for (const sl of pc.list('EndpointSlice', ns) as EndpointSlice[]) {
    if (sl.metadata.labels?.['kubernetes.io/service-name'] !== ref.name) continue;
    const slicePort = (sl.ports ?? []).find((p) => (p.name ?? '') === (sp?.name ?? ''))?.port;
    if (slicePort === undefined) continue;
    for (const e of sl.endpoints ?? [])
      if (e.conditions?.ready !== false) for (const a of e.addresses) addrs.push(`${a}:${slicePort}`);
  }
  return `${ref.name}:${port} (${addrs.join(',')})`;
}

export function describeIngress(o: KObject, pc: PrintContext): string {
  const ing = o as Ingress;
  const ns = o.metadata.namespace ?? 'default';
  const w = new DescribeWriter();
  w.kv(0, 'Name', o.metadata.name);
  w.map(0, 'Labels', o.metadata.labels);
  w.kv(0, 'Namespace', ns);
  w.kv(
    0,
    'Address',
    (ing.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').join(','),
  );
  w.kv(0, 'Ingress Class', ing.spec?.ingressClassName ?? '<none>');
  w.kv(0, 'Default backend', backendText(pc, ns, ing.spec?.defaultBackend));
  for (const t of ing.spec?.tls ?? [])
    w.kv(0, 'TLS', `\n  ${t.secretName ?? ''} terminates ${(t.hosts ?? []).join(',')}`);
  w.line(0, 'Rules:');
  w.line(1, 'Host\tPath\tBackends');
  w.line(1, '----\t----\t--------');
  let count = 0;
  for (const r of ing.spec?.rules ?? []) {
    if (!r.http) continue;
    count++;
    w.line(1, `${r.host || '*'}\t`);
    // the path cell ends with a space, as kubectl writes it
    for (const p of r.http.paths ?? []) w.line(2, `\t${p.path ?? ''} \t${backendText(pc, ns, p.backend)}`);
  }
  if (!count) w.line(1, `*\t*\t${backendText(pc, ns, ing.spec?.defaultBackend)}`);
  w.annotations(0, o.metadata.annotations);
  return w.events(pc, o).toString();
}

function selectorText(s: LabelSelector | undefined): string {
  const t = formatLabelSelector(s);
  return t === '' ? '<none>' : t;
}

function peerLines(w: DescribeWriter, peers: NetworkPolicyPeer[] | undefined, word: 'From' | 'To'): void {
  if (!peers || !peers.length) {
    w.line(2, `${word}: <any> (traffic not restricted by ${word === 'From' ? 'source' : 'destination'})`);
    return;
  }
  w.line(2, `${word}:`);
  for (const p of peers) {
    if (p.ipBlock) {
      w.line(3, 'IPBlock:');
      w.line(4, `CIDR: ${p.ipBlock.cidr}`);
      w.line(4, `Except: ${(p.ipBlock.except ?? []).join(', ')}`);
    } else if (p.podSelector && p.namespaceSelector) {
      w.line(3, `NamespaceSelector: ${selectorText(p.namespaceSelector)}`);
      w.line(3, `PodSelector: ${selectorText(p.podSelector)}`);
    } else if (p.podSelector) w.line(3, `PodSelector: ${selectorText(p.podSelector)}`);
    else if (p.namespaceSelector) w.line(3, `NamespaceSelector: ${selectorText(p.namespaceSelector)}`);
  }
}

function portLines(w: DescribeWriter, ports: NetworkPolicyPort[] | undefined): void {
  if (!ports || !ports.length) w.line(2, 'To Port: <any> (traffic allowed to all ports)');
  else
    for (const p of ports)
      w.line(2, `To Port: ${p.port ?? '<any>'}${p.endPort ? `-${p.endPort}` : ''}/${p.protocol ?? 'TCP'}`);
}

export function describeNetworkPolicy(o: KObject, _pc: PrintContext): string {
  const np = o as NetworkPolicy;
  const w = new DescribeWriter();
  w.kv(0, 'Name', o.metadata.name);
  w.kv(0, 'Namespace', o.metadata.namespace);
  w.kv(0, 'Created on', (o.metadata.creationTimestamp ?? '').replace('T', ' ').replace('Z', ' +0000 UTC'));
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  w.line(0, 'Spec:');
  const sel = np.spec.podSelector;
  const empty = !sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length);
  w.line(
    1,
    `PodSelector:     ${empty ? '<none> (Allowing the specific traffic to all pods in this namespace)' : selectorText(sel)}`,
  );
  const types = np.spec.policyTypes ?? ['Ingress'];
  if (types.includes('Ingress')) {
    w.line(1, 'Allowing ingress traffic:');
    const rules = np.spec.ingress ?? [];
    if (!rules.length) w.line(2, '<none> (Selected pods are isolated for ingress connectivity)');
    rules.forEach((r, i) => {
      if (i > 0) w.line(2, '----------');
      portLines(w, r.ports);
      peerLines(w, r.from, 'From');
    });
  } else w.line(1, 'Not affecting ingress traffic');
  if (types.includes('Egress')) {
    w.line(1, 'Allowing egress traffic:');
    const rules = np.spec.egress ?? [];
    if (!rules.length) w.line(2, '<none> (Selected pods are isolated for egress connectivity)');
    rules.forEach((r, i) => {
      if (i > 0) w.line(2, '----------');
      portLines(w, r.ports);
      peerLines(w, r.to, 'To');
    });
  } else w.line(1, 'Not affecting egress traffic');
  w.line(1, `Policy Types: ${types.join(', ')}`);
  return w.toString();
}

/** Adds a describe body to a kind's registered table printer (columns stay as registered). */
function withDescribe(kind: string, describe: (o: KObject, pc: PrintContext) => string): void {
  const base = printerFor(kind);
  registerPrinter({
    kind,
    headers: base ? base.headers : () => ['NAME', 'AGE'],
    row: base ? base.row : (o) => [o.metadata.name, ''],
    describe,
  });
}

withDescribe('Endpoints', describeEndpoints);
withDescribe('EndpointSlice', describeEndpointSlice);
withDescribe('Ingress', describeIngress);
withDescribe('NetworkPolicy', describeNetworkPolicy);

registerPrinter({
  kind: 'IngressClass',
  headers: () => ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'],
  row: (o, pc) => {
    const par = o.spec?.parameters as { kind?: string; name?: string; apiGroup?: string } | undefined;
    return [
      o.metadata.name,
      String(o.spec?.controller ?? ''),
      par ? `${par.kind}.${par.apiGroup ?? ''}/${par.name}`.replace('./', '/') : '<none>',
      ageOf(pc, o.metadata.creationTimestamp),
    ];
  },
  describe: (o, pc) => {
    const w = new DescribeWriter();
    w.line(0, `Name:\t${o.metadata.name}`);
    w.map(0, 'Labels', o.metadata.labels);
    w.annotations(0, o.metadata.annotations);
    w.line(0, `Controller:\t${String(o.spec?.controller ?? '')}`);
    const par = o.spec?.parameters as { kind?: string; name?: string; apiGroup?: string } | undefined;
    if (par) {
      w.line(0, 'Parameters:');
      if (par.apiGroup !== undefined) w.line(1, `APIGroup:\t${par.apiGroup}`);
      w.line(1, `Kind:\t${par.kind ?? ''}`);
      w.line(1, `Name:\t${par.name ?? ''}`);
    }
    return w.events(pc, o).toString();
  },
});
