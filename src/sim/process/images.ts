/**
 * Known images: what their programs do (ports, start-up logs, memory, CPU per request, how they answer HTTP).
 * Matched by repository name, any tag, registry prefix stripped. ENTRYPOINT/CMD belong to the runtime's image
 * catalog; {@link knownImage} offers the real values as a reference for it, and the programs below interpret
 * whatever argv the runtime resolves.
 */
import { appended } from '../util/shapes';
import type { CmdCtx, CmdFn, CmdResult } from './applet';
import { dateText, wallMs } from './dateCommand';
import type { Machine } from './machine';
import { logText, resolvePath } from './machine';
import { piDigits } from './piDigits';
import type { Proc, ServerState } from './types';

const MiB = 1024 * 1024;

/** Splits an image reference into its repository family (`nginx`, `hpa-example`, `stress`…) and tag. */
export function normalizeImage(image: string): { repo: string; family: string; tag: string } {
  let ref = image.trim();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  let tag = 'latest';
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) {
    tag = ref.slice(colon + 1);
    ref = ref.slice(0, colon);
  }
  const segs = ref.split('/');
  if (segs.length > 1 && /[.:]|^localhost$/.test(segs[0]!)) segs.shift();
  if (segs[0] === 'library') segs.shift();
  const repo = segs.join('/');
  const family = segs[segs.length - 1] ?? repo;
  return { repo, family, tag };
}

/** Real ENTRYPOINT / CMD / ports of the images the simulator models (a reference for the runtime's catalog). */
export interface KnownImage {
  family: string;
  entrypoint: string[];
  cmd: string[];
  ports: number[];
  /** Whether the image has a shell (`distroless` / `scratch` images do not). */
  shell: boolean;
}

const KNOWN: Record<string, Omit<KnownImage, 'family'>> = {
  nginx: {
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    ports: [80],
    shell: true,
  },
  httpd: { entrypoint: [], cmd: ['httpd-foreground'], ports: [80], shell: true },
  redis: { entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], ports: [6379], shell: true },
  busybox: { entrypoint: [], cmd: ['sh'], ports: [], shell: true },
  alpine: { entrypoint: [], cmd: ['/bin/sh'], ports: [], shell: true },
  ubuntu: { entrypoint: [], cmd: ['/bin/bash'], ports: [], shell: true },
  debian: { entrypoint: [], cmd: ['bash'], ports: [], shell: true },
  pause: { entrypoint: ['/pause'], cmd: [], ports: [], shell: false },
  'hpa-example': {
    entrypoint: ['docker-php-entrypoint'],
    cmd: ['apache2-foreground'],
    ports: [80],
    shell: true,
  },
  stress: { entrypoint: [], cmd: ['stress', '--help'], ports: [], shell: true },
  perl: { entrypoint: [], cmd: ['perl', '-de0'], ports: [], shell: true },
  node: { entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], ports: [], shell: true },
  python: { entrypoint: [], cmd: ['python3'], ports: [], shell: true },
  postgres: { entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], ports: [5432], shell: true },
  mysql: { entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], ports: [3306], shell: true },
  fluentd: {
    entrypoint: ['tini', '--', '/bin/entrypoint.sh'],
    cmd: ['fluentd'],
    ports: [24224],
    shell: true,
  },
  'fluentd-kubernetes-daemonset': {
    entrypoint: ['tini', '--', '/fluentd/entrypoint.sh'],
    cmd: [],
    ports: [24224],
    shell: true,
  },
  echoserver: { entrypoint: [], cmd: ['/usr/local/bin/run.sh'], ports: [8080], shell: true },
  'http-echo': { entrypoint: ['/http-echo'], cmd: [], ports: [5678], shell: false },
  'hello-app': { entrypoint: [], cmd: ['./hello-app'], ports: [8080], shell: false },
  coredns: { entrypoint: ['/coredns'], cmd: [], ports: [53, 8080, 8181, 9153], shell: false },
  'metrics-server': { entrypoint: ['/metrics-server'], cmd: [], ports: [10250], shell: false },
};

export function knownImage(image: string): KnownImage | undefined {
  const { family } = normalizeImage(image);
  const k = KNOWN[family];
  return k ? { family, ...k } : undefined;
}

/** Busybox applets an image does not ship (busybox has no curl; Debian's base image no wget/curl). */
const LACKS: Record<string, string[]> = {
  busybox: ['curl', 'bash'],
  alpine: ['curl', 'bash'],
  debian: ['wget', 'curl', 'nslookup', 'nc', 'ps'],
  ubuntu: ['wget', 'curl', 'nslookup', 'nc'],
};

export function imageHasShell(proc: Proc): boolean {
  return KNOWN[proc.repo]?.shell ?? true;
}

export function imageLacks(proc: Proc, base: string): boolean {
  if (!imageHasShell(proc)) return true;
  return LACKS[proc.repo]?.includes(base) ?? false;
}

// ---------------------------------------------------------------------------------------------- helpers

function usage(c: CmdCtx, memory: number, cpu?: number): void {
  c.m.ctl.usage(c.m.proc, memory, cpu);
}

function listen(c: CmdCtx, kind: string, port: number, opts?: Record<string, string>): void {
  c.m.ctl.listen(c.m.proc, { kind, port, hits: 0, ...(opts ? { opts } : {}) });
}

function exec(rest: string[]): CmdResult {
  if (!rest.length) return { status: 0 };
  return {
    status: 0,
    ctl: {
      k: 'script',
      src: `exec ${rest.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')}`,
      isolate: false,
    },
  };
}

function nginxTime(m: Machine): string {
  return dateText(m, '%Y/%m/%d %H:%M:%S');
}

function version(tag: string, fallback: string): string {
  return /^\d+(\.\d+)*/.exec(tag)?.[0] ?? fallback;
}

function flagValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
    if (a === name) return argv[i + 1];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------- programs

const NGINX_ENTRY = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

/** The default nginx welcome page (the runtime may put it in the image's layer). */
export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const HTTPD_INDEX_HTML = '<html><body><h1>It works!</h1></body></html>\n';

function nginxPage(status: number, text: string, ver: string): string {
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx/${ver}</center>\r\n</body>\r\n</html>\r\n`;
}

const NGINX_ENTRY_TEXT = NGINX_ENTRY.join('\n') + '\n';

const nginxEntrypoint: CmdFn = (c) => {
  const rest = c.argv.slice(1);
  if (rest[0] === 'nginx' || rest[0] === 'nginx-debug') c.out(NGINX_ENTRY_TEXT);
  return exec(rest);
};

function nginxPort(c: CmdCtx): number {
  const conf = c.m.io.readFile(c.m.proc.cid, '/etc/nginx/conf.d/default.conf') ?? '';
  const m = /^\s*listen\s+(?:[\d.]+:)?(\d+)/m.exec(conf);
  return m ? Number(m[1]) : 80;
}

const nginx: CmdFn = (c) => {
  if (c.argv.includes('-v') || c.argv.includes('-V')) {
    c.err(`nginx version: nginx/${version(c.m.proc.tag, '1.27.3')}\n`);
    return { status: 0 };
  }
  if (c.argv.includes('-t')) {
    c.err(
      'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
    );
    return { status: 0 };
  }
  const ver = version(c.m.proc.tag, '1.27.3');
  const t = nginxTime(c.m);
  const w1 = c.m.proc.nextPid++;
  const w2 = c.m.proc.nextPid++;
  c.out(
    [
      `${t} [notice] 1#1: using the "epoll" event method`,
      `${t} [notice] 1#1: nginx/${ver}`,
      `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
      `${t} [notice] 1#1: OS: Linux 6.1.0-kubelab`,
      `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
      `${t} [notice] 1#1: start worker processes`,
      `${t} [notice] 1#1: start worker process ${w1}`,
      `${t} [notice] 1#1: start worker process ${w2}`,
    ].join('\n') + '\n',
  );
  c.th.cmdline = `nginx: master process ${c.argv.join(' ')}`;
  c.m.proc.extra = appended(
    c.m.proc.extra,
    { pid: w1, cmd: 'nginx: worker process', user: '101' },
    { pid: w2, cmd: 'nginx: worker process', user: '101' },
  );
  listen(c, 'nginx', nginxPort(c), { version: ver });
  usage(c, 7 * MiB + 512 * 1024);
  return { status: 0, forever: true };
};

const httpd: CmdFn = (c) => {
  const ip = c.m.io.resolve(c.m.proc.cid, c.m.io.hostname(c.m.proc.cid))?.addresses[0] ?? '127.0.0.1';
  const msg = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
  const t = dateText(c.m, '%a %b %d %H:%M:%S.000000 %Y');
  c.out(
    `${msg}\n${msg}\n[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${version(c.m.proc.tag, '2.4.62')} (Unix) configured -- resuming normal operations\n` +
      `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`,
  );
  listen(c, 'httpd', 80);
  usage(c, 6 * MiB);
  return { status: 0, forever: true };
};

const apache2: CmdFn = (c) => {
  const ip = c.m.io.resolve(c.m.proc.cid, c.m.io.hostname(c.m.proc.cid))?.addresses[0] ?? '127.0.0.1';
  const msg = `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
  const t = dateText(c.m, '%a %b %d %H:%M:%S.000000 %Y');
  c.out(
    `${msg}\n${msg}\n[${t}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.14 configured -- resuming normal operations\n` +
      `[${t}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'\n`,
  );
  listen(c, 'php-apache', 80);
  usage(c, 10 * MiB);
  return { status: 0, forever: true };
};

function redisTime(m: Machine): string {
  const ms = wallMs(m) % 1000;
  return dateText(m, '%d %b %Y %H:%M:%S') + '.' + String(ms).padStart(3, '0');
}

const redisServer: CmdFn = (c) => {
  const ver = version(c.m.proc.tag, '7.4.1');
  const t = redisTime(c.m);
  const port = Number(flagValue(c.argv, '--port') ?? 6379);
  c.out(
    [
      `1:C ${t} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.`,
      `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
      `1:C ${t} * Redis version=${ver}, bits=64, commit=00000000, modified=0, pid=1, just started`,
      `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
      `1:M ${t} * monotonic clock: POSIX clock_gettime`,
      `1:M ${t} * Running mode=standalone, port=${port}.`,
      `1:M ${t} * Server initialized`,
      `1:M ${t} * Ready to accept connections tcp`,
    ].join('\n') + '\n',
  );
  c.th.cmdline = `redis-server *:${port}`;
  listen(c, 'redis', port);
  usage(c, 3 * MiB + 256 * 1024);
  return { status: 0, forever: true };
};

const pause: CmdFn = (c) => {
  usage(c, 256 * 1024);
  return { status: 0, forever: true };
};

const PG_NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`;

function pgTime(m: Machine): string {
  return dateText(m, '%Y-%m-%d %H:%M:%S.000 UTC');
}

const postgresEntrypoint = (c: CmdCtx): CmdResult => {
  const rest = c.argv.slice(1);
  if (rest[0] !== 'postgres') return exec(rest);
  const initialized = c.m.io.readFile(c.m.proc.cid, '/var/lib/postgresql/data/PG_VERSION') !== undefined;
  if (!initialized) {
    if (!c.env.POSTGRES_PASSWORD && c.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
      c.err(PG_NO_PASSWORD);
      return { status: 1 };
    }
    c.out(
      'The files belonging to this database system will be owned by user "postgres".\nThis user must also own the server process.\n\n' +
        'The database cluster will be initialized with locale "en_US.utf8".\nThe default database encoding has accordingly been set to "UTF8".\n' +
        'The default text search configuration will be set to "english".\n\nData page checksums are disabled.\n\n' +
        'fixing permissions on existing directory /var/lib/postgresql/data ... ok\ncreating subdirectories ... ok\n' +
        'selecting dynamic shared memory implementation ... posix\nselecting default max_connections ... 100\n' +
        'selecting default shared_buffers ... 128MB\nselecting default time zone ... Etc/UTC\ncreating configuration files ... ok\n' +
        'running bootstrap script ... ok\nperforming post-bootstrap initialization ... ok\nsyncing data to disk ... ok\n\n\n' +
        'Success. You can now start the database server using:\n\n    pg_ctl -D /var/lib/postgresql/data -l logfile start\n\n' +
        'PostgreSQL init process complete; ready for start up.\n\n',
    );
    c.m.io.mkdir(c.m.proc.cid, '/var/lib/postgresql/data');
    c.m.io.writeFile(
      c.m.proc.cid,
      '/var/lib/postgresql/data/PG_VERSION',
      `${version(c.m.proc.tag, '17').split('.')[0]}\n`,
    );
  } else c.out('\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
  usage(c, 20 * MiB);
  return {
    status: 0,
    ctl: { k: 'script', src: `sleep 2; exec ${rest.map((a) => `'${a}'`).join(' ')}`, isolate: false },
  };
};

const postgres: CmdFn = (c) => {
  const t = pgTime(c.m);
  const ver = version(c.m.proc.tag, '17.2');
  c.out(
    `${t} [1] LOG:  starting PostgreSQL ${ver} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit\n` +
      `${t} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432\n${t} [1] LOG:  listening on IPv6 address "::", port 5432\n` +
      `${t} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"\n` +
      `${t} [1] LOG:  database system is ready to accept connections\n`,
  );
  listen(c, 'postgres', 5432);
  usage(c, 28 * MiB);
  return { status: 0, forever: true };
};

function mysqlTime(m: Machine): string {
  return dateText(m, '%Y-%m-%d %H:%M:%S+00:00');
}

const mysqlEntrypoint = (c: CmdCtx): CmdResult => {
  const rest = c.argv.slice(1);
  if (rest[0] !== 'mysqld') return exec(rest);
  const ver = version(c.m.proc.tag, '8.4.3');
  const t = mysqlTime(c.m);
  c.out(
    `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${ver}-1.el9 started.\n` +
      `${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n` +
      `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${ver}-1.el9 started.\n`,
  );
  const e = c.env;
  if (!e.MYSQL_ROOT_PASSWORD && !e.MYSQL_ALLOW_EMPTY_PASSWORD && !e.MYSQL_RANDOM_ROOT_PASSWORD) {
    c.err(
      `${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n` +
        '    You need to specify one of the following as an environment variable:\n' +
        '    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n',
    );
    return { status: 1 };
  }
  c.out(`${t} [Note] [Entrypoint]: Initializing database files\n`);
  usage(c, 180 * MiB);
  return {
    status: 0,
    ctl: { k: 'script', src: `sleep 8; exec ${rest.map((a) => `'${a}'`).join(' ')}`, isolate: false },
  };
};

const mysqld: CmdFn = (c) => {
  const ver = version(c.m.proc.tag, '8.4.3');
  const t = dateText(c.m, '%Y-%m-%dT%H:%M:%S.000000Z');
  c.out(
    `${t} 0 [System] [MY-015015] [Server] MySQL Server - start.\n` +
      `${t} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${ver}) starting as process 1\n` +
      `${t} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${ver}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n`,
  );
  listen(c, 'mysql', 3306);
  usage(c, 390 * MiB);
  return { status: 0, forever: true };
};

function parseStressBytes(s: string): number | undefined {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1, b: 1, k: 1024, m: MiB, g: 1024 * MiB }[
    m[2]!.toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'
  ];
  return Number(m[1]) * mult;
}

function parseStressTime(s: string): number | undefined {
  const m = /^(\d+)([smhdy]?)$/.exec(s);
  if (!m) return undefined;
  return (
    Number(m[1]) *
    { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, y: 31_536_000_000 }[m[2] as '' | 's']
  );
}

const stress: CmdFn = (c) => {
  const a = c.argv.slice(1);
  const opt = (long: string, short: string) => {
    const i = a.findIndex((x) => x === long || x === short);
    return i >= 0 ? a[i + 1] : undefined;
  };
  if (!a.length || a.includes('--help') || a.includes('-?')) {
    c.out(
      "`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n" +
        ' -?, --help         show this help statement\n     --version      show version statement\n' +
        ' -v, --verbose      be verbose\n -q, --quiet        be quiet\n -n, --dry-run      show what would have been done\n' +
        ' -t, --timeout N    timeout after N seconds\n     --backoff N    wait factor of N microseconds before work starts\n' +
        ' -c, --cpu N        spawn N workers spinning on sqrt()\n -i, --io N         spawn N workers spinning on sync()\n' +
        ' -m, --vm N         spawn N workers spinning on malloc()/free()\n     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)\n' +
        '     --vm-stride B  touch a byte every B bytes (default is 4096)\n     --vm-hang N    sleep N secs before free (default none, 0 is inf)\n' +
        '     --vm-keep      redirty memory instead of freeing and reallocating\n -d, --hdd N        spawn N workers spinning on write()/unlink()\n' +
        '     --hdd-bytes B  write B bytes per hdd worker (default is 1GB)\n\nExample: stress --cpu 8 --io 4 --vm 2 --vm-bytes 128M --timeout 10s\n\n' +
        'Note: Numbers may be suffixed with s,m,h,d,y (time) or B,K,M,G (size).\n',
    );
    return { status: 0 };
  }
  const cpu = Number(opt('--cpu', '-c') ?? 0);
  const io = Number(opt('--io', '-i') ?? 0);
  const vm = Number(opt('--vm', '-m') ?? 0);
  const hdd = Number(opt('--hdd', '-d') ?? 0);
  const bytesArg = opt('--vm-bytes', '--vm-bytes') ?? '256M';
  const bytes = parseStressBytes(bytesArg);
  const timeoutArg = opt('--timeout', '-t');
  const timeout = timeoutArg !== undefined ? parseStressTime(timeoutArg) : undefined;
  if (bytes === undefined || [cpu, io, vm, hdd].some((n) => !Number.isInteger(n) || n < 0)) {
    c.err(`stress: FAIL: [1] (${bytes === undefined ? 'invalid size' : 'invalid number'})\n`);
    return { status: 1 };
  }
  c.out(`stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd\n`);
  const hang = opt('--vm-hang', '--vm-hang') !== undefined;
  const workers: string[] = [];
  for (let i = 0; i < cpu + io + vm + hdd; i++) workers.push(c.argv.join(' '));
  for (const w of workers) c.m.proc.extra.push({ pid: c.m.proc.nextPid++, cmd: w });
  usage(c, 900 * 1024 + vm * bytes, cpu * 1000 + io * 50 + hdd * 100 + vm * (hang ? 20 : 1000));
  if (timeout !== undefined) {
    return {
      status: 0,
      delay: timeout,
      out: `stress: info: [1] successful run completed in ${Math.round(timeout / 1000)}s\n`,
    };
  }
  return { status: 0, forever: true };
};

const perl: CmdFn = (c) => {
  const a = c.argv.slice(1);
  let script: string | undefined;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (/^-[a-zA-Z]*e$/.test(x)) script = a[i + 1];
    if (x === '-v') {
      c.out(`\nThis is perl 5, version 34, subversion 0 (v5.34.0) built for x86_64-linux-gnu\n`);
      return { status: 0 };
    }
  }
  usage(c, 4 * MiB);
  if (script === undefined) {
    const file = a.find((x) => !x.startsWith('-'));
    if (!file) return { status: 0 };
    script = c.m.io.readFile(c.m.proc.cid, resolvePath(c.th.cwd, file));
    if (script === undefined) {
      c.err(`Can't open perl script "${file}": No such file or directory\n`);
      return { status: 2 };
    }
  }
  const nl = a.some((x) => /^-[a-zA-Z]*l/.test(x)) ? '\n' : '';
  let out = '';
  let delay = 50;
  for (const stmt of script
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const bpi = /^print\s+bpi\((\d+)\)$/.exec(stmt);
    const str = /^print\s+(["'])(.*)\1$/.exec(stmt);
    const sl = /^sleep\(?\s*(\d+)\s*\)?$/.exec(stmt);
    if (bpi) {
      const n = Number(bpi[1]);
      out += piDigits(n) + nl;
      // Math::BigFloat's pi takes a few seconds at 2000 digits
      delay += Math.round(500 + n * 1.5);
    } else if (str) out += str[2]!.replace(/\\n/g, '\n') + nl;
    else if (sl) delay += Number(sl[1]) * 1000;
    else if (/^exit\s*\(?\s*(\d+)/.test(stmt)) {
      return { status: Number(/(\d+)/.exec(stmt)![1]), delay, out };
    }
  }
  return { status: 0, delay, out };
};

/** An application script (python app.py, node server.js): serves on the port it names, if any. */
function appScript(lang: string): CmdFn {
  return (c) => {
    const a = c.argv.slice(1);
    const ci = a.findIndex((x) => x === '-c' || x === '-e');
    usage(c, lang === 'node' ? 40 * MiB : 12 * MiB);
    if (ci >= 0) {
      const code = a[ci + 1] ?? '';
      const prints = [...code.matchAll(/(?:print|console\.log)\(\s*(["'])(.*?)\1\s*\)/g)].map(
        (m) => m[2] + '\n',
      );
      c.out(prints.join(''));
      return { status: 0, delay: 30 };
    }
    if (a[0] === '-m' && a[1] === 'http.server') {
      const port = Number(a[2] ?? 8000);
      c.out(`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...\n`);
      listen(c, 'http.server', port, { root: c.th.cwd });
      return { status: 0, forever: true };
    }
    const file = a.find((x) => !x.startsWith('-'));
    if (!file) return { status: 0 };
    const src = c.m.io.readFile(c.m.proc.cid, resolvePath(c.th.cwd, file));
    if (src === undefined) {
      if (lang === 'node')
        c.err(
          `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${resolvePath(c.th.cwd, file)}'\n`,
        );
      else
        c.err(
          `${c.argv[0]}: can't open file '${resolvePath(c.th.cwd, file)}': [Errno 2] No such file or directory\n`,
        );
      return { status: lang === 'node' ? 1 : 2 };
    }
    const port =
      /(?:listen|port)\D{0,12}(\d{2,5})/i.exec(src)?.[1] ??
      (c.env.PORT && /^\d+$/.test(c.env.PORT) ? c.env.PORT : undefined);
    for (const m of src.matchAll(/(?:print|console\.log)\(\s*(["'`])([^"'`$]*?)\1\s*\)/g)) c.out(m[2] + '\n');
    if (!port) return { status: 0, delay: 50 };
    listen(c, 'app', Number(port), { name: file });
    return { status: 0, forever: true };
  };
}

const fluentd: CmdFn = (c) => {
  const t = dateText(c.m, '%Y-%m-%d %H:%M:%S +0000');
  c.out(
    `${t} [info]: init supervisor logger path=nil rotate_age=nil rotate_size=nil\n` +
      `${t} [info]: parsing config file is succeeded path="/fluentd/etc/fluent.conf"\n` +
      `${t} [info]: gem 'fluentd' version '1.16.2'\n${t} [info]: using configuration file: <ROOT>\n</ROOT>\n` +
      `${t} [info]: starting fluentd-1.16.2 pid=7 ruby="3.2.2"\n${t} [info]: spawn command to main:  cmdline=["/usr/local/bin/ruby", "-Eascii-8bit:ascii-8bit", "/usr/local/bundle/bin/fluentd", "--config", "/fluentd/etc/fluent.conf", "--plugin", "/fluentd/plugins", "--under-supervisor"]\n` +
      `${t} [info]: #0 fluentd worker is now running worker=0\n`,
  );
  listen(c, 'fluentd', 24224);
  usage(c, 70 * MiB, 2);
  return { status: 0, forever: true };
};

const echoserver: CmdFn = (c) => {
  listen(c, 'echoserver', 8080);
  usage(c, 4 * MiB);
  return { status: 0, forever: true };
};

const httpEcho: CmdFn = (c) => {
  const text = flagValue(c.argv, '-text') ?? flagValue(c.argv, '--text');
  const t = nginxTime(c.m);
  if (text === undefined) {
    c.err(`${t} [ERR] Missing -text option!\n`);
    return { status: 127 };
  }
  const addr = flagValue(c.argv, '-listen') ?? flagValue(c.argv, '--listen') ?? ':5678';
  const port = Number(addr.slice(addr.lastIndexOf(':') + 1)) || 5678;
  c.out(`${t} [INFO] server is listening on ${addr}\n`);
  listen(c, 'http-echo', port, { text });
  usage(c, 3 * MiB);
  return { status: 0, forever: true };
};

const helloApp: CmdFn = (c) => {
  const port = Number(c.env.PORT ?? 8080) || 8080;
  c.out(`${nginxTime(c.m)} Server listening on port ${port}\n`);
  listen(c, 'hello-app', port, {
    version: `${version(c.m.proc.tag, '1.0')}.0`.replace(/^(\d+\.\d+\.\d+)\.0$/, '$1'),
  });
  usage(c, 4 * MiB);
  return { status: 0, forever: true };
};

const coredns: CmdFn = (c) => {
  c.out(
    '.:53\n[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908\n' +
      `CoreDNS-${version(c.m.proc.tag.replace(/^v/, ''), '1.11.1')}\nlinux/amd64, go1.20.7, ae2bbc2\n`,
  );
  for (const p of [53, 8080, 8181, 9153]) listen(c, 'coredns', p);
  usage(c, 15 * MiB, 3);
  return { status: 0, forever: true };
};

const metricsServer: CmdFn = (c) => {
  const port = Number(flagValue(c.argv, '--secure-port') ?? 10250);
  const t = dateText(c.m, '%m%d %H:%M:%S.000000');
  c.out(
    `I${t}       1 serving.go:374] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)\n` +
      `I${t}       1 handler.go:275] Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager\n` +
      `I${t}       1 secure_serving.go:213] Serving securely on [::]:${port}\n`,
  );
  listen(c, 'metrics-server', port);
  usage(c, 20 * MiB, 4);
  return { status: 0, forever: true };
};

const tini: CmdFn = (c) => {
  const rest = c.argv.slice(1);
  if (rest[0] === '--') rest.shift();
  return exec(rest);
};

const passEntrypoint: CmdFn = (c) => exec(c.argv.slice(1));

const fluentdEntrypoint: CmdFn = (c) => exec(c.argv.length > 1 ? c.argv.slice(1) : ['fluentd']);

/** Image family → program name (basename or full path) → behaviour. */
const PROGRAMS: Record<string, Record<string, CmdFn>> = {
  nginx: {
    '/docker-entrypoint.sh': nginxEntrypoint,
    'docker-entrypoint.sh': nginxEntrypoint,
    nginx,
    'nginx-debug': nginx,
  },
  httpd: { 'httpd-foreground': httpd, httpd },
  redis: { 'docker-entrypoint.sh': passEntrypoint, 'redis-server': redisServer },
  pause: { pause, '/pause': pause },
  'hpa-example': { 'docker-php-entrypoint': passEntrypoint, 'apache2-foreground': apache2, apache2 },
  stress: { stress },
  perl: { perl },
  node: { 'docker-entrypoint.sh': passEntrypoint, node: appScript('node') },
  python: { python: appScript('python'), python3: appScript('python'), 'python3.12': appScript('python') },
  postgres: { 'docker-entrypoint.sh': postgresEntrypoint, postgres },
  mysql: { 'docker-entrypoint.sh': mysqlEntrypoint, mysqld },
  fluentd: {
    tini,
    '/bin/entrypoint.sh': fluentdEntrypoint,
    'entrypoint.sh': fluentdEntrypoint,
    '/run.sh': fluentdEntrypoint,
    fluentd,
  },
  'fluentd-kubernetes-daemonset': {
    tini,
    '/fluentd/entrypoint.sh': fluentdEntrypoint,
    'entrypoint.sh': fluentdEntrypoint,
    fluentd,
  },
  echoserver: { '/usr/local/bin/run.sh': echoserver, 'run.sh': echoserver, nginx: echoserver },
  // The StatefulSet tutorial's registry.k8s.io/nginx-slim runs plain nginx.
  'nginx-slim': { nginx, '/usr/sbin/nginx': nginx },
  'http-echo': { '/http-echo': httpEcho, 'http-echo': httpEcho },
  'hello-app': { './hello-app': helloApp, 'hello-app': helloApp, '/hello-app': helloApp },
  coredns: { '/coredns': coredns, coredns },
  'metrics-server': { '/metrics-server': metricsServer, 'metrics-server': metricsServer },
};

export function imageCommand(proc: Proc, name: string, base: string): CmdFn | undefined {
  const table = PROGRAMS[proc.repo];
  const hit = table?.[name] ?? table?.[base];
  if (hit) return hit;
  // the perl image's binary is versioned (`perl5.34.0`)
  if (proc.repo === 'perl' && /^perl[\d.]*$/.test(base)) return perl;
  return undefined;
}

const foreverProgram: CmdFn = (c) => {
  usage(c, 8 * MiB);
  return { status: 0, forever: true };
};

/**
 * Programs in an image the simulator does not model (a learner's own build): `python app.py` / `node
 * server.js` serve on the port their source names; a path to an unknown binary runs until stopped.
 */
export function genericProgram(base: string, name: string): CmdFn | undefined {
  if (/^(python3?(\.\d+)?|node)$/.test(base)) return appScript(base.startsWith('node') ? 'node' : 'python');
  if (name.includes('/')) return foreverProgram;
  return undefined;
}

// ---------------------------------------------------------------------------------------------- HTTP

export interface HttpAnswer {
  status: number;
  body: string;
  cpuMillis?: number;
}

function accessTime(m: Machine): string {
  return dateText(m, '%d/%b/%Y:%H:%M:%S +0000');
}

function serveFile(m: Machine, root: string, path: string): { status: number; body: string } | undefined {
  const cid = m.proc.cid;
  const clean = path.replace(/[?#].*$/, '');
  let p = resolvePath(root, '.' + clean);
  if (!p.startsWith(root)) p = root;
  if (m.io.isDir(cid, p)) p = `${p.replace(/\/$/, '')}/index.html`;
  const body = m.io.readFile(cid, p);
  if (body !== undefined) return { status: 200, body };
  if (clean === '/' || clean === '/index.html') {
    // the runtime keeps no file listing for the image layer: the image's own index page
    if (!m.io.isDir(cid, root) || m.io.listDir(cid, root) === undefined) return undefined;
    return { status: 403, body: '' };
  }
  return { status: 404, body: '' };
}

/** Answers an HTTP request to a modelled server and writes its access log line. */
export function answerHttp(
  m: Machine,
  server: ServerState,
  path: string,
  fromIp: string,
): HttpAnswer | undefined {
  const host = m.io.hostname(m.proc.cid);
  server.hits++;
  switch (server.kind) {
    case 'nginx': {
      const ver = server.opts?.version ?? '1.27.3';
      let r = serveFile(m, '/usr/share/nginx/html', path) ?? { status: 200, body: NGINX_INDEX_HTML };
      if (r.status === 403) r = { status: 403, body: nginxPage(403, 'Forbidden', ver) };
      if (r.status === 404) {
        r = { status: 404, body: nginxPage(404, 'Not Found', ver) };
        const t = nginxTime(m);
        logText(
          m,
          `${t} [error] 29#29: *${server.hits} open() "/usr/share/nginx/html${path}" failed (2: No such file or directory), client: ${fromIp}, server: localhost, request: "GET ${path} HTTP/1.1", host: "${host}"\n`,
        );
      }
      logText(
        m,
        `${fromIp} - - [${accessTime(m)}] "GET ${path} HTTP/1.1" ${r.status} ${r.body.length} "-" "Wget" "-"\n`,
      );
      return { status: r.status, body: r.body, cpuMillis: 1 };
    }
    case 'httpd': {
      let r = serveFile(m, '/usr/local/apache2/htdocs', path) ?? { status: 200, body: HTTPD_INDEX_HTML };
      if (r.status >= 400)
        r = {
          status: 404,
          body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
        };
      logText(m, `${fromIp} - - [${accessTime(m)}] "GET ${path} HTTP/1.1" ${r.status} ${r.body.length}\n`);
      return { status: r.status, body: r.body, cpuMillis: 1 };
    }
    case 'php-apache': {
      // index.php burns CPU: a million sqrt() calls per request
      logText(m, `${fromIp} - - [${accessTime(m)}] "GET ${path} HTTP/1.1" 200 203 "-" "Wget"\n`);
      return { status: 200, body: 'OK!', cpuMillis: 40 };
    }
    case 'echoserver': {
      const body =
        `\n\nHostname: ${host}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.10.0 - lua: 10001\n\n` +
        `Request Information:\n\tclient_address=${fromIp}\n\tmethod=GET\n\treal path=${path.replace(/\?.*$/, '')}\n\tquery=${/\?(.*)$/.exec(path)?.[1] ?? ''}\n` +
        `\trequest_version=1.1\n\trequest_uri=http://${host}:8080${path}\n\nRequest Headers:\n\taccept=*/*\n\thost=${host}:8080\n\tuser-agent=Wget\n\n` +
        `Request Body:\n\t-no body in request-\n\n`;
      logText(m, `${fromIp} - - [${accessTime(m)}] "GET ${path} HTTP/1.1" 200 ${body.length} "-" "Wget"\n`);
      return { status: 200, body, cpuMillis: 1 };
    }
    case 'http-echo': {
      const body = (server.opts?.text ?? '') + '\n';
      logText(
        m,
        `${nginxTime(m)} ${host}:${server.port} ${fromIp}:${40000 + (server.hits % 20000)} "GET ${path} HTTP/1.1" 200 ${body.length} "Wget" 21.4µs\n`,
      );
      return { status: 200, body, cpuMillis: 1 };
    }
    case 'hello-app': {
      logText(m, `${nginxTime(m)} Serving request: ${path}\n`);
      return {
        status: 200,
        body: `Hello, world!\nVersion: ${server.opts?.version ?? '1.0.0'}\nHostname: ${host}\n`,
        cpuMillis: 1,
      };
    }
    case 'coredns':
      if (server.port === 8080 && path.startsWith('/health')) return { status: 200, body: 'OK' };
      if (server.port === 8181 && path.startsWith('/ready')) return { status: 200, body: 'OK' };
      if (server.port === 9153)
        return { status: 200, body: "# HELP coredns_build_info A metric with a constant '1' value.\n" };
      return server.port === 53 ? undefined : { status: 404, body: '404 page not found\n' };
    case 'metrics-server':
      if (/^\/(livez|readyz|healthz)/.test(path)) return { status: 200, body: 'ok' };
      return { status: 404, body: '404 page not found\n' };
    case 'http.server': {
      const r = serveFile(m, server.opts?.root ?? '/', path);
      logText(
        m,
        `${fromIp} - - [${dateText(m, '%d/%b/%Y %H:%M:%S')}] "GET ${path} HTTP/1.1" ${r?.status ?? 200} -\n`,
      );
      return r && r.status === 200 ? { status: 200, body: r.body } : { status: 404, body: 'File not found' };
    }
    case 'app':
      return { status: 200, body: `Hello from ${server.opts?.name ?? 'app'} on ${host}\n`, cpuMillis: 2 };
  }
  // redis, postgres, mysql, fluentd, nc: not HTTP — the connection is closed without an HTTP answer
  return undefined;
}

/** Log lines a modelled server writes on SIGTERM before exiting 0, and how long its shutdown takes (ms). */
export function gracefulStop(m: Machine, proc: Proc): { lines: string; ms: number } | undefined {
  const kinds = new Set(proc.servers.map((s) => s.kind));
  if (kinds.has('nginx')) {
    const t = nginxTime(m);
    const workers = proc.extra.filter((e) => e.cmd === 'nginx: worker process');
    let l = `${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n`;
    for (const w of workers)
      l += `${t} [notice] ${w.pid}#${w.pid}: gracefully shutting down\n${t} [notice] ${w.pid}#${w.pid}: exiting\n${t} [notice] ${w.pid}#${w.pid}: exit\n`;
    for (const w of workers)
      l += `${t} [notice] 1#1: signal 17 (SIGCHLD) received from ${w.pid}\n${t} [notice] 1#1: worker process ${w.pid} exited with code 0\n`;
    l += `${t} [notice] 1#1: exit\n`;
    return { lines: l, ms: 100 };
  }
  if (kinds.has('redis')) {
    const t = redisTime(m);
    return {
      lines:
        `1:signal-handler (${Math.floor(wallMs(m) / 1000)}) Received SIGTERM scheduling shutdown...\n` +
        `1:M ${t} * User requested shutdown...\n1:M ${t} * Saving the final RDB snapshot before exiting.\n` +
        `1:M ${t} * DB saved on disk\n1:M ${t} # Redis is now ready to exit, bye bye...\n`,
      ms: 50,
    };
  }
  if (kinds.has('postgres')) {
    const t = pgTime(m);
    return {
      lines: `${t} [1] LOG:  received fast shutdown request\n${t} [1] LOG:  aborting any active transactions\n${t} [1] LOG:  database system is shut down\n`,
      ms: 200,
    };
  }
  if (kinds.has('httpd') || kinds.has('php-apache')) {
    const t = dateText(m, '%a %b %d %H:%M:%S.000000 %Y');
    return {
      lines: `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down\n`,
      ms: 50,
    };
  }
  if (kinds.size) return { lines: '', ms: 20 };
  // pause exits on SIGTERM too
  if (proc.repo === 'pause') return { lines: '', ms: 0 };
  return undefined;
}

/** Whether the image is one the simulator models (otherwise unknown programs run as generic programs). */
export function isModelledImage(proc: Proc): boolean {
  return proc.repo in KNOWN;
}
