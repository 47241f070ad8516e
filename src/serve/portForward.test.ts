/**
 * The real `kubectl port-forward` against `kubelab serve`: kubectl 1.32 tunnels SPDY through a WebSocket
 * (`SPDY/3.1+portforward.k8s.io`, no fallback), kubectl 1.29 upgrades to SPDY/3.1 directly. Node's HTTP client
 * then fetches from kubectl's local port what the pod's nginx serves. Errors are the real ones: kubectl's own
 * check of the pod's phase, and containerd's refusal (on the error stream) when nothing listens on the port.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import http from 'node:http';
import { findKubectls, testServer, type TestServer } from './testing';

const SCRIPT = `kubectl create deployment web --image=nginx:1.27 --port=80
kubectl expose deployment web --port=8080 --target-port=80
kubectl run solo --image=nginx:1.27 --port=80
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: stuck
spec:
  nodeSelector:
    disk: none
  containers:
  - name: app
    image: nginx:1.27
EOF
sim advance 30s
`;

const kubectls = findKubectls();
const pick = (v: string) => kubectls.find((k) => k.version === v);
const versions = [pick('1.32'), pick('1.29')].filter((k) => k !== undefined);

let s: TestServer;
beforeAll(async () => {
  s = await testServer({ speed: 1, script: SCRIPT });
});
afterAll(async () => s.close());

interface Forward {
  child: ChildProcess;
  port: number;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts `kubectl port-forward args` and waits for its first "Forwarding from 127.0.0.1:PORT". */
async function portForward(bin: string, args: string[]): Promise<Forward> {
  const child = spawn(bin, ['port-forward', ...args], {
    env: { ...process.env, KUBECONFIG: s.kubeconfig, HOME: dirname(s.kubeconfig) },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  let done = false;
  void exited.then(() => (done = true));
  const t0 = Date.now();
  while (!/Forwarding from 127\.0\.0\.1:\d+/.test(out) && !done && Date.now() - t0 < 15_000)
    await new Promise((r) => setTimeout(r, 50));
  const port = Number(/Forwarding from 127\.0\.0\.1:(\d+)/.exec(out)?.[1] ?? NaN);
  return { child, port, stderr: () => err, exited };
}

function get(
  port: number,
  path = '/',
): Promise<{ status?: number; body?: string; length?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body, length: res.headers['content-length']! }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
  });
}

for (const k of versions) {
  describe(`kubectl ${k.version} port-forward`, () => {
    test('pod/NAME: nginx answers through the forward, request after request', async () => {
      const f = await portForward(k.path, ['pod/solo', ':80', '-v=4']);
      try {
        expect(f.port).toBeGreaterThan(0);
        const page = await get(f.port);
        expect(page.status).toBe(200);
        expect(page.body).toContain('<title>Welcome to nginx!</title>');
        expect(Number(page.length)).toBe(Buffer.byteLength(page.body!));
        const missing = await get(f.port, '/nope.html');
        expect(missing.status).toBe(404);
        expect(missing.body).toContain('<center>nginx/');
        if (Number(k.version.split('.')[1]) >= 31) {
          // The WebSocket tunnel was taken, not the fallback to SPDY.
          expect(f.stderr()).toContain('negotiated protocol: portforward.k8s.io');
          expect(f.stderr()).not.toContain('fallback');
        }
      } finally {
        f.child.kill();
      }
    });

    test('a port nothing listens on: containerd’s refusal, then kubectl gives up', async () => {
      const f = await portForward(k.path, ['pod/solo', ':81']);
      const r = await get(f.port);
      expect(r.status).toBeUndefined();
      expect(r.error).toMatch(/ECONNRESET|socket hang up/);
      const code = await Promise.race([f.exited, new Promise((r) => setTimeout(() => r('running'), 5000))]);
      if (code === 'running') f.child.kill();
      expect(f.stderr()).toMatch(
        new RegExp(
          `an error occurred forwarding ${f.port} -> 81: error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace \\\\?"/var/run/netns/cni-[-0-9a-f]{36}\\\\?": failed to connect to localhost:81 inside namespace \\\\?"[0-9a-f]{64}\\\\?", IPv4: dial tcp4 127\\.0\\.0\\.1:81: connect: connection refused IPv6 dial tcp6 \\[::1\\]:81: connect: connection refused `,
        ),
      );
      // An error on the error stream closes the connection: kubectl exits with the real message.
      expect(code).toBe(1);
      expect(f.stderr()).toMatch(/error: lost connection to pod\n?$/);
    });
  });
}

describe('targets and refusals (kubectl 1.32)', () => {
  const k = versions[0];
  test('svc/NAME maps the service port to the pod’s target port; deploy/NAME picks a pod', async () => {
    if (!k) return expect(kubectls.length, 'no kubectl 1.32 here').toBe(0);
    const svc = await portForward(k.path, ['svc/web', ':8080']);
    try {
      expect((await get(svc.port)).body).toContain('Welcome to nginx!');
    } finally {
      svc.child.kill();
    }
    const deploy = await portForward(k.path, ['deploy/web', ':80']);
    try {
      expect((await get(deploy.port)).status).toBe(200);
    } finally {
      deploy.child.kill();
    }
  });

  test('a pod that is not running: kubectl refuses before it dials', async () => {
    if (!k) return expect(kubectls.length, 'no kubectl 1.32 here').toBe(0);
    const r = await s.kubectl(k.path, ['port-forward', 'pod/stuck', ':80']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: unable to forward port because pod is not running. Current status=Pending\n',
    );
    const nf = await s.kubectl(k.path, ['port-forward', 'pod/ghost', ':80']);
    expect(nf.stderr).toBe('Error from server (NotFound): pods "ghost" not found\n');
  });
});
