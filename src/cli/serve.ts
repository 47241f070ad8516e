/**
 * `kubelab serve`: the simulated cluster as a Kubernetes API for the real kubectl. Writes a kubeconfig (cluster,
 * user and context `kubelab`, a bearer token made for this run), serves on 127.0.0.1 unless told otherwise, and
 * runs until SIGINT/SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createSession, runScript, type Session } from '../shell/session';
import { KubeApi } from '../serve/kubeApi';
import { startServer } from '../serve/httpServer';
import { TOKEN_PREFIX } from '../serve/request';
import { nodeFs } from './nodeFs';

export const SERVE_USAGE = `Usage: npm run -s kubelab -- serve [--port 6443] [--kubeconfig PATH] [--seed N] [--speed X]
                                  [--script FILE] [--workers N] [--address A] [--sim-dates]
Serves the simulated cluster as a Kubernetes API that your own kubectl can drive.`;

interface ServeArgs {
  port: number;
  kubeconfig: string;
  seed?: number;
  speed: number;
  script?: string;
  workers?: number;
  address: string;
  simDates: boolean;
}

function parseArgs(argv: string[]): ServeArgs | string {
  const a: ServeArgs = {
    port: 6443,
    kubeconfig: 'kubelab.kubeconfig',
    speed: 1,
    address: '127.0.0.1',
    simDates: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    const num = (v: string | undefined, whole: boolean): number | string => {
      const n = Number(v);
      if (v === undefined || v === '' || !Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < 0)
        return `error: ${name} must be a ${whole ? 'whole ' : ''}number, got "${v ?? ''}"`;
      return n;
    };
    switch (name) {
      case '--port':
      case '--seed':
      case '--workers':
      case '--speed': {
        const n = num(value(), name !== '--speed');
        if (typeof n === 'string') return n;
        if (name === '--port') a.port = n;
        else if (name === '--seed') a.seed = n;
        else if (name === '--workers') a.workers = n;
        else a.speed = n;
        break;
      }
      case '--kubeconfig':
        a.kubeconfig = value() ?? '';
        break;
      case '--script':
        a.script = value() ?? '';
        break;
      case '--sim-dates':
        a.simDates = true;
        break;
      case '--address':
        a.address = value() ?? '';
        break;
      default:
        return `error: unknown option ${arg}`;
    }
  }
  return a;
}

export function kubeconfigText(server: string, token: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: kubelab
  cluster:
    server: ${server}
contexts:
- name: kubelab
  context:
    cluster: kubelab
    user: kubelab
    namespace: default
current-context: kubelab
users:
- name: kubelab
  user:
    token: ${token}
preferences: {}
`;
}

export async function serveMain(argv: string[]): Promise<number> {
  const a = parseArgs(argv);
  if (typeof a === 'string') {
    process.stderr.write(`${a}\n${SERVE_USAGE}\n`);
    return 2;
  }
  const clusterOptions = a.workers !== undefined ? { workers: a.workers } : {};
  let session: Session;
  if (a.script) {
    const path = resolve(a.script);
    if (!existsSync(path) || !statSync(path).isFile()) {
      process.stderr.write(`error: cannot read script ${a.script}: no such file\n`);
      return 1;
    }
    session = runScript(readFileSync(path, 'utf8'), {
      ...(a.seed !== undefined ? { seed: a.seed } : {}),
      fs: nodeFs(dirname(path)),
      clusterOptions,
    }).session;
  } else {
    session = createSession({
      mode: 'script',
      ...(a.seed !== undefined ? { seed: a.seed } : {}),
      clusterOptions,
    });
  }
  if (a.address !== '127.0.0.1' && a.address !== 'localhost' && a.address !== '::1')
    process.stderr.write(
      `warning: serving on ${a.address}: anyone who can reach it and has the token controls the simulated cluster\n`,
    );
  const token = randomBytes(24).toString('hex');
  const api = new KubeApi(session, { token, address: `${a.address}:${a.port}`, simDates: a.simDates });
  const running = await startServer(api, { port: a.port, address: a.address, token, speed: a.speed });
  const host = a.address.includes(':') ? `[${a.address}]` : a.address;
  const base = `http://${host}:${running.port}`;
  // (the token rides in the path: kubectl sends no credentials to a plain-HTTP server, see KubeApi.authorized)
  const server = `${base}${TOKEN_PREFIX}${token}`;
  api.opts.address = `${a.address}:${running.port}`;
  const kubeconfig = resolve(a.kubeconfig);
  writeFileSync(kubeconfig, kubeconfigText(server, token), { mode: 0o600 });
  process.stdout.write(
    `Kubelab is serving its simulated cluster at ${base}\n` +
      `Kubeconfig written to ${kubeconfig}\n` +
      `Use it with your own kubectl:\n` +
      `  export KUBECONFIG=${kubeconfig}\n` +
      `  kubectl get nodes\n` +
      `Clock: ${a.speed === 0 ? 'frozen (--speed 0)' : `wall time x ${a.speed}`}. Press Ctrl+C to stop.\n`,
  );
  await new Promise<void>((done) => {
    const stop = () => {
      void running.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
