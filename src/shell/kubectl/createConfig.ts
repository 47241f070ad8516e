/**
 * `kubectl create configmap|secret generic|secret docker-registry|secret tls|job|cronjob`: kubectl's
 * generators for configuration and batch objects (`--from-literal`, `--from-file`, `--from-env-file`).
 */
import type { KObject } from '../../sim/api/types';
import { encodeBase64 } from '../../sim/kinds/configData';
import { fail } from './errors';
import { addCreateGenerator, requireOneName, submitGenerated } from './create';
import {
  boolFlag,
  DRY_RUN_FLAG,
  flag,
  OUTPUT_FLAG,
  str,
  type KubectlContext,
  type Parsed,
  type VerbDef,
} from './verb';

const GEN = [
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  boolFlag('save-config', 'If true, the configuration of current object will be saved in its annotation.'),
  flag('append-hash', 'Append a hash of the configmap to its name.'),
];
const FROM = [
  flag('from-literal', 'Specify a key and literal value to insert (i.e. mykey=somevalue)'),
  flag(
    'from-file',
    'Key file can be specified using its file path, in which case file basename will be used as key, or optionally with a key and file path, in which case the given key will be used. Specifying a directory will iterate each named file in the directory whose basename is a valid key.',
  ),
  flag('from-env-file', 'Specify the path to a file to read lines of key=val pairs to create a configmap.'),
];
const KEY = /^[-._a-zA-Z0-9]+$/;

/** Key/value pairs from the --from-* flags, in flag order; errors as kubectl words them. */
export function collectData(
  k: KubectlContext,
  p: Parsed,
  kind: 'ConfigMap' | 'Secret',
  name: string,
): Record<string, string> {
  const data: Record<string, string> = {};
  const add = (key: string, value: string) => {
    if (!KEY.test(key))
      fail(
        `"${key}" is not a valid key name for a ${kind}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      );
    if (key in data)
      fail(
        `cannot add key ${key}, another key by that name already exists in ${kind === 'ConfigMap' ? 'Data' : 'data'} for ${kind} "${name}"`,
      );
    data[key] = value;
  };
  for (const lit of p.all.get('from-literal') ?? []) {
    const i = lit.indexOf('=');
    if (i <= 0) fail(`invalid literal source ${lit}, expected key=value`);
    add(lit.slice(0, i), lit.slice(i + 1));
  }
  for (const src of p.all.get('from-file') ?? []) {
    const i = src.indexOf('=');
    const [key, path] = i > 0 ? [src.slice(0, i), src.slice(i + 1)] : [undefined, src];
    if (k.fs.isDir(path)) {
      if (key) fail('cannot give a key name for a directory path');
      for (const f of k.fs.list(path)) {
        const full = `${path.replace(/\/$/, '')}/${f}`;
        if (k.fs.isDir(full) || !KEY.test(f)) continue;
        add(f, k.fs.read(full) ?? '');
      }
      continue;
    }
    const text = k.fs.read(path);
    if (text === undefined) fail(`error reading ${path}: no such file or directory`);
    add(key ?? path.split('/').pop()!, text);
  }
  for (const path of p.all.get('from-env-file') ?? []) {
    const text = k.fs.read(path);
    if (text === undefined) fail(`open ${path}: no such file or directory`);
    text.split('\n').forEach((line, n) => {
      const t = line.replace(/^\s+/, '');
      if (!t || t.startsWith('#')) return;
      const i = t.indexOf('=');
      if (i <= 0) fail(`"${t}" is not a valid key name: line ${n + 1}`);
      add(t.slice(0, i), t.slice(i + 1));
    });
  }
  return data;
}

const meta = (k: KubectlContext, name: string) => ({
  name,
  ...(k.namespaceSet ? { namespace: k.namespace } : {}),
  creationTimestamp: null as unknown as string,
});

const createConfigMap: VerbDef = {
  name: 'configmap',
  aliases: ['cm'],
  summary: {
    en: 'Create a config map from a local file, directory or literal value',
    zh: '从本地文件、目录或字面值创建 ConfigMap',
  },
  usage:
    'kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  long: 'Create a config map based on a file, directory, or specified literal value.\n\n A single config map may package one or more key/value pairs.\n\n When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.\n\n When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).',
  examples: `  # Create a new config map named my-config based on folder bar
  kubectl create configmap my-config --from-file=path/to/bar

  # Create a new config map named my-config with specified keys instead of file basenames on disk
  kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt

  # Create a new config map named my-config with key1=config1 and key2=config2
  kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2

  # Create a new config map named my-config from an env file
  kubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env`,
  flags: [...GEN, ...FROM],
  run(k, p) {
    const name = requireOneName(p, 'configmap');
    const data = collectData(k, p, 'ConfigMap', name);
    return submitGenerated(
      k,
      p,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta(k, name),
        ...(Object.keys(data).length ? { data } : {}),
      },
      'created',
      'failed to create configmap: ',
    );
  },
};

/** `type` undefined leaves the field out, as `create secret generic` without `--type` does (the server defaults Opaque). */
function secretObject(
  k: KubectlContext,
  name: string,
  type: string | undefined,
  data: Record<string, string>,
): KObject {
  const enc: Record<string, string> = {};
  for (const [key, v] of Object.entries(data)) enc[key] = encodeBase64(v);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(k, name),
    ...(Object.keys(enc).length ? { data: enc } : {}),
    ...(type ? { type } : {}),
  };
}

const secretGeneric: VerbDef = {
  name: 'generic',
  summary: {
    en: 'Create a secret from a local file, directory, or literal value',
    zh: '从本地文件、目录或字面值创建 Secret',
  },
  usage:
    'kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  long: 'Create a secret based on a file, directory, or specified literal value.\n\n A single secret may package one or more key/value pairs.',
  examples: `  # Create a new secret named my-secret with keys for each file in folder bar
  kubectl create secret generic my-secret --from-file=path/to/bar

  # Create a new secret named my-secret with key1=supersecret and key2=topsecret
  kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret`,
  flags: [...GEN, ...FROM, flag('type', 'The type of secret to create')],
  run(k, p) {
    const name = requireOneName(p, 'secret generic');
    return submitGenerated(
      k,
      p,
      secretObject(k, name, str(p, 'type'), collectData(k, p, 'Secret', name)),
      'created',
      'failed to create secret ',
    );
  },
};

const secretDockerRegistry: VerbDef = {
  name: 'docker-registry',
  summary: {
    en: 'Create a secret for use with a Docker registry',
    zh: '创建供 Docker 镜像仓库使用的 Secret',
  },
  usage:
    'kubectl create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
  long: 'Create a new secret for use with Docker registries.\n\n Dockercfg secrets are used to authenticate against Docker registries.',
  examples: `  # If you do not already have a .dockercfg file, create a dockercfg secret directly
  kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL`,
  flags: [
    ...GEN,
    flag('docker-server', 'Server location for Docker registry'),
    flag('docker-username', 'Username for Docker registry authentication'),
    flag('docker-password', 'Password for Docker registry authentication'),
    flag('docker-email', 'Email for Docker registry'),
    flag('from-file', 'Key files can be specified using their file path.'),
  ],
  run(k, p) {
    const name = requireOneName(p, 'secret docker-registry');
    if (p.all.get('from-file')?.length)
      return submitGenerated(
        k,
        p,
        secretObject(k, name, 'kubernetes.io/dockerconfigjson', collectData(k, p, 'Secret', name)),
        'created',
        'failed to create secret ',
      );
    const user = str(p, 'docker-username');
    const pass = str(p, 'docker-password');
    if (!user || !pass)
      fail(
        'either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
      );
    const server = str(p, 'docker-server') ?? 'https://index.docker.io/v1/';
    const email = str(p, 'docker-email');
    const cfg = {
      auths: {
        [server]: {
          username: user,
          password: pass,
          ...(email ? { email } : {}),
          auth: encodeBase64(`${user}:${pass}`),
        },
      },
    };
    return submitGenerated(
      k,
      p,
      secretObject(k, name, 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': JSON.stringify(cfg) }),
      'created',
      'failed to create secret ',
    );
  },
};

const secretTls: VerbDef = {
  name: 'tls',
  summary: { en: 'Create a TLS secret', zh: '创建 TLS Secret' },
  usage:
    'kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]',
  long: 'Create a TLS secret from the given public/private key pair.\n\n The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.',
  examples: `  # Create a new TLS secret named tls-secret with the given key pair
  kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key`,
  flags: [
    ...GEN,
    flag('cert', 'Path to PEM encoded public key certificate.'),
    flag('key', 'Path to private key associated with given certificate.'),
  ],
  run(k, p) {
    const name = requireOneName(p, 'secret tls');
    const certPath = str(p, 'cert');
    const keyPath = str(p, 'key');
    if (!certPath || !keyPath) fail('key and cert must be specified');
    const cert = k.fs.read(certPath);
    const key = k.fs.read(keyPath);
    if (cert === undefined) fail(`open ${certPath}: no such file or directory`);
    if (key === undefined) fail(`open ${keyPath}: no such file or directory`);
    if (!cert.includes('-----BEGIN'))
      fail('failed to load key pair tls: failed to find any PEM data in certificate input');
    if (!key.includes('-----BEGIN'))
      fail('failed to load key pair tls: failed to find any PEM data in key input');
    return submitGenerated(
      k,
      p,
      secretObject(k, name, 'kubernetes.io/tls', { 'tls.crt': cert, 'tls.key': key }),
      'created',
      'failed to create secret ',
    );
  },
};

const createSecret: VerbDef = {
  name: 'secret',
  summary: { en: 'Create a secret using a specified subcommand', zh: '使用指定的子命令创建 Secret' },
  usage: 'kubectl create secret (docker-registry | generic | tls) [options]',
  long: 'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.',
  flags: [],
  subcommands: [secretDockerRegistry, secretGeneric, secretTls],
};

function containerOf(name: string, image: string, command: string[]): Record<string, unknown> {
  return { name, image, ...(command.length ? { command } : {}), resources: {} };
}

const createJob: VerbDef = {
  name: 'job',
  summary: { en: 'Create a job with the specified name', zh: '创建指定名称的 Job' },
  usage: 'kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
  long: 'Create a job with the specified name.',
  examples: `  # Create a job
  kubectl create job my-job --image=busybox

  # Create a job with a command
  kubectl create job my-job --image=busybox -- date

  # Create a job from a cron job named "a-cronjob"
  kubectl create job test-job --from=cronjob/a-cronjob`,
  flags: [
    ...GEN.slice(0, 3),
    flag('image', 'Image name to run.'),
    flag('from', 'The name of the resource to create a Job from (only cronjob is supported).'),
  ],
  run(k, p) {
    const name = requireOneName(p, 'job');
    const from = str(p, 'from');
    const image = str(p, 'image');
    if (!image === !from) fail('either --image or --from must be specified');
    if (from) {
      const m = /^(cronjob|cronjobs|cj|cronjob\.batch)\/(.+)$/.exec(from);
      if (!m) fail(`from must be an existing cronjob: unknown object type ${from.split('/')[0]}`);
      const cj = k.cluster.api.get('CronJob', k.namespace, m[2]!);
      if (!cj) fail(`cronjobs.batch "${m[2]}" not found`);
      const job: KObject = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          ...meta(k, name),
          labels: { ...(cj.spec.jobTemplate?.metadata?.labels ?? {}) },
          annotations: {
            'cronjob.kubernetes.io/instantiate': 'manual',
            ...(cj.spec.jobTemplate?.metadata?.annotations ?? {}),
          },
          ownerReferences: [
            {
              apiVersion: 'batch/v1',
              kind: 'CronJob',
              name: cj.metadata.name,
              uid: cj.metadata.uid!,
              controller: true,
            },
          ],
        },
        spec: structuredClone(cj.spec.jobTemplate?.spec ?? {}),
        status: {},
      };
      if (!Object.keys(job.metadata.labels!).length) delete job.metadata.labels;
      return submitGenerated(k, p, job, 'created', 'failed to create job: ');
    }
    if (!image) fail('either --image or --from must be specified');
    return submitGenerated(
      k,
      p,
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta(k, name),
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [containerOf(name, image, p.rest)], restartPolicy: 'Never' },
          },
        },
        status: {},
      },
      'created',
      'failed to create job: ',
    );
  },
};

const createCronJob: VerbDef = {
  name: 'cronjob',
  aliases: ['cj'],
  summary: { en: 'Create a cron job with the specified name', zh: '创建指定名称的 CronJob' },
  usage:
    "kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
  long: 'Create a cron job with the specified name.',
  examples: `  # Create a cron job
  kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"

  # Create a cron job with a command
  kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date`,
  flags: [
    ...GEN.slice(0, 3),
    flag('image', 'Image name to run.'),
    flag('schedule', 'A schedule in the Cron format the job should be run with.'),
    flag('restart', "job's restart policy. supported values: OnFailure, Never"),
  ],
  run(k, p) {
    const name = requireOneName(p, 'cronjob');
    const image = str(p, 'image');
    const schedule = str(p, 'schedule');
    if (!image) fail('required flag(s) "image" not set');
    if (!schedule) fail('required flag(s) "schedule" not set');
    // kubectl passes --restart through unchecked; the API server judges it.
    const restart = str(p, 'restart') ?? 'OnFailure';
    return submitGenerated(
      k,
      p,
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: meta(k, name),
        spec: {
          jobTemplate: {
            metadata: { creationTimestamp: null, name },
            spec: {
              template: {
                metadata: { creationTimestamp: null },
                spec: { containers: [containerOf(name, image, p.rest)], restartPolicy: restart },
              },
            },
          },
          schedule,
        },
        status: {},
      },
      'created',
      'failed to create cronjob: ',
    );
  },
};

const createQuota: VerbDef = {
  name: 'quota',
  aliases: ['resourcequota'],
  summary: { en: 'Create a quota with the specified name', zh: '创建指定名称的资源配额' },
  usage:
    'kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]',
  long: 'Create a resource quota with the specified name, hard limits, and optional scopes.',
  examples: `  # Create a new resource quota named my-quota
  kubectl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10

  # Create a new resource quota named best-effort
  kubectl create quota best-effort --hard=pods=100 --scopes=BestEffort`,
  flags: [
    ...GEN.slice(0, 3),
    flag('hard', 'A comma-delimited set of resource=quantity pairs that define a hard limit.'),
    flag(
      'scopes',
      'A comma-delimited set of quota scopes that must all match each object tracked by the quota.',
    ),
  ],
  run(k, p) {
    const name = requireOneName(p, 'quota');
    const hard: Record<string, string> = {};
    for (const pair of (str(p, 'hard') ?? '').split(',').filter(Boolean)) {
      const i = pair.indexOf('=');
      if (i <= 0) fail(`Invalid argument syntax ${pair}, expected <resource>=<value>`);
      hard[pair.slice(0, i)] = pair.slice(i + 1);
    }
    const scopes = (str(p, 'scopes') ?? '').split(',').filter(Boolean);
    return submitGenerated(
      k,
      p,
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: meta(k, name),
        spec: { ...(Object.keys(hard).length ? { hard } : {}), ...(scopes.length ? { scopes } : {}) },
        status: {},
      },
      'created',
      'failed to create quota: ',
    );
  },
};

addCreateGenerator(createQuota);
addCreateGenerator(createConfigMap);
addCreateGenerator(createSecret);
addCreateGenerator(createJob);
addCreateGenerator(createCronJob);
