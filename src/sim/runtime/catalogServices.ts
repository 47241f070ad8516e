/**
 * Catalogue data: the other official images tutorials use, one table row each (the newest release as of the
 * catalogue's snapshot), turned into images by one builder. Their older releases and variants come from the
 * tag tables through the generator. ENTRYPOINT, CMD, ports, volumes and Env follow the real images.
 */
import { bins, MB } from './catalogLayers';
import { defineRepository, type ImageBody, type ImageRow } from './catalogDefine';
import type { ImageConfig } from './types';

interface ServiceRow extends ImageRow {
  repo: string;
  version: string;
  /** Uncompressed size of the install layer, MB. */
  mb: number;
  /** `dir:bin,bin` — the binaries the install puts in place. */
  bin: string;
  entry?: string[];
  cmd: string[];
  env?: string[];
  ports?: string[];
  volumes?: string[];
  workdir?: string;
  stop?: string;
  files?: Record<string, string>;
}

const ENTRYPOINT_SH = '#!/bin/sh\nset -e\nexec "$@"\n';

const ROWS: ServiceRow[] = [
  {
    repo: 'mariadb',
    version: '11.6.2',
    tags: 'latest 11 11.6 11.6.2 noble 11.6-noble 11.6.2-noble',
    created: '2024-11-21T21:14:53Z',
    base: 'ubuntu 24.04 78.1',
    mb: 330,
    bin: '/usr/sbin:mariadbd,mysqld',
    entry: ['docker-entrypoint.sh'],
    cmd: ['mariadbd'],
    env: ['MARIADB_VERSION=1:11.6.2+maria~ubu2404'],
    ports: ['3306/tcp'],
    volumes: ['/var/lib/mysql'],
  },
  {
    repo: 'mongo',
    version: '8.0.3',
    tags: 'latest 8 8.0 8.0.3 noble 8.0-noble 8.0.3-noble',
    created: '2024-11-12T18:50:11Z',
    base: 'ubuntu 24.04 78.1',
    mb: 760,
    bin: '/usr/bin:mongod,mongosh',
    entry: ['docker-entrypoint.sh'],
    cmd: ['mongod'],
    env: ['MONGO_MAJOR=8.0', 'MONGO_VERSION=8.0.3'],
    ports: ['27017/tcp'],
    volumes: ['/data/db', '/data/configdb'],
  },
  {
    repo: 'memcached',
    version: '1.6.32',
    tags: 'latest 1 1.6 1.6.32 bookworm 1.6-bookworm 1.6.32-bookworm',
    created: '2024-10-23T02:05:44Z',
    base: 'debian bookworm-slim 74.8',
    mb: 6.1,
    bin: '/usr/local/bin:memcached',
    entry: ['docker-entrypoint.sh'],
    cmd: ['memcached'],
    env: ['MEMCACHED_VERSION=1.6.32'],
    ports: ['11211/tcp'],
  },
  {
    repo: 'rabbitmq',
    version: '4.0.4',
    tags: 'latest 4 4.0 4.0.4',
    created: '2024-11-26T10:21:02Z',
    base: 'ubuntu 24.04 78.1',
    mb: 180,
    bin: '/opt/rabbitmq/sbin:rabbitmq-server,rabbitmqctl',
    entry: ['docker-entrypoint.sh'],
    cmd: ['rabbitmq-server'],
    env: ['RABBITMQ_VERSION=4.0.4', 'RABBITMQ_DATA_DIR=/var/lib/rabbitmq'],
    ports: ['4369/tcp', '5671/tcp', '5672/tcp', '15691/tcp', '15692/tcp', '25672/tcp'],
    volumes: ['/var/lib/rabbitmq'],
  },
  {
    repo: 'golang',
    version: '1.23.3',
    tags: 'latest 1 1.23 1.23.3 bookworm 1.23-bookworm 1.23.3-bookworm',
    created: '2024-11-07T00:41:27Z',
    base: 'debian bookworm 117',
    mb: 480,
    bin: '/usr/local/go/bin:go,gofmt',
    cmd: ['bash'],
    env: ['GOLANG_VERSION=1.23.3', 'GOTOOLCHAIN=local', 'GOPATH=/go'],
    workdir: '/go',
  },
  {
    repo: 'ruby',
    version: '3.3.6',
    tags: 'latest 3 3.3 3.3.6 bookworm 3.3-bookworm 3.3.6-bookworm',
    created: '2024-11-06T01:02:19Z',
    base: 'debian bookworm 117',
    mb: 190,
    bin: '/usr/local/bin:ruby,irb,gem,bundle',
    cmd: ['irb'],
    env: ['RUBY_VERSION=3.3.6', 'GEM_HOME=/usr/local/bundle'],
  },
  {
    repo: 'php',
    version: '8.3.14',
    tags: 'latest 8 8.3 8.3.14 cli 8.3-cli 8.3.14-cli',
    created: '2024-11-22T02:25:41Z',
    base: 'debian bookworm-slim 74.8',
    mb: 420,
    bin: '/usr/local/bin:php,docker-php-entrypoint',
    entry: ['docker-php-entrypoint'],
    cmd: ['php', '-a'],
    env: ['PHP_VERSION=8.3.14', 'PHP_INI_DIR=/usr/local/etc/php'],
  },
  {
    repo: 'wordpress',
    version: '6.7.1',
    tags: 'latest 6 6.7 6.7.1 apache 6.7-apache 6.7.1-apache',
    created: '2024-11-22T19:42:37Z',
    base: 'debian bookworm-slim 74.8',
    mb: 620,
    bin: '/usr/local/bin:apache2-foreground,docker-entrypoint.sh',
    entry: ['docker-entrypoint.sh'],
    cmd: ['apache2-foreground'],
    env: ['PHP_VERSION=8.2.26', 'WORDPRESS_VERSION=6.7.1'],
    ports: ['80/tcp'],
    volumes: ['/var/www/html'],
    workdir: '/var/www/html',
    stop: 'SIGWINCH',
  },
  {
    repo: 'eclipse-temurin',
    version: '21',
    tags: 'latest 21 21-jdk 21-jdk-noble 21-noble',
    created: '2024-10-23T18:31:00Z',
    base: 'ubuntu 24.04 78.1',
    mb: 420,
    bin: '/opt/java/openjdk/bin:java,javac,jshell',
    cmd: ['jshell'],
    env: ['JAVA_HOME=/opt/java/openjdk'],
  },
  {
    repo: 'openjdk',
    version: '22',
    tags: '22 22-jdk 22-jdk-bookworm',
    created: '2024-03-19T22:05:58Z',
    base: 'debian bookworm-slim 74.8',
    mb: 330,
    bin: '/usr/local/openjdk-22/bin:java,javac,jshell',
    cmd: ['jshell'],
    env: ['JAVA_HOME=/usr/local/openjdk-22', 'LANG=C.UTF-8'],
  },
  {
    repo: 'traefik',
    version: '3.2.1',
    tags: 'latest v3 v3.2 v3.2.1 3 3.2 3.2.1',
    created: '2024-11-20T14:46:02Z',
    base: 'alpine 3.20.3 7.8',
    mb: 178,
    bin: '/usr/local/bin:traefik',
    entry: ['/entrypoint.sh'],
    cmd: ['traefik'],
    ports: ['80/tcp'],
    files: { '/entrypoint.sh': ENTRYPOINT_SH },
  },
  {
    repo: 'caddy',
    version: '2.8.4',
    tags: 'latest 2 2.8 2.8.4 alpine 2-alpine 2.8-alpine 2.8.4-alpine',
    created: '2024-06-03T17:54:21Z',
    base: 'alpine 3.20.3 7.8',
    mb: 40,
    bin: '/usr/bin:caddy',
    cmd: ['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'],
    env: ['CADDY_VERSION=v2.8.4', 'XDG_CONFIG_HOME=/config', 'XDG_DATA_HOME=/data'],
    ports: ['80/tcp', '443/tcp', '443/udp', '2019/tcp'],
    volumes: ['/config', '/data'],
    workdir: '/srv',
    files: { '/etc/caddy/Caddyfile': ':80 {\n\troot * /usr/share/caddy\n\tfile_server\n}\n' },
  },
  {
    repo: 'haproxy',
    version: '3.1.0',
    tags: 'latest 3 3.1 3.1.0 bookworm 3.1-bookworm 3.1.0-bookworm',
    created: '2024-11-26T23:39:10Z',
    base: 'debian bookworm-slim 74.8',
    mb: 38,
    bin: '/usr/local/sbin:haproxy',
    entry: ['docker-entrypoint.sh'],
    cmd: ['haproxy', '-f', '/usr/local/etc/haproxy/haproxy.cfg'],
    env: ['HAPROXY_VERSION=3.1.0'],
    stop: 'SIGUSR1',
    workdir: '/var/lib/haproxy',
  },
];

const json = (a: string[]) => `[${a.map((s) => JSON.stringify(s)).join(' ')}]`;

function service(r: ServiceRow): ImageBody {
  const [dir, names] = r.bin.split(':') as [string, string];
  const name = r.repo;
  const files: Record<string, string> = { ...bins([dir], names.split(',')), ...(r.files ?? {}) };
  if (r.entry?.[0] === 'docker-entrypoint.sh') files['/usr/local/bin/docker-entrypoint.sh'] = ENTRYPOINT_SH;
  const pathDir =
    dir.startsWith('/usr/local/bin') || dir === '/usr/bin' || dir === '/usr/sbin' ? '' : `${dir}:`;
  const config: Partial<ImageConfig> = {
    Env: [`PATH=${pathDir}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`, ...(r.env ?? [])],
    Cmd: r.cmd,
    ...(r.entry ? { Entrypoint: r.entry } : {}),
    ...(r.ports ? { ExposedPorts: Object.fromEntries(r.ports.map((p) => [p, {}])) } : {}),
    ...(r.volumes ? { Volumes: Object.fromEntries(r.volumes.map((v) => [v, {}])) } : {}),
    ...(r.workdir ? { WorkingDir: r.workdir } : {}),
    ...(r.stop ? { StopSignal: r.stop } : {}),
  };
  const meta = [
    ...(r.env ?? []).map((e) => `ENV ${e}`),
    ...(r.volumes ? [`VOLUME [${r.volumes.join(' ')}]`] : []),
    ...(r.workdir ? [`WORKDIR ${r.workdir}`] : []),
    ...(r.entry ? [`ENTRYPOINT ${json(r.entry)}`] : []),
    ...(r.stop ? [`STOPSIGNAL ${r.stop}`] : []),
    ...(r.ports ? [`EXPOSE map[${r.ports.map((p) => `${p}:{}`).join(' ')}]`] : []),
    `CMD ${json(r.cmd)}`,
  ];
  return {
    steps: [
      {
        key: `${name}-${r.version}-install`,
        size: r.mb * MB,
        createdBy: `RUN /bin/sh -c set -eux; install ${name} ${r.version} # buildkit`,
        dirs: [dir, ...(r.volumes ?? []), ...(r.workdir ? [r.workdir] : [])],
        files,
      },
    ],
    config,
    meta,
  };
}

for (const row of ROWS)
  defineRepository({ repo: `docker.io/library/${row.repo}`, rows: [row], image: service });
