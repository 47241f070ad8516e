/** Catalogue data: the servers (nginx, httpd, redis, postgres, mysql). */
import { NGINX_INDEX_HTML } from '../process/images';
import {
  bins,
  COREUTILS,
  layer,
  ROOT_DIRS,
  DEFAULT_PATH,
  ELF,
  kB,
  MB,
  alpineRootfs,
  debianRootfs,
} from './catalogLayers';
import { AMD64, BOTH, define, type StepDef } from './catalogDefine';
import type { ImageConfig } from './types';

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

define({
  repo: 'docker.io/library/nginx',
  tags: ['latest', '1.27', '1.27.3', 'mainline', 'bookworm'],
  archs: BOTH,
  created: '2024-11-26T18:42:08Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 74.8 * MB, true),
  steps: nginxSteps('1.27.3', 112.2 * MB),
  config: nginxConfig('1.27.3'),
  meta: NGINX_META,
});
define({
  repo: 'docker.io/library/nginx',
  tags: ['alpine', '1.27-alpine', 'mainline-alpine'],
  archs: BOTH,
  created: '2024-11-26T18:42:08Z',
  base: (a) => alpineRootfs(a, '3.20.3', 7.8 * MB),
  steps: nginxSteps('1.27.3-alpine', 40.7 * MB),
  config: {
    ...nginxConfig('1.27.3'),
    Env: [`PATH=${DEFAULT_PATH}`, 'NGINX_VERSION=1.27.3', 'PKG_RELEASE=1'],
  },
  meta: NGINX_META,
});
define({
  repo: 'docker.io/library/nginx',
  tags: ['1.16.1', '1.16'],
  archs: BOTH,
  created: '2020-04-23T00:57:58Z',
  base: (a) => debianRootfs(a, 'buster', '10', 69.2 * MB, true),
  steps: nginxSteps('1.16.1', 57.8 * MB),
  config: nginxConfig('1.16.1'),
  meta: NGINX_META,
});
define({
  repo: 'docker.io/library/nginx',
  tags: ['1.14.2', '1.14'],
  archs: BOTH,
  created: '2019-03-26T23:14:52Z',
  base: (a) => debianRootfs(a, 'stretch', '9', 55.3 * MB, true),
  steps: nginxSteps('1.14.2', 53.9 * MB),
  config: nginxConfig('1.14.2'),
  meta: NGINX_META,
});

define({
  repo: 'docker.io/library/httpd',
  tags: ['latest', '2.4', '2.4.62'],
  archs: BOTH,
  created: '2024-07-23T01:14:22Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 74.8 * MB, true),
  steps: [
    {
      key: 'httpd-2.4.62-install',
      size: 73.4 * MB,
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
  ],
  config: {
    Env: [
      'PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'HTTPD_PREFIX=/usr/local/apache2',
      'HTTPD_VERSION=2.4.62',
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
});

define({
  repo: 'docker.io/library/redis',
  tags: ['latest', '7', '7.4', '7.4.1'],
  archs: BOTH,
  created: '2024-10-03T00:05:34Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 74.8 * MB, true),
  steps: [
    {
      key: 'redis-user',
      size: 4.03 * kB,
      createdBy:
        'RUN /bin/sh -c set -eux; groupadd -r -g 999 redis; useradd -r -g redis -u 999 redis # buildkit',
    },
    {
      key: 'redis-7.4.1-install',
      size: 42.1 * MB,
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
      files: { '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nset -e\nexec "$@"\n' },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'REDIS_VERSION=7.4.1'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['redis-server'],
    WorkingDir: '/data',
    ExposedPorts: { '6379/tcp': {} },
    Volumes: { '/data': {} },
  },
  meta: [
    'VOLUME [/data]',
    'WORKDIR /data',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'EXPOSE map[6379/tcp:{}]',
    'CMD ["redis-server"]',
  ],
});

define({
  repo: 'docker.io/library/redis',
  tags: ['alpine', '7-alpine', '7.4-alpine'],
  archs: BOTH,
  created: '2024-10-03T00:05:34Z',
  base: (a) => alpineRootfs(a, '3.20.3', 7.8 * MB),
  steps: [
    {
      key: 'redis-7.4.1-alpine-install',
      size: 33.5 * MB,
      createdBy: 'RUN /bin/sh -c set -eux; apk add --no-cache --virtual .build-deps; make install # buildkit',
      dirs: ['/data'],
      files: {
        '/usr/local/bin/redis-server': ELF,
        '/usr/local/bin/redis-cli': ELF,
        '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nexec "$@"\n',
      },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'REDIS_VERSION=7.4.1'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['redis-server'],
    WorkingDir: '/data',
    ExposedPorts: { '6379/tcp': {} },
    Volumes: { '/data': {} },
  },
  meta: ['ENTRYPOINT ["docker-entrypoint.sh"]', 'EXPOSE map[6379/tcp:{}]', 'CMD ["redis-server"]'],
});

define({
  repo: 'docker.io/library/postgres',
  tags: ['latest', '17', '17.2'],
  archs: BOTH,
  created: '2024-11-21T22:01:03Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 74.8 * MB, true),
  steps: [
    {
      key: 'postgres-17-install',
      size: 360 * MB,
      createdBy:
        'RUN /bin/sh -c set -ex; apt-get update; apt-get install -y --no-install-recommends "postgresql-17=17.2-1.pgdg120+1" # buildkit',
      dirs: [
        '/var/lib/postgresql',
        '/var/lib/postgresql/data',
        '/docker-entrypoint-initdb.d',
        '/usr/lib/postgresql/17/bin',
      ],
      files: {
        '/usr/lib/postgresql/17/bin/postgres': ELF,
        '/usr/local/bin/docker-entrypoint.sh': '#!/usr/bin/env bash\nset -Eeo pipefail\n',
      },
    },
  ],
  config: {
    Env: [
      `PATH=${DEFAULT_PATH}:/usr/lib/postgresql/17/bin`,
      'PG_MAJOR=17',
      'PG_VERSION=17.2-1.pgdg120+1',
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
});

define({
  repo: 'docker.io/library/mysql',
  tags: ['5.6', '5.6.51'],
  version: '5.6.51',
  archs: AMD64,
  created: '2021-12-21T02:03:55Z',
  base: (a) => debianRootfs(a, 'stretch', '9', 55.3 * MB, true),
  steps: [
    {
      key: 'mysql-5.6-install',
      size: 248 * MB,
      createdBy:
        '/bin/sh -c { echo mysql-community-server mysql-community-server/data-dir select ; } | debconf-set-selections && apt-get update && apt-get install -y mysql-server="${MYSQL_VERSION}"',
      dirs: ['/var/lib/mysql', '/docker-entrypoint-initdb.d', '/etc/mysql'],
      files: {
        '/usr/sbin/mysqld': ELF,
        '/usr/local/bin/docker-entrypoint.sh': '#!/bin/bash\nset -eo pipefail\n',
      },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'MYSQL_MAJOR=5.6', 'MYSQL_VERSION=5.6.51-1debian9'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['mysqld'],
    ExposedPorts: { '3306/tcp': {} },
    Volumes: { '/var/lib/mysql': {} },
  },
  meta: ['VOLUME [/var/lib/mysql]', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'EXPOSE 3306', 'CMD ["mysqld"]'],
});

define({
  repo: 'docker.io/library/mysql',
  tags: ['latest', '8.0', '8'],
  version: '8.0.40',
  archs: BOTH,
  created: '2024-10-15T18:41:09Z',
  base: (a) =>
    layer('oraclelinux-9-slim', a, {
      size: 117 * MB,
      createdBy: 'ADD oraclelinux-9-slim.tar.xz / # buildkit',
      dirs: ROOT_DIRS,
      files: {
        ...bins(['/bin', '/usr/bin'], COREUTILS),
        '/etc/os-release': 'NAME="Oracle Linux Server"\nVERSION="9.4"\nID="ol"\n',
      },
    }),
  steps: [
    {
      key: 'mysql-8.0-install',
      size: 456 * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; microdnf install -y "mysql-community-server-minimal-$MYSQL_VERSION" # buildkit',
      dirs: ['/var/lib/mysql', '/docker-entrypoint-initdb.d'],
      files: {
        '/usr/sbin/mysqld': ELF,
        '/usr/local/bin/docker-entrypoint.sh': '#!/bin/bash\nset -eo pipefail\n',
      },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'MYSQL_MAJOR=8.0', 'MYSQL_VERSION=8.0.40-1.el9'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['mysqld'],
    ExposedPorts: { '3306/tcp': {}, '33060/tcp': {} },
    Volumes: { '/var/lib/mysql': {} },
  },
  meta: [
    'VOLUME [/var/lib/mysql]',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'EXPOSE 3306 33060',
    'CMD ["mysqld"]',
  ],
});
