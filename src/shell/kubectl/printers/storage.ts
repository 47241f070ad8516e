/**
 * PersistentVolume and StorageClass columns, and describe for Secret (values hidden: `password:  11 bytes`),
 * ConfigMap, PersistentVolume, PersistentVolumeClaim, StorageClass, ResourceQuota and LimitRange, in
 * kubectl's layout. Table columns of the kinds registered elsewhere are kept.
 */
import type { KObject, Pod } from '../../../sim/api/types';
import { base64Length } from '../../../sim/kinds/configData';
import { DEFAULT_CLASS_ANNOTATION } from '../../../sim/kinds/storage';
import { ageOf, describeEvents, DescribeWriter } from './common';
import { genericHeaders, genericRow } from './generic';
import { printerFor, registerPrinter, type TablePrinter } from './registry';
import './small';

const SHORT_MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};
const modes = (m: string[] | undefined) => (m ?? []).map((x) => SHORT_MODES[x] ?? x).join(',');

function withDescribe(kind: string, describe: NonNullable<TablePrinter['describe']>): void {
  const p = printerFor(kind);
  registerPrinter(p ? { ...p, describe } : { kind, headers: genericHeaders, row: genericRow, describe });
}

const isDefaultClass = (o: KObject) => o.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true';

registerPrinter({
  kind: 'PersistentVolume',
  headers: () => [
    'NAME',
    'CAPACITY',
    'ACCESS MODES',
    'RECLAIM POLICY',
    'STATUS',
    'CLAIM',
    'STORAGECLASS',
    'VOLUMEATTRIBUTESCLASS',
    'REASON',
    'AGE',
  ],
  row: (o, pc) => [
    o.metadata.name,
    o.spec?.capacity?.storage ?? '',
    modes(o.spec?.accessModes),
    o.spec?.persistentVolumeReclaimPolicy ?? '',
    o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? 'Pending'),
    o.spec?.claimRef ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}` : '',
    o.spec?.storageClassName ?? '',
    '<unset>',
    o.status?.reason ?? '',
    ageOf(pc, o.metadata.creationTimestamp),
  ],
  describe(o, pc) {
    const w = new DescribeWriter();
    w.kv(0, 'Name', o.metadata.name);
    w.map(0, 'Labels', o.metadata.labels);
    w.annotations(0, o.metadata.annotations);
    w.kv(0, 'Finalizers', `[${(o.metadata.finalizers ?? []).join(' ')}]`);
    w.kv(0, 'StorageClass', o.spec?.storageClassName ?? '');
    w.kv(0, 'Status', o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? 'Pending'));
    w.line(0, `Claim:\t${o.spec?.claimRef ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}` : ''}`);
    w.kv(0, 'Reclaim Policy', o.spec?.persistentVolumeReclaimPolicy);
    w.kv(0, 'Access Modes', modes(o.spec?.accessModes));
    w.kv(0, 'VolumeMode', o.spec?.volumeMode ?? 'Filesystem');
    w.kv(0, 'Capacity', o.spec?.capacity?.storage);
    w.line(0, 'Node Affinity:\t<none>');
    w.line(0, `Message:\t${o.status?.message ?? ''}`);
    w.line(0, 'Source:');
    if (o.spec?.hostPath) {
      w.line(2, 'Type:\tHostPath (bare host directory volume)');
      w.line(2, `Path:\t${o.spec.hostPath.path}`);
      w.line(2, `HostPathType:\t${o.spec.hostPath.type ?? ''}`);
    } else if (o.spec?.local) {
      w.line(2, 'Type:\tLocalVolume (a persistent volume backed by local storage on a node)');
      w.line(2, `Path:\t${o.spec.local.path}`);
    }
    return w.events(pc, o).toString();
  },
});

registerPrinter({
  kind: 'StorageClass',
  headers: () => ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
  row: (o, pc) => [
    isDefaultClass(o) ? `${o.metadata.name} (default)` : o.metadata.name,
    String(o.provisioner ?? ''),
    String(o.reclaimPolicy ?? 'Delete'),
    String(o.volumeBindingMode ?? 'Immediate'),
    String(o.allowVolumeExpansion ?? false),
    ageOf(pc, o.metadata.creationTimestamp),
  ],
  describe(o, pc) {
    const w = new DescribeWriter();
    w.kv(0, 'Name', o.metadata.name);
    w.kv(0, 'IsDefaultClass', isDefaultClass(o) ? 'Yes' : 'No');
    const ann = Object.entries(o.metadata.annotations ?? {}).filter(
      ([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration',
    );
    w.kv(0, 'Annotations', ann.map(([k, v]) => `${k}=${v}`).join(','));
    w.kv(0, 'Provisioner', String(o.provisioner ?? ''));
    const params = Object.entries((o.parameters as Record<string, string>) ?? {});
    w.kv(0, 'Parameters', params.map(([k, v]) => `${k}=${v}`).join(','));
    w.kv(
      0,
      'AllowVolumeExpansion',
      o.allowVolumeExpansion === undefined ? '<unset>' : String(o.allowVolumeExpansion),
    );
    w.kv(0, 'MountOptions', ((o.mountOptions as string[]) ?? []).join(', '));
    w.kv(0, 'ReclaimPolicy', String(o.reclaimPolicy ?? 'Delete'));
    w.kv(0, 'VolumeBindingMode', String(o.volumeBindingMode ?? 'Immediate'));
    return w.events(pc, o).toString();
  },
});

function header(w: DescribeWriter, o: KObject): void {
  w.kv(0, 'Name', o.metadata.name);
  w.kv(0, 'Namespace', o.metadata.namespace);
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
}

withDescribe('Secret', (o) => {
  const w = new DescribeWriter();
  header(w, o);
  w.raw('');
  w.line(0, `Type:\t${String(o.type ?? 'Opaque')}`);
  w.raw('');
  w.raw('Data');
  w.raw('====');
  for (const k of Object.keys((o.data as Record<string, string>) ?? {}).sort()) {
    w.line(0, `${k}:\t${base64Length((o.data as Record<string, string>)[k]!)} bytes`);
  }
  return w.toString();
});

withDescribe('ConfigMap', (o, pc) => {
  const w = new DescribeWriter();
  header(w, o);
  let text = w.toString() + '\nData\n====\n';
  const data = (o.data as Record<string, string>) ?? {};
  for (const k of Object.keys(data).sort()) text += `${k}:\n----\n${data[k]}\n\n`;
  text += '\nBinaryData\n====\n';
  const bin = (o.binaryData as Record<string, string>) ?? {};
  for (const k of Object.keys(bin).sort()) text += `${k}: ${base64Length(bin[k]!)} bytes\n`;
  return text + '\n' + describeEvents(pc, o);
});

// A claim being deleted (held by kubernetes.io/pvc-protection) shows Terminating, as kubectl prints it.
const pvcTable = printerFor('PersistentVolumeClaim');
if (pvcTable) {
  registerPrinter({
    ...pvcTable,
    row(o, pc, wide) {
      const cells = pvcTable.row(o, pc, wide);
      if (o.metadata.deletionTimestamp && cells.length > 1) cells[1] = 'Terminating';
      return cells;
    },
  });
}

withDescribe('PersistentVolumeClaim', (o, pc) => {
  const w = new DescribeWriter();
  w.kv(0, 'Name', o.metadata.name);
  w.kv(0, 'Namespace', o.metadata.namespace);
  w.line(0, `StorageClass:\t${o.spec?.storageClassName ?? ''}`);
  w.kv(
    0,
    'Status',
    o.metadata.deletionTimestamp
      ? `Terminating (lasts ${ageOf(pc, o.metadata.deletionTimestamp)})`
      : (o.status?.phase ?? 'Pending'),
  );
  w.line(0, `Volume:\t${o.spec?.volumeName ?? ''}`);
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  w.kv(0, 'Finalizers', `[${(o.metadata.finalizers ?? []).join(' ')}]`);
  w.line(0, `Capacity:\t${o.status?.capacity?.storage ?? ''}`);
  w.line(0, `Access Modes:\t${modes(o.status?.accessModes)}`);
  w.kv(0, 'VolumeMode', o.spec?.volumeMode ?? 'Filesystem');
  const users = (pc.list('Pod', o.metadata.namespace) as Pod[])
    .filter((p) =>
      ((p.spec.volumes ?? []) as { persistentVolumeClaim?: { claimName: string } }[]).some(
        (v) => v.persistentVolumeClaim?.claimName === o.metadata.name,
      ),
    )
    .map((p) => p.metadata.name);
  users.forEach((u, i) => w.line(0, `${i === 0 ? 'Used By:' : ''}\t${u}`));
  if (!users.length) w.line(0, 'Used By:\t<none>');
  return w.events(pc, o).toString();
});

/**
 * The Used/Hard rows of a quota (describe quota, describe namespace). kubectl underlines Used and Hard with four
 * dashes in `describe quota` and three in `describe namespace`.
 */
export function quotaRows(o: KObject, indent: string, dashes = '---'): string[] {
  const hard = (o.status?.hard ?? o.spec?.hard ?? {}) as Record<string, string>;
  const used = (o.status?.used ?? {}) as Record<string, string>;
  const rows = [
    `${indent}Resource\tUsed\tHard`,
    `${indent}--------\t${dashes}\t${dashes}`,
    ...Object.keys(hard)
      .sort()
      .map((k) => `${indent}${k}\t${used[k] ?? '0'}\t${hard[k]}`),
  ];
  return rows;
}

/** The rows of a LimitRange (describe limitrange, describe namespace), cells split by tabs. */
export function limitRows(o: KObject, indent: string): string[] {
  const rows = [
    `${indent}Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio`,
    `${indent}----\t--------\t---\t---\t---------------\t-------------\t-----------------------`,
  ];
  for (const l of (o.spec?.limits ?? []) as Record<string, Record<string, string> | string>[]) {
    const part = (k: string) => (l[k] as Record<string, string> | undefined) ?? {};
    const resources = [
      ...new Set(
        ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'].flatMap((k) =>
          Object.keys(part(k)),
        ),
      ),
    ].sort();
    for (const r of resources) {
      const v = (k: string) => part(k)[r] ?? '-';
      rows.push(
        `${indent}${String(l.type)}\t${r}\t${v('min')}\t${v('max')}\t${v('defaultRequest')}\t${v('default')}\t${v('maxLimitRequestRatio')}`,
      );
    }
  }
  return rows;
}

withDescribe('ResourceQuota', (o) => {
  const w = new DescribeWriter();
  w.kv(0, 'Name', o.metadata.name);
  w.kv(0, 'Namespace', o.metadata.namespace);
  if (o.spec?.scopes?.length) w.line(0, `Scopes:\t${(o.spec.scopes as string[]).join(', ')}`);
  for (const r of quotaRows(o, '', '----')) w.raw(r);
  return w.toString();
});

withDescribe('LimitRange', (o) => {
  const w = new DescribeWriter();
  w.kv(0, 'Name', o.metadata.name);
  w.kv(0, 'Namespace', o.metadata.namespace);
  for (const r of limitRows(o, '')) w.raw(r);
  return w.toString();
});

registerPrinter({
  kind: 'ControllerRevision',
  headers: () => ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
  row: (o, pc) => {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller);
    const group = ref?.apiVersion.includes('/') ? `.${ref.apiVersion.split('/')[0]}` : '';
    return [
      o.metadata.name,
      ref ? `${ref.kind.toLowerCase()}${group}/${ref.name}` : '<none>',
      String(o.revision ?? 0),
      ageOf(pc, o.metadata.creationTimestamp),
    ];
  },
});
