/**
 * Helpers over the cluster's API server as kubectl uses it: listing, resource names as kubectl prints them,
 * and the runtime's exec / logs.
 */
import type { Cluster } from '../../sim/cluster';
import type { KObject } from '../../sim/api/types';
import type { KindDef } from '../../sim/api/kinds';
import type { RuntimeApi } from '../../sim/runtime/types';

export type KindInfo = KindDef;

export const ACTOR = 'kubectl';

/** Lists objects of a kind (namespace undefined = all), sorted by namespace then name. */
export function listObjects(cluster: Cluster, kind: string, ns?: string): KObject[] {
  return [...cluster.api.list(kind, ns)].sort(
    (a, b) =>
      cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name, b.metadata.name),
  );
}

export function getObject(
  cluster: Cluster,
  kind: string,
  ns: string | undefined,
  name: string,
): KObject | undefined {
  return cluster.api.get(kind, ns, name);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `deployment.apps`, `pod`: the resource prefix kubectl prints in `deployment.apps/web created`. */
export function resourcePrefix(k: Pick<KindDef, 'kind' | 'group'>): string {
  return k.group ? `${k.kind.toLowerCase()}.${k.group}` : k.kind.toLowerCase();
}

/** `deployments.apps`, `pods`: the resource name used in API error messages. */
export function pluralResource(k: Pick<KindDef, 'plural' | 'group'>): string {
  return k.group ? `${k.plural}.${k.group}` : k.plural;
}

/** `deployment.apps/web` */
export function objectName(cluster: Cluster, o: KObject): string {
  const def = cluster.api.kinds.byKind(o.kind);
  return `${def ? resourcePrefix(def) : o.kind.toLowerCase()}/${o.metadata.name}`;
}

/** The container runtime (`cluster.runtime`), when the runtime module is installed. */
export function runtime(
  cluster: Cluster,
): (Pick<RuntimeApi, 'exec' | 'logs' | 'container'> & Partial<Pick<RuntimeApi, 'record'>>) | undefined {
  return (cluster as { runtime?: RuntimeApi }).runtime;
}

/** The runtime's container id from a status `containerID` (`containerd://abc` → `abc`). */
export function containerIdOf(containerID: string | undefined): string | undefined {
  if (!containerID) return undefined;
  const i = containerID.indexOf('://');
  return i >= 0 ? containerID.slice(i + 3) : containerID;
}
