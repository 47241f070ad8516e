/** Catalogue data: the language runtimes (node, python, perl), a table and a builder each. */
import { bins, DEFAULT_PATH, MB } from './catalogLayers';
import { defineRepository, type ReleaseRow, type StepDef } from './catalogDefine';

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

interface NodeRow extends ReleaseRow {
  alpine?: boolean;
}

const NODE_ENTRYPOINT: StepDef = {
  key: 'node-entrypoint',
  size: 388,
  createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
  files: { '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nset -e\nexec "$@"\n' },
};

function nodeSteps(r: NodeRow): StepDef[] {
  const node = bins(['/usr/local/bin'], ['node', 'npm', 'npx']);
  const yarn = bins(['/usr/local/bin'], ['yarn']);
  if (r.alpine)
    return [
      {
        key: `node-${r.version}-alpine-install`,
        size: r.mb * MB,
        createdBy:
          'RUN /bin/sh -c addgroup -g 1000 node && adduser -u 1000 -G node -s /bin/sh -D node && apk add --no-cache libstdc++ # buildkit',
        files: node,
        dirs: ['/home/node'],
      },
      {
        key: 'node-alpine-yarn',
        size: 5.34 * MB,
        createdBy: 'RUN /bin/sh -c apk add --no-cache --virtual .build-deps-yarn curl gnupg tar # buildkit',
        files: yarn,
      },
      NODE_ENTRYPOINT,
    ];
  return [
    ...buildpackSteps('bookworm'),
    {
      key: `node-${r.version}-install`,
      size: r.mb * MB,
      createdBy:
        'RUN /bin/sh -c ARCH= && dpkgArch="$(dpkg --print-architecture)" && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz" # buildkit',
      files: node,
    },
    {
      key: 'node-yarn',
      size: 5.34 * MB,
      createdBy:
        'RUN /bin/sh -c set -ex && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz" # buildkit',
      files: yarn,
    },
    NODE_ENTRYPOINT,
  ];
}

defineRepository<NodeRow>({
  repo: 'docker.io/library/node',
  image: (r) => ({
    steps: nodeSteps(r),
    config: {
      Env: [`PATH=${DEFAULT_PATH}`, `NODE_VERSION=${r.version}`, 'YARN_VERSION=1.22.22'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['node'],
    },
    meta: [
      ...(r.alpine ? [] : [`ENV NODE_VERSION=${r.version}`]),
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      'CMD ["node"]',
    ],
  }),
  rows: [
    {
      tags: '22.11.0 22.11 22 lts jod',
      version: '22.11.0',
      created: '2024-10-29T18:05:21Z',
      base: 'debian bookworm 117',
      mb: 189,
    },
    {
      tags: '20.18.0-alpine',
      version: '20.18.0',
      created: '2024-10-03T18:05:21Z',
      base: 'alpine 3.20.3 7.8',
      mb: 122,
      alpine: true,
    },
  ],
});

interface PythonRow extends ReleaseRow {
  slim?: boolean;
}

function pythonSteps(r: PythonRow): StepDef[] {
  const python = bins(['/usr/local/bin'], ['python', 'python3', 'pip', 'pip3']);
  if (r.slim)
    return [
      {
        key: 'python-slim-deps',
        size: 9.56 * MB,
        createdBy:
          'RUN /bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates netbase tzdata # buildkit',
      },
      {
        key: `python-${r.version}-slim-install`,
        size: r.mb * MB,
        createdBy: 'RUN /bin/sh -c set -eux; ./configure --enable-optimizations; make install # buildkit',
        files: python,
      },
    ];
  return [
    ...buildpackSteps('bookworm'),
    {
      key: `python-${r.version}-install`,
      size: r.mb * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; wget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz"; ./configure; make install # buildkit',
      files: python,
    },
  ];
}

defineRepository<PythonRow>({
  repo: 'docker.io/library/python',
  image: (r) => ({
    steps: pythonSteps(r),
    config: {
      Env: [`PATH=${DEFAULT_PATH}`, 'LANG=C.UTF-8', `PYTHON_VERSION=${r.version}`],
      Cmd: ['python3'],
    },
    meta: ['ENV LANG=C.UTF-8', ...(r.slim ? [] : [`ENV PYTHON_VERSION=${r.version}`]), 'CMD ["python3"]'],
  }),
  rows: [
    {
      tags: 'latest 3.12 3.12.7 3',
      version: '3.12.7',
      created: '2024-10-01T21:30:00Z',
      base: 'debian bookworm 117',
      mb: 104,
    },
    {
      tags: '3.12-slim slim 3.12-slim-bookworm',
      version: '3.12.7',
      created: '2024-10-01T21:30:00Z',
      base: 'debian bookworm-slim 74.8',
      mb: 40.9,
      slim: true,
    },
  ],
});

defineRepository<ReleaseRow>({
  repo: 'docker.io/library/perl',
  image: (r) => ({
    steps: [
      ...buildpackSteps('bullseye'),
      {
        key: `perl-${r.version}-install`,
        size: r.mb * MB,
        createdBy: `/bin/sh -c true && curl -fL https://www.cpan.org/src/5.0/perl-${r.version}.tar.xz -o perl-${r.version}.tar.xz && ./Configure && make install`,
        files: bins(['/usr/local/bin', '/usr/bin'], ['perl', `perl${r.version}`, 'cpanm']),
      },
    ],
    config: { Env: [`PATH=${DEFAULT_PATH}`], WorkingDir: '/', Cmd: [`perl${r.version}`, '-de0'] },
    meta: ['WORKDIR /', `CMD ["perl${r.version}" "-de0"]`],
  }),
  rows: [
    {
      tags: '5.34.0 5.34',
      version: '5.34.0',
      created: '2022-04-20T05:32:42Z',
      base: 'debian bullseye 124',
      mb: 52.3,
    },
  ],
});
