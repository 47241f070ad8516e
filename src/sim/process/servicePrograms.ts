/**
 * The other official images' programs: MariaDB (its entrypoint refuses to initialise without a root password
 * option, as the real one does), MongoDB, memcached, RabbitMQ, HAProxy (exits without its configuration file),
 * Traefik, Caddy, WordPress's Apache, and the interactive defaults of the language images (`irb`, `jshell`,
 * `php -a`), which end at once without a terminal.
 */
import type { CmdCtx, CmdFn, CmdResult } from './applet';
import { dateText } from './dateCommand';
import { exec, listen, MiB, release, usage, version } from './programKit';
import { mysqlTime } from './dataStores';

/** A server that logs its start-up lines, listens on a port and runs until stopped. */
function server(kind: string, port: number, memory: number, lines: (c: CmdCtx) => string): CmdFn {
  return (c) => {
    const text = lines(c);
    if (text) c.out(text);
    listen(c, kind, port);
    usage(c, memory);
    return { status: 0, forever: true };
  };
}

/** MariaDB's docker-entrypoint.sh (`MARIADB_*` and the older `MYSQL_*` names are both accepted). */
export const mariadbEntrypoint = (c: CmdCtx): CmdResult => {
  const rest = c.argv.slice(1);
  if (rest[0] !== 'mariadbd' && rest[0] !== 'mysqld') return exec(rest);
  const ver = release(c, 'MARIADB_VERSION', '11.6.2');
  const t = mysqlTime(c.m);
  const started = `${t} [Note] [Entrypoint]: Entrypoint script for MariaDB Server 1:${ver}+maria~ubu2404 started.\n`;
  c.out(`${started}${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n${started}`);
  const e = c.env;
  const set = (k: string) => !!(e[`MARIADB_${k}`] || e[`MYSQL_${k}`]);
  if (
    !set('ROOT_PASSWORD') &&
    !e.MARIADB_ROOT_PASSWORD_HASH &&
    !e.MARIADB_ALLOW_EMPTY_ROOT_PASSWORD &&
    !e.MYSQL_ALLOW_EMPTY_PASSWORD &&
    !set('RANDOM_ROOT_PASSWORD')
  ) {
    c.err(
      `${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n` +
        '\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD\n',
    );
    return { status: 1 };
  }
  c.out(`${t} [Note] [Entrypoint]: Initializing database files\n`);
  usage(c, 90 * MiB);
  return exec(rest);
};

const mariadbd = server('mysql', 3306, 100 * MiB, (c) => {
  const t = dateText(c.m, '%Y-%m-%d %H:%M:%S');
  const ver = release(c, 'MARIADB_VERSION', '11.6.2');
  return (
    `${t} 0 [Note] Starting MariaDB ${ver}-MariaDB-ubu2404 source revision as process 1\n` +
    `${t} 0 [Note] Server socket created on IP: '0.0.0.0', port: '3306'.\n` +
    `${t} 0 [Note] mariadbd: ready for connections.\n` +
    `Version: '${ver}-MariaDB-ubu2404'  socket: '/run/mysqld/mysqld.sock'  port: 3306  mariadb.org binary distribution\n`
  );
});

const mongod = server('mongo', 27017, 160 * MiB, (c) => {
  const t = dateText(c.m, '%Y-%m-%dT%H:%M:%S.000+00:00');
  return (
    `{"t":{"$date":"${t}"},"s":"I",  "c":"NETWORK",  "id":23015,   "ctx":"listener","msg":"Listening on","attr":{"address":"0.0.0.0"}}\n` +
    `{"t":{"$date":"${t}"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}\n`
  );
});

// memcached logs nothing unless asked (-v)
const memcached = server('memcached', 11211, 4 * MiB, () => '');

const rabbitmq = server('rabbitmq', 5672, 120 * MiB, (c) => {
  const t = dateText(c.m, '%Y-%m-%d %H:%M:%S.000000+00:00');
  return (
    `${t} [info] <0.9.0> Starting RabbitMQ ${release(c, 'RABBITMQ_VERSION', '4.0.4')} on Erlang 27.1.2 [jit]\n` +
    `${t} [info] <0.9.0> started TCP listener on [::]:5672\n` +
    `${t} [info] <0.9.0> Server startup complete; 0 plugins started.\n`
  );
});

const haproxy: CmdFn = (c) => {
  const i = c.argv.indexOf('-f');
  const cfg = i >= 0 ? c.argv[i + 1] : undefined;
  if (!cfg || c.m.io.readFile(c.m.proc.cid, c.path(cfg)) === undefined) {
    c.err(
      `[NOTICE]   (1) : haproxy version is ${release(c, 'HAPROXY_VERSION', '3.1.0')}\n` +
        `[ALERT]    (1) : config : Cannot open configuration file/directory ${cfg ?? ''} : No such file or directory\n`,
    );
    return { status: 1 };
  }
  listen(c, 'haproxy', 80);
  usage(c, 12 * MiB);
  return { status: 0, forever: true };
};

const traefik = server('traefik', 80, 40 * MiB, (c) => {
  const t = dateText(c.m, '%Y-%m-%dT%H:%M:%SZ');
  return (
    `${t} INF Traefik version ${version(c.m.proc.tag, '3.2.1')} built on 2024-11-20T14:46:02Z version=${version(c.m.proc.tag, '3.2.1')}\n` +
    `${t} INF Starting provider aggregator *aggregator.ProviderAggregator\n`
  );
});

const caddy = server('caddy', 80, 20 * MiB, (c) => {
  const t = dateText(c.m, '%Y/%m/%d %H:%M:%S.000');
  return `${t}\tINFO\tusing config from file\t{"file": "/etc/caddy/Caddyfile"}\n${t}\tINFO\tserving initial configuration\n`;
});

const apacheForeground = server('httpd', 80, 30 * MiB, (c) => {
  const t = dateText(c.m, '%a %b %d %H:%M:%S.000000 %Y');
  return (
    `[${t}] [mpm_prefork:notice] [pid 1:tid 1] AH00163: Apache/2.4.62 (Debian) PHP/8.2.26 configured -- resuming normal operations\n` +
    `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'apache2 -D FOREGROUND'\n`
  );
});

/** A REPL run without a terminal reads end-of-file and exits 0. */
const replAtEof: CmdFn = () => ({ status: 0 });

const goTool: CmdFn = (c) => {
  if (c.argv[1] === 'version') {
    c.out(`go version go${release(c, 'GOLANG_VERSION', '1.23.3')} linux/amd64\n`);
    return { status: 0 };
  }
  return { status: 0 };
};

/** The registry image's entrypoint: a config file path means `registry serve <file>`. */
const registryEntrypoint: CmdFn = (c) => {
  const rest = c.argv.slice(1);
  if (/\.ya?ml$/.test(rest[0] ?? '')) return exec(['registry', 'serve', ...rest]);
  if (/^(serve|garbage-collect|help|-)/.test(rest[0] ?? '')) return exec(['registry', ...rest]);
  return exec(rest);
};

/** The registry release behind a tag (`2`, `2.8` and `latest` are 2.8.3 in the catalogue's snapshot). */
function registryVersion(tag: string): string {
  return /^\d+\.\d+\.\d+$/.test(tag) ? tag : tag === '2.7' ? '2.7.1' : tag === '2.6' ? '2.6.2' : '2.8.3';
}

/** CNCF Distribution's `registry serve`: its start-up lines, then the HTTP API on :5000 (REGISTRY_HTTP_ADDR). */
const registryBinary: CmdFn = (c) => {
  if (c.argv[1] !== 'serve') {
    c.out('`registry`\n\nUsage:\n  registry [flags]\n  registry [command]\n');
    return { status: 0 };
  }
  const addr = c.env.REGISTRY_HTTP_ADDR ?? ':5000';
  const port = Number(/:(\d+)$/.exec(addr)?.[1] ?? 5000);
  const t = dateText(c.m, '%Y-%m-%dT%H:%M:%S.000000000Z');
  const hex = c.m.proc.cid.replace(/[^0-9a-f]/g, '').padEnd(32, '0');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  const tail = `go.version=go1.20.8 instance.id=${id} service=registry version=${registryVersion(c.m.proc.tag)}`;
  const line = (level: string, msg: string) => `time="${t}" level=${level} msg="${msg}" ${tail}\n`;
  c.err(
    line(
      'warning',
      'No HTTP secret provided - generated random secret. This may cause problems with uploads if multiple registries are behind a load-balancer. To provide a shared secret, fill in http.secret in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.',
    ) +
      line('info', 'redis not configured') +
      line('info', 'Starting upload purge in 20m0s') +
      line('info', 'using inmemory blob descriptor cache') +
      line('info', `listening on [::]:${port}`),
  );
  listen(c, 'registry', port);
  usage(c, 12 * MiB);
  return { status: 0, forever: true };
};

/** Image family → program name → behaviour. */
export const SERVICE_PROGRAMS: Record<string, Record<string, CmdFn>> = {
  mariadb: { 'docker-entrypoint.sh': mariadbEntrypoint, mariadbd, mysqld: mariadbd },
  mongo: { 'docker-entrypoint.sh': (c) => exec(c.argv.slice(1)), mongod },
  memcached: { 'docker-entrypoint.sh': (c) => exec(c.argv.slice(1)), memcached },
  rabbitmq: { 'docker-entrypoint.sh': (c) => exec(c.argv.slice(1)), 'rabbitmq-server': rabbitmq },
  haproxy: { 'docker-entrypoint.sh': (c) => exec(c.argv.slice(1)), haproxy },
  traefik: { '/entrypoint.sh': (c) => exec(c.argv.slice(1)), traefik },
  caddy: { caddy },
  registry: { '/entrypoint.sh': registryEntrypoint, registry: registryBinary },
  wordpress: { 'docker-entrypoint.sh': (c) => exec(c.argv.slice(1)), 'apache2-foreground': apacheForeground },
  php: {
    'docker-php-entrypoint': (c) => exec(c.argv.slice(1)),
    php: replAtEof,
    'apache2-foreground': apacheForeground,
  },
  ruby: { irb: replAtEof },
  'eclipse-temurin': { jshell: replAtEof },
  openjdk: { jshell: replAtEof },
  golang: { go: goTool },
};
