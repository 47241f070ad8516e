/** Test helper: runs one kubectl command line against a cluster and captures stdout, stderr and status. */
import type { Cluster } from '../../sim/cluster';
import { createSim } from '../../sim/createSim';
import { newNode } from '../../sim/testing/builders';
import type { VirtualFs } from '../types';
import { memoryFs } from '../memoryFs';
import { runKubectl } from './kubectlCommand';

export interface KubectlRun {
  out: string;
  err: string;
  code: number;
}

/** Splits a command line on blanks, honouring single and double quotes. */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  let has = false;
  for (const ch of line) {
    if (q) {
      if (ch === q) q = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (cur || has) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (cur || has) out.push(cur);
  return out;
}

/** Runs kubectl with an argv already split (as a shell would have). */
export function kubectlArgv(cluster: Cluster, argv: string[], fs: VirtualFs): KubectlRun {
  let out = '';
  let err = '';
  const code = runKubectl({
    cluster,
    argv: argv[0] === 'kubectl' ? argv.slice(1) : argv,
    fs,
    mode: 'script',
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { out, err, code };
}

export function kubectlRun(
  cluster: Cluster,
  line: string,
  opts: {
    fs?: VirtualFs;
    stdin?: string;
    mode?: 'script' | 'interactive';
    keepAlive?: (stop: () => void) => void;
  } = {},
): KubectlRun {
  const argv = splitArgs(line);
  if (argv[0] === 'kubectl') argv.shift();
  let out = '';
  let err = '';
  const code = runKubectl({
    cluster,
    argv,
    fs: opts.fs ?? memoryFs(),
    mode: opts.mode ?? 'script',
    out: (t) => (out += t),
    err: (t) => (err += t),
    ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}),
    ...(opts.keepAlive ? { keepAlive: opts.keepAlive } : {}),
  });
  return { out, err, code };
}

/**
 * A cluster with the namespaces and nodes kubectl tests expect, whether or not the node and namespace
 * modules are installed yet.
 */
export function labCluster(seed = 1): Cluster {
  const c = createSim({ seed });
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    if (!c.api.get('Namespace', undefined, ns))
      c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { actor: 'kubectl' });
  }
  const nodes: [string, Record<string, string>][] = [
    ['control-plane', { 'node-role.kubernetes.io/control-plane': '' }],
    ['worker-1', {}],
    ['worker-2', {}],
  ];
  for (const [name, labels] of nodes) {
    if (c.api.get('Node', undefined, name)) continue;
    const n = newNode(name, { labels });
    if (name === 'control-plane')
      n.spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
    n.status.nodeInfo = {
      kubeletVersion: 'v1.31.4',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.1.0-kubelab',
      containerRuntimeVersion: 'containerd://1.7.22',
    };
    n.status.addresses = [
      { type: 'InternalIP', address: `172.18.0.${nodes.findIndex(([x]) => x === name) + 2}` },
      { type: 'Hostname', address: name },
    ];
    const { metadata, ...rest } = n;
    const r = c.api.create(
      { ...rest, metadata: { name: metadata.name, labels: metadata.labels ?? {} } },
      { actor: 'kubectl' },
    );
    if (r.ok) c.api.updateStatus({ ...r.obj, status: n.status }, { actor: 'kubectl' });
  }
  return c;
}
