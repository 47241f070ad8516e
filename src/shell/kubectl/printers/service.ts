/** Services: `NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE` (+ SELECTOR) and describe. */
import type { KObject } from '../../../sim/api/types';
import { ageOf, DescribeWriter, type PrintContext } from './common';
import { registerPrinter } from './registry';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
}

export function servicePorts(o: KObject): string {
  const ports = (o.spec?.ports ?? []) as ServicePort[];
  if (!ports.length) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function externalIp(o: KObject): string {
  const type = o.spec?.type ?? 'ClusterIP';
  const ext = (o.spec?.externalIPs ?? []) as string[];
  const ingress = ((o.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[]).map(
    (i) => i.ip ?? i.hostname ?? '',
  );
  if (type === 'ExternalName') return o.spec?.externalName ?? '<none>';
  if (type === 'LoadBalancer') {
    const all = [...ingress, ...ext].filter(Boolean);
    return all.length ? all.join(',') : '<pending>';
  }
  return ext.length ? ext.join(',') : '<none>';
}

function selectorText(o: KObject): string {
  const s = (o.spec?.selector ?? {}) as Record<string, string>;
  const keys = Object.keys(s).sort();
  return keys.length ? keys.map((k) => `${k}=${s[k]}`).join(',') : '<none>';
}

export function describeService(o: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  w.kv(0, 'Name', o.metadata.name);
  w.kv(0, 'Namespace', o.metadata.namespace);
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  w.kv(0, 'Selector', selectorText(o));
  w.kv(0, 'Type', o.spec?.type ?? 'ClusterIP');
  // kubectl's describer: the family policy only when set, the IP as it is (empty for ExternalName)
  if (o.spec?.ipFamilyPolicy) w.kv(0, 'IP Family Policy', o.spec.ipFamilyPolicy);
  w.kv(0, 'IP Families', ((o.spec?.ipFamilies ?? []) as string[]).join(','));
  w.line(0, `IP:\t${o.spec?.clusterIP ?? ''}`);
  w.kv(0, 'IPs', ((o.spec?.clusterIPs ?? []) as string[]).join(','));
  if (o.spec?.externalIPs?.length) w.kv(0, 'External IPs', (o.spec.externalIPs as string[]).join(','));
  if (o.spec?.loadBalancerIP) w.kv(0, 'Desired LoadBalancer IP', o.spec.loadBalancerIP);
  if (o.spec?.type === 'ExternalName') w.kv(0, 'External Name', o.spec.externalName);
  for (const ing of (o.status?.loadBalancer?.ingress ?? []) as {
    ip?: string;
    hostname?: string;
    ipMode?: string;
  }[])
    w.kv(0, 'LoadBalancer Ingress', `${ing.ip ?? ing.hostname ?? ''}${ing.ipMode ? ` (${ing.ipMode})` : ''}`);
  const slices = pc
    .list('EndpointSlice', o.metadata.namespace)
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === o.metadata.name);
  const eps = pc.list('Endpoints', o.metadata.namespace).find((e) => e.metadata.name === o.metadata.name);
  for (const p of (o.spec?.ports ?? []) as ServicePort[]) {
    w.kv(0, 'Port', `${p.name ?? '<unset>'}  ${p.port}/${p.protocol ?? 'TCP'}`);
    const tp = p.targetPort ?? p.port;
    w.kv(
      0,
      'TargetPort',
      typeof tp === 'number' ? `${tp}/${p.protocol ?? 'TCP'}` : `${tp}/${p.protocol ?? 'TCP'}`,
    );
    if (p.nodePort) w.kv(0, 'NodePort', `${p.name ?? '<unset>'}  ${p.nodePort}/${p.protocol ?? 'TCP'}`);
    const addrs: string[] = [];
    for (const s of slices) {
      const port = ((s.ports ?? []) as { name?: string; port?: number }[]).find(
        (x) => (x.name ?? '') === (p.name ?? ''),
      )?.port;
      for (const e of (s.endpoints ?? []) as { addresses: string[]; conditions?: { ready?: boolean } }[])
        if (e.conditions?.ready !== false && port !== undefined)
          for (const a of e.addresses) addrs.push(`${a}:${port}`);
    }
    if (!slices.length && eps) {
      for (const sub of (eps.subsets ?? []) as {
        addresses?: { ip: string }[];
        ports?: { port: number; name?: string }[];
      }[]) {
        const port = sub.ports?.find((x) => (x.name ?? '') === (p.name ?? ''))?.port;
        for (const a of sub.addresses ?? []) if (port !== undefined) addrs.push(`${a.ip}:${port}`);
      }
    }
    // "<none>" only when the Service has no slices at all; slices without ready endpoints print nothing
    if (!slices.length && !eps) w.kv(0, 'Endpoints', '');
    else w.line(0, `Endpoints:\t${addrs.join(',')}`);
  }
  w.kv(0, 'Session Affinity', o.spec?.sessionAffinity ?? 'None');
  if (o.spec?.externalTrafficPolicy) w.kv(0, 'External Traffic Policy', o.spec.externalTrafficPolicy);
  if (o.spec?.healthCheckNodePort) w.kv(0, 'HealthCheck NodePort', o.spec.healthCheckNodePort);
  if (o.spec?.loadBalancerSourceRanges?.length)
    w.kv(0, 'LoadBalancer Source Ranges', (o.spec.loadBalancerSourceRanges as string[]).join(','));
  if (o.spec?.internalTrafficPolicy) w.kv(0, 'Internal Traffic Policy', o.spec.internalTrafficPolicy);
  return w.events(pc, o).toString();
}

registerPrinter({
  kind: 'Service',
  headers: (wide) => [
    'NAME',
    'TYPE',
    'CLUSTER-IP',
    'EXTERNAL-IP',
    'PORT(S)',
    'AGE',
    ...(wide ? ['SELECTOR'] : []),
  ],
  row: (o, pc, wide) => [
    o.metadata.name,
    o.spec?.type ?? 'ClusterIP',
    o.spec?.clusterIP || '<none>',
    externalIp(o),
    servicePorts(o),
    ageOf(pc, o.metadata.creationTimestamp),
    ...(wide ? [selectorText(o)] : []),
  ],
  describe: describeService,
});
