/**
 * Test helpers for `kubelab serve`: finds the real kubectl binaries on this machine and runs an in-process
 * server on a free loopback port with a kubeconfig for it.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createSession, runScript, type Session } from '../shell/session';
import { KubeApi } from './kubeApi';
import { startServer, type RunningServer } from './httpServer';
import { TOKEN_PREFIX } from './request';

export interface KubectlBinary {
  /** `1.32` */
  version: string;
  path: string;
}

/** The kubectl on the PATH and the versioned `kubectl.1.NN` beside its real path. */
export function findKubectls(): KubectlBinary[] {
  const which = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' });
  const onPath = which.status === 0 ? which.stdout.trim() : '';
  if (!onPath) return [];
  const out: KubectlBinary[] = [];
  const dir = dirname(realpathSync(onPath));
  for (let minor = 27; minor <= 40; minor++) {
    const p = join(dir, `kubectl.1.${minor}`);
    if (existsSync(p)) out.push({ version: `1.${minor}`, path: p });
  }
  if (!out.length) out.push({ version: 'path', path: onPath });
  return out;
}

export interface TestServer {
  running: RunningServer;
  session: Session;
  kubeconfig: string;
  token: string;
  base: string;
  kubectl(
    bin: string,
    args: string[],
    opts?: { input?: string; timeoutMs?: number },
  ): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

/** A server over a fresh cluster (or a script's end state) on a free loopback port. */
export async function testServer(
  opts: { speed: number; script?: string; seed?: number; simDates?: boolean } = { speed: 1 },
): Promise<TestServer> {
  const session = opts.script
    ? runScript(opts.script, opts.seed !== undefined ? { seed: opts.seed } : {}).session
    : createSession({ mode: 'script', ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  const token = `t${Math.floor(Math.random() * 1e12).toString(16)}`;
  const api = new KubeApi(session, {
    token,
    address: '127.0.0.1:0',
    ...(opts.simDates ? { simDates: true } : {}),
  });
  const running = await startServer(api, {
    port: 0,
    address: '127.0.0.1',
    token,
    speed: opts.speed,
    tickMs: 20,
  });
  api.opts.address = `127.0.0.1:${running.port}`;
  const base = `http://127.0.0.1:${running.port}`;
  const { kubeconfig, kubectl } = kubectlFor(`${base}${TOKEN_PREFIX}${token}`, token);
  return {
    running,
    session,
    kubeconfig,
    token,
    base,
    kubectl,
    close: () => running.close(),
  };
}

export type KubectlRun = TestServer['kubectl'];

/** A kubeconfig for `server` in a fresh folder (its own HOME and discovery cache), and a runner of kubectl with it. */
export function kubectlFor(server: string, token: string): { kubeconfig: string; kubectl: KubectlRun } {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-serve-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: kubelab\n  cluster:\n    server: ${server}\ncontexts:\n- name: kubelab\n  context:\n    cluster: kubelab\n    user: kubelab\n    namespace: default\ncurrent-context: kubelab\nusers:\n- name: kubelab\n  user:\n    token: ${token}\n`,
  );
  const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: dir, KUBECACHEDIR: join(dir, 'cache') };
  return {
    kubeconfig,
    kubectl: (bin, args, o = {}) =>
      new Promise((resolve) => {
        const child = execFile(
          bin,
          args,
          { env, timeout: o.timeoutMs ?? 20_000, encoding: 'utf8' },
          (err, stdout, stderr) => {
            const code = err
              ? typeof (err as { code?: unknown }).code === 'number'
                ? (err as { code: number }).code
                : 1
              : 0;
            resolve({ code, stdout, stderr });
          },
        );
        if (o.input !== undefined) child.stdin?.end(o.input);
      }),
  };
}
