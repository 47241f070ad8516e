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
import { serveHttp, startServer } from '../serve/httpServer';
import { RelayLink } from '../serve/relayLink';
import { fileURLToPath } from 'node:url';
import { TOKEN_PREFIX } from '../serve/request';
import { nodeFs } from './nodeFs';

export const SERVE_USAGE = `Usage: npm run -s kubelab -- serve [--port 6443] [--kubeconfig PATH] [--seed N] [--speed X]
                                  [--script FILE] [--workers N] [--address A] [--sim-dates]
       npm run -s kubelab -- serve --relay [--token T] [--port 6443] [--kubeconfig PATH] [--studio DIR]
Serves the simulated cluster as a Kubernetes API that your own kubectl can drive. With --relay, the cluster is
the one in a studio tab: open the printed address, and the tab answers the API over a WebSocket.`;

interface ServeArgs {
  port: number;
  kubeconfig: string;
  seed?: number;
  speed: number;
  script?: string;
  workers?: number;
  address: string;
  simDates: boolean;
  relay: boolean;
  token?: string;
  studio?: string;
}

function parseArgs(argv: string[]): ServeArgs | string {
  const a: ServeArgs = {
    port: 6443,
    kubeconfig: 'kubelab.kubeconfig',
    speed: 1,
    address: '127.0.0.1',
    simDates: false,
    relay: false,
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
      case '--relay':
        a.relay = true;
        break;
      case '--token': {
        const t = value() ?? '';
        if (!/^[A-Za-z0-9_-]{16,128}$/.test(t))
          return `error: --token must be 16 to 128 letters, digits, '-' or '_', got "${t}"`;
        a.token = t;
        break;
      }
      case '--studio':
        a.studio = value() ?? '';
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
  if (a.relay) return relayMain(a);
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
  const token = a.token ?? randomBytes(24).toString('hex');
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

/** Waits for SIGINT/SIGTERM, then closes. */
function untilSignal(close: () => Promise<void>): Promise<void> {
  return new Promise<void>((done) => {
    const stop = () => {
      void close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * `kubelab serve --relay`: the API of a studio tab's live cluster. The built studio is served at `/` (so the tab
 * comes from 127.0.0.1 and its WebSocket back here is same-machine); the tab connects with the token and answers
 * every request kubectl sends here.
 */
async function relayMain(a: ServeArgs): Promise<number> {
  const studio = resolve(a.studio ?? fileURLToPath(new URL('../../dist', import.meta.url)));
  const hasStudio = existsSync(resolve(studio, 'index.html'));
  const token = a.token ?? randomBytes(24).toString('hex');
  const host = a.address.includes(':') ? `[${a.address}]` : a.address;
  const kubeconfig = resolve(a.kubeconfig);
  const link = new RelayLink();
  const running = await serveHttp(link, {
    port: a.port,
    address: a.address,
    token,
    relay: link,
    ...(hasStudio ? { staticDir: studio } : {}),
  });
  const base = `http://${host}:${running.port}`;
  const open = `${base}/?relay=${token}`;
  link.setAddress(open, { server: `${base}${TOKEN_PREFIX}${token}`, kubeconfig });
  writeFileSync(kubeconfig, kubeconfigText(`${base}${TOKEN_PREFIX}${token}`, token), { mode: 0o600 });
  link.onChange = (up) =>
    process.stdout.write(
      up ? 'A studio tab is connected: kubectl now drives its cluster.\n' : 'The studio tab left.\n',
    );
  process.stdout.write(
    `Kubelab relay listening at ${base}\n` +
      (hasStudio
        ? `Open the studio: ${open}\n`
        : `No built studio in ${studio} (run npm run build); a studio on this machine can still connect with the token.\n`) +
      `Kubeconfig written to ${kubeconfig}\n` +
      `Use it with your own kubectl:\n` +
      `  export KUBECONFIG=${kubeconfig}\n` +
      `  kubectl get nodes\n` +
      `Press Ctrl+C to stop.\n`,
  );
  await untilSignal(() => running.close());
  return 0;
}
