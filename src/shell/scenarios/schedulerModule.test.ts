import { describe, expect, it } from 'vitest';
import { createSession, runScript } from '../session';
import type { Pod } from '../../sim/api/types';
import { createSim, simParts } from '../../sim/createSim';

const SCRIPT = `kubectl apply -f - <<EOF
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: fast
spec:
  storageClassName: premium
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: nginx
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: fast
---
apiVersion: v1
kind: Pod
metadata:
  name: lost
spec:
  containers:
  - name: c
    image: nginx
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: nope
EOF
sim advance 10s
kubectl get pods
kubectl get pvc
kubectl describe pod db | tail -3
kubectl describe pod lost | tail -2
kubectl apply -f - <<EOF
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv1
spec:
  storageClassName: premium
  capacity:
    storage: 2Gi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /mnt/data
EOF
sim advance 10s
kubectl get pods
kubectl get pvc
`;

describe('scheduler module: volume binding', () => {
  it('keeps pods with unbound immediate or missing claims Pending, then schedules once the claim binds', () => {
    const { transcript, session } = runScript(SCRIPT);
    expect(transcript).toContain(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(transcript).toContain('0/3 nodes are available: persistentvolumeclaim "nope" not found.');
    const db = session.cluster.api.get<Pod>('Pod', 'default', 'db')!;
    const lost = session.cluster.api.get<Pod>('Pod', 'default', 'lost')!;
    expect(db.status.phase).toBe('Running');
    expect(lost.spec.nodeName).toBeUndefined();
  });
});

describe('scheduler module: cache', () => {
  it('marks a pod that begins a graceful delete as terminating (PodTopologySpread stops counting it)', () => {
    const parts = simParts();
    const session = createSession({ mode: 'script', cluster: createSim({}, parts) });
    session.exec(
      `kubectl run web --image=busybox -- sh -c "trap '' TERM; sleep 3600"\nsim advance 10s\nkubectl delete pod web --wait=false\nsim advance 1s\n`,
    );
    const pod = session.cluster.api.get<Pod>('Pod', 'default', 'web')!;
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    const node = parts.scheduler.cache.get(pod.spec.nodeName!)!;
    expect(node.pods.get('default/web')?.terminating).toBe(true);
  });
});
