/**
 * Tab completion from the command table: command names, sub-commands, flags, resource types and names.
 */
import type { Cluster } from '../sim/cluster';
import type { CommandDef, VirtualFs } from './types';

/** What completion reads: the command table, the cluster's objects, the files. */
export interface CompletionSource {
  readonly commands: readonly CommandDef[];
  readonly cluster: Cluster;
  readonly fs: VirtualFs;
}

function lastWordStart(line: string): number {
  let i = line.length;
  while (i > 0 && line[i - 1] !== ' ') i--;
  return i;
}

export function completeLine(
  session: CompletionSource,
  line: string,
): { start: number; candidates: string[] } {
  const start = lastWordStart(line);
  const prefix = line.slice(start);
  const words = line.slice(0, start).trim().split(/\s+/).filter(Boolean);
  const pick = (list: Iterable<string>) => [...new Set(list)].filter((w) => w.startsWith(prefix)).sort();
  if (words.length === 0) return { start, candidates: pick(session.commands.map((c) => c.name)) };
  const def = session.commands.find((c) => c.name === words[0]);
  if (!def) return { start, candidates: [] };
  const positional = words.slice(1).filter((w) => !w.startsWith('-'));
  const sub = def.subcommands?.find((s) => s.name === positional[0]);
  if (prefix.startsWith('-')) {
    const flags = [...(def.flags ?? []), ...(sub?.flags ?? [])];
    return {
      start,
      candidates: pick(flags.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])])),
    };
  }
  const prev = words[words.length - 1] ?? '';
  const cluster = session.cluster;
  if (prev === '-n' || prev === '--namespace') {
    return { start, candidates: pick(cluster.api.list('Namespace').map((n) => n.metadata.name)) };
  }
  if (prev === '-f' || prev === '--filename') {
    return { start, candidates: pick(session.fs.list('')) };
  }
  if (def.subcommands && positional.length === 0)
    return { start, candidates: pick(def.subcommands.map((s) => s.name)) };
  if (def.name === 'kubectl') {
    const verb = positional[0];
    const resourceVerbs = [
      'get',
      'describe',
      'delete',
      'edit',
      'label',
      'annotate',
      'explain',
      'scale',
      'rollout',
      'logs',
      'exec',
      'expose',
      'autoscale',
      'set',
      'cordon',
      'uncordon',
      'drain',
      'taint',
      'top',
      'wait',
      'port-forward',
    ];
    if (!verb || !resourceVerbs.includes(verb)) return { start, candidates: [] };
    const nsIdx = words.findIndex((w) => w === '-n' || w === '--namespace');
    const ns = nsIdx >= 0 ? words[nsIdx + 1] : 'default';
    const args = positional.slice(verb === 'rollout' || verb === 'set' || verb === 'top' ? 2 : 1);
    const podVerbs = ['logs', 'exec', 'port-forward'];
    const nodeVerbs = ['cordon', 'uncordon', 'drain', 'taint'];
    if (nodeVerbs.includes(verb)) {
      if (verb === 'taint' && args.length === 0) return { start, candidates: pick(['nodes', 'node']) };
      return { start, candidates: pick(cluster.api.list('Node').map((n) => n.metadata.name)) };
    }
    if (podVerbs.includes(verb) && args.length === 0) {
      return { start, candidates: pick(cluster.api.list('Pod', ns).map((p) => p.metadata.name)) };
    }
    if (args.length === 0) {
      const types = cluster.api.kinds.all().flatMap((k) => [k.plural, k.singular, ...k.shortNames]);
      // `kubectl get deploy/web` style
      const slash = prefix.indexOf('/');
      if (slash > 0) {
        const def2 = cluster.api.kinds.resolve(prefix.slice(0, slash));
        if (def2) {
          const names = cluster.api
            .list(def2.kind, def2.namespaced ? ns : undefined)
            .map((o) => `${prefix.slice(0, slash)}/${o.metadata.name}`);
          return { start, candidates: pick(names) };
        }
      }
      return { start, candidates: pick(types) };
    }
    const kd = cluster.api.kinds.resolve(args[0]!.split(',')[0]!);
    if (kd)
      return {
        start,
        candidates: pick(
          cluster.api.list(kd.kind, kd.namespaced ? ns : undefined).map((o) => o.metadata.name),
        ),
      };
  }
  return { start, candidates: [] };
}
