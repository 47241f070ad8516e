/**
 * Table columns of the smaller kinds, as kubectl prints them (ConfigMap, Secret, ServiceAccount, Lease,
 * Endpoints, EndpointSlice, Ingress, NetworkPolicy, ResourceQuota, LimitRange, PersistentVolumeClaim).
 */
import type { KObject } from '../../../sim/api/types';
import { ageOf, type PrintContext } from './common';
import { registerPrinter } from './registry';

const count = (m: unknown) => String(Object.keys((m as Record<string, unknown> | undefined) ?? {}).length);
const simple = (kind: string, headers: string[], cells: (o: KObject, pc: PrintContext) => string[]) =>
  registerPrinter({ kind, headers: () => headers, row: (o, pc) => cells(o, pc) });

simple('ConfigMap', ['NAME', 'DATA', 'AGE'], (o, pc) => [
  o.metadata.name,
  String(Number(count(o.data)) + Number(count(o.binaryData))),
  ageOf(pc, o.metadata.creationTimestamp),
]);
simple('Secret', ['NAME', 'TYPE', 'DATA', 'AGE'], (o, pc) => [
  o.metadata.name,
  String(o.type ?? 'Opaque'),
  count(o.data),
  ageOf(pc, o.metadata.creationTimestamp),
]);
simple('ServiceAccount', ['NAME', 'SECRETS', 'AGE'], (o, pc) => [
  o.metadata.name,
  String(((o.secrets as unknown[]) ?? []).length),
  ageOf(pc, o.metadata.creationTimestamp),
]);
simple('Lease', ['NAME', 'HOLDER', 'AGE'], (o, pc) => [
  o.metadata.name,
  o.spec?.holderIdentity ?? '',
  ageOf(pc, o.metadata.creationTimestamp),
]);
simple('Endpoints', ['NAME', 'ENDPOINTS', 'AGE'], (o, pc) => {
  const out: string[] = [];
  for (const s of (o.subsets ?? []) as { addresses?: { ip: string }[]; ports?: { port: number }[] }[])
    for (const a of s.addresses ?? []) for (const p of s.ports ?? []) out.push(`${a.ip}:${p.port}`);
  const shown =
    out.length > 3 ? `${out.slice(0, 3).join(',')} + ${out.length - 3} more...` : out.join(',') || '<none>';
  return [o.metadata.name, shown, ageOf(pc, o.metadata.creationTimestamp)];
});
simple('EndpointSlice', ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], (o, pc) => {
  const ports =
    ((o.ports ?? []) as { port?: number }[]).map((p) => String(p.port ?? '')).join(',') || '<unset>';
  const addrs = ((o.endpoints ?? []) as { addresses: string[] }[]).flatMap((e) => e.addresses);
  const shown =
    addrs.length > 3
      ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...`
      : addrs.join(',') || '<unset>';
  return [
    o.metadata.name,
    String(o.addressType ?? 'IPv4'),
    ports,
    shown,
    ageOf(pc, o.metadata.creationTimestamp),
  ];
});
simple('Ingress', ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'], (o, pc) => {
  const hosts = ((o.spec?.rules ?? []) as { host?: string }[]).map((r) => r.host ?? '*');
  const addr = ((o.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[])
    .map((i) => i.ip ?? i.hostname ?? '')
    .join(',');
  return [
    o.metadata.name,
    o.spec?.ingressClassName ?? '<none>',
    hosts.join(',') || '*',
    addr,
    o.spec?.tls?.length ? '80, 443' : '80',
    ageOf(pc, o.metadata.creationTimestamp),
  ];
});
simple('NetworkPolicy', ['NAME', 'POD-SELECTOR', 'AGE'], (o, pc) => {
  const ml = (o.spec?.podSelector?.matchLabels ?? {}) as Record<string, string>;
  const sel = Object.keys(ml)
    .sort()
    .map((k) => `${k}=${ml[k]}`)
    .join(',');
  return [o.metadata.name, sel || '<none>', ageOf(pc, o.metadata.creationTimestamp)];
});
registerPrinter({
  kind: 'ResourceQuota',
  headers: () => ['NAME', 'AGE', 'REQUEST', 'LIMIT'],
  row(o, pc) {
    const hard = (o.status?.hard ?? o.spec?.hard ?? {}) as Record<string, string>;
    const used = (o.status?.used ?? {}) as Record<string, string>;
    const req: string[] = [];
    const lim: string[] = [];
    for (const k of Object.keys(hard).sort())
      (k.startsWith('limits.') ? lim : req).push(`${k}: ${used[k] ?? '0'}/${hard[k]}`);
    return [o.metadata.name, ageOf(pc, o.metadata.creationTimestamp), req.join(', '), lim.join(', ')];
  },
});
simple('LimitRange', ['NAME', 'CREATED AT'], (o) => [o.metadata.name, o.metadata.creationTimestamp ?? '']);
simple(
  'PersistentVolumeClaim',
  ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
  (o, pc) => [
    o.metadata.name,
    o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? 'Pending'),
    o.spec?.volumeName ?? '',
    o.status?.capacity?.storage ?? '',
    accessModes(o.status?.accessModes ?? []),
    o.spec?.storageClassName ?? '<unset>',
    '<unset>',
    ageOf(pc, o.metadata.creationTimestamp),
  ],
);

function accessModes(m: string[]): string {
  const short: Record<string, string> = {
    ReadWriteOnce: 'RWO',
    ReadOnlyMany: 'ROX',
    ReadWriteMany: 'RWX',
    ReadWriteOncePod: 'RWOP',
  };
  return m.map((x) => short[x] ?? x).join(',');
}

// `kubectl get pdb`: an unset bound prints N/A (printers.go printPodDisruptionBudget).
simple(
  'PodDisruptionBudget',
  ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
  (o, pc) => [
    o.metadata.name,
    o.spec?.minAvailable !== undefined ? String(o.spec.minAvailable) : 'N/A',
    o.spec?.maxUnavailable !== undefined ? String(o.spec.maxUnavailable) : 'N/A',
    String(o.status?.disruptionsAllowed ?? 0),
    ageOf(pc, o.metadata.creationTimestamp),
  ],
);
