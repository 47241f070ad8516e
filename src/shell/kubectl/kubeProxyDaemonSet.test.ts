/**
 * kube-proxy as a kubeadm cluster runs it (cmd/kubeadm/app/phases/addons/proxy/manifests.go): DaemonSet
 * `kube-proxy` in kube-system with ConfigMap `kube-proxy` (config.conf, kubeconfig.conf), one host-network pod per
 * node including the tainted control plane, and kubectl drain's DaemonSet rules apply to it
 * (k8s.io/kubectl/pkg/drain/filters.go daemonSetFilter).
 */
import { describe, expect, it } from 'vitest';
import { createSim } from '../../sim/createSim';
import { kubectlRun } from './testHarness';
import type { Node, Pod } from '../../sim/api/types';

function proxyPods(c: ReturnType<typeof createSim>): Pod[] {
  return c.api.list<Pod>('Pod', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy');
}

describe('kube-proxy DaemonSet', () => {
  it('runs one kube-proxy-xxxxx pod per node, owned by the DaemonSet, with the node IP', () => {
    const c = createSim({ seed: 3 });
    c.advance(5000);
    const ds = c.api.get('DaemonSet', 'kube-system', 'kube-proxy');
    expect(ds?.spec.template.spec.hostNetwork).toBe(true);
    expect(ds?.spec.template.spec.tolerations).toEqual([{ operator: 'Exists' }]);
    const cm = c.api.get('ConfigMap', 'kube-system', 'kube-proxy');
    expect(Object.keys(cm?.data ?? {}).sort()).toEqual(['config.conf', 'kubeconfig.conf']);
    const pods = proxyPods(c);
    const nodes = c.api.list<Node>('Node');
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(nodes.map((n) => n.metadata.name).sort());
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'DaemonSet', name: 'kube-proxy' });
      expect(p.metadata.annotations?.['kubernetes.io/config.mirror']).toBeUndefined();
      expect(p.status?.phase).toBe('Running');
      const node = nodes.find((n) => n.metadata.name === p.spec.nodeName)!;
      const ip = node.status.addresses?.find((a) => a.type === 'InternalIP')?.address;
      expect(p.status?.podIP).toBe(ip);
    }
    const out = kubectlRun(c, 'get ds -n kube-system').out;
    expect(out.split('\n')[1]).toMatch(/^kube-proxy\s+3\s+3\s+3\s+3\s+3\s+kubernetes.io\/os=linux\s+5s$/);
  });

  it('follows new nodes', () => {
    const c = createSim({ seed: 3 });
    c.faults.addNode('worker-3', {});
    c.advance(5000);
    expect(proxyPods(c).some((p) => p.spec.nodeName === 'worker-3' && p.status?.phase === 'Running')).toBe(true);
  });

  it('makes drain refuse without --ignore-daemonsets and warn with it, as on a kubeadm cluster', () => {
    const c = createSim({ seed: 3 });
    c.advance(5000);
    const mine = proxyPods(c).find((p) => p.spec.nodeName === 'worker-1')!.metadata.name;
    const refused = kubectlRun(c, 'drain worker-1');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${mine}`,
    );
    const ok = kubectlRun(c, 'drain worker-1 --ignore-daemonsets');
    expect(ok.err).toBe(`Warning: ignoring DaemonSet-managed Pods: kube-system/${mine}\n`);
    expect(ok.out).not.toContain(mine);
    c.advance(5000);
    expect(c.api.get('Pod', 'kube-system', mine)?.status?.phase).toBe('Running');
  });
});
