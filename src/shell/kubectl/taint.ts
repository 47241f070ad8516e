/**
 * kubectl taint nodes NAME… key=value:Effect | key:Effect- | key- (taint.go and its utils.go: parsing, the
 * order of the new list, tainted / untainted / modified, and the errors).
 */
import type { Node, Taint } from '../../sim/api/types';
import { matches } from '../../sim/api/labels';
import { fail, KubectlError, reportVisitErrors } from './errors';
import { selectorOf } from './get';
import { resultPrinter } from './resultPrinter';
import { writeBack } from './targets';
import {
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  str,
  type KubectlContext,
  type Parsed,
  type VerbDef,
} from './verb';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Usage errors of taint's parser end with kubectl's pointer to the help. */
function usage(msg: string): never {
  throw new KubectlError(`error: ${msg}\nSee 'kubectl taint -h' for help and examples`);
}

/** validation.IsQualifiedName */
function qualifiedNameErrors(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2)
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  const errs: string[] = [];
  const name = parts[parts.length - 1]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (!prefix) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
    else if (!DNS_SUBDOMAIN.test(prefix))
      errs.push(
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
  }
  if (!name) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name && !NAME_PART.test(name))
    errs.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  return errs;
}

function parseTaint(spec: string): Taint | { key: string; effect?: undefined } {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect: string | undefined;
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) usage(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0]!.split('=');
    if (kv.length > 2) usage(`invalid taint spec: ${spec}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      if (value.length > 63) usage(`invalid taint spec: ${spec}, must be no more than 63 characters`);
      if (!LABEL_VALUE.test(value))
        usage(
          `invalid taint spec: ${spec}, a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
        );
    }
  } else usage(`invalid taint spec: ${spec}`);
  const errs = qualifiedNameErrors(key);
  if (errs.length) usage(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  return {
    key,
    ...(value ? { value } : {}),
    ...(effect ? { effect: effect as Taint['effect'] } : {}),
  } as Taint;
}

interface TaintSpec {
  add: Taint[];
  remove: { key: string; effect?: string }[];
}

export function parseTaints(args: string[]): TaintSpec {
  const spec: TaintSpec = { add: [], remove: [] };
  for (const a of args) {
    if (a.endsWith('-')) {
      const t = parseTaint(a.slice(0, -1));
      spec.remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
      continue;
    }
    const t = parseTaint(a);
    if (!t.effect) usage(`invalid taint spec: ${a}`);
    if (spec.add.some((x) => x.key === t.key && x.effect === t.effect))
      usage(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`);
    spec.add.push(t as Taint);
  }
  return spec;
}

const taintString = (t: { key: string; value?: string; effect?: string }) =>
  `${t.key}${t.value ? '=' + t.value : ''}${t.effect ? ':' + t.effect : ''}`;

/**
 * reorganizeTaints: the new taints first, then the old ones they do not match (key and effect), then the
 * removals; the operation word kubectl prints.
 */
function reorganize(
  node: Node,
  overwrite: boolean,
  spec: TaintSpec,
): { operation: string; taints: Taint[]; errors: string[] } {
  const old = node.spec.taints ?? [];
  let taints: Taint[] = [...spec.add];
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of spec.remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}

function selectNodes(k: KubectlContext, p: Parsed, resources: string[]): Node[] {
  const sel = selectorOf(p);
  if (p.flags.get('all') === 'true' || sel)
    return (k.cluster.api.list('Node') as Node[]).filter((n) => !sel || matches(sel, n.metadata.labels));
  const out: Node[] = [];
  for (const name of resources.slice(1)) {
    const n = k.cluster.api.get('Node', undefined, name) as Node | undefined;
    if (!n) throw new KubectlError(`Error from server (NotFound): nodes "${name}" not found`);
    out.push(n);
  }
  return out;
}

export const taint: VerbDef = {
  name: 'taint',
  summary: { en: 'Update the taints on one or more nodes', zh: '更新一个或多个节点上的污点' },
  usage: 'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  long: 'Update the taints on one or more nodes.\n\n  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.\n  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.\n  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.\n  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.\n  *  Currently taint can only apply to node.',
  examples: `  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
  kubectl taint nodes foo dedicated=special-user:NoSchedule

  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
  kubectl taint nodes foo dedicated:NoSchedule-

  # Remove from node 'foo' all the taints with key 'dedicated'
  kubectl taint nodes foo dedicated-`,
  flags: [
    boolFlag(
      'overwrite',
      'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.',
    ),
    boolFlag('all', 'Select all nodes in the cluster'),
    SELECTOR_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run(k, p) {
    const resources: string[] = [];
    const taintArgs: string[] = [];
    for (const a of p.args) {
      const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
      if (isTaint) taintArgs.push(a);
      else if (taintArgs.length) fail(`all resources must be specified before taint changes: ${a}`);
      else resources.push(a);
    }
    const mode = dryRun(p);
    const printer = resultPrinter(k, p, true, false);
    if (!resources.length) fail('one or more resources must be specified as <resource> <name>');
    if (!taintArgs.length) fail('at least one taint update is required');
    const spec = parseTaints(taintArgs);
    const type = resources[0]!.toLowerCase();
    const def = k.cluster.api.kinds.resolve(type);
    // The mapper's error, which kubectl prints without `error: `.
    if (!def) throw new KubectlError(`the server doesn't have a resource type "${type}"`);
    if (def.kind !== 'Node') fail(`invalid resource type ${type}, only node types are supported`);
    const conflicts = spec.remove
      .filter((r) => spec.add.some((t) => t.key === r.key && (!r.effect || t.effect === r.effect)))
      .map((r) => `${r.key}=${r.effect ?? ''}`);
    if (conflicts.length)
      fail(
        `can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`,
      );
    const all = p.flags.get('all') === 'true';
    if (all && str(p, 'selector')) fail("setting 'all' parameter with a non empty selector is prohibited");
    if (!all && !str(p, 'selector') && resources.length < 2)
      fail("at least one resource name must be specified since 'all' parameter is not set");
    const overwrite = p.flags.get('overwrite') === 'true';
    // The visitor goes on after an error; kubectl prints the errors together at the end.
    const errors: string[] = [];
    for (const n of selectNodes(k, p, resources)) {
      if (!overwrite) {
        const exists = spec.add
          .filter((t) => (n.spec.taints ?? []).some((o) => o.key === t.key && o.effect === t.effect))
          .map((t) => t.key);
        if (exists.length) {
          errors.push(
            `node ${n.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`,
          );
          continue;
        }
      }
      const r = reorganize(n, overwrite, spec);
      if (r.errors.length) {
        errors.push(r.errors.length === 1 ? r.errors[0]! : `[${r.errors.join(', ')}]`);
        continue;
      }
      const copy = structuredClone(n);
      if (r.taints.length) copy.spec.taints = r.taints;
      else delete copy.spec.taints;
      let shown: Node = copy;
      try {
        if (mode !== 'client') shown = writeBack(k, copy, mode) as Node;
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        errors.push(e.text.replace(/^error: /, ''));
        continue;
      }
      printer.print(shown, r.operation);
    }
    return reportVisitErrors(k.err, errors);
  },
};
