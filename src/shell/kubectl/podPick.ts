/**
 * Choosing the pod and container for logs / exec: `pod/x`, `x`, `deploy/x` (kubectl picks one pod and says
 * which), `-c` or the only container or the default-container annotation.
 */
import type { ContainerStatus, KObject, Pod } from '../../sim/api/types';
import { fromLabelSelector, matches } from '../../sim/api/labels';
import { KubectlError } from './errors';
import type { KubectlContext } from './verb';

/** `announce`: logs says which pod it picked (`Found 3 pods, using pod/x`); exec does not. */
export function pickPod(k: KubectlContext, arg: string, announce = false): Pod {
  const slash = arg.indexOf('/');
  if (slash < 0) {
    const pod = k.cluster.api.get('Pod', k.namespace, arg) as Pod | undefined;
    if (!pod) throw new KubectlError(`Error from server (NotFound): pods "${arg}" not found`);
    return pod;
  }
  const type = arg.slice(0, slash);
  const name = arg.slice(slash + 1);
  const def = k.cluster.api.kinds.resolve(type);
  if (!def) throw new KubectlError(`error: the server doesn't have a resource type "${type}"`);
  const owner = k.cluster.api.get(def.kind, k.namespace, name);
  if (!owner)
    throw new KubectlError(
      `Error from server (NotFound): ${def.group ? `${def.plural}.${def.group}` : def.plural} "${name}" not found`,
    );
  if (def.kind === 'Pod') return owner as Pod;
  const selObj = (owner.spec?.selector ?? owner.spec?.jobTemplate?.spec?.selector) as KObject['spec'];
  const sel =
    def.kind === 'Service'
      ? selObj
        ? fromLabelSelector({ matchLabels: selObj })
        : null
      : fromLabelSelector(selObj);
  const pods = (k.cluster.api.list('Pod', k.namespace) as Pod[]).filter(
    (p) => sel && sel.length && matches(sel, p.metadata.labels),
  );
  if (!pods.length) throw new KubectlError(`error: no pods found for ${def.kind.toLowerCase()}/${name}`);
  const score = (p: Pod) =>
    (p.metadata.deletionTimestamp ? 0 : 4) +
    (p.status?.phase === 'Running' ? 2 : 0) +
    ((p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 1 : 0);
  const sorted = [...pods].sort(
    (a, b) =>
      score(b) - score(a) ||
      k.cluster.fromIso(a.metadata.creationTimestamp) - k.cluster.fromIso(b.metadata.creationTimestamp) ||
      (a.metadata.name < b.metadata.name ? -1 : 1),
  );
  const chosen = sorted[0]!;
  if (announce && pods.length > 1) k.err(`Found ${pods.length} pods, using pod/${chosen.metadata.name}\n`);
  return chosen;
}

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/**
 * The container a command acts on: `-c`, else the default-container annotation, else the first container —
 * with kubectl's `Defaulted container "a" out of: a, b, init (init)` on `warn` when there was a choice
 * (podcmd.FindOrDefaultContainerByName).
 */
export function pickContainer(
  pod: Pod,
  requested: string | undefined,
  warn: (msg: string) => void,
  includeInit = true,
): string {
  const names = (pod.spec.containers ?? []).map((c) => c.name);
  const inits = includeInit ? (pod.spec.initContainers ?? []).map((c) => c.name) : [];
  if (requested !== undefined) {
    if (!names.includes(requested) && !inits.includes(requested))
      throw new KubectlError(`error: container ${requested} is not valid for pod ${pod.metadata.name}`);
    return requested;
  }
  const dflt = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (dflt) {
    if (names.includes(dflt)) return dflt;
    warn(`Default container name ${JSON.stringify(dflt)} not found in pod ${pod.metadata.name}\n`);
  }
  if (!names.length) throw new KubectlError(`error: pod ${pod.metadata.name} has no containers`);
  if (names.length > 1 || inits.length)
    warn(
      `Defaulted container "${names[0]}" out of: ${[...names, ...inits.map((n) => `${n} (init)`)].join(', ')}\n`,
    );
  return names[0]!;
}

export function containerStatus(pod: Pod, name: string): ContainerStatus | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (c) => c.name === name,
  );
}
