/**
 * kubectl top pod / node: resource use read from the container runtime (what metrics-server reports). Needs a
 * running metrics-server in kube-system, as on a real cluster.
 */
import type { Node, Pod } from '../../sim/api/types';
import { formatBytes, parseBytes, parseCpuMillis } from '../../sim/api/quantity';
import { matches } from '../../sim/api/labels';
import { metricsApiAvailable, nodeMetricsOf, podMetricsOf } from '../../sim/metrics/metricsServer';
import { fail } from './errors';
import { selectorOf } from './get';
import { table } from './tabwriter';
import {
  ALL_NS_FLAG,
  boolFlag,
  flag,
  has,
  SELECTOR_FLAG,
  str,
  type KubectlContext,
  type VerbDef,
} from './verb';

function metricsAvailable(k: KubectlContext): boolean {
  return metricsApiAvailable(k.cluster);
}

const mi = (bytes: number) => `${Math.floor(bytes / 2 ** 20)}Mi`;

function podUsage(
  k: KubectlContext,
  pod: Pod,
): { cpu: number; mem: number; containers: { name: string; cpu: number; mem: number }[] } {
  const m = podMetricsOf(k.cluster, pod.metadata.namespace ?? 'default', pod.metadata.name);
  const containers = (m?.containers ?? []).map((c) => ({ name: c.name, cpu: c.cpu, mem: c.memory }));
  return {
    cpu: containers.reduce((a, c) => a + c.cpu, 0),
    mem: containers.reduce((a, c) => a + c.mem, 0),
    containers,
  };
}

const topPod: VerbDef = {
  name: 'pod',
  aliases: ['pods', 'po'],
  summary: { en: 'Display resource (CPU/memory) usage of pods', zh: '显示 Pod 的资源（CPU/内存）用量' },
  usage: 'kubectl top pod [NAME | -l label] [options]',
  long: "Display resource (CPU/memory) usage of pods.\n\n The 'top pod' command allows you to see the resource consumption of pods.\n\n Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.",
  examples:
    '  # Show metrics for all pods in the default namespace\n  kubectl top pod\n\n  # Show metrics for the pods defined by label name=myLabel\n  kubectl top pod -l name=myLabel',
  flags: [
    SELECTOR_FLAG,
    ALL_NS_FLAG,
    boolFlag('containers', 'If present, print usage of containers within a pod.'),
    flag(
      'sort-by',
      "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.",
    ),
    boolFlag('no-headers', 'If present, print output without headers.'),
  ],
  run(k, p) {
    if (!metricsAvailable(k)) fail('Metrics API not available');
    const allNs = has(p, 'all-namespaces');
    const sel = selectorOf(p);
    let pods = (k.cluster.api.list('Pod', allNs ? undefined : k.namespace) as Pod[]).filter(
      (x) => x.status?.phase === 'Running' && (!sel || matches(sel, x.metadata.labels)),
    );
    if (p.args[0]) {
      pods = pods.filter((x) => x.metadata.name === p.args[0]);
      if (!pods.length) fail(`pods "${p.args[0]}" not found`);
    }
    if (!pods.length) {
      k.err(allNs ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`);
      return 0;
    }
    const usage = pods.map((pod) => ({ pod, u: podUsage(k, pod) }));
    const sortBy = str(p, 'sort-by');
    if (sortBy === 'cpu') usage.sort((a, b) => b.u.cpu - a.u.cpu);
    if (sortBy === 'memory') usage.sort((a, b) => b.u.mem - a.u.mem);
    const containers = has(p, 'containers');
    const rows: string[][] = [
      [
        ...(allNs ? ['NAMESPACE'] : []),
        'NAME',
        ...(containers ? ['NAME'] : []),
        'CPU(cores)',
        'MEMORY(bytes)',
      ],
    ];
    for (const { pod, u } of usage) {
      const pre = allNs ? [pod.metadata.namespace ?? ''] : [];
      if (containers)
        for (const c of u.containers) rows.push([...pre, pod.metadata.name, c.name, `${c.cpu}m`, mi(c.mem)]);
      else rows.push([...pre, pod.metadata.name, `${u.cpu}m`, mi(u.mem)]);
    }
    if (has(p, 'no-headers')) rows.shift();
    k.out(table(rows));
    return 0;
  },
};

const topNode: VerbDef = {
  name: 'node',
  aliases: ['nodes', 'no'],
  summary: { en: 'Display resource (CPU/memory) usage of nodes', zh: '显示节点的资源（CPU/内存）用量' },
  usage: 'kubectl top node [NAME | -l label] [options]',
  long: 'Display resource (CPU/memory) usage of nodes.\n\n The top-node command allows you to see the resource consumption of nodes.',
  examples:
    '  # Show metrics for all nodes\n  kubectl top node\n\n  # Show metrics for a given node\n  kubectl top node NODE_NAME',
  flags: [
    SELECTOR_FLAG,
    flag(
      'sort-by',
      "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.",
    ),
    boolFlag('no-headers', 'If present, print output without headers.'),
  ],
  run(k, p) {
    if (!metricsAvailable(k)) fail('Metrics API not available');
    const sel = selectorOf(p);
    let nodes = (k.cluster.api.list('Node') as Node[]).filter((n) => !sel || matches(sel, n.metadata.labels));
    if (p.args[0]) {
      nodes = nodes.filter((n) => n.metadata.name === p.args[0]);
      if (!nodes.length) fail(`nodes "${p.args[0]}" not found`);
    }
    const rows: string[][] = [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
    for (const n of nodes) {
      const m = nodeMetricsOf(k.cluster, n.metadata.name);
      if (!m) {
        rows.push([n.metadata.name, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
        continue;
      }
      const cpu = m.cpu;
      const mem = m.memory;
      const capCpu = parseCpuMillis(n.status?.allocatable?.cpu ?? '0');
      const capMem = parseBytes(n.status?.allocatable?.memory ?? '0');
      const pct = (a: number, b: number) => `${b > 0 ? Math.round((a / b) * 100) : 0}%`;
      rows.push([n.metadata.name, `${cpu}m`, pct(cpu, capCpu), mi(mem), pct(mem, capMem)]);
    }
    if (has(p, 'no-headers')) rows.shift();
    k.out(table(rows));
    return 0;
  },
};

export const top: VerbDef = {
  name: 'top',
  summary: { en: 'Display resource (CPU/memory) usage', zh: '显示资源（CPU/内存）用量' },
  usage: 'kubectl top [flags] [options]',
  long: 'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.',
  flags: [],
  subcommands: [topNode, topPod],
};

export { formatBytes };
