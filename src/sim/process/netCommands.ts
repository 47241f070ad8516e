/**
 * Network clients inside a container: busybox `wget`, `nslookup`, `nc`, `ping`, and `curl` (images that ship it).
 * They ask the IO (the cluster network) and take the request's latency in virtual time.
 */
import { parseFlags, type CmdCtx, type CmdFn, type CmdResult } from './applet';

/** Error strings a {@link ProcessIO.http} may return, and how clients word them. */
export type HttpErrorKind = 'bad address' | 'connection refused' | 'timed out' | 'no route to host';

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Unknown';
}

export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

export function parseUrl(raw: string): ParsedUrl | undefined {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/i.exec(raw.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return {
    scheme,
    host: m[2]!,
    port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80,
    path: m[4] || '/',
  };
}

/** A deterministic address for a host the cluster does not know (the outside world). */
export function externalAddress(host: string): string {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  let h = 2166136261;
  for (const ch of host) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `93.${(h >>> 16) & 127}.${(h >>> 8) & 255}.${(h & 253) + 1}`;
}

/**
 * The small fixed page an IO can answer for hosts outside the cluster (the simulator has no internet):
 * `wget http://info.cern.ch` in the init-container tutorial fills the emptyDir with it.
 */
export function externalPage(url: string): { status: number; body: string; latencyMs: number } {
  const u = parseUrl(url);
  const host = u?.host ?? url;
  if (host === 'info.cern.ch') {
    return {
      status: 200,
      latencyMs: 120,
      body:
        '<html><head></head><body><header>\n<title>http://info.cern.ch</title>\n</header>\n\n' +
        '<h1>http://info.cern.ch - home of the first website</h1>\n' +
        '<p>From here you can:</p>\n<ul>\n' +
        '<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>\n' +
        '<li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>\n' +
        '<li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>\n' +
        '<li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>\n' +
        '</ul>\n</body></html>\n',
    };
  }
  return {
    status: 200,
    latencyMs: 80,
    body: `<!doctype html>\n<html><head><title>${host}</title></head>\n<body><h1>${host}</h1>\n<p>A page from outside the cluster (simulated).</p></body></html>\n`,
  };
}

function addressOf(c: CmdCtx, host: string): string {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  return c.m.io.resolve(c.m.proc.cid, host)?.addresses[0] ?? externalAddress(host);
}

function errKind(e: string): HttpErrorKind | 'other' {
  const s = e.toLowerCase();
  if (/bad address|resolve|nxdomain|no such host|unknown host/.test(s)) return 'bad address';
  if (/refused/.test(s)) return 'connection refused';
  if (/time/.test(s)) return 'timed out';
  if (/route|unreachable/.test(s)) return 'no route to host';
  return 'other';
}

function progressLine(name: string, size: number): string {
  return `${name.padEnd(20).slice(0, 20)}100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA\n`;
}

const wget: CmdFn = (c): CmdResult => {
  const { flags, args } = parseFlags(c.argv, 'OTUPYeo', {
    quiet: 'q',
    'output-document': 'O',
    timeout: 'T',
    spider: 'spider',
    'user-agent': 'U',
    'no-check-certificate': 'no-check-certificate',
  });
  const raw = args[0];
  if (!raw) {
    c.err(
      'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n',
    );
    return { status: 1 };
  }
  const u = parseUrl(raw);
  if (!u) {
    c.err(`wget: bad address '${raw}'\n`);
    return { status: 1 };
  }
  const url = `${u.scheme}://${u.host}${u.port !== 80 && u.port !== 443 ? `:${u.port}` : ''}${u.path}`;
  const quiet = !!flags.q;
  const timeoutMs = typeof flags.T === 'string' ? Math.max(1, Number(flags.T) || 900) * 1000 : 900_000;
  const r = c.m.io.http(c.m.proc.cid, url, timeoutMs);
  const delay = Math.max(1, r.latencyMs);
  if ('error' in r) {
    const k = errKind(r.error);
    if (k === 'bad address') c.err(`wget: bad address '${u.host}${u.port !== 80 ? `:${u.port}` : ''}'\n`);
    else {
      if (!quiet) c.err(`Connecting to ${u.host} (${addressOf(c, u.host)}:${u.port})\n`);
      if (k === 'connection refused')
        c.err(`wget: can't connect to remote host (${addressOf(c, u.host)}): Connection refused\n`);
      else if (k === 'timed out') c.err('wget: download timed out\n');
      else if (k === 'no route to host')
        c.err(`wget: can't connect to remote host (${addressOf(c, u.host)}): No route to host\n`);
      else c.err(`wget: ${r.error}\n`);
    }
    return { status: 1, delay, child: c.argv.join(' ') };
  }
  if (!quiet) c.err(`Connecting to ${u.host} (${addressOf(c, u.host)}:${u.port})\n`);
  if (r.status >= 400) {
    c.err(`wget: server returned error: HTTP/1.1 ${r.status} ${reasonPhrase(r.status)}\n`);
    return { status: 1, delay };
  }
  if (flags.spider) {
    if (!quiet) c.err('remote file exists\n');
    return { status: 0, delay };
  }
  const target =
    typeof flags.O === 'string'
      ? flags.O
      : u.path
          .replace(/[?#].*$/, '')
          .split('/')
          .pop() || 'index.html';
  if (target === '-') {
    if (!quiet) c.err('writing to stdout\n');
    c.out(r.body);
    if (!quiet) c.err(progressLine('-', r.body.length) + 'written to stdout\n');
    return { status: 0, delay };
  }
  const p = c.path(target);
  const cid = c.m.proc.cid;
  if (typeof flags.O !== 'string' && (c.m.io.readFile(cid, p) !== undefined || c.m.io.isDir(cid, p))) {
    c.err(`wget: can't open '${target}': File exists\n`);
    return { status: 1, delay };
  }
  if (!quiet) c.err(`saving to '${target}'\n`);
  if (!c.m.io.writeFile(cid, p, r.body)) {
    c.err(`wget: can't open '${target}': No such file or directory\n`);
    return { status: 1, delay };
  }
  if (!quiet)
    c.err(progressLine(target.slice(target.lastIndexOf('/') + 1), r.body.length) + `'${target}' saved\n`);
  return { status: 0, delay };
};

const curl: CmdFn = (c): CmdResult => {
  const { flags, args } = parseFlags(c.argv, 'oXHdmwAue', {
    silent: 's',
    output: 'o',
    fail: 'f',
    include: 'i',
    head: 'I',
    location: 'L',
    'max-time': 'm',
    'show-error': 'S',
    verbose: 'v',
    request: 'X',
    header: 'H',
    data: 'd',
    'write-out': 'w',
    'connect-timeout': 'connect-timeout',
  });
  const raw = args[0];
  if (!raw) {
    c.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return { status: 2 };
  }
  const u = parseUrl(raw);
  if (!u) {
    c.err(`curl: (3) URL using bad/illegal format or missing URL\n`);
    return { status: 3 };
  }
  const showErr = !flags.s || !!flags.S;
  const url = `${u.scheme}://${u.host}${u.port !== 80 && u.port !== 443 ? `:${u.port}` : ''}${u.path}`;
  const timeoutMs =
    typeof flags.m === 'string'
      ? Number(flags.m) * 1000
      : typeof flags['connect-timeout'] === 'string'
        ? Number(flags['connect-timeout']) * 1000
        : 300_000;
  const r = c.m.io.http(c.m.proc.cid, url, timeoutMs || 300_000);
  const delay = Math.max(1, r.latencyMs);
  if ('error' in r) {
    const k = errKind(r.error);
    let code = 7;
    let msg = `Failed to connect to ${u.host} port ${u.port} after ${delay} ms: Couldn't connect to server`;
    if (k === 'bad address') {
      code = 6;
      msg = `Could not resolve host: ${u.host}`;
    } else if (k === 'timed out') {
      code = 28;
      msg = `Connection timed out after ${Math.round(timeoutMs)} milliseconds`;
    } else if (k === 'no route to host')
      msg = `Failed to connect to ${u.host} port ${u.port} after ${delay} ms: No route to host`;
    if (showErr) c.err(`curl: (${code}) ${msg}\n`);
    return { status: code, delay };
  }
  if (flags.f && r.status >= 400) {
    if (showErr) c.err(`curl: (22) The requested URL returned error: ${r.status}\n`);
    return { status: 22, delay };
  }
  const head = `HTTP/1.1 ${r.status} ${reasonPhrase(r.status)}\r\nContent-Length: ${r.body.length}\r\n\r\n`;
  const body = flags.I ? head : (flags.i ? head : '') + r.body;
  if (typeof flags.o === 'string' && flags.o !== '-') {
    if (!c.m.io.writeFile(c.m.proc.cid, c.path(flags.o), body)) {
      if (showErr) c.err(`curl: (23) Failed writing body\n`);
      return { status: 23, delay };
    }
  } else c.out(body);
  if (typeof flags.w === 'string')
    c.out(flags.w.replace(/%\{http_code\}/g, String(r.status)).replace(/\\n/g, '\n'));
  return { status: 0, delay };
};

function defaultNameserver(c: CmdCtx): string {
  const rc = c.m.io.readFile(c.m.proc.cid, '/etc/resolv.conf') ?? '';
  return /nameserver\s+(\S+)/.exec(rc)?.[1] ?? '10.96.0.10';
}

const nslookup: CmdFn = (c) => {
  const { args } = parseFlags(c.argv, 'tq');
  const name = args[0];
  if (!name) {
    c.err(
      'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n',
    );
    return { status: 1 };
  }
  const r = c.m.io.resolve(c.m.proc.cid, name);
  const server = r?.server ?? args[1] ?? defaultNameserver(c);
  let text = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  if (!r || !r.addresses.length) {
    text += `** server can't find ${name}: NXDOMAIN\n\n`;
    c.out(text);
    return { status: 1, delay: 2 };
  }
  for (const a of r.addresses) text += `Name:\t${r.name}\nAddress: ${a}\n`;
  c.out(text + '\n');
  return { status: 0, delay: 2 };
};

const nc: CmdFn = (c) => {
  const { flags, args } = parseFlags(c.argv, 'wpi');
  if (flags.l) {
    const port = Number(typeof flags.p === 'string' ? flags.p : args[0]);
    if (!Number.isInteger(port)) {
      c.err('nc: bad port\n');
      return { status: 1 };
    }
    c.m.ctl.listen(c.m.proc, { kind: 'nc', port, hits: 0 });
    return { status: 0, forever: true };
  }
  const [host, port] = args;
  if (!host || !port) {
    c.err(
      'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n',
    );
    return { status: 1 };
  }
  const resolved = /^\d+\.\d+\.\d+\.\d+$/.test(host)
    ? host
    : c.m.io.resolve(c.m.proc.cid, host)?.addresses[0];
  if (!resolved) {
    c.err(`nc: bad address '${host}'\n`);
    return { status: 1, delay: 2 };
  }
  const ok = c.m.io.tcp(c.m.proc.cid, host, Number(port));
  if (!ok) {
    c.err(`nc: ${host} (${resolved}:${port}): Connection refused\n`);
    return { status: 1, delay: 2 };
  }
  if (flags.v) c.err(`${host} (${resolved}:${port}) open\n`);
  return { status: 0, delay: 2 };
};

/** Round-trip time of echo `seq` (ms, three decimals as busybox prints): sub-millisecond inside, ~12 ms outside. */
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** Loopback and the private ranges container networks use: near, not across the internet. */
const PRIVATE = /^(?:127\.|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)/;

function rtt(outside: boolean, seq: number): number {
  return (outside ? 11_800 + ((seq * 379) % 900) : 60 + ((seq * 37) % 50)) / 1000;
}

/**
 * busybox `ping`: one echo a second. With `-c N` it stops after N replies and prints the statistics; without it
 * it prints its replies until stopped. A name nobody resolves is `bad address`.
 */
const ping: CmdFn = (c) => {
  const { flags, args } = parseFlags(c.argv, 'cWwisIt');
  const host = args[0];
  if (!host) {
    c.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
    return { status: 1 };
  }
  // An address is pinged as written, and `localhost` is in every container's /etc/hosts: neither is looked up
  // (a lookup would hand 127.0.0.1 to the outside world's resolver).
  const literal = IPV4.test(host) ? host : host === 'localhost' ? '127.0.0.1' : undefined;
  const r = literal ? undefined : c.m.io.resolve(c.m.proc.cid, host);
  const outside = literal ? !PRIVATE.test(literal) : !r?.addresses.length;
  if (outside && !literal && !host.includes('.')) {
    c.err(`ping: bad address '${host}'\n`);
    return { status: 1, delay: 2 };
  }
  const ip = literal ?? r?.addresses[0] ?? externalAddress(host);
  const count = typeof flags.c === 'string' ? Math.max(1, Number(flags.c) || 1) : undefined;
  const line = (seq: number) =>
    `64 bytes from ${ip}: seq=${seq} ttl=${outside ? 117 : 64} time=${rtt(outside, seq).toFixed(3)} ms\n`;
  const head = `PING ${host} (${ip}): 56 data bytes\n`;
  if (count === undefined) {
    c.out(head + line(0));
    return { status: 0, forever: true };
  }
  const times = Array.from({ length: count }, (_, i) => rtt(outside, i));
  const avg = times.reduce((a, b) => a + b, 0) / count;
  let text = head;
  for (let i = 0; i < count; i++) text += line(i);
  text +=
    `\n--- ${host} ping statistics ---\n${count} packets transmitted, ${count} packets received, 0% packet loss\n` +
    `round-trip min/avg/max = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)} ms\n`;
  return { status: 0, delay: (count - 1) * 1000 + Math.ceil(times[count - 1]!), out: text };
};

export const netCommands: Record<string, CmdFn> = { wget, curl, nslookup, nc, ping };
