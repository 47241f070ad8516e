/**
 * Catalogue data: the images of the kubernetes.io tutorials (pause, hpa-example, stress, fluentd, echoserver …), one
 * row each: a repository's single release with its layers, config and history, as the real image has them.
 */
import { bins, layer, DEFAULT_PATH, ELF, kB, MB } from './catalogLayers';
import { AMD64, defineRepository, type ImageBody, type ImageRow, type StepDef } from './catalogDefine';
import { NGINX_INDEX } from './catalogServers';
import type { ImageConfig } from './types';

interface TutorialRow extends ImageRow {
  repo: string;
  /** The layers over the base. */
  steps?: StepDef[];
  /** The image's only layer, for images built `FROM scratch` (no base). */
  own?: StepDef;
  config: Partial<ImageConfig>;
  meta: string[];
}

const TUTORIALS: TutorialRow[] = [
  // the pause binary alone, FROM scratch
  ...(
    [
      ['3.9', '2022-10-26T00:00:00Z', 744],
      ['3.10', '2024-05-21T00:00:00Z', 736],
    ] as const
  ).map(([tag, created, kb]): TutorialRow => ({
    repo: 'registry.k8s.io/pause',
    tags: tag,
    created,
    own: {
      key: `pause-${tag}`,
      size: kb * kB,
      createdBy: 'ARG ARCH\nADD bin/pause-linux-${ARCH} /pause # buildkit',
      files: { '/pause': ELF },
    },
    config: { User: '65535:65535', Entrypoint: ['/pause'], Env: [] },
    meta: ['USER 65535:65535', 'ENTRYPOINT ["/pause"]'],
  })),
  {
    repo: 'registry.k8s.io/hpa-example',
    tags: 'latest',
    archs: AMD64,
    created: '2016-03-08T16:31:58Z',
    base: 'debian jessie 125',
    steps: [
      {
        key: 'php-apache-install',
        size: 355 * MB,
        createdBy: '/bin/sh -c apt-get update && apt-get install -y apache2 php5 libapache2-mod-php5',
        files: {
          '/usr/local/bin/apache2-foreground': '#!/bin/bash\nexec apache2 -DFOREGROUND\n',
          '/usr/sbin/apache2': ELF,
        },
        dirs: ['/var/www', '/var/www/html'],
      },
      {
        key: 'hpa-example-index',
        size: 102,
        createdBy: '/bin/sh -c #(nop) ADD file:index.php in /var/www/html/index.php',
        files: {
          '/var/www/html/index.php':
            '<?php\n  $x = 0.0001;\n  for ($i = 0; $i <= 1000000; $i++) {\n    $x += sqrt($x);\n  }\n  echo "OK!";\n?>\n',
        },
      },
    ],
    config: {
      Env: [`PATH=${DEFAULT_PATH}`, 'PHP_VERSION=5.6.19'],
      WorkingDir: '/var/www/html',
      Cmd: ['apache2-foreground'],
      ExposedPorts: { '80/tcp': {} },
    },
    meta: ['WORKDIR /var/www/html', 'EXPOSE 80/tcp', 'CMD ["apache2-foreground"]'],
  },
  {
    repo: 'docker.io/polinux/stress',
    tags: 'latest 1.0.4',
    archs: AMD64,
    created: '2017-04-18T09:50:16Z',
    base: 'alpine 3.5.2 3.99',
    steps: [
      {
        key: 'stress-install',
        size: 5.75 * MB,
        createdBy:
          '/bin/sh -c apk add --update bash g++ make curl && curl -o /tmp/stress-1.0.4.tgz https://fossies.org/linux/privat/stress-1.0.4.tar.gz && make install',
        files: { '/usr/local/bin/stress': ELF },
      },
    ],
    config: { Env: [`PATH=${DEFAULT_PATH}`], Cmd: ['/bin/sh'] },
    meta: ['CMD ["/bin/sh"]'],
  },
  {
    repo: 'quay.io/fluentd_elasticsearch/fluentd',
    tags: 'v2.5.2',
    archs: AMD64,
    created: '2019-04-23T10:14:44Z',
    base: 'debian stretch-slim 55.3',
    steps: [
      {
        key: 'fluentd-2.5.2-install',
        size: 85.8 * MB,
        createdBy:
          '/bin/sh -c apt-get update && apt-get install -y ruby && gem install fluentd -v 1.4.2 fluent-plugin-elasticsearch',
        files: {
          '/usr/local/bin/fluentd': ELF,
          '/run.sh': '#!/bin/sh\nexec /usr/local/bin/fluentd $FLUENTD_ARGS\n',
        },
        dirs: ['/etc/fluent', '/etc/fluent/config.d'],
      },
    ],
    config: {
      Env: [`PATH=${DEFAULT_PATH}`, 'FLUENTD_ARGS=--no-supervisor -q'],
      Entrypoint: ['/run.sh'],
      ExposedPorts: { '80/tcp': {} },
    },
    meta: ['ENTRYPOINT ["/run.sh"]', 'EXPOSE 80'],
  },
  {
    repo: 'docker.io/library/fluentd',
    tags: 'latest v1.17 v1.17-1',
    created: '2024-08-01T00:00:00Z',
    base: 'alpine 3.20.3 7.8',
    steps: [
      {
        key: 'fluentd-1.17-install',
        size: 63.4 * MB,
        createdBy: 'RUN /bin/sh -c apk add --no-cache ruby && gem install fluentd -v 1.17.1 # buildkit',
        files: {
          ...bins(['/usr/bin'], ['fluentd', 'ruby', 'tini']),
          '/bin/entrypoint.sh': '#!/bin/sh\nexec "$@"\n',
        },
        dirs: ['/fluentd', '/fluentd/etc', '/fluentd/log'],
      },
    ],
    config: {
      Env: [`PATH=${DEFAULT_PATH}`, 'FLUENTD_CONF=fluent.conf'],
      User: 'fluent',
      Entrypoint: ['tini', '--', '/bin/entrypoint.sh'],
      Cmd: ['fluentd'],
      ExposedPorts: { '24224/tcp': {}, '5140/tcp': {} },
    },
    meta: ['USER fluent', 'EXPOSE 24224 5140', 'CMD ["fluentd"]'],
  },
  // The StatefulSet tutorial's web server: nginx on a slim Ubuntu base, serving /usr/share/nginx/html on port 80.
  {
    repo: 'registry.k8s.io/nginx-slim',
    tags: '0.8 0.21 0.27',
    archs: AMD64,
    created: '2023-06-01T00:00:00Z',
    base: 'ubuntu 22.04 29.5',
    steps: [
      {
        key: 'nginx-slim-nginx',
        size: 9.8 * MB,
        createdBy: '/bin/sh -c apt-get update && apt-get install -y --no-install-recommends nginx-light',
        files: { '/usr/sbin/nginx': ELF, '/usr/share/nginx/html/index.html': NGINX_INDEX },
        dirs: ['/etc/nginx', '/var/log/nginx'],
      },
    ],
    config: {
      Env: [`PATH=${DEFAULT_PATH}`],
      Cmd: ['nginx', '-g', 'daemon off;'],
      ExposedPorts: { '80/tcp': {}, '443/tcp': {} },
      StopSignal: 'SIGQUIT',
    },
    meta: ['EXPOSE 80 443', 'STOPSIGNAL SIGQUIT', 'CMD ["nginx" "-g" "daemon off;"]'],
  },
  {
    repo: 'k8s.gcr.io/echoserver',
    tags: '1.4',
    archs: AMD64,
    created: '2016-06-29T18:43:12Z',
    base: 'ubuntu 14.04 84.1',
    steps: [
      {
        key: 'echoserver-1.4-nginx',
        size: 56.3 * MB,
        createdBy: '/bin/sh -c apt-get update && apt-get install -y nginx-extras lua-cjson',
        files: {
          '/usr/sbin/nginx': ELF,
          '/usr/local/bin/run.sh': '#!/bin/sh\nexec nginx -g "daemon off;"\n',
        },
        dirs: ['/etc/nginx'],
      },
    ],
    config: {
      Env: [`PATH=${DEFAULT_PATH}`],
      Cmd: ['/usr/sbin/nginx', '-g', 'daemon off;'],
      ExposedPorts: { '8080/tcp': {} },
    },
    meta: ['EXPOSE 8080', 'CMD ["/usr/sbin/nginx" "-g" "daemon off;"]'],
  },
  {
    repo: 'registry.k8s.io/echoserver',
    tags: '1.10',
    archs: AMD64,
    created: '2018-03-02T20:07:08Z',
    base: 'ubuntu 16.04 43.9',
    steps: [
      {
        key: 'echoserver-1.10-nginx',
        size: 51.2 * MB,
        createdBy: '/bin/sh -c apt-get update && apt-get install -y nginx-extras',
        files: {
          '/usr/local/openresty/nginx/sbin/nginx': ELF,
          '/usr/local/bin/run.sh': '#!/bin/sh\nexec nginx -g "daemon off;"\n',
        },
      },
    ],
    config: {
      Env: [`PATH=${DEFAULT_PATH}`],
      Cmd: ['/usr/local/bin/run.sh'],
      ExposedPorts: { '8080/tcp': {}, '8443/tcp': {} },
    },
    meta: ['EXPOSE 8080 8443', 'CMD ["/usr/local/bin/run.sh"]'],
  },
  ...(
    [
      ['1.0', '2019-03-06T00:00:00Z'],
      ['2.0', '2019-03-06T00:00:01Z'],
    ] as const
  ).map(([tag, created]): TutorialRow => ({
    repo: 'gcr.io/google-samples/hello-app',
    tags: tag,
    created,
    base: 'alpine 3.9.2 5.53',
    steps: [
      {
        key: `hello-app-${tag}`,
        size: 4.13 * MB,
        createdBy: 'COPY /go/bin/hello-app /hello-app # buildkit',
        files: { '/hello-app': ELF },
      },
    ],
    config: { Env: [`PATH=${DEFAULT_PATH}`, 'PORT=8080'], Entrypoint: ['/hello-app'] },
    meta: ['ENV PORT=8080', 'ENTRYPOINT ["/hello-app"]'],
  })),
  {
    repo: 'docker.io/hashicorp/http-echo',
    tags: 'latest 1.0 1.0.0',
    created: '2023-09-18T00:00:00Z',
    own: {
      key: 'http-echo-1.0.0',
      size: 4.23 * MB,
      createdBy: 'COPY http-echo /http-echo # buildkit',
      files: { '/http-echo': ELF },
    },
    config: {
      Env: [`PATH=${DEFAULT_PATH}`],
      User: 'default',
      Entrypoint: ['/http-echo'],
      ExposedPorts: { '5678/tcp': {} },
    },
    meta: ['EXPOSE 5678/tcp', 'ENTRYPOINT ["/http-echo"]'],
  },
  {
    repo: 'registry.k8s.io/coredns/coredns',
    tags: 'v1.11.1',
    created: '2023-08-15T17:41:12Z',
    base: 'static 2.35',
    steps: [
      {
        key: 'coredns-1.11.1',
        size: 57.4 * MB,
        createdBy: 'COPY /coredns /coredns # buildkit',
        files: { '/coredns': ELF },
      },
    ],
    config: {
      Env: [`PATH=${DEFAULT_PATH}`],
      User: '0',
      Entrypoint: ['/coredns'],
      ExposedPorts: { '53/tcp': {}, '53/udp': {} },
    },
    meta: ['EXPOSE map[53/tcp:{} 53/udp:{}]', 'ENTRYPOINT ["/coredns"]'],
  },
  // kubeadm's kube-proxy: the static binary over distroless-iptables (Debian, iptables and conntrack inside).
  {
    repo: 'registry.k8s.io/kube-proxy',
    tags: 'v1.31.4 v1.32.0 v1.32.1 v1.32.2 v1.32.3',
    created: '2024-12-10T00:00:00Z',
    base: 'static 27.6',
    steps: [
      {
        key: 'kube-proxy-1.31.4',
        size: 63.1 * MB,
        createdBy:
          'COPY /go/src/k8s.io/kubernetes/_output/local/bin/linux/amd64/kube-proxy /usr/local/bin/kube-proxy # buildkit',
        files: { '/usr/local/bin/kube-proxy': ELF },
      },
    ],
    config: { Env: [`PATH=${DEFAULT_PATH}`], User: '0', Entrypoint: ['/go-runner'] },
    meta: ['ENTRYPOINT ["/go-runner"]'],
  },
  {
    repo: 'registry.k8s.io/metrics-server/metrics-server',
    tags: 'v0.7.1',
    created: '2024-03-26T00:00:00Z',
    base: 'static 2.35',
    steps: [
      {
        key: 'metrics-server-0.7.1',
        size: 64.6 * MB,
        createdBy: 'COPY /go/src/sigs.k8s.io/metrics-server/metrics-server / # buildkit',
        files: { '/metrics-server': ELF },
      },
    ],
    config: { Env: [`PATH=${DEFAULT_PATH}`], User: '65534', Entrypoint: ['/metrics-server'] },
    meta: ['USER 65534', 'ENTRYPOINT ["/metrics-server"]'],
  },
];

function tutorialImage(r: TutorialRow): ImageBody {
  const own = r.own;
  return {
    ...(own ? { base: (a) => layer(own.key, a, own) } : {}),
    ...(r.steps ? { steps: r.steps } : {}),
    config: r.config,
    meta: r.meta,
  };
}

for (const row of TUTORIALS) defineRepository({ repo: row.repo, rows: [row], image: tutorialImage });
