/**
 * ConfigMaps and Secrets from the kubernetes.io examples, run as a learner would type them.
 */
import { describe, expect, it } from 'vitest';
import { newSession, sh } from '../../testing/harness';
import { apply, get } from './fixtures';

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
