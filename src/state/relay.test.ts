/**
 * `kubelab serve --relay` end to end without a browser: the relay (httpServer + RelayLink) in this process, a
 * "tab" made of the studio's own RelayClient over a session, and the real kubectl driving that session through
 * the relay: plain requests, a watch, exec, the token, and the 503 while no tab is connected. Then the same tab
 * as the studio runs it: its simulation behind the worker protocol (SimCore and RemoteHost, every message
 * structured-cloned), the API answered inside the "worker" and streamed out of it (watch, followed logs, exec).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { createSession, type Session } from '../shell/session';
import { KubeApi } from '../serve/kubeApi';
import { ApiEndpoint } from '../serve/endpoint';
import { endpointPort } from '../serve/port';
import { serveHttp, type HttpServer } from '../serve/httpServer';
import { RelayLink } from '../serve/relayLink';
import { RELAY_PATH } from '../serve/relayWire';
import { TOKEN_PREFIX } from '../serve/request';
import { findKubectls, kubectlFor, type KubectlRun } from '../serve/testing';
import { RelayClient } from './relay';
import { hostApiPort } from './relayPort';
import { SimCore } from './worker/simCore';
import { RemoteHost } from './worker/remoteHost';
import type { FromWorker, ToWorker } from './worker/protocol';
import type { SessionModule } from './session';
import * as sessionModule from '../shell/session';

// The studio's client uses the browser's WebSocket; Node 20 has none, the ws package speaks the same API.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const kubectl = findKubectls().find((k) => k.version === '1.32') ?? findKubectls()[0];
const TOKEN = 'relay-test-token-0123456789';

describe('relay', () => {
  let http: HttpServer;
  let link: RelayLink;
  let session: Session;
  let tab: RelayClient;
  let run: KubectlRun;
  let base: string;
  beforeAll(async () => {
    link = new RelayLink();
    http = await serveHttp(link, { port: 0, address: '127.0.0.1', token: TOKEN, relay: link });
    base = `http://127.0.0.1:${http.port}`;
    link.setAddress(`${base}/?relay=${TOKEN}`, {
      server: `${base}${TOKEN_PREFIX}${TOKEN}`,
      kubeconfig: 'kc',
    });
    run = kubectlFor(`${base}${TOKEN_PREFIX}${TOKEN}`, TOKEN).kubectl;
    session = createSession({ mode: 'script' });
    const ep = new ApiEndpoint(new KubeApi(session, { token: TOKEN, address: `127.0.0.1:${http.port}` }));
    tab = new RelayClient(() => Promise.resolve(endpointPort(() => ep)), `127.0.0.1:${http.port}`, TOKEN);
  });
  afterAll(async () => {
    tab.disconnect();
    await http.close();
  });

  test('no tab: 503 naming the address to open; a wrong token cannot take the relay', async () => {
    const r = await fetch(`${base}${TOKEN_PREFIX}${TOKEN}/api/v1/pods`);
    expect(r.status).toBe(503);
    expect(((await r.json()) as { message: string }).message).toContain(`open ${base}/?relay=${TOKEN}`);
    expect((await fetch(`${base}/api/v1/pods`)).status).toBe(401);
    const bad = new WebSocket(`ws://127.0.0.1:${http.port}${RELAY_PATH}?token=${'x'.repeat(20)}`);
    const refused = await new Promise<boolean>((resolve) => {
      bad.on('open', () => resolve(false));
      bad.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  test('the real kubectl drives the tab’s cluster: create deployment, get, watch, exec', async () => {
    if (!kubectl) {
      expect(process.env.CI, 'no kubectl on the PATH in CI').toBeFalsy();
      return;
    }
    await tab.connect();
    const t0 = Date.now();
    while (tab.state.phase !== 'connected' && Date.now() - t0 < 5000)
      await new Promise((r) => setTimeout(r, 20));
    expect(tab.state.phase).toBe('connected');
    expect(tab.state.server).toBe(`${base}${TOKEN_PREFIX}${TOKEN}`);
    const c = await run(kubectl.path, ['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    expect([c.code, c.stdout, c.stderr]).toEqual([0, 'deployment.apps/web created\n', '']);
    expect(session.cluster.api.get('Deployment', 'default', 'web')).toBeDefined();
    expect(tab.state.requests).toBeGreaterThan(0);
    // The tab's own clock moves time in the studio; here the test moves it.
    session.cluster.advance(30_000);
    const g = await run(kubectl.path, ['get', 'deploy', 'web']);
    expect(g.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+2\/2\s+2\s+2\s+\S+\n$/);
    // A watch streams through the relay: a change made in the tab reaches kubectl get -w.
    const watch = run(kubectl.path, ['get', 'configmaps', '-w', '--request-timeout=3s'], { timeoutMs: 8000 });
    await new Promise((r) => setTimeout(r, 1000));
    session.exec('kubectl create configmap seen-by-watch --from-literal=a=b');
    const w = await watch;
    expect(w.stdout).toMatch(/^seen-by-watch\s+1\s+\S+$/m);
    const pod = (await run(kubectl.path, ['get', 'pods', '-l', 'app=web', '-o', 'name'])).stdout.split(
      '\n',
    )[0]!;
    const e = await run(kubectl.path, ['exec', pod, '--', 'sh', '-c', 'echo hi; exit 3']);
    expect([e.code, e.stdout]).toEqual([3, 'hi\n']);
    expect(e.stderr).toContain('command terminated with exit code 3');
    // The tab leaves: the API says so again.
    tab.disconnect();
    const t1 = Date.now();
    while (link.connected && Date.now() - t1 < 5000) await new Promise((r) => setTimeout(r, 20));
    expect((await run(kubectl.path, ['get', 'pods'])).stderr).toContain('no Kubelab studio is connected');
  }, 60_000);
});

/** A RemoteHost and a SimCore joined as a Worker joins them: structured clones, asynchronous, in order. */
function workerHost(): RemoteHost {
  let toMain: ((m: FromWorker) => void) | undefined;
  const core = new SimCore(sessionModule as unknown as SessionModule, {
    post: (m) => {
      const copy = structuredClone(m);
      queueMicrotask(() => toMain?.(copy));
    },
    // the core's clock loop stays off (the test moves time); the serve layer's own timers are real
    schedule: () => undefined,
    now: () => Date.now(),
  });
  return new RemoteHost({
    post: (m: ToWorker) => {
      const copy = structuredClone(m);
      setTimeout(() => core.handle(copy), 0);
    },
    listen: (fn) => {
      toMain = fn;
    },
  });
}

describe('relay to a simulation in its worker', () => {
  let http: HttpServer;
  let link: RelayLink;
  let host: RemoteHost;
  let tab: RelayClient;
  let run: KubectlRun;
  beforeAll(async () => {
    link = new RelayLink();
    http = await serveHttp(link, { port: 0, address: '127.0.0.1', token: TOKEN, relay: link });
    const base = `http://127.0.0.1:${http.port}`;
    link.setAddress(`${base}/?relay=${TOKEN}`, {
      server: `${base}${TOKEN_PREFIX}${TOKEN}`,
      kubeconfig: 'kc',
    });
    run = kubectlFor(`${base}${TOKEN_PREFIX}${TOKEN}`, TOKEN).kubectl;
    host = workerHost();
    await host.init({ seed: 1, playing: false, speed: 1, lang: 'en', files: [] });
    tab = new RelayClient(
      (token) => hostApiPort(host, token, `127.0.0.1:${http.port}`),
      `127.0.0.1:${http.port}`,
      TOKEN,
    );
  });
  afterAll(async () => {
    tab.disconnect();
    host.close();
    await http.close();
  });

  test('the real kubectl: create, get, a watch, followed logs and exec, answered in the worker', async () => {
    if (!kubectl) {
      expect(process.env.CI, 'no kubectl on the PATH in CI').toBeFalsy();
      return;
    }
    await tab.connect();
    const t0 = Date.now();
    while (tab.state.phase !== 'connected' && Date.now() - t0 < 5000)
      await new Promise((r) => setTimeout(r, 20));
    expect(tab.state.phase).toBe('connected');
    const c = await run(kubectl.path, ['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    expect([c.code, c.stdout, c.stderr]).toEqual([0, 'deployment.apps/web created\n', '']);
    // the worker pushed what kubectl created: the page's mirror has it without asking
    expect(host.cluster.api.get('Deployment', 'default', 'web')).toBeDefined();
    await host.advanceBy(30_000);
    const g = await run(kubectl.path, ['get', 'deploy', 'web']);
    expect(g.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+2\/2\s+2\s+2\s+\S+\n$/);
    // a watch streams out of the worker: a command typed in the studio's terminal reaches kubectl get -w
    const watch = run(kubectl.path, ['get', 'configmaps', '-w', '--request-timeout=3s'], { timeoutMs: 8000 });
    await new Promise((r) => setTimeout(r, 1000));
    await host.exec('kubectl create configmap seen-by-watch --from-literal=a=b');
    expect((await watch).stdout).toMatch(/^seen-by-watch\s+1\s+\S+$/m);
    // followed logs: lines arrive as the simulation's clock moves, and the stream ends with the pod
    await host.exec(
      "kubectl run ticker --image=busybox --restart=Never -- sh -c 'for i in 1 2 3; do echo tick $i; sleep 2; done'",
    );
    await host.advanceBy(3_000);
    const logs = run(kubectl.path, ['logs', '-f', 'ticker'], { timeoutMs: 15_000 });
    await new Promise((r) => setTimeout(r, 800));
    await host.advanceBy(30_000);
    const l = await logs;
    expect([l.code, l.stdout]).toEqual([0, 'tick 1\ntick 2\ntick 3\n']);
    const pod = (await run(kubectl.path, ['get', 'pods', '-l', 'app=web', '-o', 'name'])).stdout.split(
      '\n',
    )[0]!;
    const e = await run(kubectl.path, ['exec', pod, '--', 'sh', '-c', 'echo hi; exit 3']);
    expect([e.code, e.stdout]).toEqual([3, 'hi\n']);
    expect(e.stderr).toContain('command terminated with exit code 3');
    expect(tab.state.requests).toBeGreaterThan(5);
  }, 60_000);
});
