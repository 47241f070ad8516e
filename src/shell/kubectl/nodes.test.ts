import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../sim/cluster';
import { kubectlRun, labCluster } from './testHarness';

function pod(
  c: Cluster,
  name: string,
  opts: { ns?: string; owner?: { kind: string; name: string }; emptyDir?: boolean; node?: string } = {},
): void {
  const r = c.api.create(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: opts.ns ?? 'default',
        ...(opts.owner
          ? {
              ownerReferences: [
                {
                  apiVersion: 'apps/v1',
                  kind: opts.owner.kind,
                  name: opts.owner.name,
                  uid: `uid-${opts.owner.name}`,
                  controller: true,
                },
              ],
            }
          : {}),
      },
      spec: {
        nodeName: opts.node ?? 'worker-1',
        containers: [{ name: 'c', image: 'nginx' }],
        ...(opts.emptyDir ? { volumes: [{ name: 'scratch', emptyDir: {} }] } : {}),
      },
    },
    { actor: 'kubectl' },
  );
  if (!r.ok) throw new Error(r.error.message);
}

describe('taint', () => {
  it('adds, refuses duplicates without --overwrite, removes', () => {
    const c = labCluster();
    expect(kubectlRun(c, 'taint nodes worker-1 dedicated=gpu:NoSchedule').out).toBe(
      'node/worker-1 tainted\n',
    );
    expect(c.api.get('Node', undefined, 'worker-1')!.spec.taints).toEqual([
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    ]);
    const dup = kubectlRun(c, 'taint nodes worker-1 dedicated=cpu:NoSchedule');
    expect(dup.code).toBe(1);
    expect(dup.err).toBe(
      'error: node worker-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
    );
    // kubectl 1.32 (taint.go reorganizeTaints): with --overwrite the operation is `modified`.
    expect(kubectlRun(c, 'taint nodes worker-1 dedicated=cpu:NoSchedule --overwrite').out).toBe(
      'node/worker-1 modified\n',
    );
    expect(kubectlRun(c, 'taint node worker-1 dedicated:NoSchedule-').out).toBe('node/worker-1 untainted\n');
    expect(c.api.get('Node', undefined, 'worker-1')!.spec.taints ?? []).toEqual([]);
    expect(kubectlRun(c, 'taint node worker-1 dedicated-').err).toBe('error: taint "dedicated" not found\n');
    expect(kubectlRun(c, 'taint node worker-1 a=b:Sometimes').err).toContain(
      'invalid taint effect: Sometimes',
    );
    expect(kubectlRun(c, 'taint pods x a=b:NoSchedule').err).toBe(
      'error: invalid resource type pods, only node types are supported\n',
    );
  });
});

describe('cordon / uncordon', () => {
  it('prints kubectl messages and flips spec.unschedulable', () => {
    const c = labCluster();
    expect(kubectlRun(c, 'cordon worker-1').out).toBe('node/worker-1 cordoned\n');
    expect(c.api.get('Node', undefined, 'worker-1')!.spec.unschedulable).toBe(true);
    expect(kubectlRun(c, 'cordon worker-1').out).toBe('node/worker-1 already cordoned\n');
    expect(kubectlRun(c, 'uncordon worker-1').out).toBe('node/worker-1 uncordoned\n');
    expect(kubectlRun(c, 'uncordon worker-1').out).toBe('node/worker-1 already uncordoned\n');
    expect(kubectlRun(c, 'cordon nope').err).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });
});

describe('drain', () => {
  it('refuses bare pods and emptyDir pods, listing them', () => {
    const c = labCluster();
    pod(c, 'bare');
    // kube-proxy (a DaemonSet pod) runs on every node: --ignore-daemonsets leaves only the bare pod's error
    const r = kubectlRun(c, 'drain worker-1 --ignore-daemonsets');
    expect(r.code).toBe(1);
    expect(r.out).toBe('node/worker-1 cordoned\n');
    expect(r.err).toContain(
      'error: unable to drain node "worker-1" due to error: cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...\n',
    );
    expect(r.err).toContain('There are pending nodes to be drained:\n worker-1\n');
    expect(c.api.get('Pod', 'default', 'bare')).toBeDefined();
  });

  it('evicts with --force and reports each pod, then drained', () => {
    const c = labCluster();
    pod(c, 'bare');
    pod(c, 'other', { node: 'worker-2' });
    const r = kubectlRun(c, 'drain worker-1 --force --ignore-daemonsets');
    // several warnings are joined with "; " (drain's PodDeleteList.Warnings, in Go map order)
    expect(r.err).toMatch(/^Warning: (.*; )?deleting Pods that declare no controller: default\/bare(;.*)?\n$/);
    // other pods (cluster add-ons) may share the node; ours must be evicted and reported
    expect(r.out.startsWith('node/worker-1 cordoned\n')).toBe(true);
    expect(r.out).toContain('evicting pod default/bare\n');
    expect(r.out).toContain('pod/bare evicted\n');
    expect(r.out.endsWith('node/worker-1 drained\n')).toBe(true);
    expect(r.out.indexOf('evicting pod default/bare')).toBeLessThan(r.out.indexOf('pod/bare evicted'));
    expect(c.api.get('Pod', 'default', 'bare')).toBeUndefined();
    expect(c.api.get('Pod', 'default', 'other')).toBeDefined();
  });

  it('lists DaemonSet-managed pods unless --ignore-daemonsets, and never evicts them', () => {
    const c = labCluster();
    pod(c, 'proxy-abcde', { ns: 'kube-system', owner: { kind: 'DaemonSet', name: 'proxy' } });
    const r = kubectlRun(c, 'drain worker-1');
    expect(r.err).toMatch(
      /error: unable to drain node "worker-1" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): (\S+, )*kube-system\/proxy-abcde(, \S+)*, continuing command\.\.\./,
    );
    const ok = kubectlRun(c, 'drain worker-1 --ignore-daemonsets');
    expect(ok.err).toMatch(/^Warning: ignoring DaemonSet-managed Pods: .*kube-system\/proxy-abcde/);
    expect(ok.out.startsWith('node/worker-1 already cordoned\n')).toBe(true);
    expect(ok.out.endsWith('node/worker-1 drained\n')).toBe(true);
    expect(ok.out).not.toContain('proxy-abcde');
    expect(c.api.get('Pod', 'kube-system', 'proxy-abcde')).toBeDefined();
  });
});
