/**
 * Resource arguments as kubectl reads them: `pods`, `pods a b`, `pod/a deploy/b`, `pods,deployments`, `all`,
 * resolved through the API server's kind registry (so new kinds work without changes here).
 */
import type { Cluster } from '../../sim/cluster';
import type { KindDef } from '../../sim/api/kinds';
import { fail } from './errors';

export interface ResourceRequest {
  def: KindDef;
  /** Empty: every object of the kind. */
  names: string[];
}

/** Kinds in the order `kubectl get all` prints them. */
export const ALL_CATEGORY = [
  'Pod',
  'Service',
  'DaemonSet',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'CronJob',
  'Job',
];

export function resolveType(cluster: Cluster, type: string): KindDef {
  const def = cluster.api.kinds.resolve(type);
  if (!def) fail(`the server doesn't have a resource type "${type}"`);
  return def;
}

function expandTypes(cluster: Cluster, types: string): KindDef[] {
  const out: KindDef[] = [];
  for (const t of types.split(',').filter(Boolean)) {
    if (t === 'all') {
      for (const k of ALL_CATEGORY) {
        const d = cluster.api.kinds.byKind(k);
        if (d && !out.includes(d)) out.push(d);
      }
      continue;
    }
    const d = resolveType(cluster, t);
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

/** Parses positional resource arguments. `requireType` errors are the caller's. */
export function parseResourceArgs(
  cluster: Cluster,
  args: string[],
): { requests: ResourceRequest[]; multiType: boolean } {
  if (!args.length) return { requests: [], multiType: false };
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length)
      fail(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      );
    const requests: ResourceRequest[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!name) fail(`arguments in resource/name form must have a single resource and name`);
      const def = resolveType(cluster, type);
      const ex = requests.find((r) => r.def === def);
      if (ex) ex.names.push(name);
      else requests.push({ def, names: [name] });
    }
    return { requests, multiType: requests.length > 1 };
  }
  const [types, ...names] = args;
  const defs = expandTypes(cluster, types!);
  const multi = defs.length > 1 || types!.split(',').includes('all');
  return { requests: defs.map((def) => ({ def, names: [...names] })), multiType: multi };
}

/** Suggests names close to `input` (kubectl's "Did you mean this?"), by Levenshtein distance ≤ 2 or prefix. */
export function suggest(input: string, candidates: string[]): string[] {
  const dist = (a: string, b: string): number => {
    const m = a.length;
    const n = b.length;
    let prev = Array.from({ length: n + 1 }, (_, j) => j);
    for (let i = 1; i <= m; i++) {
      const cur = [i];
      for (let j = 1; j <= n; j++)
        cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
    return prev[n]!;
  };
  return candidates
    .filter((c) => dist(input.toLowerCase(), c) <= 2 || c.startsWith(input.toLowerCase()))
    .sort();
}
