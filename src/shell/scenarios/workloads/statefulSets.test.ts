/**
 * StatefulSets and PersistentVolumes from the kubernetes.io examples, run as a learner would type them.
 */
import { describe, expect, it } from 'vitest';
import { newSession, sh } from '../../testing/harness';
import type { KEvent, Pod } from '../../../sim/api/types';
import { isPodReady } from '../../../sim/api/podReady';
import { apply, get, podsOf, WEB } from './fixtures';

describe('StatefulSet', () => {
  it('starts web-0 before web-1, one claim per pod, stable names and DNS through the headless Service', () => {
    const s = newSession();
    apply(s, WEB);
    s.cluster.advance(2000);
    expect(podsOf(s, 'web-').map((p) => p.metadata.name)).toEqual(['web-0']);
    s.cluster.advance(40_000);
    expect(podsOf(s, 'web-').map((p) => `${p.metadata.name}:${isPodReady(p)}`)).toEqual([
      'web-0:true',
      'web-1:true',
    ]);
    const w0 = get(s, 'Pod', 'web-0') as Pod;
    expect(w0.spec.hostname).toBe('web-0');
    expect(w0.spec.subdomain).toBe('nginx');
    expect(sh(s, 'kubectl get pvc')).toMatch(/www-web-0\s+Bound\s+pvc-[0-9a-f-]+\s+1Gi\s+RWO\s+standard/);
    expect(sh(s, 'kubectl exec web-0 -- hostname')).toContain('web-0');
    sh(s, 'kubectl run dns --image=busybox:1.28 --restart=Never -- sleep 3600');
    s.cluster.advance(15_000);
    const ns = sh(s, 'kubectl exec dns -- nslookup web-0.nginx');
    expect(ns).toContain(w0.status.podIP!);
  });

  it('keeps data across pod deletion through its claim; scales down from the highest ordinal', () => {
    const s = newSession();
    apply(s, WEB);
    s.cluster.advance(45_000);
    sh(s, `kubectl exec web-0 -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'`);
    sh(s, "kubectl exec web-0 -- sh -c 'echo scratch > /tmp/scratch'");
    sh(s, 'kubectl delete pod web-0');
    s.cluster.advance(40_000);
    expect(sh(s, 'kubectl exec web-0 -- cat /usr/share/nginx/html/index.html')).toContain('web-0');
    // The container's writable layer did not survive.
    expect(sh(s, 'kubectl exec web-0 -- cat /tmp/scratch')).toContain('No such file or directory');
    sh(s, 'kubectl scale sts web --replicas=0');
    s.cluster.advance(1000);
    const deleted = s.cluster.api
      .list<KEvent>('Event', 'default')
      .filter((e) => e.reason === 'SuccessfulDelete')
      .map((e) => e.message);
    expect(deleted[0]).toBe('delete Pod web-1 in StatefulSet web successful');
    s.cluster.advance(40_000);
    expect(podsOf(s, 'web-')).toEqual([]);
    expect(s.cluster.api.list('PersistentVolumeClaim', 'default').map((c) => c.metadata.name)).toEqual([
      'www-web-0',
      'www-web-1',
    ]);
  });
});

describe('PersistentVolumes', () => {
  it('a claim binds to the smallest fitting volume of its class; Retain leaves it Released', () => {
    const s = newSession();
    const pv = (name: string, size: string, modes = 'ReadWriteOnce') => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
spec:
  storageClassName: manual
  capacity:
    storage: ${size}
  accessModes:
  - ${modes}
  hostPath:
    path: "/mnt/${name}"`;
    apply(s, pv('big', '10Gi'));
    apply(s, pv('small', '2Gi'));
    apply(s, pv('rox', '1Gi', 'ReadOnlyMany'));
    expect(sh(s, 'kubectl get pv')).toMatch(/small\s+2Gi\s+RWO\s+Retain\s+Available\s+manual/);
    apply(
      s,
      `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: task-pv-claim
spec:
  storageClassName: manual
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi`,
    );
    const pvc = get(s, 'PersistentVolumeClaim', 'task-pv-claim');
    expect(pvc.spec.volumeName).toBe('small');
    expect(pvc.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '2Gi' },
    });
    apply(
      s,
      `apiVersion: v1
kind: Pod
metadata:
  name: task-pv-pod
spec:
  volumes:
  - name: task-pv-storage
    persistentVolumeClaim:
      claimName: task-pv-claim
  containers:
  - name: task-pv-container
    image: nginx
    volumeMounts:
    - mountPath: "/usr/share/nginx/html"
      name: task-pv-storage`,
    );
    s.cluster.advance(30_000);
    sh(
      s,
      "kubectl exec task-pv-pod -- sh -c 'echo Hello from Kubernetes storage > /usr/share/nginx/html/index.html'",
    );
    sh(s, 'kubectl delete pod task-pv-pod');
    apply(
      s,
      `apiVersion: v1
kind: Pod
metadata:
  name: again
spec:
  volumes:
  - name: v
    persistentVolumeClaim:
      claimName: task-pv-claim
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
    volumeMounts:
    - mountPath: /data
      name: v`,
    );
    s.cluster.advance(30_000);
    expect(sh(s, 'kubectl exec again -- cat /data/index.html')).toContain('Hello from Kubernetes storage');
    // In use: the claim waits (pvc-protection), then goes; the volume is Released (Retain).
    sh(s, 'kubectl delete pvc task-pv-claim --wait=false');
    expect(sh(s, 'kubectl get pvc')).toContain('Terminating');
    sh(s, 'kubectl delete pod again');
    s.cluster.advance(40_000);
    expect(s.cluster.api.get('PersistentVolumeClaim', 'default', 'task-pv-claim')).toBeUndefined();
    expect(get(s, 'PersistentVolume', 'small', '').status.phase).toBe('Released');
  });

  it('a WaitForFirstConsumer class provisions once a pod using the claim is scheduled', () => {
    const s = newSession();
    apply(
      s,
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: local-path\nprovisioner: rancher.io/local-path\nvolumeBindingMode: WaitForFirstConsumer\nreclaimPolicy: Delete',
    );
    apply(
      s,
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: late\nspec:\n  storageClassName: local-path\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi',
    );
    expect(get(s, 'PersistentVolumeClaim', 'late').status.phase).toBe('Pending');
    expect(sh(s, 'kubectl describe pvc late')).toContain(
      'waiting for first consumer to be created before binding',
    );
    apply(
      s,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: user\nspec:\n  containers:\n  - name: c\n    image: busybox:1.28\n    command: ["sleep", "3600"]\n    volumeMounts: [{name: v, mountPath: /data}]\n  volumes: [{name: v, persistentVolumeClaim: {claimName: late}}]',
    );
    s.cluster.advance(20_000);
    expect(get(s, 'PersistentVolumeClaim', 'late').status.phase).toBe('Bound');
    expect(isPodReady(get(s, 'Pod', 'user') as Pod)).toBe(true);
  });

  it('a claim without a matching volume stays Pending; the default class provisions and deletes with Delete', () => {
    const s = newSession();
    apply(
      s,
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: nothing\nspec:\n  storageClassName: ""\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi',
    );
    expect(get(s, 'PersistentVolumeClaim', 'nothing').status.phase).toBe('Pending');
    expect(sh(s, 'kubectl get storageclass')).toMatch(
      /standard \(default\)\s+k8s\.io\/minikube-hostpath\s+Delete\s+Immediate\s+false/,
    );
    apply(
      s,
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: dyn\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 3Gi',
    );
    const claim = get(s, 'PersistentVolumeClaim', 'dyn');
    expect(claim.spec.storageClassName).toBe('standard');
    expect(claim.spec.volumeName).toBe(`pvc-${claim.metadata.uid}`);
    sh(s, 'kubectl delete pvc dyn');
    s.cluster.advance(1000);
    expect(s.cluster.api.list('PersistentVolume')).toEqual([]);
  });
});
