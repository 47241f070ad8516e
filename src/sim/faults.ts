/**
 * The faults and inspections behind the `sim` verbs, on the simulation clock.
 */
import type { Cluster } from './cluster';
import { addNode, failNode, recoverNode } from './nodes/nodeModule';
import { kubeletsOf } from './kubelet/kubelet';
import { runtimeOf } from './runtime/runtime';
import { whyText } from './scheduler/schedulerModule';

export interface SimFaults {
  addNode(name: string, o: { cpu?: string; memory?: string; labels?: string }): string | undefined;
  failNode(name: string): string | undefined;
  recoverNode(name: string): string | undefined;
  crash(namespace: string, pod: string, container: string | undefined, exitCode: number): string | undefined;
  load(namespace: string, target: string, cpu: string): string | undefined;
  iptables(node: string): { text?: string; error?: string };
  why(namespace: string, pod: string): { text?: string; error?: string };
}

/** Extension points for the networking and autoscaling parts (`sim load`, `sim iptables`). */
export interface FaultExtensions {
  load?(c: Cluster, namespace: string, target: string, cpu: string): string | undefined;
  iptables?(c: Cluster, node: string): { text?: string; error?: string };
}
const extensions = new WeakMap<Cluster, FaultExtensions>();
export function extendFaults(c: Cluster, ext: FaultExtensions): void {
  extensions.set(c, { ...(extensions.get(c) ?? {}), ...ext });
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

export function simFaults(c: Cluster): SimFaults {
  const ext = () => extensions.get(c) ?? {};
  return {
    addNode(name, o) {
      const labels = parseLabels(o.labels);
      if (typeof labels === 'string') return labels;
      return addNode(c, name, {
        ...(o.cpu ? { cpu: o.cpu } : {}),
        ...(o.memory ? { memory: o.memory } : {}),
        labels,
      });
    },
    failNode: (name) => failNode(c, name),
    recoverNode: (name) => recoverNode(c, name),
    crash(namespace, pod, container, exitCode) {
      return kubeletsOf(c).crash(namespace, pod, container, (cid) => runtimeOf(c).exited(cid, exitCode));
    },
    load(namespace, target, cpu) {
      const f = ext().load;
      if (!f) return 'load needs the metrics pipeline, which this cluster does not run';
      return f(c, namespace, target, cpu);
    },
    iptables(node) {
      if (!c.api.get('Node', undefined, node)) return { error: `node "${node}" not found` };
      const f = ext().iptables;
      if (!f) return { error: 'kube-proxy is not running in this cluster' };
      return f(c, node);
    },
    why(namespace, pod) {
      if (!c.api.get('Pod', namespace, pod)) return { error: `pods "${pod}" not found` };
      const t = whyText(c, namespace, pod);
      return t
        ? { text: t.endsWith('\n') ? t : t + '\n' }
        : { error: `no scheduling decision recorded for pod ${pod} (it was bound directly, or long ago)` };
    },
  };
}
