/**
 * The faults and inspections behind the `sim` verbs, on the simulation clock. What each verb needs from the
 * kubelets, the runtime, the scheduler, kube-proxy and the metrics pipeline arrives as a port from the
 * composition root (createSim.ts); this file imports none of them.
 */
import type { Cluster, SimFaults } from './cluster';

/** What the `sim` verbs need from the parts of the cluster, given by createSim.ts. */
export interface FaultPorts {
  /** Registers a node and boots its kubelet; an error text or undefined. */
  addNode(
    name: string,
    o: { cpu?: string; memory?: string; labels: Record<string, string> },
  ): string | undefined;
  /** Powers a node off / on again; an error text or undefined. */
  failNode(name: string): string | undefined;
  recoverNode(name: string): string | undefined;
  /** Crashes a container (the kubelet's view) with the runtime's exit code; an error text or undefined. */
  crash(namespace: string, pod: string, container: string | undefined, exitCode: number): string | undefined;
  /** The scheduler's explanation of its last decision for a pod, if it made one. */
  why(namespace: string, pod: string): string | undefined;
  /** `sim load` (the metrics pipeline), when it runs. */
  load?(namespace: string, target: string, cpu: string): string | undefined;
  /** `sim iptables` (kube-proxy's tables on a node), when kube-proxy runs. */
  iptables?(node: string): string;
}

function parseLabels(s: string | undefined): Record<string, string> | string {
  const out: Record<string, string> = {};
  if (!s) return out;
  for (const part of s.split(',')) {
    const m = /^([^=]+)=(.*)$/.exec(part.trim());
    if (!m) return `invalid label "${part}": use key=value`;
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** The `sim` verbs of one cluster, over the ports its composition root gives. */
export function simFaults(c: Cluster, ports: FaultPorts): SimFaults {
  return {
    addNode(name, o) {
      const labels = parseLabels(o.labels);
      if (typeof labels === 'string') return labels;
      return ports.addNode(name, {
        ...(o.cpu ? { cpu: o.cpu } : {}),
        ...(o.memory ? { memory: o.memory } : {}),
        labels,
      });
    },
    failNode: ports.failNode,
    recoverNode: ports.recoverNode,
    crash: ports.crash,
    load(namespace, target, cpu) {
      if (!ports.load) return 'load needs the metrics pipeline, which this cluster does not run';
      return ports.load(namespace, target, cpu);
    },
    iptables(node) {
      if (!c.api.get('Node', undefined, node)) return { error: `node "${node}" not found` };
      if (!ports.iptables) return { error: 'kube-proxy is not running in this cluster' };
      return { text: ports.iptables(node) };
    },
    why(namespace, pod) {
      if (!c.api.get('Pod', namespace, pod)) return { error: `pods "${pod}" not found` };
      const t = ports.why(namespace, pod);
      return t
        ? { text: t.endsWith('\n') ? t : t + '\n' }
        : { error: `no scheduling decision recorded for pod ${pod} (it was bound directly, or long ago)` };
    },
  };
}
