/**
 * kubectl create: `-f` and the generators (`create deployment`, `create namespace`). Others (service,
 * configmap, secret, job…) plug in with {@link addCreateGenerator}; {@link submitGenerated} does the dry-run
 * and output handling for all of them.
 */
import type { KObject } from '../../sim/api/types';
import type { ApiError } from '../../sim/api/errors';
import { applyNamespace, apiErrorText, mapKind, reportWrite, withLastApplied, writeOptions } from './write';
import { readManifests } from './manifest';
import { fail, KubectlError } from './errors';
import { buildDeployment, buildNamespace, forServer } from './generators';
import {
  VALIDATE_FLAG,
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  FILENAME_FLAG,
  flag,
  has,
  intFlag,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  str,
  type KubectlContext,
  type Parsed,
  type VerbDef,
} from './verb';

/**
 * The API error as client-go's StatusError.Error() reads (what kubectl prints after its own `failed to create
 * …` prefix): the server's message alone; an Invalid error names the group-qualified kind
 * (`CronJob.batch "x" is invalid: …`, apimachinery NewInvalid) and aggregates several causes in brackets.
 */
export function goErrorText(e: ApiError, obj: KObject): string {
  if (e.reason !== 'Invalid') return e.message;
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.slice(0, obj.apiVersion.indexOf('/')) : '';
  const m = /^The (\S+) ("[^"]*") is invalid: ([\s\S]*)$/.exec(e.message);
  if (!m) return e.message;
  const causes = m[3]!.startsWith('\n* ') ? `[${m[3]!.slice(3).split('\n* ').join(', ')}]` : m[3]!;
  return `${m[1]}${group ? `.${group}` : ''} ${m[2]} is invalid: ${causes}`;
}

/**
 * Sends (or, for `--dry-run=client`, only prints) a generated object, then reports it like kubectl. The
 * generated object is a typed Go struct in kubectl, so its `-o json` keeps struct order, and so does the
 * server's answer: every generator (`create <kind>`, `run`, `expose`, `autoscale`) sends through a typed client
 * that decodes the reply into the same type (checked with the real kubectl 1.32: `kubectl run x --image=nginx
 * -o json` prints `"kind"` before `"apiVersion"`, where `kubectl get` prints the unstructured map sorted).
 * `wrap` is the generator's own prefix for a refused create (`failed to create configmap: `), where it has one.
 */
export function submitGenerated(
  k: KubectlContext,
  p: Parsed,
  generated: KObject,
  verb = 'created',
  wrap?: string,
): number {
  const mode = dryRun(p);
  const def = k.cluster.api.kinds.byKind(generated.kind, generated.apiVersion);
  if (def?.namespaced && !generated.metadata.namespace && mode !== 'client')
    generated.metadata.namespace = k.namespace;
  let obj = generated;
  if (has(p, 'save-config')) obj = withLastApplied(forServer(obj));
  if (mode === 'client') {
    reportWrite(k, p, [{ obj, verb }], true);
    return 0;
  }
  const r = k.cluster.api.create(forServer(obj), { actor: 'kubectl', dryRun: mode === 'server' });
  if (!r.ok)
    throw new KubectlError(
      wrap !== undefined ? `error: ${wrap}${goErrorText(r.error, generated)}` : apiErrorText(r.error),
    );
  reportWrite(k, p, [{ obj: r.obj, verb }], true);
  return 0;
}

const GEN_FLAGS = [
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  boolFlag(
    'save-config',
    'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
  ),
];

/** The one NAME a generator takes; `cmd` is its path after `kubectl create` (`secret generic`). */
export function requireOneName(p: Parsed, cmd: string): string {
  if (p.args.length !== 1)
    fail(
      `exactly one NAME is required, got ${p.args.length}\nSee 'kubectl create ${cmd} -h' for help and examples`,
    );
  return p.args[0]!;
}

const createDeployment: VerbDef = {
  name: 'deployment',
  aliases: ['deploy'],
  summary: { en: 'Create a deployment with the specified name', zh: '创建指定名称的 Deployment' },
  usage: 'kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]',
  long: 'Create a deployment with the specified name.',
  examples: `  # Create a deployment named my-dep that runs the busybox image
  kubectl create deployment my-dep --image=busybox

  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kubectl create deployment my-dep --image=nginx --replicas=3`,
  flags: [
    ...GEN_FLAGS,
    flag('image', 'Image names to run. A deployment can have multiple images set for multi-container pod.'),
    flag('port', 'The containerPort that this deployment exposes.'),
    flag('replicas', 'Number of replicas to create. Default is 1.', { short: 'r' }),
  ],
  run(k, p) {
    const name = requireOneName(p, 'deployment');
    const images = p.all.get('image') ?? [];
    if (!images.length) fail('required flag(s) "image" not set');
    const replicas = intFlag(p, 'replicas') ?? 1;
    const port = intFlag(p, 'port');
    return submitGenerated(
      k,
      p,
      buildDeployment({
        name,
        images: images.flatMap((i) => i.split(',')),
        replicas,
        ...(port !== undefined ? { port } : {}),
        ...(p.rest.length ? { command: p.rest } : {}),
        ...(k.namespaceSet ? { namespace: k.namespace } : {}),
      }),
      'created',
      'failed to create deployment: ',
    );
  },
};

const createNamespace: VerbDef = {
  name: 'namespace',
  aliases: ['ns'],
  summary: { en: 'Create a namespace with the specified name', zh: '创建指定名称的命名空间' },
  usage: 'kubectl create namespace NAME [--dry-run=server|client|none] [options]',
  long: 'Create a namespace with the specified name.',
  examples: '  # Create a new namespace named my-namespace\n  kubectl create namespace my-namespace',
  flags: GEN_FLAGS,
  run(k, p) {
    return submitGenerated(k, p, buildNamespace(requireOneName(p, 'namespace')));
  },
};

function createFromFiles(k: KubectlContext, p: Parsed): number {
  const docs = readManifests(k, p);
  for (const d of docs) mapKind(k, d);
  const mode = dryRun(p);
  let status = 0;
  for (const doc of docs) {
    const def = mapKind(k, doc);
    let obj = structuredClone(doc.obj);
    try {
      applyNamespace(k, def, obj);
      if (has(p, 'save-config')) obj = withLastApplied(obj);
      if (mode === 'client') {
        reportWrite(k, p, [{ obj, verb: 'created' }]);
        continue;
      }
      const r = k.cluster.api.create(obj, writeOptions(k, p, mode));
      if (!r.ok) throw new KubectlError(apiErrorText(r.error, 'creating', doc.source));
      reportWrite(k, p, [{ obj: r.obj, verb: 'created' }]);
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      k.err(e.text + '\n');
      status = 1;
    }
  }
  return status;
}

export const create: VerbDef = {
  name: 'create',
  summary: { en: 'Create a resource from a file or from stdin', zh: '从文件或标准输入创建资源' },
  usage: 'kubectl create -f FILENAME [options]',
  long: 'Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.',
  examples: `  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json

  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubectl create -f -`,
  flags: [
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    ...GEN_FLAGS,
    VALIDATE_FLAG,
    flag('selector', 'Selector (label query) to filter on.', { short: 'l' }),
  ],
  subcommands: [createDeployment, createNamespace],
  run(k, p) {
    if (p.args.length) {
      const names = create.subcommands!.map((s) => s.name);
      throw new KubectlError(
        `error: unknown command "${p.args[0]}" for "kubectl create"${names.length ? `\n\nAvailable Commands: ${names.join(', ')}` : ''}`,
      );
    }
    if (str(p, 'filename') === undefined) {
      throw new KubectlError(
        `error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples`,
      );
    }
    return createFromFiles(k, p);
  },
};

/** Adds a `kubectl create <thing>` generator (service, configmap, secret, job…). */
export function addCreateGenerator(v: VerbDef): void {
  const subs = create.subcommands!;
  const i = subs.findIndex((s) => s.name === v.name);
  if (i >= 0) subs[i] = v;
  else subs.push(v);
  subs.sort((a, b) => (a.name < b.name ? -1 : 1));
}
