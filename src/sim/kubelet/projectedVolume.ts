/**
 * The files of `projected` and `downwardAPI` volumes: service account token, ConfigMap and Secret keys (with
 * `items`), and downward API fields (`metadata.labels` as `key="value"` lines, as the kubelet writes them).
 */
import { flat } from '../util/shapes';
import type { Cluster } from '../cluster';
import type { KObject, Pod } from '../api/types';
import { decodeBase64 } from '../kinds/configData';

interface KeyToPath {
  key: string;
  path: string;
}
interface DownwardItem {
  path: string;
  fieldRef?: { fieldPath: string };
  resourceFieldRef?: { resource: string; containerName?: string };
}
interface Source {
  serviceAccountToken?: { path: string };
  configMap?: { name: string; items?: KeyToPath[]; optional?: boolean };
  secret?: { name: string; items?: KeyToPath[]; optional?: boolean };
  downwardAPI?: { items?: DownwardItem[] };
}

const FALLBACK_CA = '-----BEGIN CERTIFICATE-----\nMIIkubelab\n-----END CERTIFICATE-----\n';

function keyValueLines(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}="${m![k]}"`)
    .join('\n');
}

/**
 * The pod fields both the downward API volume and env `fieldRef` offer: name, namespace, uid and one label or
 * annotation (`metadata.labels['app']`). Undefined for any other path.
 */
export function podMetadataField(pod: Pod, path: string): string | undefined {
  const one = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (one) return (pod.metadata[one[1] as 'labels'] as Record<string, string> | undefined)?.[one[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    default:
      return undefined;
  }
}

function fieldText(pod: Pod, path: string): string {
  const meta = podMetadataField(pod, path);
  if (meta !== undefined) return meta;
  switch (path) {
    case 'metadata.labels':
      return keyValueLines(pod.metadata.labels);
    case 'metadata.annotations':
      return keyValueLines(pod.metadata.annotations);
    default:
      return '';
  }
}

/** Files of a projected or downwardAPI volume, or the mount error. */
export function projectedFiles(
  c: Cluster,
  pod: Pod,
  vol: { projected?: { sources?: Source[] }; downwardAPI?: { items?: DownwardItem[] } },
): Record<string, string> | { error: string } {
  const ns = pod.metadata.namespace ?? 'default';
  const files: Record<string, string> = {};
  const sources: Source[] = vol.projected
    ? (vol.projected.sources ?? [])
    : [{ downwardAPI: vol.downwardAPI ?? {} }];
  for (const src of sources) {
    if (src.serviceAccountToken) {
      files[src.serviceAccountToken.path] = flat(
        `eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVsYWIifQ.${(pod.metadata.uid ?? '').replace(/-/g, '')}.sig`,
      );
    }
    const ref = src.configMap ?? src.secret;
    if (ref) {
      const kind = src.configMap ? 'ConfigMap' : 'Secret';
      const o = c.api.get(kind, ns, ref.name) as (KObject & { data?: Record<string, string> }) | undefined;
      if (!o) {
        if (ref.name === 'kube-root-ca.crt') {
          files['ca.crt'] = FALLBACK_CA;
          continue;
        }
        if (ref.optional) continue;
        return {
          error: `MountVolume.SetUp failed for volume "${''}" : ${kind.toLowerCase()} "${ref.name}" not found`,
        };
      }
      const d: Record<string, string> = {};
      for (const [k, v] of Object.entries(o.data ?? {})) d[k] = kind === 'Secret' ? decodeBase64(v) : v;
      if (ref.items) {
        for (const it of ref.items) {
          if (!(it.key in d)) {
            if (ref.optional) continue;
            return {
              error: `MountVolume.SetUp failed for volume "${''}" : configmap references non-existent config key: ${it.key}`,
            };
          }
          files[it.path] = d[it.key]!;
        }
      } else Object.assign(files, d);
    }
    for (const it of src.downwardAPI?.items ?? []) {
      if (it.fieldRef) files[it.path] = fieldText(pod, it.fieldRef.fieldPath);
    }
  }
  return files;
}
