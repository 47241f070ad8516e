/** Catalogue data: the language runtimes (node, python, perl). */
import { bins, DEFAULT_PATH, MB, alpineRootfs, debianRootfs } from './catalogLayers';
import { BOTH, define, type StepDef } from './catalogDefine';

// ---- language runtimes -----------------------------------------------------------------------------------
export function buildpackSteps(key: string): StepDef[] {
  return [
    {
      key: `buildpack-curl-${key}`,
      size: 24 * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates curl gnupg netbase wget # buildkit',
      files: bins(['/usr/bin'], ['curl', 'wget', 'gpg']),
    },
    {
      key: `buildpack-scm-${key}`,
      size: 64.4 * MB,
      createdBy:
        'RUN /bin/sh -c set -ex; apt-get update; apt-get install -y --no-install-recommends git mercurial openssh-client subversion procps # buildkit',
      files: bins(['/usr/bin'], ['git', 'ssh', 'ps', 'top']),
    },
    {
      key: `buildpack-dev-${key}`,
      size: 588 * MB,
      createdBy:
        'RUN /bin/sh -c set -ex; apt-get update; apt-get install -y --no-install-recommends autoconf automake bzip2 dpkg-dev file g++ gcc make patch # buildkit',
      files: bins(['/usr/bin'], ['gcc', 'g++', 'make', 'file']),
    },
  ];
}

define({
  repo: 'docker.io/library/node',
  tags: ['latest', '22', '22.11', '22.11.0', 'lts'],
  archs: BOTH,
  created: '2024-10-29T18:05:21Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 117 * MB, false),
  steps: [
    ...buildpackSteps('bookworm'),
    {
      key: 'node-22.11.0-install',
      size: 189 * MB,
      createdBy:
        'RUN /bin/sh -c ARCH= && dpkgArch="$(dpkg --print-architecture)" && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz" # buildkit',
      files: bins(['/usr/local/bin'], ['node', 'npm', 'npx']),
    },
    {
      key: 'node-yarn',
      size: 5.34 * MB,
      createdBy:
        'RUN /bin/sh -c set -ex && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz" # buildkit',
      files: bins(['/usr/local/bin'], ['yarn']),
    },
    {
      key: 'node-entrypoint',
      size: 388,
      createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
      files: { '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nset -e\nexec "$@"\n' },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'NODE_VERSION=22.11.0', 'YARN_VERSION=1.22.22'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['node'],
  },
  meta: ['ENV NODE_VERSION=22.11.0', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["node"]'],
});
define({
  repo: 'docker.io/library/node',
  tags: ['20', '20.18', '20.18.0'],
  archs: BOTH,
  created: '2024-10-03T18:05:21Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 117 * MB, false),
  steps: [
    ...buildpackSteps('bookworm'),
    {
      key: 'node-20.18.0-install',
      size: 183 * MB,
      createdBy:
        'RUN /bin/sh -c ARCH= && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz" # buildkit',
      files: bins(['/usr/local/bin'], ['node', 'npm', 'npx']),
    },
    {
      key: 'node-yarn',
      size: 5.34 * MB,
      createdBy:
        'RUN /bin/sh -c set -ex && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz" # buildkit',
      files: bins(['/usr/local/bin'], ['yarn']),
    },
    {
      key: 'node-entrypoint',
      size: 388,
      createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
      files: { '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nset -e\nexec "$@"\n' },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'NODE_VERSION=20.18.0', 'YARN_VERSION=1.22.22'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['node'],
  },
  meta: ['ENV NODE_VERSION=20.18.0', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["node"]'],
});
define({
  repo: 'docker.io/library/node',
  tags: ['20-alpine', '20-alpine3.20', 'lts-alpine', 'alpine'],
  archs: BOTH,
  created: '2024-10-03T18:05:21Z',
  base: (a) => alpineRootfs(a, '3.20.3', 7.8 * MB),
  steps: [
    {
      key: 'node-20.18.0-alpine-install',
      size: 122 * MB,
      createdBy:
        'RUN /bin/sh -c addgroup -g 1000 node && adduser -u 1000 -G node -s /bin/sh -D node && apk add --no-cache libstdc++ # buildkit',
      files: bins(['/usr/local/bin'], ['node', 'npm', 'npx']),
      dirs: ['/home/node'],
    },
    {
      key: 'node-alpine-yarn',
      size: 5.34 * MB,
      createdBy: 'RUN /bin/sh -c apk add --no-cache --virtual .build-deps-yarn curl gnupg tar # buildkit',
      files: bins(['/usr/local/bin'], ['yarn']),
    },
    {
      key: 'node-entrypoint',
      size: 388,
      createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
      files: { '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nset -e\nexec "$@"\n' },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'NODE_VERSION=20.18.0', 'YARN_VERSION=1.22.22'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['node'],
  },
  meta: ['ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["node"]'],
});
define({
  repo: 'docker.io/library/python',
  tags: ['latest', '3.12', '3.12.7', '3'],
  archs: BOTH,
  created: '2024-10-01T21:30:00Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 117 * MB, false),
  steps: [
    ...buildpackSteps('bookworm'),
    {
      key: 'python-3.12.7-install',
      size: 104 * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; wget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz"; ./configure; make install # buildkit',
      files: bins(['/usr/local/bin'], ['python', 'python3', 'pip', 'pip3']),
    },
  ],
  config: { Env: [`PATH=${DEFAULT_PATH}`, 'LANG=C.UTF-8', 'PYTHON_VERSION=3.12.7'], Cmd: ['python3'] },
  meta: ['ENV LANG=C.UTF-8', 'ENV PYTHON_VERSION=3.12.7', 'CMD ["python3"]'],
});
define({
  repo: 'docker.io/library/python',
  tags: ['3.12-slim', 'slim', '3.12-slim-bookworm'],
  archs: BOTH,
  created: '2024-10-01T21:30:00Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 74.8 * MB, true),
  steps: [
    {
      key: 'python-slim-deps',
      size: 9.56 * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates netbase tzdata # buildkit',
    },
    {
      key: 'python-3.12.7-slim-install',
      size: 40.9 * MB,
      createdBy: 'RUN /bin/sh -c set -eux; ./configure --enable-optimizations; make install # buildkit',
      files: bins(['/usr/local/bin'], ['python', 'python3', 'pip', 'pip3']),
    },
  ],
  config: { Env: [`PATH=${DEFAULT_PATH}`, 'LANG=C.UTF-8', 'PYTHON_VERSION=3.12.7'], Cmd: ['python3'] },
  meta: ['ENV LANG=C.UTF-8', 'CMD ["python3"]'],
});
define({
  repo: 'docker.io/library/perl',
  tags: ['5.34.0', '5.34'],
  archs: BOTH,
  created: '2022-04-20T05:32:42Z',
  base: (a) => debianRootfs(a, 'bullseye', '11', 124 * MB, false),
  steps: [
    ...buildpackSteps('bullseye'),
    {
      key: 'perl-5.34.0-install',
      size: 52.3 * MB,
      createdBy:
        '/bin/sh -c true && curl -fL https://www.cpan.org/src/5.0/perl-5.34.0.tar.xz -o perl-5.34.0.tar.xz && ./Configure && make install',
      files: bins(['/usr/local/bin', '/usr/bin'], ['perl', 'perl5.34.0', 'cpanm']),
    },
  ],
  config: { Env: [`PATH=${DEFAULT_PATH}`], WorkingDir: '/', Cmd: ['perl5.34.0', '-de0'] },
  meta: ['WORKDIR /', 'CMD ["perl5.34.0" "-de0"]'],
});
