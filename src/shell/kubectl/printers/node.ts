/** Nodes: `NAME STATUS ROLES AGE VERSION` (+ INTERNAL-IP … CONTAINER-RUNTIME) and describe. */
import type { KObject, Node, Pod } from '../../../sim/api/types';
import { formatBytes, formatCpu, parseBytes, parseCpuMillis } from '../../../sim/api/quantity';
import { ageOf, DescribeWriter, rfc1123z, type PrintContext } from './common';
import { registerPrinter } from './registry';

export function nodeStatus(n: Node): string {
  const ready = (n.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const parts = [!ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (n.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

export function nodeRoles(n: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

const addr = (n: Node, type: string) =>
  n.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';

type Res = 'cpu' | 'memory' | 'ephemeral-storage';
const RESOURCES: Res[] = ['cpu', 'memory', 'ephemeral-storage'];
const parseRes = (r: Res, v: string | undefined) =>
  r === 'cpu' ? parseCpuMillis(v ?? '0') : parseBytes(v ?? '0');
const formatRes = (r: Res, v: number) => (r === 'cpu' ? formatCpu(v) : formatBytes(v));

/** PodRequestsAndLimits: the containers' sum, or the largest init container's when that is more. */
function podTotals(p: Pod, kind: 'requests' | 'limits'): Record<Res, number> {
  const out = { cpu: 0, memory: 0, 'ephemeral-storage': 0 };
  for (const r of RESOURCES) {
    const sum = (p.spec.containers ?? []).reduce((a, c) => a + parseRes(r, c.resources?.[kind]?.[r]), 0);
    const init = Math.max(
      0,
      ...(p.spec.initContainers ?? []).map((c) => parseRes(r, c.resources?.[kind]?.[r])),
    );
    out[r] = Math.max(sum, init);
  }
  return out;
}

/** describeNode, in one tabwriter as kubectl writes it. */
export function describeNode(obj: KObject, pc: PrintContext): string {
  const n = obj as Node;
  const w = new DescribeWriter();
  w.line(0, `Name:\t${n.metadata.name}`);
  w.line(0, `Roles:\t${nodeRoles(n)}`);
  w.map(0, 'Labels', n.metadata.labels);
  w.annotations(0, n.metadata.annotations);
  w.line(0, `CreationTimestamp:\t${rfc1123z(n.metadata.creationTimestamp)}`);
  const taints = [...(n.spec?.taints ?? [])].sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  if (!taints.length) w.line(0, 'Taints:\t<none>');
  taints.forEach((t, i) =>
    w.line(0, `${i === 0 ? 'Taints:' : ''}\t${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`),
  );
  w.line(0, `Unschedulable:\t${String(!!n.spec?.unschedulable)}`);
  const lease = pc.list('Lease', 'kube-node-lease').find((l) => l.metadata.name === n.metadata.name);
  if (!lease)
    w.line(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${n.metadata.name}" not found`);
  else {
    const spec = (lease.spec ?? {}) as { holderIdentity?: string; acquireTime?: string; renewTime?: string };
    w.line(0, 'Lease:');
    w.line(1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}`);
    w.line(1, `AcquireTime:\t${spec.acquireTime ? rfc1123z(spec.acquireTime) : '<unset>'}`);
    w.line(1, `RenewTime:\t${spec.renewTime ? rfc1123z(spec.renewTime) : '<unset>'}`);
  }
  const conds = n.status?.conditions ?? [];
  if (conds.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage');
    w.line(1, '----\t------\t-----------------\t------------------\t------\t-------');
    for (const c of conds)
      w.line(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}`,
      );
  }
  w.line(0, 'Addresses:');
  for (const a of n.status?.addresses ?? []) w.line(1, `${a.type}:\t${a.address}`);
  for (const [title, m] of [
    ['Capacity', n.status?.capacity],
    ['Allocatable', n.status?.allocatable],
  ] as const) {
    if (!m || !Object.keys(m).length) continue;
    w.line(0, `${title}:`);
    for (const k of Object.keys(m).sort()) w.line(1, `${k}:\t${m[k]}`);
  }
  const info = n.status?.nodeInfo ?? {};
  const infoRows: [string, string][] = [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ];
  w.line(0, 'System Info:');
  for (const [label, key] of infoRows) w.line(1, `${label}:\t${info[key] ?? ''}`);
  if (n.spec?.podCIDR) w.line(0, `PodCIDR:\t${n.spec.podCIDR}`);
  if (n.spec?.podCIDRs?.length) w.line(0, `PodCIDRs:\t${n.spec.podCIDRs.join(',')}`);
  if (n.spec?.providerID) w.line(0, `ProviderID:\t${String(n.spec.providerID)}`);
  describeNodeResource(w, n, pc);
  return w.events(pc, obj).toString();
}

/** describeNodeResource: the node's non-terminated pods and what they request of its allocatable. */
function describeNodeResource(w: DescribeWriter, n: Node, pc: PrintContext): void {
  const pods = (pc.list('Pod') as Pod[]).filter(
    (p) =>
      p.spec?.nodeName === n.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const alloc =
    n.status?.allocatable && Object.keys(n.status.allocatable).length
      ? n.status.allocatable
      : (n.status?.capacity ?? {});
  const pct = (r: Res, v: number) => {
    const total = parseRes(r, alloc[r]);
    return total > 0 ? Math.trunc((v / total) * 100) : 0;
  };
  const cell = (r: Res, v: number) => `${formatRes(r, v)} (${pct(r, v)}%)`;
  w.line(0, `Non-terminated Pods:\t(${pods.length} in total)`);
  // the empty column after Name is kubectl's
  w.line(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  w.line(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---');
  const reqs = { cpu: 0, memory: 0, 'ephemeral-storage': 0 };
  const limits = { cpu: 0, memory: 0, 'ephemeral-storage': 0 };
  for (const p of pods) {
    const r = podTotals(p, 'requests');
    const l = podTotals(p, 'limits');
    for (const k of RESOURCES) {
      reqs[k] += r[k];
      limits[k] += l[k];
    }
    w.line(
      1,
      `${p.metadata.namespace}\t${p.metadata.name}\t\t${cell('cpu', r.cpu)}\t${cell('cpu', l.cpu)}\t${cell('memory', r.memory)}\t${cell('memory', l.memory)}\t${ageOf(pc, p.metadata.creationTimestamp)}`,
    );
  }
  w.line(0, 'Allocated resources:');
  w.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)');
  w.line(1, 'Resource\tRequests\tLimits');
  w.line(1, '--------\t--------\t------');
  for (const r of RESOURCES) w.line(1, `${r}\t${cell(r, reqs[r])}\t${cell(r, limits[r])}`);
  // hugepages (never requested in the simulation), then extended resources
  for (const k of Object.keys(alloc)
    .filter((k) => k.startsWith('hugepages-'))
    .sort())
    w.line(1, `${k}\t0 (0%)\t0 (0%)`);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  for (const k of Object.keys(alloc)
    .filter((k) => !k.startsWith('hugepages-') && !standard.has(k) && k.includes('/'))
    .sort())
    w.line(1, `${k}\t0\t0`);
}

registerPrinter({
  kind: 'Node',
  headers: (wide) =>
    wide
      ? [
          'NAME',
          'STATUS',
          'ROLES',
          'AGE',
          'VERSION',
          'INTERNAL-IP',
          'EXTERNAL-IP',
          'OS-IMAGE',
          'KERNEL-VERSION',
          'CONTAINER-RUNTIME',
        ]
      : ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  row(obj, pc, wide) {
    const n = obj as Node;
    const info = n.status?.nodeInfo ?? {};
    const row = [
      n.metadata.name,
      nodeStatus(n),
      nodeRoles(n),
      ageOf(pc, n.metadata.creationTimestamp),
      info.kubeletVersion ?? '',
    ];
    if (wide)
      row.push(
        addr(n, 'InternalIP'),
        addr(n, 'ExternalIP'),
        info.osImage ?? '<unknown>',
        info.kernelVersion ?? '<unknown>',
        info.containerRuntimeVersion ?? '<unknown>',
      );
    return row;
  },
  describe: describeNode,
});
