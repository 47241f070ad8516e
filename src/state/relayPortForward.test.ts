/**
 * `kubectl port-forward` through `kubelab serve --relay`: the SPDY streams end at the relay, and each connect and
 * HTTP request of the forward travels to the tab (the studio's RelayClient over a session) as a plain API call,
 * so the tab's simulated nginx answers the learner's local port.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { WebSocket } from 'ws';
import http from 'node:http';
import { dirname } from 'node:path';
import { createSession, type Session } from '../shell/session';
import { KubeApi } from '../serve/kubeApi';
import { ApiEndpoint } from '../serve/endpoint';
import { endpointPort } from '../serve/port';
import { serveHttp, type HttpServer } from '../serve/httpServer';
import { RelayLink } from '../serve/relayLink';
import { TOKEN_PREFIX } from '../serve/request';
import { findKubectls, kubectlFor } from '../serve/testing';
import { RelayClient } from './relay';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const kubectl = findKubectls().find((k) => k.version === '1.32') ?? findKubectls()[0];
const TOKEN = 'relay-pf-token-0123456789ab';

let server: HttpServer;
let session: Session;
let tab: RelayClient;
let kubeconfig: string;
beforeAll(async () => {
  const link = new RelayLink();
  server = await serveHttp(link, { port: 0, address: '127.0.0.1', token: TOKEN, relay: link });
  const base = `http://127.0.0.1:${server.port}`;
  link.setAddress(`${base}/?relay=${TOKEN}`, { server: `${base}${TOKEN_PREFIX}${TOKEN}`, kubeconfig: 'kc' });
  kubeconfig = kubectlFor(`${base}${TOKEN_PREFIX}${TOKEN}`, TOKEN).kubeconfig;
  session = createSession({ mode: 'script' });
  session.exec('kubectl run solo --image=nginx:1.27 --port=80');
  session.cluster.advance(30_000);
  const ep = new ApiEndpoint(new KubeApi(session, { token: TOKEN, address: `127.0.0.1:${server.port}` }));
  tab = new RelayClient(() => Promise.resolve(endpointPort(() => ep)), `127.0.0.1:${server.port}`, TOKEN);
  await tab.connect();
  const t0 = Date.now();
  while (tab.state.phase !== 'connected' && Date.now() - t0 < 5000)
    await new Promise((r) => setTimeout(r, 20));
});
afterAll(async () => {
  tab.disconnect();
  await server.close();
});

test('the tab’s nginx answers a port forwarded by the real kubectl', async () => {
  if (!kubectl) return expect(process.env.CI, 'no kubectl on the PATH in CI').toBeFalsy();
  expect(tab.state.phase).toBe('connected');
  const child = spawn(kubectl.path, ['port-forward', 'pod/solo', ':80'], {
    env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dirname(kubeconfig) },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  try {
    const t0 = Date.now();
    while (!/127\.0\.0\.1:\d+/.test(out) && Date.now() - t0 < 15_000)
      await new Promise((r) => setTimeout(r, 50));
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
    const before = tab.state.requests;
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
          let b = '';
          res.on('data', (d: Buffer) => (b += d.toString()));
          res.on('end', () => resolve(b));
        })
        .on('error', reject);
    });
    expect(body).toContain('<title>Welcome to nginx!</title>');
    // The connect and the request were the tab's to answer.
    expect(tab.state.requests - before).toBeGreaterThanOrEqual(2);
  } finally {
    child.kill();
  }
}, 30_000);
