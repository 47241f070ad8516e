/**
 * `@kubernetes/client-node` (the official JavaScript client, 1.4) as a library client of `kubelab serve`: it
 * reads the kubeconfig the server writes (the token in the server URL's path and as a bearer token), lists
 * pods, creates a Deployment, watches pods come up, reads a container's log and execs in it.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { testServer, type TestServer } from './testing';

let s: TestServer;
let kc: k8s.KubeConfig;
beforeAll(async () => {
  s = await testServer({ speed: 20 });
  const file = new k8s.KubeConfig();
  file.loadFromFile(s.kubeconfig);
  // client-node 1.x refuses a plain-HTTP server unless the cluster skips TLS verification (there is no TLS on
  // loopback to verify): "HTTP protocol is not allowed when skipTLSVerify is not set or false".
  kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: file.clusters.map((c) => ({ ...c, skipTLSVerify: true })),
    users: file.users,
    contexts: file.contexts,
    currentContext: file.currentContext,
  });
});
afterAll(async () => s.close());

test('list pods: the control plane’s pods in kube-system, typed', async () => {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const pods = await core.listNamespacedPod({ namespace: 'kube-system' });
  const names = pods.items.map((p) => p.metadata?.name ?? '');
  expect(names).toContain('etcd-control-plane');
  expect(names).toContain('kube-apiserver-control-plane');
  // Dates come back as Date objects: the client parsed our timestamps.
  expect(pods.items[0]!.metadata?.creationTimestamp).toBeInstanceOf(Date);
});

test('create a deployment, watch its pods to Running, read a log, exec', async () => {
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const created = await apps.createNamespacedDeployment({
    namespace: 'default',
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'lib' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'lib' } },
        template: {
          metadata: { labels: { app: 'lib' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
        },
      },
    },
  });
  expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
  expect(created.metadata?.generation).toBe(1);
  const again = await apps
    .createNamespacedDeployment({ namespace: 'default', body: created })
    .catch((e) => e);
  expect((again as { code?: number }).code).toBe(409);

  // Watch: pods of the deployment, until two report Running.
  const running = new Set<string>();
  const seen: string[] = [];
  let abort: AbortController | undefined;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`watch saw only ${seen.join(', ')}`)), 15_000);
    void new k8s.Watch(kc)
      .watch(
        '/api/v1/namespaces/default/pods',
        { labelSelector: 'app=lib' },
        (type, pod: k8s.V1Pod) => {
          seen.push(`${type} ${pod.status?.phase}`);
          if (pod.status?.phase === 'Running') running.add(pod.metadata!.name!);
          if (running.size === 2) {
            clearTimeout(timer);
            resolve();
          }
        },
        (err) => {
          if (err && running.size < 2) reject(err instanceof Error ? err : new Error(String(err)));
        },
      )
      .then((a) => (abort = a), reject);
  });
  abort?.abort();
  expect(seen[0]).toMatch(/^ADDED /);
  expect(seen.some((e) => e.startsWith('MODIFIED'))).toBe(true);

  const pod = [...running].sort()[0]!;
  let log = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      log += chunk.toString();
      cb();
    },
  });
  // The log request pipes the response into the stream (client-node 1.x never calls a done callback).
  const finished = new Promise((resolve) => sink.on('finish', resolve));
  await new k8s.Log(kc).log('default', pod, 'nginx', sink, { follow: false, tailLines: 50 });
  await finished;
  expect(log).toMatch(/nginx/);

  // Exec over the WebSocket channel protocol: the Status on channel 3 carries the exit code.
  const out = new PassThrough();
  let stdout = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  const status = await new Promise<k8s.V1Status>((resolve, reject) => {
    void new k8s.Exec(kc)
      .exec('default', pod, 'nginx', ['sh', '-c', 'echo from-lib; exit 2'], out, null, null, false, (st) =>
        resolve(st),
      )
      .catch(reject);
  });
  expect(stdout).toBe('from-lib\n');
  expect(status.status).toBe('Failure');
  expect(status.details?.causes?.[0]).toEqual({ reason: 'ExitCode', message: '2' });
}, 30_000);
