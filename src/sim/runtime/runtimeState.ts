/** The runtime's state: JSON under `cluster.state.ext.runtime` (snapshots and restores carry it as it is). */
import type { Arch, ContainerRecord, HostState, ImageRecord, LayerData } from './types';
import type * as ufs from './unionFs';

export interface RuntimeState {
  hosts: Record<string, HostState>;
  /** Images not in the static catalog (built, pushed), by ID. */
  images: Record<string, ImageRecord>;
  /** Layers not in the static catalog, by digest. */
  layers: Record<string, LayerData>;
  containers: Record<string, ContainerRecord>;
  volumes: Record<string, ufs.VolumeData>;
  /** Pushed repositories: `repo:tag` → manifest digest and per-arch image IDs. */
  registry: Record<string, { digest: string; variants: Partial<Record<Arch, string>>; pushedAt: number }>;
  /** Host memory capacity for the host-wide OOM killer (Docker hosts). */
  hostMemory: Record<string, number>;
  nextNs: number;
  /** A host OOM kill or cgroup OOM kill waiting to be delivered. */
  oomPending: Record<string, true>;
  /** Containers the runtime itself SIGKILLed (stop after grace, kill). */
  killed: Record<string, true>;
}

export function initRuntimeState(): RuntimeState {
  return {
    hosts: {},
    images: {},
    layers: {},
    containers: {},
    volumes: {},
    registry: {},
    hostMemory: {},
    nextNs: 4026532200,
    oomPending: {},
    killed: {},
  };
}
