/**
 * The socket side: the CLI contract of `kubelab serve` (spawned), body limits, bounded watches, watch
 * resourceVersion semantics and 410 Gone.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testServer, type TestServer } from './testing';
import { TOKEN_PREFIX } from './request';
import { WATCH_BUFFER } from './watchHub';
import { WebSocket } from 'ws';
import { runScript } from '../shell/session';

test('kubelab serve --script --seed: same state as kubelab run; prints where it serves, writes the kubeconfig, answers 401 without the token, exits 0 on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-cli-'));
  const kc = join(dir, 'kc');
  const script = join(__dirname, 'fixtures/parity.sh');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'serve',
      '--port',
      '0',
      '--speed',
      '0',
      '--kubeconfig',
      kc,
      '--script',
      script,
      '--seed',
      '5',
    ],
    { cwd: join(__dirname, '../..') },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const t0 = Date.now();
  while (!out.includes('Ctrl+C') && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 50));
  const url = /serving its simulated cluster at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  expect(url, out).toBeDefined();
  const config = readFileSync(kc, 'utf8');
  const token = /token: (\S+)/.exec(config)![1]!;
  expect(config).toContain(`server: ${url}${TOKEN_PREFIX}${token}`);
  expect(config).toMatch(/current-context: kubelab/);
  expect((await fetch(`${url}/api`)).status).toBe(401);
  expect((await fetch(`${url}/api`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  expect((await fetch(`${url}${TOKEN_PREFIX}${token}/version`)).status).toBe(200);
  // Same seed and script ⇒ the same state as `kubelab run` of that script.
  const served = (await (await fetch(`${url}${TOKEN_PREFIX}${token}/api/v1/pods`)).json()) as {
    items: { metadata: { name: string; uid: string } }[];
  };
  const ran = runScript(readFileSync(script, 'utf8'), { seed: 5 }).session.cluster.api.list('Pod');
  expect(served.items.map((p) => `${p.metadata.name} ${p.metadata.uid}`)).toEqual(
    ran.map((p) => `${p.metadata.name} ${p.metadata.uid}`),
  );
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.kill('SIGTERM');
  });
  expect(code).toBe(0);
}, 30_000);

describe('over sockets', () => {
  let s: TestServer;
  const url = (p: string) => `${s.base}${TOKEN_PREFIX}${s.token}${p}`;
  beforeAll(async () => {
    s = await testServer({ speed: 0 });
  });
  afterAll(async () => s.close());

  test('413 past 3 MiB', async () => {
    const big = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'big' },
      data: { a: 'x'.repeat(3 * 1024 * 1024 + 10) },
    });
    const r = await fetch(url('/api/v1/namespaces/default/configmaps'), {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json' },
    }).catch(() => undefined);
    // (the server answers 413 then closes; a client may see the reply or the reset)
    if (r) expect(r.status).toBe(413);
    expect(s.session.cluster.api.get('ConfigMap', 'default', 'big')).toBeUndefined();
  });

  test('watch: ADDED for what exists at rv 0, only later events after a list rv, 410 after the buffer', async () => {
    const list = (await (await fetch(url('/api/v1/namespaces/default/configmaps'))).json()) as {
      metadata: { resourceVersion: string };
    };
    const ctl = new AbortController();
    const res = await fetch(
      url(`/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${list.metadata.resourceVersion}`),
      { signal: ctl.signal },
    );
    const reader = res.body!.getReader();
    await fetch(url('/api/v1/namespaces/default/configmaps'), {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w1' } }),
    });
    let text = '';
    while (!text.includes('\n')) text += new TextDecoder().decode((await reader.read()).value);
    const ev = JSON.parse(text.split('\n')[0]!) as { type: string; object: { metadata: { name: string } } };
    expect([ev.type, ev.object.metadata.name]).toEqual(['ADDED', 'w1']);
    ctl.abort();
    const zero = await fetch(
      url('/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=0&timeoutSeconds=1'),
    );
    const all = (await zero.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string } } });
    expect(all.map((e) => e.object.metadata.name).sort()).toEqual(['kube-root-ca.crt', 'w1']);
    expect(all.every((e) => e.type === 'ADDED')).toBe(true);
    // Many writes push the old revision out of the buffer.
    const api = s.session.cluster.api;
    for (let i = 0; i < WATCH_BUFFER + 10; i++)
      api.mutate(
        'ConfigMap',
        'default',
        'w1',
        (o) => void ((o as { data?: Record<string, string> }).data = { i: String(i) }),
      );
    const gone = await fetch(
      url(`/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${list.metadata.resourceVersion}`),
    );
    const err = JSON.parse((await gone.text()).trim()) as {
      type: string;
      object: { code: number; reason: string };
    };
    expect(err).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
  }, 30_000);

  test('watch over WebSocket: one event per frame', async () => {
    const wsUrl = url('/api/v1/namespaces/kube-system/pods?watch=1&resourceVersion=0').replace(
      'http:',
      'ws:',
    );
    const ws = new WebSocket(wsUrl);
    const frames: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (d: Buffer) => {
        frames.push(d.toString());
        if (frames.length >= 3) resolve();
      });
      ws.on('error', reject);
    });
    ws.close();
    const events = frames.map((f) => JSON.parse(f) as { type: string; object: { kind: string } });
    expect(events.every((e) => e.type === 'ADDED' && e.object.kind === 'Pod')).toBe(true);
  });

  test('too many watches: 429 with Retry-After', async () => {
    const s2 = await testServer({ speed: 0 });
    (s2.running.hub as unknown as { watches: Set<unknown> }).watches = new Set(
      Array.from({ length: 500 }, (_, i) => ({ i })),
    );
    const r = await fetch(`${s2.base}${TOKEN_PREFIX}${s2.token}/api/v1/pods?watch=1`);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    (s2.running.hub as unknown as { watches: Set<unknown> }).watches = new Set();
    await s2.close();
  });
});
