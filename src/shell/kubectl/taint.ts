/** kubectl taint nodes NAME key=value:Effect | key:Effect- | key- */
import type { Node, Taint } from '../../sim/api/types';
import { matches } from '../../sim/api/labels';
import { fail, KubectlError } from './errors';
import { selectorOf } from './get';
import { writeBack } from './targets';
import { boolFlag, DRY_RUN_FLAG, dryRun, OUTPUT_FLAG, SELECTOR_FLAG, type VerbDef } from './verb';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

interface TaintSpec {
  add: Taint[];
  remove: { key: string; effect?: string }[];
}

export function parseTaints(args: string[]): TaintSpec {
  const spec: TaintSpec = { add: [], remove: [] };
  for (const a of args) {
    if (a.endsWith('-')) {
      const body = a.slice(0, -1);
      // `key-`, `key:Effect-` and `key=value:Effect-` (the value is ignored when removing, as in kubectl).
      const [kv, effect] = body.split(':');
      const key = kv!.split('=')[0];
      if (effect !== undefined && !EFFECTS.includes(effect))
        fail(`invalid taint effect: ${effect}, unsupported taint effect`);
      spec.remove.push({ key: key!, ...(effect ? { effect } : {}) });
      continue;
    }
    const colon = a.lastIndexOf(':');
    if (colon < 0) fail(`invalid taint spec: ${a}, unknown taint spec: ${a}`);
    const effect = a.slice(colon + 1);
    const kv = a.slice(0, colon);
    if (!EFFECTS.includes(effect))
      fail(`invalid taint spec: ${a}, invalid taint effect: ${effect}, unsupported taint effect`);
    const eq = kv.indexOf('=');
    const key = eq >= 0 ? kv.slice(0, eq) : kv;
    const value = eq >= 0 ? kv.slice(eq + 1) : undefined;
    if (!key) fail(`invalid taint spec: ${a}, the key is required`);
    spec.add.push({ key, ...(value ? { value } : {}), effect: effect as Taint['effect'] });
  }
  return spec;
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
    const args = [...p.args];
    let nodes: Node[];
    const first = args.shift();
    if (!first) fail('at least one taint update is required');
    const [type, slashName] = first.split('/');
    const def = k.cluster.api.kinds.resolve(type!);
    if (!def) fail(`the server doesn't have a resource type "${type}"`);
    if (def.kind !== 'Node') fail(`invalid resource type ${def.plural}, only nodes are supported`);
    const sel = selectorOf(p);
    if (slashName) nodes = [k.cluster.api.get('Node', undefined, slashName) as Node].filter(Boolean);
    else if (p.flags.get('all') === 'true' || sel)
      nodes = (k.cluster.api.list('Node') as Node[]).filter((n) => !sel || matches(sel, n.metadata.labels));
    else {
      const name = args.shift();
      if (!name) fail('at least one taint update is required');
      const n = k.cluster.api.get('Node', undefined, name) as Node | undefined;
      if (!n) throw new KubectlError(`Error from server (NotFound): nodes "${name}" not found`);
      nodes = [n];
    }
    if (slashName && !nodes.length)
      throw new KubectlError(`Error from server (NotFound): nodes "${slashName}" not found`);
    if (!args.length) fail('at least one taint update is required');
    const spec = parseTaints(args);
    const overwrite = p.flags.get('overwrite') === 'true';
    for (const n of nodes) {
      const copy = structuredClone(n);
      let taints = [...(copy.spec.taints ?? [])];
      for (const t of spec.add) {
        const same = taints.findIndex((x) => x.key === t.key && x.effect === t.effect);
        if (same >= 0 && !overwrite)
          fail(
            `node ${n.metadata.name} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`,
          );
        if (same >= 0) taints[same] = t;
        else taints.push(t);
      }
      for (const r of spec.remove) {
        const before = taints.length;
        taints = taints.filter((x) => !(x.key === r.key && (!r.effect || x.effect === r.effect)));
        if (taints.length === before) fail(`taint "${r.key}${r.effect ? ':' + r.effect : ''}" not found`);
      }
      if (taints.length) copy.spec.taints = taints;
      else delete copy.spec.taints;
      writeBack(k, copy, dryRun(p));
      const word = spec.add.length ? 'tainted' : 'untainted';
      k.out(`node/${n.metadata.name} ${word}\n`);
    }
    return 0;
  },
};
