/**
 * kubectl set env (set_env.go): add, change or remove container environment variables of pod templates,
 * import them from a ConfigMap or Secret (`--from`, `--prefix`, `--keys`), or list them (`--list`,
 * `--resolve`). A Deployment's template change rolls it out as any other edit does.
 */
import type { KObject } from '../../sim/api/types';
import { fail, KubectlError } from './errors';
import { resultPrinter } from './resultPrinter';
import { parseResourceArgs } from './resources';
import { infoName, LOCAL_RESOURCE_ERROR } from './setImage';
import { envListing, type EnvVar } from './setEnvList';
import { podSpecOf, selectTargets, writeBack } from './targets';
import { typedForm } from './typedForm';
import {
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  FILENAME_FLAG,
  flag,
  has,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  str,
  type KubectlContext,
  type VerbDef,
} from './verb';

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** validation.IsEnvVarName's messages. */
function envNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (!ENV_NAME.test(name))
    errs.push(
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    );
  if (name === '.') errs.push("must not be '.'");
  else if (name === '..') errs.push("must not be '..'");
  else if (name.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** SplitEnvironmentFromResources: resources, then `KEY=VAL` / `KEY-` arguments. */
function splitArgs(args: string[]): { resources: string[]; envArgs: string[] } {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const a of args) {
    const isEnv = /^.+=/s.test(a) || a.endsWith('-');
    if (isEnv) envArgs.push(a);
    else if (envArgs.length)
      fail(`all resources must be specified before environment changes: ${args.join(' ')}`);
    else resources.push(a);
  }
  return { resources, envArgs };
}

/** ParseEnv: `-` reads `KEY=VAL` lines from stdin (`#` starts a comment). */
function parseEnv(k: KubectlContext, specs: string[]): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  const named = new Set<string>();
  for (const s of specs) {
    if (s === '-') {
      if (k.stdin === undefined) fail("when '-' is used, STDIN must be open");
      for (const raw of k.stdin.split('\n')) {
        const line = raw.includes('#') ? raw.slice(0, raw.indexOf('#')) : raw;
        const i = line.indexOf('=');
        if (i >= 0) env.push({ name: line.slice(0, i), value: line.slice(i + 1) });
      }
    } else if (s.includes('=')) {
      const i = s.indexOf('=');
      const name = s.slice(0, i);
      const errs = envNameErrors(name);
      if (errs.length) fail(`${JSON.stringify(name)} is not a valid key name: ${errs.join(';')}`);
      named.add(name);
      env.push({ name, value: s.slice(i + 1) });
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else fail(`unknown environment variable: ${s}`);
  }
  if (remove.some((r) => named.has(r)))
    fail('can not both modify and remove the same environment variable in the same command');
  return { env, remove };
}

/** `--from=configmap/NAME|secret/NAME`: one variable per key (sorted), each a reference to that key. */
function envFrom(k: KubectlContext, from: string, keys: string[]): EnvVar[] {
  const { requests } = parseResourceArgs(k.cluster, [from]);
  const out: EnvVar[] = [];
  for (const r of requests) {
    if (!r.names.length) fail('resource(s) were provided, but no name was specified');
    for (const name of r.names) {
      const o = k.cluster.api.get(r.def.kind, r.def.namespaced ? k.namespace : undefined, name);
      if (!o) throw new KubectlError(`Error from server (NotFound): ${r.def.plural} "${name}" not found`);
      if (o.kind !== 'Secret' && o.kind !== 'ConfigMap') fail('unsupported resource specified in --from');
      const data = (o as KObject & { data?: Record<string, string> }).data ?? {};
      for (const key of Object.keys(data).sort()) {
        if (keys.length && !keys.includes(key)) continue;
        const envName = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
        if (envName !== key) k.err(`Warning: key ${key} transferred to ${envName}\n`);
        const ref = { name, key };
        out.push({
          name: envName,
          valueFrom: o.kind === 'Secret' ? { secretKeyRef: ref } : { configMapKeyRef: ref },
        });
      }
    }
  }
  return out;
}

/** kubectl's selectString: `*` is a wildcard, matched with kubectl's own (left-to-right) rules. */
export function containerMatches(name: string, spec: string): boolean {
  if (spec === '*') return true;
  if (!spec.includes('*')) return name === spec;
  const parts = spec.split('*');
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part) continue;
    const found = name.indexOf(part, pos);
    const next = found < 0 ? -1 : found - pos;
    if (next < pos) return false;
    if (i === 0 && pos !== 0) return false;
    if (i === parts.length - 1 && name.length !== part.length + next) return false;
    pos = next;
  }
  return true;
}

/** updateEnv: existing order kept (replaced in place, removed dropped), new names appended. */
function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const covered = new Set(remove);
  const out: EnvVar[] = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((x) => x.name === e.name);
    if (newer) covered.add(e.name);
    out.push(newer ?? e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

export const setEnv: VerbDef = {
  name: 'env',
  summary: { en: 'Update environment variables on a pod template', zh: '更新 Pod 模板上的环境变量' },
  usage: 'kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N',
  long: 'Update environment variables on a pod template.\n\n List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.\n\n If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)',
  examples: `  # Update deployment 'registry' with a new environment variable
  kubectl set env deployment/registry STORAGE_DIR=/local

  # List the environment variables defined on a deployments 'sample-build'
  kubectl set env deployment/sample-build --list

  # List the environment variables defined on all pods
  kubectl set env pods --all --list

  # Output modified deployment in YAML, and does not alter the object on the server
  kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml

  # Import environment from a secret
  kubectl set env --from=secret/mysecret deployment/myapp

  # Import environment from a config map with a prefix
  kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp

  # Remove the environment variable ENV from container 'c1' in all deployment configs
  kubectl set env deployments --all --containers="c1" ENV-`,
  flags: [
    FILENAME_FLAG,
    flag(
      'containers',
      'The names of containers in the selected pod templates to change - may use wildcards',
      { short: 'c' },
    ),
    flag('from', 'The name of a resource from which to inject environment variables'),
    flag('prefix', 'Prefix to append to variable names'),
    flag('env', 'Specify a key-value pair for an environment variable to set into each container.', {
      short: 'e',
    }),
    flag('keys', 'Comma-separated list of keys to import from specified resource'),
    boolFlag(
      'list',
      'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.',
    ),
    boolFlag('resolve', 'If true, show secret or configmap references when listing variables'),
    boolFlag('local', 'If true, set env will NOT contact api-server but run locally.'),
    boolFlag('all', 'If true, select all resources in the namespace of the specified resource types'),
    boolFlag(
      'overwrite',
      'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.',
    ),
    SELECTOR_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run(k, p) {
    if (has(p, 'all') && str(p, 'selector')) fail('cannot set --all and --selector at the same time');
    const { resources, envArgs } = splitArgs(p.args);
    const mode = dryRun(p);
    const printer = resultPrinter(k, p, true);
    const local = has(p, 'local');
    const hasFile = str(p, 'filename') !== undefined;
    const list = has(p, 'list');
    const from = str(p, 'from') ?? '';
    const keys = (p.all.get('keys') ?? []).flatMap((v) => v.split(',')).filter(Boolean);
    if (local && mode === 'server')
      fail('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (!hasFile && !resources.length)
      fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (list && str(p, 'output')) fail('--list and --output may not be specified together');
    if (keys.length && !from)
      fail('when specifying --keys, a configmap or secret must be provided with --from');
    const { env, remove } = parseEnv(k, [...(p.all.get('env') ?? []), ...envArgs]);
    if (from) env.push(...envFrom(k, from, keys));
    const prefix = str(p, 'prefix') ?? '';
    if (prefix) for (const e of env) e.name = prefix + e.name;
    if (local && resources.length) fail(LOCAL_RESOURCE_ERROR);
    const errors: string[] = [];
    const targets = selectTargets(k, p, resources, errors, local);
    if (errors.length) {
      k.err(errors.join('\n') + '\n');
      return 1;
    }
    const selector = str(p, 'containers') ?? '*';
    const overwrite = p.flags.get('overwrite') !== 'false';
    const late: string[] = [];
    let status = 0;
    for (const t of targets) {
      const copy = typedForm(t.obj);
      const spec = podSpecOf(copy) as
        | {
            containers?: { name: string; env?: EnvVar[] }[];
            initContainers?: { name: string; env?: EnvVar[] }[];
          }
        | undefined;
      const name = infoName(t.def, t.obj.metadata.name, local);
      if (!spec) {
        late.push(
          `error: ${name} the object is not a pod or does not have a pod template: *v1.${t.def.kind}`,
        );
        continue;
      }
      const containers = [
        ...(spec.containers ?? []).filter((c) => containerMatches(c.name, selector)),
        ...(spec.initContainers ?? []).filter((c) => containerMatches(c.name, selector)),
      ];
      if (!containers.length) {
        k.err(
          `Warning: ${t.def.kind}/${t.obj.metadata.name} does not have any containers matching ${JSON.stringify(selector)}\n`,
        );
        continue;
      }
      let clash: string | undefined;
      for (const c of containers) {
        if (!overwrite) {
          const e = env.find((x) =>
            c.env?.some((y) => y.name === x.name && (y.value ?? '') !== (x.value ?? '')),
          );
          if (e) {
            const cur = c.env!.find((y) => y.name === e.name)!;
            // resource.Info's ObjectName of a grouped local object ends in a newline (a kubectl slip).
            const sep = local && t.def.group ? '\n' : '';
            clash = `error: ${name}${sep} '${cur.name}' already has a value (${cur.value ?? ''}), and --overwrite is false`;
            break;
          }
        }
        const next = updateEnv(c.env ?? [], env, remove);
        if (next.length) c.env = next;
        else delete c.env;
        if (list) k.out(envListing(k, t.obj, c, t.def.kind, has(p, 'resolve')));
      }
      if (clash) {
        late.push(clash);
        continue;
      }
      if (list) continue;
      if (JSON.stringify(copy) === JSON.stringify(typedForm(t.obj))) continue;
      let shown = copy as KObject;
      if (!local && mode !== 'client') {
        try {
          shown = writeBack(k, copy, mode);
        } catch (e) {
          if (!(e instanceof KubectlError)) throw e;
          late.push(
            `error: failed to patch env update to pod template: ${e.text.replace(/^Error from server \([^)]*\): /, '')}`,
          );
          continue;
        }
        if (!env.length && !envArgs.length) {
          k.err('error: at least one environment variable must be provided\n');
          return 1;
        }
      }
      printer.print(shown, 'env updated');
    }
    for (const e of late) {
      k.err(e + '\n');
      status = 1;
    }
    return status;
  },
};
