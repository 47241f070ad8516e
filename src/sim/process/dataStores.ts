/** The data stores the simulator models: redis, postgres and mysql (their entrypoints, logs and start-up). */
import type { CmdCtx, CmdFn, CmdResult } from './applet';
import { dateText, wallMs } from './dateCommand';
import type { Machine } from './machineTypes';
import { exec, flagValue, listen, MiB, usage, version, release } from './programKit';

export function redisTime(m: Machine): string {
  const ms = wallMs(m) % 1000;
  return dateText(m, '%d %b %Y %H:%M:%S') + '.' + String(ms).padStart(3, '0');
}

export const redisServer: CmdFn = (c) => {
  const ver = release(c, 'REDIS_VERSION', '7.4.1');
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

export const PG_NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`;

export function pgTime(m: Machine): string {
  return dateText(m, '%Y-%m-%d %H:%M:%S.000 UTC');
}

export const postgresEntrypoint = (c: CmdCtx): CmdResult => {
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
      `${c.env.PG_MAJOR ?? version(c.m.proc.tag, '17').split('.')[0]}\n`,
    );
  } else c.out('\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
  usage(c, 20 * MiB);
  return {
    status: 0,
    ctl: { k: 'script', src: `sleep 2; exec ${rest.map((a) => `'${a}'`).join(' ')}`, isolate: false },
  };
};

export const postgres: CmdFn = (c) => {
  const t = pgTime(c.m);
  const ver = release(c, 'PG_VERSION', '17.2');
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

export function mysqlTime(m: Machine): string {
  return dateText(m, '%Y-%m-%d %H:%M:%S+00:00');
}

export const mysqlEntrypoint = (c: CmdCtx): CmdResult => {
  const rest = c.argv.slice(1);
  if (rest[0] !== 'mysqld') return exec(rest);
  const ver = release(c, 'MYSQL_VERSION', '8.4.3');
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

export const mysqld: CmdFn = (c) => {
  const ver = release(c, 'MYSQL_VERSION', '8.4.3');
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
