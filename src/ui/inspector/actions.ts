/** The actions a learner can take on an object, each one a command line (so it shows in the terminal and replays). */
import type { ClusterReader } from '../../state/worker/clusterMirror';
import type { KObject, Node as KNode, Pod } from '../../sim/api/types';

export interface ObjAction {
  id: string;
  labelKey: string;
  command: string;
  /** Needs a number (replicas). */
  needsCount?: boolean;
  /** The object the action changes, when not the selected one (a pod's Deployment for scale). */
  target?: string;
  /** The live replica count of what scale changes (the field starts there, not at a made-up 3). */
  current?: number;
  danger?: boolean;
}

function replicasOf(
  c: ClusterReader,
  kind: string,
  namespace: string | undefined,
  name: string,
): number | undefined {
  const kinds: Record<string, string> = {
    deployment: 'Deployment',
    replicaset: 'ReplicaSet',
    statefulset: 'StatefulSet',
  };
  const o = c.api.get<KObject & { spec?: { replicas?: number } }>(
    kinds[kind.toLowerCase()] ?? kind,
    namespace,
    name,
  );
  return o ? (o.spec?.replicas ?? 1) : undefined;
}

export function parseKey(key: string): { kind: string; namespace: string | undefined; name: string } {
  const [kind = '', ns = '', ...rest] = key.split('/');
  return { kind, namespace: ns || undefined, name: rest.join('/') };
}

/** The Deployment (or ReplicaSet, StatefulSet) that owns a pod, for "scale". */
export function scalableOwner(c: ClusterReader, pod: Pod): { kind: string; name: string } | undefined {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!ref) return undefined;
  if (ref.kind === 'ReplicaSet') {
    const rs = c.api.get<KObject>('ReplicaSet', pod.metadata.namespace, ref.name);
    const dep = rs?.metadata.ownerReferences?.find((r) => r.kind === 'Deployment');
    return dep ? { kind: 'deployment', name: dep.name } : { kind: 'replicaset', name: ref.name };
  }
  if (ref.kind === 'StatefulSet') return { kind: 'statefulset', name: ref.name };
  return undefined;
}

export function actionsFor(c: ClusterReader, key: string): ObjAction[] {
  const { kind, namespace, name } = parseKey(key);
  const nsFlag = namespace && namespace !== 'default' ? ` -n ${namespace}` : '';
  if (kind === 'Pod') {
    const pod = c.api.get<Pod>('Pod', namespace, name);
    const out: ObjAction[] = [
      {
        id: 'delete',
        labelKey: 'action.deletePod',
        command: `kubectl delete pod ${name}${nsFlag}`,
        danger: true,
      },
      { id: 'crash', labelKey: 'action.crash', command: `sim crash ${name}${nsFlag}`, danger: true },
    ];
    const owner = pod && scalableOwner(c, pod);
    if (owner)
      out.push({
        id: 'scale',
        labelKey: 'action.scale',
        command: `kubectl scale ${owner.kind}/${owner.name}${nsFlag} --replicas=`,
        needsCount: true,
        // the pod is not what scales: its owning workload is, and the field names it
        target: `${owner.kind}/${owner.name}`,
        ...optional(replicasOf(c, owner.kind, namespace, owner.name)),
      });
    return out;
  }
  if (kind === 'Node') {
    const node = c.api.get<KNode>('Node', undefined, name);
    const ready = node?.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True';
    const failed = !!(c.state.ext['nodeFaults'] as Record<string, unknown> | undefined)?.[name];
    return [
      ready || !failed
        ? { id: 'fail', labelKey: 'action.failNode', command: `sim node fail ${name}`, danger: true }
        : { id: 'recover', labelKey: 'action.recoverNode', command: `sim node recover ${name}` },
      ...(!ready
        ? [{ id: 'recover', labelKey: 'action.recoverNode', command: `sim node recover ${name}` }]
        : []),
      node?.spec?.unschedulable
        ? { id: 'uncordon', labelKey: 'action.uncordon', command: `kubectl uncordon ${name}` }
        : { id: 'cordon', labelKey: 'action.cordon', command: `kubectl cordon ${name}` },
      {
        id: 'drain',
        labelKey: 'action.drain',
        command: `kubectl drain ${name} --ignore-daemonsets --delete-emptydir-data`,
        danger: true,
      },
    ].filter((a, i, all) => all.findIndex((b) => b.id === a.id) === i);
  }
  if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'StatefulSet')
    return [
      {
        id: 'scale',
        labelKey: 'action.scale',
        command: `kubectl scale ${kind.toLowerCase()}/${name}${nsFlag} --replicas=`,
        needsCount: true,
        ...optional(replicasOf(c, kind, namespace, name)),
      },
    ];
  return [];
}

function optional(current: number | undefined): { current?: number } {
  return current === undefined ? {} : { current };
}
