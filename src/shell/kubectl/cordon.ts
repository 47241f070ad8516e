/** kubectl cordon / uncordon */
import type { Node } from '../../sim/api/types';
import { matches } from '../../sim/api/labels';
import { fail, KubectlError } from './errors';
import { selectorOf } from './get';
import { writeBack } from './targets';
import { DRY_RUN_FLAG, dryRun, SELECTOR_FLAG, type KubectlContext, type Parsed, type VerbDef } from './verb';

export function nodesFromArgs(k: KubectlContext, p: Parsed): Node[] {
  const sel = selectorOf(p);
  if (sel) return (k.cluster.api.list('Node') as Node[]).filter((n) => matches(sel, n.metadata.labels));
  if (!p.args.length) fail('USAGE: cordon NODE [flags]');
  return p.args.map((a) => {
    const name = a.replace(/^(node|nodes|no)\//, '');
    const n = k.cluster.api.get('Node', undefined, name) as Node | undefined;
    if (!n) throw new KubectlError(`Error from server (NotFound): nodes "${name}" not found`);
    return n;
  });
}

/** Sets spec.unschedulable; prints `node/x cordoned` or `node/x already cordoned`. */
export function setUnschedulable(
  k: KubectlContext,
  n: Node,
  value: boolean,
  mode: 'none' | 'client' | 'server' = 'none',
): void {
  const word = value ? 'cordoned' : 'uncordoned';
  if (!!n.spec?.unschedulable === value) {
    k.out(`node/${n.metadata.name} already ${word}\n`);
    return;
  }
  const copy = structuredClone(n);
  if (value) copy.spec.unschedulable = true;
  else delete copy.spec.unschedulable;
  writeBack(k, copy, mode);
  k.out(
    `node/${n.metadata.name} ${word}${mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : ''}\n`,
  );
}

function make(name: 'cordon' | 'uncordon'): VerbDef {
  const on = name === 'cordon';
  return {
    name,
    summary: on
      ? { en: 'Mark node as unschedulable', zh: '将节点标记为不可调度（封锁）' }
      : { en: 'Mark node as schedulable', zh: '将节点标记为可调度（解除封锁）' },
    usage: `kubectl ${name} NODE [options]`,
    long: on ? 'Mark node as unschedulable.' : 'Mark node as schedulable.',
    examples: `  # Mark node "foo" as ${on ? 'unschedulable' : 'schedulable'}\n  kubectl ${name} foo`,
    flags: [SELECTOR_FLAG, DRY_RUN_FLAG],
    run(k, p) {
      for (const n of nodesFromArgs(k, p)) setUnschedulable(k, n, on, dryRun(p));
      return 0;
    },
  };
}

export const cordon = make('cordon');
export const uncordon = make('uncordon');
