/** Nodes: `NAME STATUS ROLES AGE VERSION` (+ INTERNAL-IP … CONTAINER-RUNTIME) and describe. */
import type { KObject, Node, Pod } from '../../../sim/api/types';
import { formatBytes, formatCpu, parseBytes, parseCpuMillis } from '../../../sim/api/quantity';
import { ageOf, DescribeWriter, rfc1123z, type PrintContext } from './common';
import { tabwrite } from '../tabwriter';
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

export function describeNode(obj: KObject, pc: PrintContext): string {
  const n = obj as Node;
  const w = new DescribeWriter();
  w.kv(0, 'Name', n.metadata.name);
  w.kv(0, 'Roles', nodeRoles(n));
  w.map(0, 'Labels', n.metadata.labels);
  w.annotations(0, n.metadata.annotations);
  w.kv(0, 'CreationTimestamp', rfc1123z(n.metadata.creationTimestamp));
  const taints = n.spec?.taints ?? [];
  if (!taints.length) w.kv(0, 'Taints', '<none>');
  else
    taints.forEach((t, i) =>
      w.line(0, `${i === 0 ? 'Taints:' : ''}\t${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`),
    );
  w.kv(0, 'Unschedulable', String(!!n.spec?.unschedulable));
  let out = w.toString();
  const conds = n.status?.conditions ?? [];
  if (conds.length) {
    const rows = [
      '  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage',
      '  ----\t------\t-----------------\t------------------\t------\t-------',
    ];
    for (const c of conds)
      rows.push(
        `  ${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}`,
      );
    out += 'Conditions:\n' + tabwrite(rows.join('\n') + '\n', 0, 2);
  }
  const w2 = new DescribeWriter();
  w2.line(0, 'Addresses:');
  for (const a of n.status?.addresses ?? []) w2.kv(1, a.type, a.address);
  for (const [title, m] of [
    ['Capacity', n.status?.capacity],
    ['Allocatable', n.status?.allocatable],
  ] as const) {
    if (!m) continue;
    w2.line(0, `${title}:`);
    for (const k of Object.keys(m).sort()) w2.kv(1, k, m[k]);
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
  w2.line(0, 'System Info:');
  for (const [label, key] of infoRows) w2.kv(1, label, info[key] ?? '');
  if (n.spec?.podCIDR) w2.kv(0, 'PodCIDR', n.spec.podCIDR);
  if (n.spec?.podCIDRs?.length) w2.kv(0, 'PodCIDRs', n.spec.podCIDRs.join(','));
  const pods = (pc.list('Pod') as Pod[]).filter(
    (p) =>
      p.spec?.nodeName === n.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const alloc = n.status?.allocatable ?? {};
  const cpuAlloc = parseCpuMillis(alloc.cpu ?? '0');
  const memAlloc = parseBytes(alloc.memory ?? '0');
  const pct = (v: number, total: number) => (total > 0 ? Math.floor((v / total) * 100) : 0);
  const sum = (p: Pod, kind: 'requests' | 'limits', res: 'cpu' | 'memory') =>
    (p.spec.containers ?? []).reduce(
      (a, c) =>
        a +
        (res === 'cpu'
          ? parseCpuMillis(c.resources?.[kind]?.cpu ?? '0')
          : parseBytes(c.resources?.[kind]?.memory ?? '0')),
      0,
    );
  w2.kv(0, 'Non-terminated Pods', `(${pods.length} in total)`);
  w2.line(1, 'Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  w2.line(1, '---------\t----\t------------\t----------\t---------------\t-------------\t---');
  let [cr, cl, mr, ml] = [0, 0, 0, 0];
  for (const p of pods) {
    const [a, b, c, d] = [
      sum(p, 'requests', 'cpu'),
      sum(p, 'limits', 'cpu'),
      sum(p, 'requests', 'memory'),
      sum(p, 'limits', 'memory'),
    ];
    cr += a;
    cl += b;
    mr += c;
    ml += d;
    w2.line(
      1,
      `${p.metadata.namespace}\t${p.metadata.name}\t${formatCpu(a)} (${pct(a, cpuAlloc)}%)\t${formatCpu(b)} (${pct(b, cpuAlloc)}%)\t${formatBytes(c)} (${pct(c, memAlloc)}%)\t${formatBytes(d)} (${pct(d, memAlloc)}%)\t${ageOf(pc, p.metadata.creationTimestamp)}`,
    );
  }
  w2.line(0, 'Allocated resources:');
  w2.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)');
  w2.line(1, 'Resource\tRequests\tLimits');
  w2.line(1, '--------\t--------\t------');
  w2.line(1, `cpu\t${formatCpu(cr)} (${pct(cr, cpuAlloc)}%)\t${formatCpu(cl)} (${pct(cl, cpuAlloc)}%)`);
  w2.line(
    1,
    `memory\t${formatBytes(mr)} (${pct(mr, memAlloc)}%)\t${formatBytes(ml)} (${pct(ml, memAlloc)}%)`,
  );
  return out + w2.events(pc, obj).toString();
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
