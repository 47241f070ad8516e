/**
 * What `label` and `annotate` share: `key=value` / `key-` arguments, the overwrite rule, `--list`, `--local`
 * and the printed result (kubectl's label.go and annotate.go).
 */
import type { KObject } from '../../sim/api/types';
import { fail, KubectlError, reportVisitErrors } from './errors';
import { resultPrinter } from './resultPrinter';
import { selectTargets, writeBack } from './targets';
import { dryRun, has, str, type KubectlContext, type Parsed } from './verb';

type Field = 'labels' | 'annotations';

/** kubectl's GetResourcesAndPairs: resources first, then the `k=v` / `k-` pairs. */
export function resourcesAndPairs(
  args: string[],
  pairType: string,
): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const a of args) {
    const pair = (a.includes('=') && !a.startsWith('=')) || (a.endsWith('-') && a !== '-');
    if (pair) pairs.push(a);
    else if (pairs.length) fail(`all resources must be specified before ${pairType} changes: ${a}`);
    else resources.push(a);
  }
  return { resources, pairs };
}

function parsePairs(field: Field, pairs: string[]): { sets: Map<string, string>; removes: string[] } {
  const sets = new Map<string, string>();
  const removes: string[] = [];
  for (const e of pairs) {
    if (e.includes('=') && !e.startsWith('=')) {
      // label splits on every `=` (a value may not hold one); annotate on the first only.
      const parts = e.split('=');
      if (field === 'labels' && parts.length !== 2) fail(`invalid label spec: ${e}`);
      const i = e.indexOf('=');
      sets.set(e.slice(0, i), e.slice(i + 1));
    } else removes.push(e.slice(0, -1));
  }
  const both = removes.filter((key) => sets.has(key));
  if (both.length)
    fail(
      field === 'labels'
        ? 'can not both modify and remove a label in the same command'
        : `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`,
    );
  return { sets, removes };
}

export function runMetaEdit(k: KubectlContext, p: Parsed, field: Field): number {
  const noun = field === 'labels' ? 'label' : 'annotation';
  const { resources, pairs } = resourcesAndPairs(p.args, noun);
  const { sets, removes } = parsePairs(field, pairs);
  const list = has(p, 'list');
  const local = has(p, 'local');
  const mode = dryRun(p);
  const output = str(p, 'output');
  if (list && output) fail('--list and --output may not be specified together');
  if (has(p, 'all') && str(p, 'selector')) fail('cannot set --all and --selector at the same time');
  const hasFile = str(p, 'filename') !== undefined;
  const example =
    field === 'labels' ? 'pod.yaml or --filename=pod.json' : 'rsrc.yaml or --filename=rsrc.json';
  if (local) {
    if (mode === 'server')
      fail('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (resources.length) fail(`can only use local files by -f ${example} when --local=true is set`);
    if (!hasFile) fail(`one or more files must be specified as -f ${example}`);
  } else if (!resources.length && !hasFile)
    fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!sets.size && !removes.length && !list) fail(`at least one ${noun} update is required`);
  const printer = resultPrinter(k, p);
  const errors: string[] = [];
  const targets = selectTargets(k, p, resources, errors, local);
  // IntoSingleItemImplied: one object named (or one file), not a kind with -l / --all.
  const one = targets.length === 1 && !str(p, 'selector') && !has(p, 'all');
  const rv = str(p, 'resource-version');
  if (rv && !one) fail(`--resource-version may only be used with a single resource`);
  const onServer = !local && !list && mode !== 'client';
  for (const t of targets) {
    const copy: KObject = structuredClone(t.obj);
    const before = (copy.metadata[field] as Record<string, string> | undefined) ?? {};
    const m: Record<string, string> = { ...before };
    // kubectl label says so for each key to remove that the object lacks, when it talks to the server.
    if (field === 'labels' && onServer)
      for (const key of removes) if (!(key in m)) k.out(`label ${JSON.stringify(key)} not found.\n`);
    if (!has(p, 'overwrite')) {
      const clash = [...sets].filter(
        ([key, v]) => key in m && m[key] !== v && key !== 'kubernetes.io/change-cause',
      );
      if (clash.length) {
        const msg =
          field === 'labels'
            ? `error: '${clash[0]![0]}' already has a value (${m[clash[0]![0]]}), and --overwrite is false`
            : `error: --overwrite is false but found the following declared annotation(s): ${clash.map(([key]) => `'${key}' already has a value (${m[key]})`).join('; ')}`;
        errors.push(msg);
        continue;
      }
    }
    for (const [key, v] of sets) m[key] = v;
    for (const key of removes) delete m[key];
    copy.metadata[field] = m;
    if (rv) copy.metadata.resourceVersion = rv;
    if (list) {
      if (!one) k.out(`Listing ${field} for ${t.def.kind}.${t.def.group}/${t.obj.metadata.name}:\n`);
      const indent = one ? '' : ' ';
      k.out(
        Object.keys(m)
          .sort()
          .map((key) => `${indent}${key}=${m[key]}\n`)
          .join(''),
      );
      continue;
    }
    // As kubectl compares the whole object: a map that was absent and is now `{}` makes it longer.
    const oldJson = t.obj.metadata[field] === undefined ? '' : JSON.stringify(before);
    const newJson = JSON.stringify(m);
    let shown = copy;
    if (onServer && newJson !== oldJson) {
      try {
        const written = writeBack(k, copy, mode);
        // annotate prints the server's answer; label the object it sent.
        if (field === 'annotations') shown = written;
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        errors.push(e.text);
        continue;
      }
    }
    let operation = 'annotated';
    if (field === 'labels') {
      // label.go's updateDataChangeMsg: compared as JSON, "unlabeled" when it got shorter without --overwrite.
      operation =
        newJson === oldJson
          ? 'not labeled'
          : !has(p, 'overwrite') && newJson.length < oldJson.length
            ? 'unlabeled'
            : 'labeled';
    }
    printer.print(shown, operation);
  }
  return reportVisitErrors(k.err, errors);
}
