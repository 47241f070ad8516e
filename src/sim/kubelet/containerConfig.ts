/**
 * A container's configuration as the kubelet makes it: environment (Service links, the kubernetes Service, env,
 * envFrom, fieldRef, resourceFieldRef) and mounts (resolv.conf, emptyDir, hostPath, ConfigMap, Secret, PVC,
 * projected and downwardAPI volumes).
 */
import { deepFreeze } from '../util/shapes';
import { memoize } from '../util/memo';
import type { Cluster } from '../cluster';
import type { Container, KObject, Pod } from '../api/types';
import type { MountSpec, VolumeSource } from '../runtime/types';
import { parseBytes, parseCpuMillis } from '../api/quantity';
import { decodeBase64 } from '../util/base64';
import type { PodWorker } from './types';
import { podMetadataField, projectedFiles } from './projectedVolume';
import type { KubeletHooks } from './hooks';

/** Environment variables and mounts of a container; a string is a CreateContainerConfigError. */
export function containerConfig(
  c: Cluster,
  hooks: KubeletHooks,
  w: PodWorker,
  pod: Pod,
  spec: Container,
): { env: Record<string, string>; mounts: MountSpec[] } | { error: string; mountError?: boolean } {
  const ns = w.namespace;
  const env: Record<string, string> = {};
  const hostname = pod.spec.hostname ?? w.name;
  env.HOSTNAME = hostname;
  if (pod.spec.enableServiceLinks !== false) Object.assign(env, hooks.serviceEnv?.(c, ns) ?? {});
  for (let i = 0; i < KUBERNETES_ENV_ENTRIES.length; i++) {
    const [k, v] = KUBERNETES_ENV_ENTRIES[i]!;
    env[k] = v;
  }
  const data = (kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> | undefined => {
    const o = c.api.get(kind, ns, name) as
      (KObject & { data?: Record<string, string>; stringData?: Record<string, string> }) | undefined;
    if (!o) return undefined;
    if (kind === 'Secret') {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(o.data ?? {})) out[k] = decodeBase64(v);
      return out;
    }
    return { ...(o.data ?? {}), ...((o as { binaryData?: Record<string, string> }).binaryData ?? {}) };
  };
  for (const ef of (spec.envFrom ?? []) as {
    prefix?: string;
    configMapRef?: { name: string; optional?: boolean };
    secretRef?: { name: string; optional?: boolean };
  }[]) {
    const ref = ef.configMapRef ?? ef.secretRef;
    if (!ref) continue;
    const kind = ef.configMapRef ? 'ConfigMap' : 'Secret';
    const d = data(kind, ref.name);
    if (!d) {
      if (ref.optional) continue;
      return { error: `${kind.toLowerCase()} "${ref.name}" not found` };
    }
    for (const [k, v] of Object.entries(d)) env[(ef.prefix ?? '') + k] = v;
  }
  for (const e of spec.env ?? []) {
    if (e.value !== undefined || !e.valueFrom) {
      env[e.name] = expandVars(e.value ?? '', env);
      continue;
    }
    const vf = e.valueFrom as {
      configMapKeyRef?: { name: string; key: string; optional?: boolean };
      secretKeyRef?: { name: string; key: string; optional?: boolean };
      fieldRef?: { fieldPath: string };
      resourceFieldRef?: { resource: string; containerName?: string; divisor?: string };
    };
    const keyRef = vf.configMapKeyRef ?? vf.secretKeyRef;
    if (keyRef) {
      const kind = vf.configMapKeyRef ? 'ConfigMap' : 'Secret';
      const d = data(kind, keyRef.name);
      if (!d) {
        if (keyRef.optional) continue;
        return { error: `${kind.toLowerCase()} "${keyRef.name}" not found` };
      }
      if (!(keyRef.key in d)) {
        if (keyRef.optional) continue;
        return { error: `couldn't find key ${keyRef.key} in ${kind} ${ns}/${keyRef.name}` };
      }
      env[e.name] = d[keyRef.key]!;
    } else if (vf.fieldRef) {
      env[e.name] = fieldValue(pod, vf.fieldRef.fieldPath, w);
    } else if (vf.resourceFieldRef) {
      const r = vf.resourceFieldRef.resource;
      const [part, res] = r.split('.') as ['limits' | 'requests', string];
      const q = spec.resources?.[part]?.[res];
      env[e.name] =
        res === 'cpu'
          ? String(Math.max(1, Math.ceil(parseCpuMillis(q ?? '0') / 1000)))
          : String(parseBytes(q ?? '0'));
    }
  }
  const mounts: MountSpec[] = [];
  // DNS: ClusterFirst pods ask CoreDNS (10.96.0.10) through the namespace search path (K8S_FACTS §7).
  if ((pod.spec.dnsPolicy ?? 'ClusterFirst') === 'ClusterFirst' && !pod.spec.hostNetwork) {
    mounts.push(resolvMount(ns));
  }
  for (const vm of spec.volumeMounts ?? []) {
    const vol = ((pod.spec.volumes ?? []) as Record<string, unknown>[]).find((v) => v.name === vm.name) as
      Record<string, unknown> | undefined;
    if (!vol) continue;
    // built field by field, not by spreads: V8 gives objects made by `{ ...a, b }` unshared hidden classes
    const base: { mountPath: string; readOnly?: boolean; subPath?: string } = { mountPath: vm.mountPath };
    if (vm.readOnly) base.readOnly = true;
    if (vm.subPath) base.subPath = vm.subPath;
    const withVolume = (volume: VolumeSource, readOnly?: true): MountSpec =>
      Object.assign({}, base, readOnly ? { readOnly, volume } : { volume });
    if (vol.emptyDir) {
      const id = `pod-${w.uid}-${vm.name}`;
      c.runtime.volumeEnsure(id);
      mounts.push(withVolume({ kind: 'dir', id }));
    } else if (vol.hostPath) {
      const id = `host-${w.node}-${(vol.hostPath as { path: string }).path}`;
      c.runtime.volumeEnsure(id);
      mounts.push(withVolume({ kind: 'dir', id }));
    } else if (vol.configMap || vol.secret) {
      const isCm = !!vol.configMap;
      const src = (vol.configMap ?? vol.secret) as {
        name?: string;
        secretName?: string;
        items?: { key: string; path: string }[];
        optional?: boolean;
      };
      const name = (isCm ? src.name : src.secretName) ?? '';
      const d = data(isCm ? 'ConfigMap' : 'Secret', name);
      if (!d) {
        if (src.optional) {
          mounts.push(withVolume({ kind: 'files', files: {} }));
          continue;
        }
        return {
          error: `MountVolume.SetUp failed for volume "${vm.name}" : ${isCm ? 'configmap' : 'secret'} "${name}" not found`,
          mountError: true,
        };
      }
      const files: Record<string, string> = {};
      if (src.items) for (const it of src.items) files[it.path] = d[it.key] ?? '';
      else Object.assign(files, d);
      // A whole-volume mount follows later updates (configVolume hook); a subPath mount never does.
      const live = vm.subPath
        ? undefined
        : hooks.configVolume?.(
            c,
            {
              podUid: w.uid,
              volume: vm.name,
              namespace: ns,
              kind: isCm ? 'ConfigMap' : 'Secret',
              name,
              ...(src.items ? { items: src.items } : {}),
            },
            files,
          );
      mounts.push(live ? withVolume(live, true) : withVolume({ kind: 'files', files }));
    } else if (vol.persistentVolumeClaim) {
      const claim = (vol.persistentVolumeClaim as { claimName: string }).claimName;
      const r = hooks.pvcVolume?.(c, w.namespace, claim) ?? {
        error: `persistentvolumeclaim "${claim}" not found`,
      };
      if ('error' in r) return { error: r.error, mountError: true };
      c.runtime.volumeEnsure(r.id);
      mounts.push(withVolume({ kind: 'dir', id: r.id }));
    } else if (vol.projected || vol.downwardAPI) {
      const files = projectedFiles(c, pod, vol);
      if ('error' in files)
        return { error: files.error.replace('volume ""', `volume "${vm.name}"`), mountError: true };
      mounts.push(withVolume({ kind: 'files', files }, true));
    }
  }
  return { env, mounts };
}

/** The `kubernetes` Service's variables, in every container. */
const KUBERNETES_ENV: Readonly<Record<string, string>> = Object.freeze({
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
});

const KUBERNETES_ENV_ENTRIES = Object.entries(KUBERNETES_ENV);

function expandVars(v: string, env: Record<string, string>): string {
  return v.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) =>
    m === '$$' ? '$' : name !== undefined && name in env ? env[name]! : m,
  );
}

function fieldValue(pod: Pod, path: string, w: PodWorker): string {
  const meta = podMetadataField(pod, path);
  if (meta !== undefined) return meta;
  switch (path) {
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.podIP':
      return w.ip ?? '';
    case 'status.hostIP':
      return pod.status.hostIP ?? '';
    default:
      return '';
  }
}

/**
 * The resolv.conf mount of a ClusterFirst pod in a namespace: one frozen object shared by every container there
 * (files mounts are never written: the union FS refuses writes into them).
 */
const resolvMount = memoize((ns: string): MountSpec =>
  deepFreeze({
    mountPath: '/etc/resolv.conf',
    volume: {
      kind: 'files' as const,
      files: {
        '': `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
      },
    },
  }),
);
