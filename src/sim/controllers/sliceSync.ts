/**
 * Writes a set of desired EndpointSlices over the existing ones, as both the EndpointSlice controller and the
 * mirroring controller do: reuse a slice already holding the same ports (else any unused one), update it only
 * when its ports, endpoints or labels differ, create the missing ones, delete the rest.
 */
import type { Cluster } from '../cluster';
import type { EndpointSlice } from '../api/networkTypes';
import type { OwnerReference } from '../api/types';
import { CONTROLLER_MANAGER } from './util';

/** One slice's content, as a controller wants it. */
export interface DesiredSlice {
  endpoints: EndpointSlice['endpoints'];
  ports: EndpointSlice['ports'];
}

/** Metadata of the slices to write: their labels, owner and, for mirrored slices, annotations. */
export interface SliceMeta {
  namespace: string;
  /** The Service's name: generated slice names start with it. */
  serviceName: string;
  labels: Record<string, string>;
  owner: OwnerReference;
  annotations?: Record<string, string>;
}

export function syncSlices(
  c: Cluster,
  existing: EndpointSlice[],
  want: DesiredSlice[],
  meta: SliceMeta,
): void {
  const { namespace: ns, labels, annotations } = meta;
  const used = new Set<string>();
  for (const d of want) {
    // Prefer the slice already holding the same ports, else any unused one.
    const prev =
      existing.find(
        (s) => !used.has(s.metadata.name) && JSON.stringify(s.ports) === JSON.stringify(d.ports),
      ) ?? existing.find((s) => !used.has(s.metadata.name));
    if (prev) {
      used.add(prev.metadata.name);
      if (
        JSON.stringify(prev.ports) === JSON.stringify(d.ports) &&
        JSON.stringify(prev.endpoints) === JSON.stringify(d.endpoints) &&
        JSON.stringify(prev.metadata.labels) === JSON.stringify(labels)
      )
        continue;
      c.api.update(
        { ...prev, metadata: { ...prev.metadata, labels }, endpoints: d.endpoints, ports: d.ports },
        { actor: CONTROLLER_MANAGER },
      );
      continue;
    }
    const r = c.api.create<EndpointSlice>(
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: '',
          generateName: `${meta.serviceName}-`,
          namespace: ns,
          labels,
          ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
          ownerReferences: [meta.owner],
        },
        addressType: 'IPv4',
        endpoints: d.endpoints,
        ports: d.ports,
      },
      { actor: CONTROLLER_MANAGER },
    );
    if (r.ok) used.add(r.obj.metadata.name);
  }
  for (const s of existing)
    if (!used.has(s.metadata.name))
      c.api.delete('EndpointSlice', ns, s.metadata.name, { actor: CONTROLLER_MANAGER });
}
