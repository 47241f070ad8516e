/**
 * The kubelet's volume manager, as far as it gates a pod: before the sandbox is made and any image pulled, every
 * ConfigMap and Secret volume a container mounts must be set up (the real SyncPod waits in WaitForAttachAndMount).
 * A missing one fails `MountVolume.SetUp` with the real message until it appears (unless it is optional).
 */
import type { Cluster } from '../cluster';
import type { Pod } from '../api/types';

/** The `MountVolume.SetUp failed …` messages of the pod's volumes that cannot be set up now (none: ready). */
export function volumeSetUpErrors(c: Cluster, pod: Pod): string[] {
  const used = new Set<string>();
  for (const ct of [...(pod.spec.initContainers ?? []), ...pod.spec.containers])
    for (const vm of ct.volumeMounts ?? []) used.add(vm.name);
  const errors: string[] = [];
  for (const vol of (pod.spec.volumes ?? []) as Record<string, unknown>[]) {
    const name = vol.name as string;
    if (!used.has(name) || (!vol.configMap && !vol.secret)) continue;
    const isCm = !!vol.configMap;
    const src = (vol.configMap ?? vol.secret) as { name?: string; secretName?: string; optional?: boolean };
    const ref = (isCm ? src.name : src.secretName) ?? '';
    if (src.optional || c.api.get(isCm ? 'ConfigMap' : 'Secret', pod.metadata.namespace, ref)) continue;
    errors.push(
      `MountVolume.SetUp failed for volume "${name}" : ${isCm ? 'configmap' : 'secret'} "${ref}" not found`,
    );
  }
  return errors;
}
