import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import { any, arr, int, ios, obj, str } from '../api/schema';
import { labelSelector, objectMeta, podTemplateSpec, rootSchema } from './common';
import { persistentVolumeClaimKind } from './storage';
import { defaultTemplate, validateSelectorAndTemplate } from './workloadRules';
import type { ObjectSchema } from '../api/schema';

const pvcSpec = persistentVolumeClaimKind.schema.properties.spec as ObjectSchema;

export const statefulSetKind: KindDef = {
  kind: 'StatefulSet',
  apiVersion: 'apps/v1',
  group: 'apps',
  version: 'v1',
  plural: 'statefulsets',
  singular: 'statefulset',
  shortNames: ['sts'],
  namespaced: true,
  categories: ['all'],
  nameRule: 'subdomain',
  hasStatus: true,
  tracksGeneration: true,
  schema: rootSchema(
    'StatefulSet',
    'StatefulSet represents a set of pods with consistent identities: stable network names and stable storage.',
    {
      spec: obj(
        'StatefulSetSpec',
        {
          replicas: int('The desired number of replicas of the given Template. Defaults to 1.'),
          selector: labelSelector,
          template: podTemplateSpec,
          serviceName: str(
            'The name of the service that governs this StatefulSet. Pods get DNS names <pod>.<serviceName>.<namespace>.svc.cluster.local.',
          ),
          volumeClaimTemplates: arr(
            obj('PersistentVolumeClaim', {
              apiVersion: str(),
              kind: str(),
              metadata: objectMeta,
              spec: pvcSpec,
            }),
            'Claims that pods are allowed to reference. Every claim gets a PersistentVolumeClaim per pod: <template>-<statefulset>-<ordinal>.',
          ),
          podManagementPolicy: str(
            'How pods are created during initial scale up, when replacing pods on nodes, or when scaling down: OrderedReady (default) or Parallel.',
            ['OrderedReady', 'Parallel'],
          ),
          updateStrategy: obj('StatefulSetUpdateStrategy', {
            type: str('RollingUpdate (default) or OnDelete.', ['RollingUpdate', 'OnDelete']),
            rollingUpdate: obj('RollingUpdateStatefulSetStrategy', {
              partition: int('Ordinals at or above the partition are updated. Default 0.'),
              maxUnavailable: ios(),
            }),
          }),
          revisionHistoryLimit: int(
            'The maximum number of revisions maintained in the history. Defaults to 10.',
          ),
          minReadySeconds: int(
            'Minimum number of seconds for which a newly created pod should be ready to be considered available. Defaults to 0.',
          ),
          persistentVolumeClaimRetentionPolicy: obj('StatefulSetPersistentVolumeClaimRetentionPolicy', {
            whenDeleted: str(
              'What happens to PVCs when the StatefulSet is deleted: Retain (default) or Delete.',
              ['Retain', 'Delete'],
            ),
            whenScaled: str(
              'What happens to PVCs when the StatefulSet is scaled down: Retain (default) or Delete.',
              ['Retain', 'Delete'],
            ),
          }),
          ordinals: obj('StatefulSetOrdinals', {
            start: int('The number of the first replica index. Default 0.'),
          }),
        },
        { required: ['selector', 'template'] },
      ),
      status: any('The current status of Pods in this StatefulSet. Read-only.'),
    },
  ),
  defaults(o) {
    const s = o.spec;
    if (!s || typeof s !== 'object') return;
    s.replicas ??= 1;
    s.podManagementPolicy ??= 'OrderedReady';
    s.updateStrategy ??= {};
    s.updateStrategy.type ??= 'RollingUpdate';
    if (s.updateStrategy.type === 'RollingUpdate') {
      s.updateStrategy.rollingUpdate ??= {};
      s.updateStrategy.rollingUpdate.partition ??= 0;
    }
    s.revisionHistoryLimit ??= 10;
    s.persistentVolumeClaimRetentionPolicy ??= {};
    s.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
    s.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
    for (const t of (s.volumeClaimTemplates ?? []) as {
      apiVersion?: string;
      kind?: string;
      spec?: { volumeMode?: string };
    }[]) {
      t.apiVersion ??= 'v1';
      t.kind ??= 'PersistentVolumeClaim';
      if (t.spec) t.spec.volumeMode ??= 'Filesystem';
    }
    defaultTemplate(s.template);
  },
  validate(o) {
    // Mounts may name a claim template: each pod gets a volume per template.
    const spec = o.spec && typeof o.spec === 'object' ? { ...o.spec } : o.spec;
    const claims = ((spec?.volumeClaimTemplates ?? []) as { metadata?: { name?: string } }[])
      .map((t) => t.metadata?.name)
      .filter(Boolean) as string[];
    if (spec?.template?.spec && claims.length) {
      const vols = [...((spec.template.spec.volumes ?? []) as { name: string }[])];
      for (const n of claims)
        if (!vols.some((v) => v.name === n))
          vols.push({ name: n, persistentVolumeClaim: { claimName: n } } as { name: string });
      spec.template = { ...spec.template, spec: { ...spec.template.spec, volumes: vols } };
    }
    const errs: FieldError[] = validateSelectorAndTemplate(spec);
    const p = o.spec?.podManagementPolicy;
    if (p && !['OrderedReady', 'Parallel'].includes(p))
      errs.push({
        type: 'Unsupported',
        field: 'spec.podManagementPolicy',
        value: p,
        supported: ['OrderedReady', 'Parallel'],
      });
    ((o.spec?.volumeClaimTemplates ?? []) as { metadata?: { name?: string } }[]).forEach((t, i) => {
      if (!t.metadata?.name)
        errs.push({ type: 'Required', field: `spec.volumeClaimTemplates[${i}].metadata.name` });
    });
    return errs;
  },
  validateUpdate(o, old) {
    const strip = (x: typeof o) => ({
      ...x.spec,
      replicas: 0,
      template: 0,
      updateStrategy: 0,
      persistentVolumeClaimRetentionPolicy: 0,
      minReadySeconds: 0,
      ordinals: 0,
      revisionHistoryLimit: 0,
    });
    if (JSON.stringify(strip(o)) !== JSON.stringify(strip(old))) {
      return [
        {
          type: 'Forbidden',
          field: 'spec',
          detail:
            "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        },
      ];
    }
    return [];
  },
  initialStatus: () => ({ replicas: 0, availableReplicas: 0 }),
};
