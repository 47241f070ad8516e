/** kubectl patch: strategic (default), merge and json patches, inline (-p) or from a file (--patch-file). */
import { parse as parseYaml } from 'yaml';
import type { KObject } from '../../sim/api/types';
import { fail, KubectlError } from './errors';
import { selectTargets, writeBack } from './targets';
import { threeWayMerge } from './write';
import { resultPrinter } from './resultPrinter';
import {
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  FILENAME_FLAG,
  flag,
  has,
  OUTPUT_FLAG,
  str,
  type VerbDef,
} from './verb';

/** RFC 7386 merge patch: objects merge, `null` deletes, everything else (lists too) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

type Op = { op: string; path: string; value?: unknown; from?: string };

/** RFC 6902 JSON patch (add, replace, remove, test, copy, move). */
export function jsonPatch(doc: unknown, ops: Op[]): unknown {
  let root = structuredClone(doc);
  const parts = (p: string) =>
    p
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const get = (p: string): unknown =>
    parts(p).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], root);
  const apply = (op: string, path: string, value?: unknown): void => {
    const ks = parts(path);
    if (!ks.length) {
      if (op === 'remove') fail('unable to remove the document root');
      root = structuredClone(value);
      return;
    }
    const last = ks.pop()!;
    const parent = ks.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], root);
    if (!parent || typeof parent !== 'object') fail(`doc is missing path: "${path}": missing value`);
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(i) || i < 0 || i > parent.length)
        fail(`unable to access invalid index: ${last}: invalid index referenced`);
      if (op === 'add') parent.splice(i, 0, structuredClone(value));
      else if (op === 'replace') parent[i] = structuredClone(value);
      else parent.splice(i, 1);
      return;
    }
    const o = parent as Record<string, unknown>;
    // evanphx/json-patch's words (kubectl's and the API server's JSON patch library).
    if (op === 'remove' && !(last in o))
      fail(`error in remove for path: '${path}': Unable to remove nonexistent key: ${last}: missing value`);
    // Its v4 `replace` of a key an object lacks sets the key (it reads a missing key as null).
    if (op === 'remove') delete o[last];
    else o[last] = structuredClone(value);
  };
  for (const o of ops) {
    switch (o.op) {
      case 'add':
      case 'replace':
      case 'remove':
        apply(o.op, o.path, o.value);
        break;
      case 'test':
        if (JSON.stringify(get(o.path)) !== JSON.stringify(o.value))
          fail(`testing value ${o.path} failed: test failed`);
        break;
      case 'copy':
        apply('add', o.path, get(o.from ?? ''));
        break;
      case 'move': {
        const v = get(o.from ?? '');
        apply('remove', o.from ?? '');
        apply('add', o.path, v);
        break;
      }
      default:
        fail(`Unexpected kind: ${o.op}`);
    }
  }
  return root;
}

export const patch: VerbDef = {
  name: 'patch',
  summary: { en: 'Update fields of a resource', zh: '更新资源的字段' },
  usage: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  long: 'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.\n\n JSON and YAML formats are accepted.',
  examples: `  # Partially update a node using a strategic merge patch, specifying the patch as JSON
  kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

  # Update a container's image; spec.containers[*].name is required because it's a merge key
  kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

  # Update a container's image using a JSON patch with positional arrays
  kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'`,
  flags: [
    flag('patch', 'The patch to be applied to the resource JSON file.', { short: 'p' }),
    flag('patch-file', 'A file containing a patch to be applied to the resource.', { complete: 'file' }),
    flag('type', 'The type of patch being provided; one of [json merge strategic]', {
      complete: ['json', 'merge', 'strategic'],
    }),
    boolFlag(
      'local',
      'If true, patch will operate on the content of the file, not the server-side resource.',
    ),
    FILENAME_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run(k, p) {
    let text = str(p, 'patch');
    const file = str(p, 'patch-file');
    if (text && file) fail('cannot specify --patch and --patch-file together');
    if (!text && !file) fail('must specify --patch or --patch-file containing the contents of the patch');
    const local = has(p, 'local');
    const mode = dryRun(p);
    if (local && p.args.length) fail('cannot specify --local and server resources');
    if (local && mode === 'server')
      fail('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    const type = str(p, 'type') ?? 'strategic';
    if (!['json', 'merge', 'strategic'].includes(type.toLowerCase()))
      fail(`--type must be one of [json merge strategic], not "${type}"`);
    if (file !== undefined && !text) {
      text = k.fs.read(file);
      if (text === undefined) fail(`unable to read patch file: open ${file}: no such file or directory`);
    }
    let body: unknown;
    try {
      body = parseYaml(text!, { maxAliasCount: 100 });
    } catch (e) {
      fail(`unable to parse "${str(p, 'patch') ?? ''}": ${(e as Error).message.split('\n')[0]}`);
    }
    const kind = type.toLowerCase();
    if (kind === 'json' && !Array.isArray(body))
      fail('unable to parse patch: json patches must be a list of operations');
    const printer = resultPrinter(k, p);
    const errors: string[] = [];
    const targets = selectTargets(k, p, p.args, errors, local);
    let status = 0;
    for (const t of targets) {
      const next = (
        kind === 'json'
          ? jsonPatch(structuredClone(t.obj), body as Op[])
          : kind === 'merge'
            ? mergePatch(structuredClone(t.obj), body)
            : threeWayMerge(undefined, body, structuredClone(t.obj))
      ) as KObject;
      const changed = JSON.stringify(next) !== JSON.stringify(t.obj);
      let shown = next;
      if (!local && mode !== 'client' && changed) {
        try {
          delete next.metadata.resourceVersion;
          shown = writeBack(k, next, mode);
        } catch (e) {
          if (!(e instanceof KubectlError)) throw e;
          k.err(e.text + '\n');
          status = 1;
          continue;
        }
      }
      printer.print(changed ? shown : t.obj, changed ? 'patched' : 'patched (no change)');
    }
    if (errors.length) {
      k.err(errors.join('\n') + '\n');
      status = 1;
    } else if (!targets.length) fail('no objects passed to patch');
    return status;
  },
};
