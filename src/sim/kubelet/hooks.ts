/**
 * What the kubelet needs from other parts of the cluster (Service environment variables from the network, PVC
 * volumes from the PV controller, ConfigMap/Secret volumes that follow updates), given to it by createSim.ts.
 */
import type { Cluster } from '../cluster';
import type { VolumeSource } from '../runtime/types';
import type { ConfigVolumeRef } from '../api/configVolumeRef';

export type { ConfigVolumeRef } from '../api/configVolumeRef';

/** Hooks for the networking/storage parts: Service env vars, PVC volumes, ConfigMap/Secret data. */
export interface KubeletHooks {
  /** Environment variables of the Services visible to a pod in `namespace`. */
  serviceEnv?(c: Cluster, namespace: string): Record<string, string>;
  /** The runtime volume id for a PVC, or an error message. */
  pvcVolume?(c: Cluster, namespace: string, claim: string): { id: string } | { error: string };
  /** A ConfigMap/Secret volume that later updates reach (its files as of now); undefined: a fixed copy. */
  configVolume?(c: Cluster, ref: ConfigVolumeRef, files: Record<string, string>): VolumeSource | undefined;
}
