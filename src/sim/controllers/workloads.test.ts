/**
 * The kubernetes.io examples of configuration, storage, batch, daemon and stateful workloads, autoscaling and
 * quotas, run as a learner would type them.
 */
import { describe, expect, it } from 'vitest';
import { newSession, pods, sh } from '../../shell/testing/harness';
import type { KObject, Pod } from '../api/types';
import { isPodReady } from './util';

type S = ReturnType<typeof newSession>;
const apply = (s: S, yaml: string) => sh(s, `kubectl apply -f - <<EOF\n${yaml}\nEOF`);
const get = (s: S, kind: string, name: string, ns = 'default') => s.cluster.api.get(kind, ns, name)!;
const podsOf = (s: S, prefix: string, ns = 'default') =>
  pods(s, ns).filter((p) => p.metadata.name.startsWith(prefix));

const ENV_POD = `apiVersion: v1
kind: Pod
metadata:
  name: dapi-test-pod
spec:
  containers:
  - name: test-container
    image: registry.k8s.io/busybox
    command: [ "/bin/sh", "-c", "env" ]
    env:
    - name: DEMO_GREETING
      value: "Hello from the environment"
    - name: SPECIAL_LEVEL_KEY
      valueFrom:
        configMapKeyRef:
          name: special-config
          key: special.how
    - name: SECRET_USERNAME
      valueFrom:
        secretKeyRef:
          name: backend-user
          key: backend-username
    envFrom:
    - configMapRef:
        name: env-config
  restartPolicy: Never`;

describe('ConfigMaps and Secrets', () => {
  it('env from literals, ConfigMap keys, Secret keys and envFrom', () => {
    const s = newSession();
    sh(s, 'kubectl create configmap special-config --from-literal=special.how=very');
    sh(s, 'kubectl create configmap env-config --from-literal=LOG_LEVEL=INFO');
    sh(s, "kubectl create secret generic backend-user --from-literal=backend-username='backend-admin'");
    apply(s, ENV_POD);
    s.cluster.advance(20_000);
    const logs = sh(s, 'kubectl logs dapi-test-pod');
    expect(logs).toContain('DEMO_GREETING=Hello from the environment');
    expect(logs).toContain('SPECIAL_LEVEL_KEY=very');
    expect(logs).toContain('SECRET_USERNAME=backend-admin');
    expect(logs).toContain('LOG_LEVEL=INFO');
    expect(get(s, 'Pod', 'dapi-test-pod').status.phase).toBe('Succeeded');
  });

  it('a missing key keeps the container in CreateContainerConfigError until it exists', () => {
    const s = newSession();
    sh(s, 'kubectl create configmap special-config --from-literal=other=1');
    sh(s, 'kubectl create configmap env-config --from-literal=LOG_LEVEL=INFO');
    sh(s, "kubectl create secret generic backend-user --from-literal=backend-username='backend-admin'");
    apply(s, ENV_POD);
    s.cluster.advance(15_000);
    expect(sh(s, 'kubectl get pod dapi-test-pod')).toContain('CreateContainerConfigError');
    expect(sh(s, 'kubectl describe pod dapi-test-pod')).toContain(
      "couldn't find key special.how in ConfigMap default/special-config",
    );
    sh(s, 'kubectl delete configmap special-config');
    sh(s, 'kubectl create configmap special-config --from-literal=special.how=very');
    s.cluster.advance(30_000);
    expect(get(s, 'Pod', 'dapi-test-pod').status.phase).toBe('Succeeded');
  });

  it('stringData is stored base64 in data; describe hides values; typed secrets need their keys', () => {
    const s = newSession();
    apply(
      s,
      `apiVersion: v1
kind: Secret
metadata:
  name: mysecret
type: Opaque
stringData:
  password: 39528$vdg7Jb
  username: admin`,
    );
    const sec = get(s, 'Secret', 'mysecret');
    expect(sec.data).toEqual({ password: 'Mzk1MjgkdmRnN0pi', username: 'YWRtaW4=' });
    expect(sec.stringData).toBeUndefined();
    const out = sh(s, 'kubectl create secret tls bad --cert=a.crt --key=a.key');
    expect(out).toContain('open a.crt: no such file or directory');
    const r = sh(
      s,
      `kubectl apply -f - <<EOF
apiVersion: v1
kind: Secret
metadata:
  name: t
type: kubernetes.io/tls
data:
  tls.crt: YQ==
EOF`,
    );
    expect(r).toContain('The Secret "t" is invalid: data[tls.key]: Required value');
    expect(
      sh(s, 'kubectl create secret docker-registry reg --docker-username=u --docker-password=p'),
    ).toContain('secret/reg created');
    expect(get(s, 'Secret', 'reg').type).toBe('kubernetes.io/dockerconfigjson');
  });

  it('volume files follow an update within 60–90 s, never through subPath; env stays', () => {
    const s = newSession(3);
    sh(s, 'kubectl create configmap game --from-literal=lives=3');
    apply(
      s,
      `apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
    env:
    - name: LIVES
      valueFrom:
        configMapKeyRef: {name: game, key: lives}
    volumeMounts:
    - {name: cfg, mountPath: /etc/game}
    - {name: cfg, mountPath: /etc/lives, subPath: lives}
  volumes:
  - name: cfg
    configMap: {name: game}`,
    );
    s.cluster.advance(15_000);
    expect(sh(s, 'kubectl exec reader -- cat /etc/game/lives')).toContain('3');
    sh(s, `kubectl patch configmap game -p '{"data":{"lives":"5"}}'`);
    s.cluster.advance(59_000);
    expect(sh(s, 'kubectl exec reader -- cat /etc/game/lives')).toMatch(/3\$|^3/m);
    s.cluster.advance(31_000);
    expect(sh(s, 'kubectl exec reader -- cat /etc/game/lives')).toContain('5');
    expect(sh(s, 'kubectl exec reader -- cat /etc/lives')).toContain('3');
    expect(sh(s, 'kubectl exec reader -- printenv LIVES')).toContain('3');
    expect(sh(s, "kubectl exec reader -- sh -c 'echo 9 > /etc/game/lives'")).toContain(
      'Read-only file system',
    );
  });

  it('a projected volume gathers Secrets; a downwardAPI volume writes labels as key="value" lines', () => {
    const s = newSession();
    sh(s, 'kubectl create secret generic user --from-literal=username=admin');
    sh(s, 'kubectl create secret generic pass --from-literal=password=1f2d1e2e67df');
    apply(
      s,
      `apiVersion: v1
kind: Pod
metadata:
  name: test-projected-volume
  labels: {zone: us-est-coast, cluster: test-cluster1}
spec:
  containers:
  - name: test-projected-volume
    image: busybox:1.28
    args: ["sleep", "86400"]
    volumeMounts:
    - {name: all-in-one, mountPath: /projected-volume, readOnly: true}
    - {name: podinfo, mountPath: /etc/podinfo}
  volumes:
  - name: all-in-one
    projected:
      sources:
      - secret: {name: user}
      - secret: {name: pass}
  - name: podinfo
    downwardAPI:
      items:
      - path: labels
        fieldRef: {fieldPath: metadata.labels}`,
    );
    s.cluster.advance(15_000);
    expect(sh(s, 'kubectl exec test-projected-volume -- ls /projected-volume/')).toBe('password\nusername\n');
    expect(sh(s, 'kubectl exec test-projected-volume -- cat /projected-volume/password')).toBe(
      '1f2d1e2e67df',
    );
    expect(sh(s, 'kubectl exec test-projected-volume -- cat /etc/podinfo/labels')).toBe(
      'cluster="test-cluster1"\nzone="us-est-coast"',
    );
    expect(
      sh(s, 'kubectl exec test-projected-volume -- cat /var/run/secrets/kubernetes.io/serviceaccount/ca.crt'),
    ).toContain('BEGIN CERTIFICATE');
  });

  it('immutable ConfigMaps refuse data changes', () => {
    const s = newSession();
    apply(s, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\ndata:\n  a: "1"\nimmutable: true');
    expect(sh(s, `kubectl patch configmap frozen -p '{"data":{"a":"2"}}'`)).toContain(
      'The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
  });

  it('create configmap --from-file takes file names as keys and refuses duplicates', () => {
    const s = newSession(1, {
      'game.properties': 'enemies=aliens\n',
      'ui.properties': 'color.good=purple\n',
    });
    expect(
      sh(s, 'kubectl create configmap game-config --from-file=game.properties --from-file=ui.properties'),
    ).toContain('configmap/game-config created');
    expect(get(s, 'ConfigMap', 'game-config').data).toEqual({
      'game.properties': 'enemies=aliens\n',
      'ui.properties': 'color.good=purple\n',
    });
    expect(sh(s, 'kubectl create configmap x --from-literal=a=1 --from-literal=a=2')).toContain(
      'cannot add key a, another key by that name already exists in Data for ConfigMap "x"',
    );
    expect(sh(s, 'kubectl create configmap y --from-literal=novalue')).toContain(
      'invalid literal source novalue, expected key=value',
    );
  });
});

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

const PI = (
  extra = '',
  command = '["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]',
) => `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
${extra}  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ${command}
      restartPolicy: Never
  backoffLimit: 4`;

describe('Job', () => {
  it('refuses changes to its template and completions: field is immutable', () => {
    const s = newSession();
    apply(s, PI());
    expect(apply(s, PI('  completions: 3\n'))).toMatch(
      /The Job "pi" is invalid: spec.completions: Invalid value: 3: field is immutable/,
    );
    expect(apply(s, PI('', '["sh", "-c", "echo 3"]'))).toMatch(
      /The Job "pi" is invalid: spec.template: Invalid value: .*: field is immutable/,
    );
    expect(get(s, 'Job', 'pi').spec.completions).toBe(1);
  });

  it('the pi example completes and its logs hold the digits', () => {
    const s = newSession();
    apply(s, PI());
    const job = get(s, 'Job', 'pi');
    expect(job.spec.selector.matchLabels['batch.kubernetes.io/controller-uid']).toBe(job.metadata.uid);
    s.cluster.advance(60_000);
    expect(sh(s, 'kubectl get jobs')).toMatch(/pi\s+Complete\s+1\/1/);
    expect(sh(s, 'kubectl logs job/pi')).toMatch(/^3\.14159265358979323846264338327950288419716939937510/);
    expect(sh(s, 'kubectl get pods')).toMatch(/pi-[a-z0-9]{5}\s+0\/1\s+Completed/);
    expect(s.cluster.api.eventsFor(get(s, 'Job', 'pi')).map((e) => e.reason)).toEqual([
      'SuccessfulCreate',
      'Completed',
    ]);
  });

  it('completions with parallelism run at most parallelism pods at a time', () => {
    const s = newSession();
    apply(
      s,
      PI('  completions: 5\n  parallelism: 2\n', '["sh", "-c", "sleep 5"]').replace(
        'perl:5.34.0',
        'busybox:1.28',
      ),
    );
    let most = 0;
    for (let i = 0; i < 120; i++) {
      s.cluster.advance(1000);
      const running = podsOf(s, 'pi-').filter(
        (p) => p.status.phase === 'Running' || p.status.phase === 'Pending',
      ).length;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    expect(get(s, 'Job', 'pi').status.succeeded).toBe(5);
    expect(podsOf(s, 'pi-')).toHaveLength(5);
  });

  it('fails after backoffLimit failed pods with BackoffLimitExceeded', () => {
    const s = newSession();
    apply(
      s,
      PI('', '["sh", "-c", "exit 1"]')
        .replace('perl:5.34.0', 'busybox:1.28')
        .replace('backoffLimit: 4', 'backoffLimit: 2'),
    );
    s.cluster.advance(300_000);
    const job = get(s, 'Job', 'pi');
    expect(job.status.failed).toBe(3);
    expect(sh(s, 'kubectl get job pi')).toMatch(/pi\s+Failed\s+0\/1/);
    expect(
      s.cluster.api
        .eventsFor(job)
        .some(
          (e) =>
            e.reason === 'BackoffLimitExceeded' &&
            e.message === 'Job has reached the specified backoff limit',
        ),
    ).toBe(true);
  });

  it('activeDeadlineSeconds fails a Job that runs too long; ttlSecondsAfterFinished removes a finished one', () => {
    const s = newSession();
    apply(
      s,
      PI('  activeDeadlineSeconds: 20\n', '["sh", "-c", "sleep 600"]').replace('perl:5.34.0', 'busybox:1.28'),
    );
    s.cluster.advance(25_000);
    const job = get(s, 'Job', 'pi');
    expect(job.status.conditions.find((c: { type: string }) => c.type === 'Failed').reason).toBe(
      'DeadlineExceeded',
    );
    expect(
      podsOf(s, 'pi-').filter((p) => !p.metadata.deletionTimestamp && p.status.phase === 'Running'),
    ).toEqual([]);
    apply(s, PI('  ttlSecondsAfterFinished: 30\n').replace('name: pi', 'name: pi2'));
    for (let i = 0; i < 120 && !get(s, 'Job', 'pi2').status.completionTime; i++) s.cluster.advance(1000);
    // completionTime has second precision: the TTL runs out 29–30 s after the loop saw it.
    s.cluster.advance(28_000);
    expect(s.cluster.api.get('Job', 'default', 'pi2')).toBeDefined();
    s.cluster.advance(3_000);
    expect(s.cluster.api.get('Job', 'default', 'pi2')).toBeUndefined();
    expect(podsOf(s, 'pi2-')).toEqual([]);
  });

  it('create job --from=cronjob copies the template and marks a manual run', () => {
    const s = newSession();
    sh(s, 'kubectl create cronjob nightly --image=busybox:1.28 --schedule="0 3 * * *" -- echo backup');
    expect(sh(s, 'kubectl create job manual --from=cronjob/nightly')).toContain('job.batch/manual created');
    const job = get(s, 'Job', 'manual');
    expect(job.metadata.annotations!['cronjob.kubernetes.io/instantiate']).toBe('manual');
    expect(job.metadata.ownerReferences![0]!.kind).toBe('CronJob');
    s.cluster.advance(30_000);
    expect(sh(s, 'kubectl logs job/manual')).toContain('backup');
  });

  it('an Indexed Job gives each pod its completion index (name, hostname, JOB_COMPLETION_INDEX)', () => {
    const s = newSession();
    apply(
      s,
      `apiVersion: batch/v1
kind: Job
metadata:
  name: indexed-job
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox:1.28
        command: ["sh", "-c", "echo index=$JOB_COMPLETION_INDEX host=$(hostname)"]`,
    );
    s.cluster.advance(30_000);
    const ps = podsOf(s, 'indexed-job-');
    expect(ps.map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, '')).sort()).toEqual([
      'indexed-job-0',
      'indexed-job-1',
      'indexed-job-2',
    ]);
    const one = ps.find((p) => p.metadata.name.startsWith('indexed-job-1-'))!;
    expect(sh(s, `kubectl logs ${one.metadata.name}`)).toContain('index=1 host=indexed-job-1');
    const job = get(s, 'Job', 'indexed-job');
    expect(job.status.completedIndexes).toBe('0-2');
    expect(sh(s, 'kubectl get job indexed-job')).toMatch(/Complete\s+3\/3/);
    expect(
      apply(s, PI('  completionMode: Indexed\n  parallelism: 2\n').replace('name: pi', 'name: bad')),
    ).toContain('spec.completions: Required value: when completion mode is Indexed');
  });

  it('refuses restartPolicy Always', () => {
    const s = newSession();
    const out = apply(s, PI().replace('restartPolicy: Never', 'restartPolicy: Always'));
    expect(out).toContain('spec.template.spec.restartPolicy');
  });
});

describe('CronJob', () => {
  const CRON = (extra = '') => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
${extra}  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure`;

  it('creates a Job each minute named by the scheduled time and keeps 3 successful ones', () => {
    const s = newSession();
    apply(s, CRON());
    s.cluster.advance(61_000);
    const first = s.cluster.api.list('Job', 'default');
    expect(first).toHaveLength(1);
    expect(first[0]!.metadata.name).toBe(`hello-${Math.floor(Date.parse(s.cluster.iso(60_000)) / 60_000)}`);
    s.cluster.advance(30_000);
    expect(sh(s, `kubectl logs job/${first[0]!.metadata.name}`)).toContain(
      'Hello from the Kubernetes cluster',
    );
    s.cluster.advance(5 * 60_000);
    const jobs = s.cluster.api.list('Job', 'default');
    expect(jobs).toHaveLength(3);
    const cj = get(s, 'CronJob', 'hello');
    expect(cj.status.lastScheduleTime).toBe(s.cluster.iso(6 * 60_000));
    expect(sh(s, 'kubectl get cronjob hello')).toMatch(
      /hello\s+\* \* \* \* \*\s+<none>\s+False|hello\s+\* \* \* \* \*\s+<none>\s+false/,
    );
    expect(s.cluster.api.eventsFor(cj).some((e) => e.reason === 'SawCompletedJob')).toBe(true);
  });

  it('Forbid skips a run while the previous Job is still active', () => {
    const s = newSession();
    apply(
      s,
      CRON('  concurrencyPolicy: Forbid\n').replace(
        'date; echo Hello from the Kubernetes cluster',
        'sleep 100',
      ),
    );
    s.cluster.advance(3 * 60_000 + 1000);
    const jobs = s.cluster.api.list('Job', 'default');
    // Runs at 1m (sleeps 100 s, done ≈ 2m45s) and 3m; the 2m run is skipped.
    expect(
      jobs.map((j) => j.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']),
    ).toEqual([s.cluster.iso(60_000), s.cluster.iso(180_000)]);
  });

  it("honours spec.timeZone: 9 o'clock in Asia/Shanghai is 01:00 UTC", () => {
    const s = newSession();
    apply(s, CRON().replace('"* * * * *"', '"0 9 * * *"\n  timeZone: Asia/Shanghai'));
    s.cluster.advance(61 * 60_000);
    expect(
      s.cluster.api
        .list('Job', 'default')
        .map((j) => j.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']),
    ).toEqual([s.cluster.iso(3600_000)]);
    expect(
      apply(
        s,
        CRON()
          .replace('name: hello', 'name: mars')
          .replace('"* * * * *"', '"0 9 * * *"\n  timeZone: Mars/Base'),
      ),
    ).toContain('spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base');
  });

  it('rejects a bad schedule', () => {
    const s = newSession();
    expect(apply(s, CRON().replace('"* * * * *"', '"61 * * * *"'))).toContain(
      'spec.schedule: Invalid value: "61 * * * *"',
    );
  });
});

const WEB = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: "nginx"
  replicas: 2
  minReadySeconds: 10
  template:
    metadata:
      labels:
        app: nginx
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi`;

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
      .list('Event', 'default')
      .filter((e) => (e as unknown as { reason: string }).reason === 'SuccessfulDelete')
      .map((e) => (e as unknown as { message: string }).message);
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

const PHP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache`;

describe('HorizontalPodAutoscaler', () => {
  const replicas = (s: S) => (get(s, 'Deployment', 'php-apache') as KObject).spec.replicas as number;

  it('the php-apache walkthrough: <unknown> first, scale-up under load, delayed scale-down', () => {
    const s = newSession();
    apply(s, PHP);
    expect(sh(s, 'kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10')).toContain(
      'horizontalpodautoscaler.autoscaling/php-apache autoscaled',
    );
    expect(sh(s, 'kubectl get hpa')).toMatch(
      /php-apache\s+Deployment\/php-apache\s+cpu: <unknown>\/50%\s+1\s+10\s+1/,
    );
    s.cluster.advance(60_000);
    expect(sh(s, 'kubectl get hpa')).toContain('cpu: 0%/50%');
    expect(sh(s, 'kubectl top pods')).toMatch(/php-apache-[a-z0-9]+-[a-z0-9]{5}\s+\d+m\s+\d+Mi/);
    sh(s, 'sim load deployment/php-apache --cpu 1');
    s.cluster.advance(16_000);
    // One pod is throttled at its 500m limit: 250% of its 200m request.
    expect(sh(s, 'kubectl get hpa')).toContain('cpu: 250%/50%');
    expect(replicas(s)).toBe(5);
    s.cluster.advance(120_000);
    expect(replicas(s)).toBe(10);
    sh(s, 'sim load deployment/php-apache --cpu 0');
    s.cluster.advance(240_000);
    // The 5-minute scale-down stabilization window holds the replicas.
    expect(replicas(s)).toBe(10);
    s.cluster.advance(120_000);
    expect(replicas(s)).toBe(1);
    const reasons = s.cluster.api
      .eventsFor(get(s, 'HorizontalPodAutoscaler', 'php-apache'))
      .filter((e) => e.reason === 'SuccessfulRescale')
      .map((e) => e.message);
    // Scale-ups are limited per 15 s (100 % or 4 pods); pods without metrics yet count 0 % on the way up.
    expect(reasons[0]).toBe(
      'New size: 5; reason: cpu resource utilization (percentage of request) above target',
    );
    const sizes = reasons.map((r) => Number(/New size: (\d+)/.exec(r)![1]));
    expect(sizes.slice(0, -1)).toEqual([...sizes.slice(0, -1)].sort((a, b) => a - b));
    expect(sizes.at(-2)).toBe(10);
    expect(reasons.at(-1)).toBe('New size: 1; reason: All metrics below target');
  });

  it('a busybox wget loop against the Service scales it up too', () => {
    const s = newSession();
    apply(s, PHP);
    sh(s, 'kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10');
    s.cluster.advance(60_000);
    sh(
      s,
      'kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"',
    );
    s.cluster.advance(90_000);
    expect(replicas(s)).toBeGreaterThan(1);
  });

  it('pods without CPU requests cannot be scaled on CPU', () => {
    const s = newSession();
    apply(
      s,
      PHP.replace(/ {8}resources:\n {10}limits:\n {12}cpu: 500m\n {10}requests:\n {12}cpu: 200m\n/, ''),
    );
    sh(s, 'kubectl autoscale deployment php-apache --cpu-percent=50 --max=5');
    s.cluster.advance(90_000);
    const hpa = get(s, 'HorizontalPodAutoscaler', 'php-apache');
    expect(hpa.status.conditions.find((c: { type: string }) => c.type === 'ScalingActive').message).toContain(
      'missing request for cpu in container php-apache',
    );
    expect(sh(s, 'kubectl get hpa')).toContain('cpu: <unknown>/50%');
  });

  it('top needs metrics-server', () => {
    const s = newSession();
    expect(sh(s, 'kubectl top nodes')).toContain('error: Metrics API not available');
    s.cluster.advance(60_000);
    expect(sh(s, 'kubectl top nodes')).toMatch(/worker-1\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%/);
  });
});

describe('ResourceQuota and LimitRange', () => {
  const QUOTA = `apiVersion: v1
kind: ResourceQuota
metadata:
  name: mem-cpu-demo
spec:
  hard:
    requests.cpu: "1"
    requests.memory: 1Gi
    limits.cpu: "2"
    limits.memory: 2Gi`;
  const POD = (name: string, mem: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: ${name}-ctr
    image: nginx
    resources:
      limits:
        memory: "${mem === '600Mi' ? '800Mi' : '1Gi'}"
        cpu: "800m"
      requests:
        memory: "${mem}"
        cpu: "400m"`;

  it('admits within the quota, refuses beyond it and without requests, with the real messages', () => {
    const s = newSession();
    sh(s, 'kubectl create namespace quota-mem-cpu-example');
    sh(s, `kubectl apply -n quota-mem-cpu-example -f - <<EOF\n${QUOTA}\nEOF`);
    expect(
      sh(s, `kubectl apply -n quota-mem-cpu-example -f - <<EOF\n${POD('quota-mem-cpu-demo', '600Mi')}\nEOF`),
    ).toContain('pod/quota-mem-cpu-demo created');
    expect(
      sh(
        s,
        `kubectl apply -n quota-mem-cpu-example -f - <<EOF\n${POD('quota-mem-cpu-demo-2', '700Mi')}\nEOF`,
      ),
    ).toContain(
      'Error from server (Forbidden): error when creating "STDIN": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi',
    );
    expect(sh(s, 'kubectl run bare --image=nginx -n quota-mem-cpu-example')).toContain(
      'pods "bare" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: bare; limits.memory for: bare; requests.cpu for: bare; requests.memory for: bare',
    );
    const q = get(s, 'ResourceQuota', 'mem-cpu-demo', 'quota-mem-cpu-example');
    expect(q.status.used).toEqual({
      'limits.cpu': '800m',
      'limits.memory': '800Mi',
      'requests.cpu': '400m',
      'requests.memory': '600Mi',
    });
  });

  it('count quotas make a Deployment report FailedCreate', () => {
    const s = newSession();
    apply(
      s,
      'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: pods-high\nspec:\n  hard:\n    pods: "2"',
    );
    sh(s, 'kubectl create deployment web --image=nginx --replicas=3');
    s.cluster.advance(10_000);
    expect(pods(s).filter((p) => p.metadata.name.startsWith('web-'))).toHaveLength(2);
    expect(sh(s, 'kubectl describe rs')).toContain(
      'exceeded quota: pods-high, requested: pods=1, used: pods=2, limited: pods=2',
    );
  });

  it('LimitRange fills defaults and enforces min and max', () => {
    const s = newSession();
    apply(
      s,
      `apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-min-max-demo-lr
spec:
  limits:
  - max:
      cpu: "800m"
    min:
      cpu: "200m"
    type: Container`,
    );
    sh(s, 'kubectl run small --image=nginx');
    const p = get(s, 'Pod', 'small') as Pod;
    expect(p.spec.containers[0]!.resources).toEqual({ limits: { cpu: '800m' }, requests: { cpu: '800m' } });
    expect(p.metadata.annotations!['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu request for container small; cpu limit for container small',
    );
    const out = apply(
      s,
      `apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo-2
spec:
  containers:
  - name: constraints-cpu-demo-2-ctr
    image: nginx
    resources:
      limits:
        cpu: "1.5"
      requests:
        cpu: "500m"`,
    );
    expect(out).toContain(
      'pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m',
    );
  });
});

describe('snapshots of these controllers', () => {
  it('restoring mid-run reproduces CronJobs, the HPA, pending volume updates and claims byte for byte', () => {
    const s = newSession(7);
    apply(s, PHP);
    sh(s, 'kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10');
    sh(s, 'kubectl create cronjob tick --image=busybox:1.28 --schedule="*/2 * * * *" -- date');
    sh(s, 'kubectl create configmap cfg --from-literal=k=v1');
    apply(s, WEB.replace('replicas: 2', 'replicas: 1'));
    apply(
      s,
      `apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
    volumeMounts: [{name: v, mountPath: /cfg}]
  volumes: [{name: v, configMap: {name: cfg}}]`,
    );
    s.cluster.advance(60_000);
    sh(s, 'sim load deployment/php-apache --cpu 800m');
    sh(s, `kubectl patch configmap cfg -p '{"data":{"k":"v2"}}'`);
    s.cluster.advance(20_000);
    const snap = s.cluster.snapshot();
    const AFTER =
      'sim advance 4m\nkubectl get hpa\nkubectl get jobs\nkubectl get pods -o wide\nkubectl get pvc\nkubectl exec reader -- cat /cfg/k\nkubectl top pods';
    const first = sh(s, AFTER);
    s.cluster.restore(snap);
    expect(sh(s, AFTER)).toBe(first);
    expect(first).toContain('v2');
    expect(first).toMatch(/tick-\d+\s+Complete/);
  });
});
