/** Catalogue data: the servers (nginx, httpd, redis, postgres, mysql), a table and a builder each. */
import { NGINX_INDEX_HTML } from '../process/images';
import { bins, COREUTILS, layer, ROOT_DIRS, DEFAULT_PATH, ELF, kB, MB } from './catalogLayers';
import { AMD64, defineRepository, type ReleaseRow, type StepDef } from './catalogDefine';
import type { Arch, ImageConfig } from './types';

/** The page is the process model's (one copy: the file in the layer and what nginx serves agree). */
export const NGINX_INDEX = NGINX_INDEX_HTML;

export const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

export const NGINX_CONF = `user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;

events {
    worker_connections  1024;
}

http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;
    access_log  /var/log/nginx/access.log  main;
    sendfile        on;
    keepalive_timeout  65;
    include /etc/nginx/conf.d/*.conf;
}
`;

// ---- servers ---------------------------------------------------------------------------------------------
export function nginxSteps(version: string, installSize: number): StepDef[] {
  return [
    {
      key: `nginx-${version}-install`,
      size: installSize,
      createdBy: `RUN /bin/sh -c set -x && groupadd --system --gid 101 nginx && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx && apt-get update && apt-get install --no-install-recommends --no-install-suggests -y nginx=${version}* # buildkit`,
      dirs: [
        '/etc/nginx',
        '/etc/nginx/conf.d',
        '/usr/share/nginx',
        '/usr/share/nginx/html',
        '/var/log/nginx',
        '/var/cache/nginx',
      ],
      files: {
        '/usr/sbin/nginx': ELF,
        '/usr/bin/envsubst': ELF,
        '/etc/nginx/nginx.conf': NGINX_CONF,
        '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
        '/etc/nginx/mime.types': 'types {\n    text/html  html htm shtml;\n    text/css   css;\n}\n',
        '/usr/share/nginx/html/index.html': NGINX_INDEX,
        '/usr/share/nginx/html/50x.html':
          '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
        '/var/log/nginx/access.log': '',
        '/var/log/nginx/error.log': '',
      },
    },
    {
      key: `nginx-${version}-entrypoint`,
      size: 1.62 * kB,
      createdBy: 'COPY docker-entrypoint.sh / # buildkit',
      files: { '/docker-entrypoint.sh': '#!/bin/sh\n# vim:sw=4:ts=4:et\nset -e\nexec "$@"\n' },
    },
    {
      key: `nginx-${version}-ipv6`,
      size: 2.12 * kB,
      createdBy: 'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit',
      dirs: ['/docker-entrypoint.d'],
      files: { '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': '#!/bin/sh\n' },
    },
    {
      key: `nginx-${version}-templates`,
      size: 3.02 * kB,
      createdBy: 'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit',
      files: { '/docker-entrypoint.d/20-envsubst-on-templates.sh': '#!/bin/sh\n' },
    },
    {
      key: `nginx-${version}-tune`,
      size: 4.62 * kB,
      createdBy: 'COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit',
      files: { '/docker-entrypoint.d/30-tune-worker-processes.sh': '#!/bin/sh\n' },
    },
  ];
}

export function nginxConfig(version: string): Partial<ImageConfig> {
  return {
    Env: [`PATH=${DEFAULT_PATH}`, `NGINX_VERSION=${version}`, 'NJS_VERSION=0.8.7', 'PKG_RELEASE=1~bookworm'],
    Entrypoint: ['/docker-entrypoint.sh'],
    Cmd: ['nginx', '-g', 'daemon off;'],
    ExposedPorts: { '80/tcp': {} },
    StopSignal: 'SIGQUIT',
    Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
  };
}
export const NGINX_META = [
  'LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>',
  'ENTRYPOINT ["/docker-entrypoint.sh"]',
  'EXPOSE map[80/tcp:{}]',
  'STOPSIGNAL SIGQUIT',
  'CMD ["nginx" "-g" "daemon off;"]',
];

/** A release row of an image published on Debian and on Alpine. */
interface VariantRow extends ReleaseRow {
  alpine?: boolean;
}

defineRepository<VariantRow>({
  repo: 'docker.io/library/nginx',
  image: (r) => ({
    steps: nginxSteps(r.alpine ? `${r.version}-alpine` : r.version, r.mb * MB),
    config: r.alpine
      ? {
          ...nginxConfig(r.version),
          Env: [`PATH=${DEFAULT_PATH}`, `NGINX_VERSION=${r.version}`, 'PKG_RELEASE=1'],
        }
      : nginxConfig(r.version),
    meta: NGINX_META,
  }),
  rows: [
    {
      tags: 'latest 1.27 1.27.3 mainline bookworm',
      version: '1.27.3',
      created: '2024-11-26T18:42:08Z',
      base: 'debian bookworm-slim 74.8',
      mb: 112.2,
    },
    {
      tags: 'alpine 1.27-alpine mainline-alpine',
      version: '1.27.3',
      created: '2024-11-26T18:42:08Z',
      base: 'alpine 3.20.3 7.8',
      mb: 40.7,
      alpine: true,
    },
    {
      tags: '1.16.1 1.16',
      version: '1.16.1',
      created: '2020-04-23T00:57:58Z',
      base: 'debian buster-slim 69.2',
      mb: 57.8,
    },
    {
      tags: '1.14.2 1.14',
      version: '1.14.2',
      created: '2019-03-26T23:14:52Z',
      base: 'debian stretch-slim 55.3',
      mb: 53.9,
    },
  ],
});

function httpdSteps(version: string, mb: number): StepDef[] {
  return [
    {
      key: `httpd-${version}-install`,
      size: mb * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; apt-get install -y --no-install-recommends libapr1-dev libaprutil1-dev; ./configure; make; make install # buildkit',
      dirs: [
        '/usr/local/apache2',
        '/usr/local/apache2/bin',
        '/usr/local/apache2/conf',
        '/usr/local/apache2/htdocs',
        '/usr/local/apache2/logs',
      ],
      files: {
        '/usr/local/apache2/bin/httpd': ELF,
        '/usr/local/apache2/conf/httpd.conf':
          'ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n',
        '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n',
      },
    },
    {
      key: 'httpd-foreground',
      size: 138,
      createdBy: 'COPY httpd-foreground /usr/local/bin/ # buildkit',
      files: {
        '/usr/local/bin/httpd-foreground':
          '#!/bin/sh\nset -e\nrm -f /usr/local/apache2/logs/httpd.pid\nexec httpd -DFOREGROUND "$@"\n',
      },
    },
  ];
}

defineRepository<ReleaseRow>({
  repo: 'docker.io/library/httpd',
  image: (r) => ({
    steps: httpdSteps(r.version, r.mb),
    config: {
      Env: [
        'PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'HTTPD_PREFIX=/usr/local/apache2',
        `HTTPD_VERSION=${r.version}`,
      ],
      WorkingDir: '/usr/local/apache2',
      Cmd: ['httpd-foreground'],
      ExposedPorts: { '80/tcp': {} },
      StopSignal: 'SIGWINCH',
    },
    meta: [
      'ENV HTTPD_PREFIX=/usr/local/apache2',
      'WORKDIR /usr/local/apache2',
      'STOPSIGNAL SIGWINCH',
      'EXPOSE map[80/tcp:{}]',
      'CMD ["httpd-foreground"]',
    ],
  }),
  rows: [
    {
      tags: 'latest 2.4 2.4.62',
      version: '2.4.62',
      created: '2024-07-23T01:14:22Z',
      base: 'debian bookworm-slim 74.8',
      mb: 73.4,
    },
  ],
});

function redisSteps(r: VariantRow): StepDef[] {
  const entrypoint = '/usr/local/bin/docker-entrypoint.sh';
  if (r.alpine)
    return [
      {
        key: `redis-${r.version}-alpine-install`,
        size: r.mb * MB,
        createdBy:
          'RUN /bin/sh -c set -eux; apk add --no-cache --virtual .build-deps; make install # buildkit',
        dirs: ['/data'],
        files: {
          '/usr/local/bin/redis-server': ELF,
          '/usr/local/bin/redis-cli': ELF,
          [entrypoint]: '#!/bin/sh\nexec "$@"\n',
        },
      },
    ];
  return [
    {
      key: 'redis-user',
      size: 4.03 * kB,
      createdBy:
        'RUN /bin/sh -c set -eux; groupadd -r -g 999 redis; useradd -r -g redis -u 999 redis # buildkit',
    },
    {
      key: `redis-${r.version}-install`,
      size: r.mb * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; savedAptMark=...; make -C /usr/src/redis; make -C /usr/src/redis install # buildkit',
      files: {
        '/usr/local/bin/redis-server': ELF,
        '/usr/local/bin/redis-cli': ELF,
        '/usr/local/bin/redis-benchmark': ELF,
      },
    },
    {
      key: 'redis-data',
      size: 0,
      createdBy: 'RUN /bin/sh -c mkdir /data && chown redis:redis /data # buildkit',
      dirs: ['/data'],
    },
    {
      key: 'redis-entrypoint',
      size: 661,
      createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
      files: { [entrypoint]: '#!/bin/sh\nset -e\nexec "$@"\n' },
    },
  ];
}

const REDIS_META = ['ENTRYPOINT ["docker-entrypoint.sh"]', 'EXPOSE map[6379/tcp:{}]', 'CMD ["redis-server"]'];

defineRepository<VariantRow>({
  repo: 'docker.io/library/redis',
  image: (r) => ({
    steps: redisSteps(r),
    config: {
      Env: [`PATH=${DEFAULT_PATH}`, `REDIS_VERSION=${r.version}`],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['redis-server'],
      WorkingDir: '/data',
      ExposedPorts: { '6379/tcp': {} },
      Volumes: { '/data': {} },
    },
    meta: r.alpine ? REDIS_META : ['VOLUME [/data]', 'WORKDIR /data', ...REDIS_META],
  }),
  rows: [
    {
      tags: 'latest 7 7.4 7.4.1',
      version: '7.4.1',
      created: '2024-10-03T00:05:34Z',
      base: 'debian bookworm-slim 74.8',
      mb: 42.1,
    },
    {
      tags: 'alpine 7-alpine 7.4-alpine',
      version: '7.4.1',
      created: '2024-10-03T00:05:34Z',
      base: 'alpine 3.20.3 7.8',
      mb: 33.5,
      alpine: true,
    },
  ],
});

interface PostgresRow extends ReleaseRow {
  major: string;
  /** The Debian package's version (`17.2-1.pgdg120+1`). */
  pkg: string;
}

defineRepository<PostgresRow>({
  repo: 'docker.io/library/postgres',
  image: (r) => ({
    steps: [
      {
        key: `postgres-${r.major}-install`,
        size: r.mb * MB,
        createdBy: `RUN /bin/sh -c set -ex; apt-get update; apt-get install -y --no-install-recommends "postgresql-${r.major}=${r.pkg}" # buildkit`,
        dirs: [
          '/var/lib/postgresql',
          '/var/lib/postgresql/data',
          '/docker-entrypoint-initdb.d',
          `/usr/lib/postgresql/${r.major}/bin`,
        ],
        files: {
          [`/usr/lib/postgresql/${r.major}/bin/postgres`]: ELF,
          '/usr/local/bin/docker-entrypoint.sh': '#!/usr/bin/env bash\nset -Eeo pipefail\n',
        },
      },
    ],
    config: {
      Env: [
        `PATH=${DEFAULT_PATH}:/usr/lib/postgresql/${r.major}/bin`,
        `PG_MAJOR=${r.major}`,
        `PG_VERSION=${r.pkg}`,
        'PGDATA=/var/lib/postgresql/data',
      ],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['postgres'],
      ExposedPorts: { '5432/tcp': {} },
      Volumes: { '/var/lib/postgresql/data': {} },
      StopSignal: 'SIGINT',
    },
    meta: [
      'ENV PGDATA=/var/lib/postgresql/data',
      'VOLUME [/var/lib/postgresql/data]',
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      'STOPSIGNAL SIGINT',
      'EXPOSE map[5432/tcp:{}]',
      'CMD ["postgres"]',
    ],
  }),
  rows: [
    {
      tags: 'latest 17 17.2',
      version: '17.2',
      major: '17',
      pkg: '17.2-1.pgdg120+1',
      created: '2024-11-21T22:01:03Z',
      base: 'debian bookworm-slim 74.8',
      mb: 360,
    },
  ],
});

/** Oracle Linux 9 slim, the base of mysql 8 and later. */
function oracleLinux(arch: Arch): string {
  return layer('oraclelinux-9-slim', arch, {
    size: 117 * MB,
    createdBy: 'ADD oraclelinux-9-slim.tar.xz / # buildkit',
    dirs: ROOT_DIRS,
    files: {
      ...bins(['/bin', '/usr/bin'], COREUTILS),
      '/etc/os-release': 'NAME="Oracle Linux Server"\nVERSION="9.4"\nID="ol"\n',
    },
  });
}

interface MysqlRow extends PostgresRow {
  /** The exposed ports, as the image's legacy `EXPOSE` line names them. */
  ports: string;
}

/** mysql's install step: apt on Debian (5.x), microdnf on Oracle Linux (8 and later). */
function mysqlInstall(r: MysqlRow): StepDef {
  const files = {
    '/usr/sbin/mysqld': ELF,
    '/usr/local/bin/docker-entrypoint.sh': '#!/bin/bash\nset -eo pipefail\n',
  };
  if (r.base)
    return {
      key: `mysql-${r.major}-install`,
      size: r.mb * MB,
      createdBy:
        '/bin/sh -c { echo mysql-community-server mysql-community-server/data-dir select ; } | debconf-set-selections && apt-get update && apt-get install -y mysql-server="${MYSQL_VERSION}"',
      dirs: ['/var/lib/mysql', '/docker-entrypoint-initdb.d', '/etc/mysql'],
      files,
    };
  return {
    key: `mysql-${r.major}-install`,
    size: r.mb * MB,
    createdBy:
      'RUN /bin/sh -c set -eux; microdnf install -y "mysql-community-server-minimal-$MYSQL_VERSION" # buildkit',
    dirs: ['/var/lib/mysql', '/docker-entrypoint-initdb.d'],
    files,
  };
}

defineRepository<MysqlRow>({
  repo: 'docker.io/library/mysql',
  image: (r) => ({
    ...(r.base ? {} : { base: oracleLinux }),
    steps: [mysqlInstall(r)],
    config: {
      Env: [`PATH=${DEFAULT_PATH}`, `MYSQL_MAJOR=${r.major}`, `MYSQL_VERSION=${r.pkg}`],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['mysqld'],
      ExposedPorts: Object.fromEntries(r.ports.split(' ').map((p) => [`${p}/tcp`, {}])),
      Volumes: { '/var/lib/mysql': {} },
    },
    meta: [
      'VOLUME [/var/lib/mysql]',
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      `EXPOSE ${r.ports}`,
      'CMD ["mysqld"]',
    ],
  }),
  rows: [
    {
      tags: '5.6 5.6.51',
      version: '5.6.51',
      major: '5.6',
      pkg: '5.6.51-1debian9',
      archs: AMD64,
      created: '2021-12-21T02:03:55Z',
      base: 'debian stretch-slim 55.3',
      mb: 248,
      ports: '3306',
    },
    {
      tags: 'latest 8.0 8',
      version: '8.0.40',
      major: '8.0',
      pkg: '8.0.40-1.el9',
      created: '2024-10-15T18:41:09Z',
      mb: 456,
      ports: '3306 33060',
    },
  ],
});
