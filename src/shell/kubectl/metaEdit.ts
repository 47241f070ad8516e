/** What `label` and `annotate` share: `key=value` / `key-` arguments and the overwrite rule. */
import type { KObject } from '../../sim/api/types';
import { resourcePrefix } from './client';
import { fail, KubectlError } from './errors';
import { selectTargets, writeBack } from './targets';
import { dryRun, has, str, type KubectlContext, type Parsed } from './verb';

export function runMetaEdit(k: KubectlContext, p: Parsed, field: 'labels' | 'annotations'): number {
  const noun = field === 'labels' ? 'label' : 'annotation';
  const verb = field === 'labels' ? 'labeled' : 'annotated';
  const edits = p.args.filter((a) => a.includes('=') || (a.endsWith('-') && !a.includes('/')));
  const resources = p.args.filter((a) => !edits.includes(a));
  const sets: [string, string][] = [];
  const removes: string[] = [];
  for (const e of edits) {
    const i = e.indexOf('=');
    if (i >= 0) sets.push([e.slice(0, i), e.slice(i + 1)]);
    else removes.push(e.slice(0, -1));
  }
  if (!sets.length && !removes.length && !has(p, 'list')) fail(`at least one ${noun} update is required`);
  const both = removes.filter((key) => sets.some(([s]) => s === key));
  if (both.length)
    fail(
      field === 'labels'
        ? 'can not both modify and remove a label in the same command'
        : `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`,
    );
  const errors: string[] = [];
  const targets = selectTargets(
    k,
    p,
    resources.length > 1 || resources.some((r) => r.includes('/')) ? resources : resources,
    errors,
  );
  const mode = dryRun(p);
  let status = 0;
  for (const t of targets) {
    const head = `${resourcePrefix(t.def)}/${t.obj.metadata.name}`;
    if (has(p, 'list')) {
      const m = (t.obj.metadata[field] as Record<string, string> | undefined) ?? {};
      k.out(
        Object.keys(m)
          .sort()
          .map((key) => `${key}=${m[key]}\n`)
          .join(''),
      );
      continue;
    }
    const copy: KObject = structuredClone(t.obj);
    const m: Record<string, string> = {
      ...((copy.metadata[field] as Record<string, string> | undefined) ?? {}),
    };
    const before = JSON.stringify(m);
    // kubectl label says so for each key to remove that the object lacks (annotate stays silent).
    if (field === 'labels')
      for (const key of removes) if (!(key in m)) k.out(`label ${JSON.stringify(key)} not found.\n`);
    if (!has(p, 'overwrite')) {
      const clash = sets.filter(([key, v]) => key in m && m[key] !== v);
      if (clash.length) {
        const msg =
          field === 'labels'
            ? `error: '${clash[0]![0]}' already has a value (${m[clash[0]![0]]}), and --overwrite is false`
            : `error: --overwrite is false but found the following declared annotation(s): ${clash.map(([key]) => `'${key}' already has a value (${m[key]})`).join('; ')}`;
        k.err(msg + '\n');
        status = 1;
        continue;
      }
    }
    for (const key of removes) delete m[key];
    for (const [key, v] of sets) m[key] = v;
    const changed = JSON.stringify(m) !== before;
    if (!changed) {
      k.out(`${head} not ${verb}\n`);
      continue;
    }
    copy.metadata[field] = m;
    const rv = str(p, 'resource-version');
    if (rv) copy.metadata.resourceVersion = rv;
    try {
      writeBack(k, copy, mode);
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      k.err(e.text + '\n');
      status = 1;
      continue;
    }
    const word = !sets.length && removes.length && field === 'labels' ? 'unlabeled' : verb;
    k.out(
      `${head} ${word}${mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : ''}\n`,
    );
  }
  if (errors.length) {
    k.err(errors.join('\n') + '\n');
    status = 1;
  }
  return status;
}
