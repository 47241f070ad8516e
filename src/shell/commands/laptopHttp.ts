/**
 * `curl` and `wget` on "your laptop": requests from outside the cluster to `kubectl port-forward` tunnels
 * and ports Docker containers publish (localhost), NodePorts on node IPs, LoadBalancer IPs and the ingress
 * controller (node IPs on 80/443, or an Ingress host name). ClusterIPs and pod IPs are not reachable from here, as on a real laptop.
 */
import type { CommandContext, CommandDef } from '../types';
import type { Cluster } from '../../sim/cluster';
import type { DockerDaemon } from '../../sim/docker/daemon';
import { laptopHttp, type LaptopOutcome } from '../../sim/network/outside';
import { parseUrl, reasonPhrase } from '../../sim/process/netCommands';

interface Opts {
  flags: Map<string, string | true>;
  headers: string[];
  args: string[];
  bad?: string;
}

/** A small getopt: `short` maps letters to long names; `withValue` lists long names taking a value. */
function parse(argv: string[], short: Record<string, string>, withValue: Set<string>): Opts {
  const o: Opts = { flags: new Map(), headers: [], args: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const set = (name: string, v: string | true) =>
      name === 'header' && typeof v === 'string' ? o.headers.push(v) : o.flags.set(name, v);
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (withValue.has(name)) set(name, eq > 0 ? a.slice(eq + 1) : (argv[++i] ?? ''));
      else set(name, true);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const name = short[a[j]!];
        if (!name) {
          o.bad = a[j]!;
          return o;
        }
        if (withValue.has(name)) {
          const rest = a.slice(j + 1);
          set(name, rest || (argv[++i] ?? ''));
          break;
        }
        set(name, true);
      }
    } else o.args.push(a);
  }
  return o;
}

/**
 * The laptop's view: Docker Desktop publishes container ports (`docker run -p 8080:80`) on its loopback, and
 * everything else goes the cluster's way (port-forwards, NodePorts, LoadBalancers, Ingress).
 */
function request(c: Cluster, raw: string, host: string | undefined): LaptopOutcome {
  const u = parseUrl(raw);
  if (u && (u.host === 'localhost' || u.host === '127.0.0.1' || u.host === '[::1]')) {
    const docker: DockerDaemon | undefined = c.docker;
    const published = docker?.publishedHttp(u.port, u.path);
    if (published && 'reset' in published) return { error: 'Connection reset by peer', latencyMs: 1 };
    if (published) return { status: published.status, body: published.body, latencyMs: 1 };
  }
  return laptopHttp(c, raw, host);
}

function hostHeader(headers: string[]): string | undefined {
  for (const h of headers) {
    const m = /^\s*host\s*:\s*(.+?)\s*$/i.exec(h);
    if (m) return m[1];
  }
  return undefined;
}

function curlRun(ctx: CommandContext): number {
  const o = parse(
    ctx.argv,
    {
      s: 'silent',
      S: 'show-error',
      i: 'include',
      I: 'head',
      H: 'header',
      o: 'output',
      f: 'fail',
      v: 'verbose',
      L: 'location',
      m: 'max-time',
      w: 'write-out',
      k: 'insecure',
    },
    new Set(['header', 'output', 'max-time', 'write-out', 'connect-timeout']),
  );
  if (o.bad) {
    ctx.err(
      `curl: option -${o.bad}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
    );
    return 2;
  }
  const raw = o.args[0];
  if (!raw) {
    ctx.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const u = parseUrl(raw);
  const showErr = !o.flags.has('silent') || o.flags.has('show-error');
  if (!u) {
    if (showErr) ctx.err('curl: (3) URL using bad/illegal format or missing URL\n');
    return 3;
  }
  const r = request(ctx.cluster, raw, hostHeader(o.headers));
  const fail = (code: number, msg: string) => {
    if (showErr) ctx.err(`curl: (${code}) ${msg}\n`);
    return code;
  };
  if ('resolveError' in r) return fail(6, `Could not resolve host: ${r.resolveError}`);
  if ('error' in r) {
    if (/refused/i.test(r.error))
      return fail(7, `Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`);
    if (/empty reply/i.test(r.error)) return fail(52, 'Empty reply from server');
    if (/reset/i.test(r.error)) return fail(56, 'Recv failure: Connection reset by peer');
    const limit =
      typeof o.flags.get('max-time') === 'string' ? Number(o.flags.get('max-time')) * 1000 : undefined;
    if (limit !== undefined) return fail(28, `Connection timed out after ${limit + 1} milliseconds`);
    return fail(28, `Failed to connect to ${u.host} port ${u.port} after 135000 ms: Timeout was reached`);
  }
  if (o.flags.has('fail') && r.status >= 400)
    return fail(22, `The requested URL returned error: ${r.status}`);
  const head = `HTTP/1.1 ${r.status} ${reasonPhrase(r.status)}\r\nContent-Length: ${r.body.length}\r\n\r\n`;
  const text = o.flags.has('head') ? head : (o.flags.has('include') ? head : '') + r.body;
  const out = o.flags.get('output');
  if (typeof out === 'string' && out !== '-') {
    if (!ctx.fs.write) return fail(23, 'Failed writing body');
    ctx.fs.write(out, text);
  } else ctx.out(text);
  const w = o.flags.get('write-out');
  if (typeof w === 'string') ctx.out(w.replace(/%\{http_code\}/g, String(r.status)).replace(/\\n/g, '\n'));
  return 0;
}

function wgetRun(ctx: CommandContext): number {
  const o = parse(
    ctx.argv,
    { q: 'quiet', O: 'output-document', T: 'timeout' },
    new Set(['output-document', 'timeout', 'header']),
  );
  if (o.bad) {
    ctx.err(`wget: invalid option -- '${o.bad}'\nUsage: wget [OPTION]... [URL]...\n`);
    return 2;
  }
  const raw = o.args[0];
  if (!raw) {
    ctx.err("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    return 1;
  }
  const u = parseUrl(raw);
  const quiet = o.flags.has('quiet');
  if (!u) {
    ctx.err(`${raw}: Invalid URL\n`);
    return 1;
  }
  const url = `${u.scheme}://${u.host}${u.port !== 80 && u.port !== 443 ? `:${u.port}` : ''}${u.path}`;
  const log = (s: string) => void (quiet ? undefined : ctx.err(s));
  const stamp = ctx.cluster.iso().replace('T', ' ').replace('Z', '');
  log(`--${stamp}--  ${url}\n`);
  const r = request(ctx.cluster, raw, hostHeader(o.headers));
  if ('resolveError' in r) {
    log(`Resolving ${u.host} (${u.host})... failed: Name or service not known.\n`);
    log(`wget: unable to resolve host address ‘${u.host}’\n`);
    return 4;
  }
  log(`Connecting to ${u.host}:${u.port}... `);
  if ('error' in r) {
    if (/refused/i.test(r.error)) log('failed: Connection refused.\n');
    else if (/empty|reset/i.test(r.error))
      log('connected.\nHTTP request sent, awaiting response... No data received.\n');
    else log('failed: Connection timed out.\n');
    return 4;
  }
  log('connected.\n');
  log(`HTTP request sent, awaiting response... ${r.status} ${reasonPhrase(r.status)}\n`);
  if (r.status >= 400) {
    log(`${stamp} ERROR ${r.status}: ${reasonPhrase(r.status)}.\n\n`);
    return 8;
  }
  const target = o.flags.get('output-document');
  const file =
    typeof target === 'string'
      ? target
      : u.path
          .replace(/[?#].*$/, '')
          .split('/')
          .pop() || 'index.html';
  log(`Length: ${r.body.length} [text/html]\n`);
  if (file === '-') {
    ctx.out(r.body);
    return 0;
  }
  log(`Saving to: ‘${file}’\n\n`);
  if (ctx.fs.write) ctx.fs.write(file, r.body);
  else ctx.out(r.body);
  log(
    `${file.padEnd(20)} 100%[===================>] ${r.body.length}  --.-KB/s    in 0s\n\n${stamp} - ‘${file}’ saved [${r.body.length}/${r.body.length}]\n\n`,
  );
  return 0;
}

export const curlCommand: CommandDef = {
  name: 'curl',
  summary: {
    en: 'Send an HTTP request from your laptop (port-forwards, NodePorts, LoadBalancers, Ingress)',
    zh: '从你的笔记本电脑发送 HTTP 请求（端口转发、NodePort、LoadBalancer、Ingress）',
  },
  usage: 'curl [-s] [-i] [-H "Host: name"] [-o file] <url>',
  run: curlRun,
};

export const wgetCommand: CommandDef = {
  name: 'wget',
  summary: {
    en: 'Download a URL from your laptop (port-forwards, NodePorts, LoadBalancers, Ingress)',
    zh: '从你的笔记本电脑下载 URL（端口转发、NodePort、LoadBalancer、Ingress）',
  },
  usage: 'wget [-q] [-O file|-] [--header "Host: name"] <url>',
  run: wgetRun,
};
