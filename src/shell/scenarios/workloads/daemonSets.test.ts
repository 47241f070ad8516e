/**
 * DaemonSets, and the rollout history and undo of DaemonSets and StatefulSets, as a learner would type them.
 */
import { describe, expect, it } from 'vitest';
import { newSession, sh } from '../../testing/harness';
import { isPodReady } from '../../../sim/api/podReady';
import { apply, podsOf, WEB, type S } from './fixtures';

const FLUENTD = (tolerate: boolean) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
${tolerate ? '      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n' : ''}      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          limits:
            memory: 200Mi
          requests:
            cpu: 100m
            memory: 200Mi
        volumeMounts:
        - name: varlog
          mountPath: /var/log
      volumes:
      - name: varlog
        hostPath:
          path: /var/log`;

describe('DaemonSet', () => {
  const dsPods = (s: S) =>
    podsOf(s, 'fluentd-elasticsearch', 'kube-system').filter((p) => !p.metadata.deletionTimestamp);

  it('runs one pod per node, the control plane only with its toleration, pinned by matchFields', () => {
    const s = newSession();
    apply(s, FLUENTD(false));
    s.cluster.advance(30_000);
    expect(
      dsPods(s)
        .map((p) => p.spec.nodeName)
        .sort(),
    ).toEqual(['worker-1', 'worker-2']);
    const p = dsPods(s)[0]!;
    expect(
      p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]
        .matchFields[0],
    ).toEqual({ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] });
    expect(p.spec.tolerations).toContainEqual({
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
    });
    apply(s, FLUENTD(true));
    s.cluster.advance(30_000);
    expect(
      dsPods(s)
        .map((p) => p.spec.nodeName)
        .sort(),
    ).toEqual(['control-plane', 'worker-1', 'worker-2']);
    expect(sh(s, 'kubectl get ds -n kube-system')).toMatch(
      /fluentd-elasticsearch\s+3\s+3\s+3\s+3\s+3\s+<none>/,
    );
  });

  it('follows nodes joining and leaving, and keeps its pod on an unreachable node', () => {
    const s = newSession();
    apply(s, FLUENTD(true));
    s.cluster.advance(30_000);
    sh(s, 'sim node add worker-3');
    s.cluster.advance(30_000);
    expect(dsPods(s).filter((p) => p.spec.nodeName === 'worker-3' && isPodReady(p))).toHaveLength(1);
    sh(s, 'sim node fail worker-3');
    s.cluster.advance(400_000);
    // DaemonSet pods tolerate unreachable forever: not evicted after 300 s.
    expect(dsPods(s).filter((p) => p.spec.nodeName === 'worker-3')).toHaveLength(1);
    sh(s, 'kubectl delete node worker-2');
    s.cluster.advance(30_000);
    expect(
      dsPods(s)
        .map((p) => p.spec.nodeName)
        .sort(),
    ).toEqual(['control-plane', 'worker-1', 'worker-3']);
  });

  it('rolls pods one at a time on restart (maxUnavailable 1)', () => {
    const s = newSession();
    apply(s, FLUENTD(true));
    s.cluster.advance(30_000);
    const before = dsPods(s).map((p) => p.metadata.name);
    sh(s, 'kubectl rollout restart ds/fluentd-elasticsearch -n kube-system');
    let minReady = 3;
    for (let i = 0; i < 120; i++) {
      s.cluster.advance(500);
      minReady = Math.min(minReady, dsPods(s).filter(isPodReady).length);
    }
    expect(minReady).toBeGreaterThanOrEqual(2);
    const after = dsPods(s).map((p) => p.metadata.name);
    expect(after).toHaveLength(3);
    expect(after.filter((n) => before.includes(n))).toEqual([]);
    expect(sh(s, 'kubectl rollout status ds/fluentd-elasticsearch -n kube-system')).toContain(
      'daemon set "fluentd-elasticsearch" successfully rolled out',
    );
  });
});

describe('rollout history and undo of DaemonSets and StatefulSets', () => {
  it('DaemonSet revisions: set image, history, undo back to the first template', () => {
    const s = newSession();
    apply(s, FLUENTD(false));
    s.cluster.advance(30_000);
    sh(
      s,
      'kubectl set image ds/fluentd-elasticsearch -n kube-system fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.5.2-debug',
    );
    s.cluster.advance(5_000);
    expect(sh(s, 'kubectl rollout history ds/fluentd-elasticsearch -n kube-system')).toMatch(
      /daemonset\.apps\/fluentd-elasticsearch \nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/,
    );
    expect(sh(s, 'kubectl rollout undo ds/fluentd-elasticsearch -n kube-system')).toContain(
      'daemonset.apps/fluentd-elasticsearch rolled back',
    );
    s.cluster.advance(60_000);
    const images = podsOf(s, 'fluentd-elasticsearch', 'kube-system')
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => p.spec.containers[0]!.image);
    expect(images).toEqual([
      'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
      'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
    ]);
    // The first template is now revision 3; two revisions remain.
    expect(sh(s, 'kubectl get controllerrevisions -n kube-system')).toMatch(
      /fluentd-elasticsearch-\w+\s+daemonset\.apps\/fluentd-elasticsearch\s+3/,
    );
    expect(sh(s, 'kubectl rollout undo ds/fluentd-elasticsearch -n kube-system --to-revision=3')).toContain(
      'skipped rollback (current template already matches revision 3)',
    );
  });

  it('StatefulSet rolling update replaces pods from the highest ordinal down, and undo goes back', () => {
    const s = newSession();
    apply(s, WEB.replace('replicas: 2', 'replicas: 3').replace('  minReadySeconds: 10\n', ''));
    s.cluster.advance(60_000);
    sh(s, 'kubectl set image sts/web nginx=nginx:1.16.1');
    const order: string[] = [];
    for (let i = 0; i < 120; i++) {
      s.cluster.advance(1000);
      for (const p of podsOf(s, 'web-'))
        if (p.spec.containers[0]!.image === 'nginx:1.16.1' && !order.includes(p.metadata.name))
          order.push(p.metadata.name);
    }
    expect(order).toEqual(['web-2', 'web-1', 'web-0']);
    expect(sh(s, 'kubectl rollout status sts/web')).toContain(
      'statefulset rolling update complete 3 pods at revision web-',
    );
    expect(sh(s, 'kubectl rollout undo sts/web')).toContain('statefulset.apps/web rolled back');
    s.cluster.advance(120_000);
    expect(podsOf(s, 'web-').map((p) => p.spec.containers[0]!.image)).toEqual([
      'nginx:1.27',
      'nginx:1.27',
      'nginx:1.27',
    ]);
  });
});
