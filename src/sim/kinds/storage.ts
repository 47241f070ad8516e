/**
 * PersistentVolume, PersistentVolumeClaim and StorageClass: the storage kinds the PV controller binds and
 * provisions (src/sim/controllers/pvController.ts).
 */
import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import type { KObject } from '../api/types';
import { any, arr, bool, map, obj, qty, str } from '../api/schema';
import { isQuantity } from '../api/quantity';
import { labelSelector, rootSchema } from './common';

export const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

const accessModes = arr(
  str('', ACCESS_MODES),
  'The desired access modes the volume should have: ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.',
);
const objectRef = obj('ObjectReference', {
  apiVersion: str(),
  kind: str(),
  namespace: str(),
  name: str(),
  uid: str(),
  resourceVersion: str(),
});

function validateModes(modes: unknown, field: string): FieldError[] {
  const list = Array.isArray(modes) ? (modes as string[]) : [];
  if (!list.length) return [{ type: 'Required', field, detail: 'at least 1 access mode is required' }];
  const errs: FieldError[] = [];
  for (const m of list)
    if (!ACCESS_MODES.includes(m))
      errs.push({ type: 'Unsupported', field, value: m, supported: ACCESS_MODES });
  if (list.includes('ReadWriteOncePod') && list.length > 1)
    errs.push({ type: 'Forbidden', field, detail: 'may not use ReadWriteOncePod with other access modes' });
  return errs;
}

function validateStorage(q: unknown, field: string): FieldError[] {
  if (q === undefined || q === null || q === '') return [{ type: 'Required', field }];
  if (!isQuantity(q))
    return [
      {
        type: 'Invalid',
        field,
        value: q,
        detail: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      },
    ];
  if (String(q).startsWith('-') || Number.parseFloat(String(q)) === 0)
    return [{ type: 'Invalid', field, value: q, detail: 'must be greater than zero' }];
  return [];
}

export const persistentVolumeKind: KindDef = {
  kind: 'PersistentVolume',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  shortNames: ['pv'],
  namespaced: false,
  nameRule: 'subdomain',
  hasStatus: true,
  schema: rootSchema(
    'PersistentVolume',
    'PersistentVolume (PV) is a storage resource provisioned by an administrator. It is analogous to a node.',
    {
      spec: obj(
        'PersistentVolumeSpec',
        {
          capacity: map(
            qty(),
            "capacity is the description of the persistent volume's resources and capacity (storage).",
          ),
          accessModes,
          persistentVolumeReclaimPolicy: str(
            'What happens to a persistent volume when released from its claim: Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), or Recycle (deprecated).',
            ['Retain', 'Delete', 'Recycle'],
          ),
          storageClassName: str(
            'The name of StorageClass to which this persistent volume belongs. Empty value means that this volume does not belong to any StorageClass.',
          ),
          volumeMode: str('Filesystem (default) or Block.', ['Filesystem', 'Block']),
          claimRef: describeRef(),
          hostPath: obj(
            'HostPathVolumeSource',
            { path: str('Path of the directory on the host.'), type: str() },
            { required: ['path'] },
          ),
          local: obj('LocalVolumeSource', { path: str(), fsType: str() }),
          nfs: any(),
          csi: any(),
          mountOptions: arr(str()),
          nodeAffinity: any('Constraints that limit what nodes this volume can be accessed from.'),
        },
        { description: 'spec defines a specification of a persistent volume owned by the cluster.' },
      ),
      status: any(
        'Most recently observed status of the persistent volume (phase: Pending, Available, Bound, Released, Failed). Read-only.',
      ),
    },
  ),
  defaults(o, ctx) {
    // StorageObjectInUseProtection admission.
    if (!ctx.old)
      o.metadata.finalizers = [...new Set([...(o.metadata.finalizers ?? []), 'kubernetes.io/pv-protection'])];
    if (!o.spec || typeof o.spec !== 'object') return;
    o.spec.persistentVolumeReclaimPolicy ??= 'Retain';
    o.spec.volumeMode ??= 'Filesystem';
  },
  validate(o) {
    const errs: FieldError[] = [];
    const s = o.spec ?? {};
    errs.push(...validateModes(s.accessModes, 'spec.accessModes'));
    if (!s.capacity) errs.push({ type: 'Required', field: 'spec.capacity' });
    else errs.push(...validateStorage(s.capacity.storage, 'spec.capacity[storage]'));
    const sources = ['hostPath', 'local', 'nfs', 'csi'].filter((k) => s[k]);
    if (!sources.length) errs.push({ type: 'Required', field: 'spec', detail: 'must specify a volume type' });
    return errs;
  },
  validateUpdate(o, old) {
    if (JSON.stringify(o.spec?.hostPath) !== JSON.stringify(old.spec?.hostPath)) {
      return [
        {
          type: 'Forbidden',
          field: 'spec.persistentvolumesource',
          detail: 'spec.persistentvolumesource is immutable after creation',
        },
      ];
    }
    return [];
  },
  initialStatus: () => ({ phase: 'Pending' }),
};

function describeRef() {
  return {
    ...objectRef,
    description:
      'Part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound.',
  };
}

export const persistentVolumeClaimKind: KindDef = {
  kind: 'PersistentVolumeClaim',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  shortNames: ['pvc'],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: true,
  schema: rootSchema(
    'PersistentVolumeClaim',
    "PersistentVolumeClaim is a user's request for and claim to a persistent volume.",
    {
      spec: obj(
        'PersistentVolumeClaimSpec',
        {
          accessModes,
          resources: obj(
            'VolumeResourceRequirements',
            { requests: map(qty(), 'Minimum amount of storage required.'), limits: map(qty()) },
            { description: 'resources represents the minimum resources the volume should have.' },
          ),
          storageClassName: str(
            'The name of the StorageClass required by the claim. Unset: the default StorageClass; "": a volume without class.',
          ),
          volumeName: str('The binding reference to the PersistentVolume backing this claim.'),
          volumeMode: str('Filesystem (default) or Block.', ['Filesystem', 'Block']),
          selector: labelSelector,
          dataSource: any(),
          dataSourceRef: any(),
          volumeAttributesClassName: str(),
        },
        { description: 'spec defines the desired characteristics of a volume requested by a pod author.' },
      ),
      status: any('Current information about the claim (phase: Pending, Bound, Lost). Read-only.'),
    },
  ),
  defaults(o, ctx) {
    if (!ctx.old)
      o.metadata.finalizers = [
        ...new Set([...(o.metadata.finalizers ?? []), 'kubernetes.io/pvc-protection']),
      ];
    if (!o.spec || typeof o.spec !== 'object') return;
    o.spec.volumeMode ??= 'Filesystem';
    // DefaultStorageClass admission: an unset class becomes the default class.
    if (!ctx.old && o.spec.storageClassName === undefined) {
      const def = defaultStorageClass(ctx.cluster.api.list('StorageClass'));
      if (def) o.spec.storageClassName = def.metadata.name;
    }
  },
  validate(o) {
    const s = o.spec ?? {};
    const errs = validateModes(s.accessModes, 'spec.accessModes');
    errs.push(...validateStorage(s.resources?.requests?.storage, 'spec.resources[storage]'));
    return errs;
  },
  validateUpdate(o, old) {
    const strip = (x: KObject) => ({
      ...x.spec,
      resources: undefined,
      volumeName: undefined,
      volumeAttributesClassName: undefined,
    });
    if (
      JSON.stringify(strip(o)) !== JSON.stringify(strip(old)) ||
      (old.spec?.volumeName && o.spec?.volumeName !== old.spec.volumeName)
    ) {
      return [
        {
          type: 'Forbidden',
          field: 'spec',
          detail:
            'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
        },
      ];
    }
    return [];
  },
  initialStatus: () => ({ phase: 'Pending' }),
};

export function defaultStorageClass(classes: KObject[]): KObject | undefined {
  return classes
    .filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
    .sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? 1 : -1))[0];
}

export const storageClassKind: KindDef = {
  kind: 'StorageClass',
  apiVersion: 'storage.k8s.io/v1',
  group: 'storage.k8s.io',
  version: 'v1',
  plural: 'storageclasses',
  singular: 'storageclass',
  shortNames: ['sc'],
  namespaced: false,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema(
    'StorageClass',
    'StorageClass describes the parameters for a class of storage for which PersistentVolumes can be dynamically provisioned.',
    {
      provisioner: str('provisioner indicates the type of the provisioner.'),
      parameters: map(
        str(),
        'parameters holds the parameters for the provisioner that should create volumes of this storage class.',
      ),
      reclaimPolicy: str(
        'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.',
        ['Delete', 'Retain'],
      ),
      volumeBindingMode: str(
        'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound. When unset, VolumeBindingImmediate is used.',
        ['Immediate', 'WaitForFirstConsumer'],
      ),
      allowVolumeExpansion: bool('allowVolumeExpansion shows whether the storage class allow volume expand.'),
      mountOptions: arr(str()),
      allowedTopologies: arr(any()),
    },
  ),
  defaults(o) {
    o.reclaimPolicy ??= 'Delete';
    o.volumeBindingMode ??= 'Immediate';
  },
  validate(o) {
    const errs: FieldError[] = [];
    if (!o.provisioner) errs.push({ type: 'Required', field: 'provisioner' });
    if (o.reclaimPolicy && !['Delete', 'Retain'].includes(String(o.reclaimPolicy)))
      errs.push({
        type: 'Unsupported',
        field: 'reclaimPolicy',
        value: o.reclaimPolicy,
        supported: ['Delete', 'Retain'],
      });
    if (o.volumeBindingMode && !['Immediate', 'WaitForFirstConsumer'].includes(String(o.volumeBindingMode)))
      errs.push({
        type: 'Unsupported',
        field: 'volumeBindingMode',
        value: o.volumeBindingMode,
        supported: ['Immediate', 'WaitForFirstConsumer'],
      });
    return errs;
  },
  validateUpdate(o, old) {
    const errs: FieldError[] = [];
    for (const f of ['provisioner', 'parameters', 'reclaimPolicy', 'volumeBindingMode']) {
      if (JSON.stringify(o[f]) !== JSON.stringify(old[f]))
        errs.push({ type: 'Forbidden', field: f, detail: 'updates to ' + f + ' are forbidden.' });
    }
    return errs;
  },
};
