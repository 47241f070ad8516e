/**
 * ConfigMap and Secret volumes that follow updates, as the kubelet does: a whole-volume mount is a directory
 * the kubelet rewrites on a later pod sync after the object changes — between 60 and 90 s later here (the
 * kubelet sync period plus its cache TTL). Environment variables and subPath mounts never change.
 */
import { decodeBase64 } from '../util/base64';
import type { Cluster, SimModule } from '../cluster';
import type { KObject } from '../api/types';
import type { VolumeSource } from '../runtime/types';
import type { ConfigVolumeRef } from '../api/configVolumeRef';
import type { RuntimeModule } from '../runtime/runtime';

const NAME = 'config-volumes';
export const SYNC_MIN_MS = 60_000;
export const SYNC_JITTER_MS = 30_000;

interface State {
  /** runtime volume id → where its files come from */
  volumes: Record<string, ConfigVolumeRef>;
}
const st = (c: Cluster) => c.ext<State>(NAME);

export const configVolumeId = (podUid: string, volume: string) => `cfg-${podUid}-${volume}`;

/** The files a ConfigMap/Secret projects (undefined when it is gone). */
function projectFiles(c: Cluster, ref: ConfigVolumeRef): Record<string, string> | undefined {
  const o = c.api.get(ref.kind, ref.namespace, ref.name) as
    (KObject & { data?: Record<string, string>; binaryData?: Record<string, string> }) | undefined;
  if (!o) return undefined;
  const d: Record<string, string> = {};
  if (ref.kind === 'Secret') for (const [k, v] of Object.entries(o.data ?? {})) d[k] = decodeBase64(v);
  else Object.assign(d, o.binaryData ?? {}, o.data ?? {});
  const files: Record<string, string> = {};
  if (ref.items) for (const it of ref.items) files[it.path] = d[it.key] ?? '';
  else Object.assign(files, d);
  return files;
}

/** ConfigMap/Secret volumes that follow updates, as a module with the kubelet's `configVolume` hook. */
export interface ConfigVolumeSync extends SimModule {
  /** A ConfigMap/Secret volume that follows updates (the kubelet's `configVolume` hook, wired by createSim). */
  configVolume(c: Cluster, ref: ConfigVolumeRef, files: Record<string, string>): VolumeSource;
}

/** The config volumes' module, writing the files into volumes of `runtime`. */
export function configVolumeSync(runtime: RuntimeModule): ConfigVolumeSync {
  const writeFiles = (c: Cluster, id: string, files: Record<string, string>): void => {
    c.runtime.volumeEnsure(id);
    const vol = runtime.runtime.volume(id);
    if (!vol) return;
    vol.files = { ...files };
    vol.dirs = [
      ...new Set(
        Object.keys(files)
          .filter((p) => p.includes('/'))
          .map((p) => p.slice(0, p.lastIndexOf('/'))),
      ),
    ];
  };
  return {
    name: NAME,
    configVolume(c, ref, files) {
      const id = configVolumeId(ref.podUid, ref.volume);
      st(c).volumes[id] = ref;
      writeFiles(c, id, files);
      return { kind: 'dir', id };
    },
    initState: (): State => ({ volumes: {} }),
    install(c) {
      c.clock.on<{ id: string }>('configVolume.sync', ({ id }) => {
        const ref = st(c).volumes[id];
        if (!ref) return;
        const files = projectFiles(c, ref);
        // A deleted object leaves the last files in place, as the kubelet keeps the mounted copy.
        if (files) writeFiles(c, id, files);
      });
      const changed = (_type: string, o: KObject, old: KObject | undefined) => {
        if (
          old &&
          JSON.stringify(old.data) === JSON.stringify(o.data) &&
          JSON.stringify(old.binaryData) === JSON.stringify(o.binaryData)
        )
          return;
        for (const [id, ref] of Object.entries(st(c).volumes)) {
          if (ref.kind !== o.kind || ref.namespace !== o.metadata.namespace || ref.name !== o.metadata.name)
            continue;
          const key = `configVolume.sync:${id}`;
          if (c.clock.has(key)) continue;
          c.clock.after(SYNC_MIN_MS + c.rng.int(SYNC_JITTER_MS), 'configVolume.sync', { id }, key);
        }
      };
      c.api.watch('ConfigMap', changed);
      c.api.watch('Secret', changed);
      c.api.watch('Pod', (type, o) => {
        if (type !== 'DELETED') return;
        const s = st(c);
        for (const id of Object.keys(s.volumes)) {
          if (s.volumes[id]!.podUid !== o.metadata.uid) continue;
          delete s.volumes[id];
          c.clock.cancel(`configVolume.sync:${id}`);
          c.runtime.volumeRemove(id);
        }
      });
    },
  };
}
