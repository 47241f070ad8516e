/**
 * StatefulSet controller: pods `<name>-<ordinal>` with stable identity (hostname = pod name, subdomain = the
 * governing Service, so `<pod>.<service>.<ns>.svc.cluster.local` resolves), a PersistentVolumeClaim per pod and
 * claim template (`<template>-<name>-<ordinal>`) that outlives the pod, ordered start (each ordinal waits for the
 * previous one to be Running and Ready) and ordered stop (highest first) under OrderedReady, and rolling updates
 * from the highest ordinal down to the partition.
 */
import type { Cluster, SimModule } from '../cluster';
import type { KObject, Pod } from '../api/types';
import { CONTROLLER_MANAGER, ensurePodIndexes } from './util';
import type { OwnedPodWatch } from './ownedPodWatch';
import { isPodAvailable } from '../api/podState';
import { isPodReady } from '../api/podReady';
import { nsKey, splitKey } from '../api/store';
import { ownerRefTo } from '../api/ownerReferences';
import { podTemplateHash } from './podTemplateHash';
import { createPodFrom } from './podFactory';
import { writeStatusIfChanged } from './writeStatus';
import { REVISION_LABEL } from './daemonSetController';
import { ensureRevisionIndex, syncRevisions } from './controllerRevisions';

const NAME = 'statefulset-controller';
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

export function stsRevision(sts: KObject): string {
  return `${sts.metadata.name}-${podTemplateHash(sts.spec.template)}`;
}

function ordinalOf(sts: KObject, p: Pod): number {
  const m = new RegExp(`^${sts.metadata.name.replace(/[.]/g, '\\.')}-(\\d+)$`).exec(p.metadata.name);
  return m ? Number(m[1]) : -1;
}

function claimName(tmpl: string, sts: string, ordinal: number): string {
  return `${tmpl}-${sts}-${ordinal}`;
}

/** Creates the missing claims of one ordinal; false when one could not be created. */
function ensureClaims(c: Cluster, sts: KObject, ordinal: number, podName: string): boolean {
  const ns = sts.metadata.namespace!;
  for (const t of (sts.spec.volumeClaimTemplates ?? []) as KObject[]) {
    const cn = claimName(t.metadata.name, sts.metadata.name, ordinal);
    if (c.api.get('PersistentVolumeClaim', ns, cn)) continue;
    const retention = sts.spec.persistentVolumeClaimRetentionPolicy ?? {};
    const r = c.api.create(
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: cn,
          namespace: ns,
          labels: { ...(t.metadata.labels ?? {}), ...(sts.spec.selector?.matchLabels ?? {}) },
          ...(t.metadata.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
          ...(retention.whenDeleted === 'Delete'
            ? { ownerReferences: [{ ...ownerRefTo(sts), controller: true }] }
            : {}),
        },
        spec: structuredClone(t.spec ?? {}),
      },
      { actor: CONTROLLER_MANAGER },
    );
    if (!r.ok) {
      c.api.recordEvent(
        sts,
        'Warning',
        'FailedCreate',
        `create Claim ${cn} for Pod ${podName} in StatefulSet ${sts.metadata.name} failed error: ${r.error.message}`,
        NAME,
      );
      return false;
    }
    c.api.recordEvent(
      sts,
      'Normal',
      'SuccessfulCreate',
      `create Claim ${cn} Pod ${podName} in StatefulSet ${sts.metadata.name} success`,
      NAME,
    );
  }
  return true;
}

function createOrdinal(c: Cluster, sts: KObject, ordinal: number, rev: string): boolean {
  const name = `${sts.metadata.name}-${ordinal}`;
  if (!ensureClaims(c, sts, ordinal, name)) return false;
  const templates = ((sts.spec.volumeClaimTemplates ?? []) as KObject[]).map((t) => t.metadata.name);
  const r = createPodFrom(c, sts, sts.spec.template, {
    name,
    labels: { [REVISION_LABEL]: rev, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
    spec: (s) => {
      s.hostname = name;
      if (sts.spec.serviceName) s.subdomain = sts.spec.serviceName;
      const vols = ((s.volumes ?? []) as { name: string }[]).filter((v) => !templates.includes(v.name));
      for (const t of templates)
        vols.push({
          name: t,
          persistentVolumeClaim: { claimName: claimName(t, sts.metadata.name, ordinal) },
        } as { name: string });
      if (vols.length) s.volumes = vols;
    },
  });
  if (!r.ok) {
    c.api.recordEvent(
      sts,
      'Warning',
      'FailedCreate',
      `create Pod ${name} in StatefulSet ${sts.metadata.name} failed error: ${r.error.message}`,
      NAME,
    );
    return false;
  }
  c.api.recordEvent(
    sts,
    'Normal',
    'SuccessfulCreate',
    `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`,
    NAME,
  );
  return true;
}

function deletePod(c: Cluster, sts: KObject, p: Pod): void {
  if (c.api.delete('Pod', p.metadata.namespace, p.metadata.name, { actor: CONTROLLER_MANAGER }).ok) {
    c.api.recordEvent(
      sts,
      'Normal',
      'SuccessfulDelete',
      `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
      NAME,
    );
  }
}

const runningAndReady = (p: Pod) =>
  p.status?.phase === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp;

/** One StatefulSet's pods split by ordinal: those in range (`byOrdinal`) and those beyond it (`condemned`). */
interface OrdinalPods {
  sts: KObject;
  /** The revision the current template makes (`<name>-<hash>`). */
  rev: string;
  replicas: number;
  /** First ordinal (`spec.ordinals.start`). */
  start: number;
  parallel: boolean;
  /** Every pod the StatefulSet owns, as read at the start of the sync. */
  owned: Pod[];
  byOrdinal: Map<number, Pod>;
  condemned: Pod[];
}

/** getPodsForStatefulSet + the split of stateful_set_control.go's updateStatefulSet: in range or condemned. */
function getPodsForStatefulSet(c: Cluster, sts: KObject): OrdinalPods {
  const replicas: number = sts.spec.replicas ?? 1;
  const start: number = sts.spec.ordinals?.start ?? 0;
  const owned = c.api.byIndex<Pod>('Pod', 'controller', sts.metadata.uid!);
  const byOrdinal = new Map<number, Pod>();
  const condemned: Pod[] = [];
  for (const p of owned) {
    const o = ordinalOf(sts, p);
    if (o >= start && o < start + replicas) byOrdinal.set(o, p);
    else condemned.push(p);
  }
  const parallel = sts.spec.podManagementPolicy === 'Parallel';
  return { sts, rev: stsRevision(sts), replicas, start, parallel, owned, byOrdinal, condemned };
}

/**
 * Replaces failed (or succeeded) pods, then creates missing ordinals in order; under OrderedReady each ordinal
 * waits for the one before it to be Running and Ready. True when the sync must stop here (blocked).
 */
function manageReplicas(c: Cluster, key: string, s: OrdinalPods): boolean {
  const { sts, start, replicas, parallel } = s;
  for (let o = start; o < start + replicas; o++) {
    const p = s.byOrdinal.get(o);
    if (
      p &&
      (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') &&
      !p.metadata.deletionTimestamp
    ) {
      deletePod(c, sts, p);
      if (!parallel) return true;
      continue;
    }
    if (!p) {
      if (!createOrdinal(c, sts, o, s.rev)) {
        c.enqueueAfter(NAME, key, 10_000);
        return true;
      }
      if (!parallel) return true;
      continue;
    }
    if (!parallel && !runningAndReady(p)) return true;
  }
  return false;
}

/**
 * Deletes condemned pods, highest ordinal first: all at once under Parallel, else one at a time once every pod in
 * range is Running and Ready and none condemned is still terminating; their claims too when `whenScaled: Delete`.
 */
function scaleDown(c: Cluster, s: OrdinalPods): void {
  const { sts, condemned } = s;
  const victims = condemned
    .filter((p) => !p.metadata.deletionTimestamp)
    .sort((a, b) => ordinalOf(sts, b) - ordinalOf(sts, a));
  const terminating = condemned.some((p) => p.metadata.deletionTimestamp);
  if (s.parallel) victims.forEach((p) => deletePod(c, sts, p));
  else if (!terminating && victims.length) {
    const allReady = [...s.byOrdinal.values()].every(runningAndReady);
    if (allReady) deletePod(c, sts, victims[0]!);
  }
  if (sts.spec.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete') {
    for (const p of condemned) {
      for (const t of (sts.spec.volumeClaimTemplates ?? []) as KObject[]) {
        c.api.delete(
          'PersistentVolumeClaim',
          sts.metadata.namespace,
          claimName(t.metadata.name, sts.metadata.name, ordinalOf(sts, p)),
          { actor: CONTROLLER_MANAGER },
        );
      }
    }
  }
}

/** RollingUpdate: deletes the highest-ordinal pod of an old revision at or above the partition, one per sync. */
function rollingUpdate(c: Cluster, s: OrdinalPods): void {
  const { sts, start, replicas, byOrdinal } = s;
  if (sts.spec.updateStrategy?.type === 'OnDelete') return;
  const all = [...byOrdinal.values()];
  if (all.some((p) => p.metadata.deletionTimestamp)) return;
  if (!all.every(runningAndReady) && !s.parallel) return;
  const partition: number = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let o = start + replicas - 1; o >= start + partition; o--) {
    const p = byOrdinal.get(o);
    if (p && p.metadata.labels?.[REVISION_LABEL] !== s.rev) {
      deletePod(c, sts, p);
      return;
    }
  }
}

/** updateStatefulSetStatus: counts of the pods now owned, current and update revisions. */
function updateStatefulSetStatus(c: Cluster, key: string, s: OrdinalPods): void {
  const { sts, rev, replicas } = s;
  const pods = c.api.byIndex<Pod>('Pod', 'controller', sts.metadata.uid!);
  const minReady = sts.spec.minReadySeconds ?? 0;
  const live = pods.filter((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
  const ready = live.filter(isPodReady).length;
  const available = live.filter((p) => isPodAvailable(c, p, minReady)).length;
  const updated = live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === rev).length;
  const prevCurrent = (sts.status?.currentRevision as string | undefined) ?? rev;
  const done = updated === replicas && live.length === replicas;
  const currentRevision = done ? rev : prevCurrent;
  const current = live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === currentRevision).length;
  if (ready > available && minReady) c.enqueueAfter(NAME, key, minReady * 1000);
  writeStatusIfChanged(c, sts, {
    observedGeneration: sts.metadata.generation,
    replicas: live.length,
    ...(ready ? { readyReplicas: ready } : {}),
    ...(current ? { currentReplicas: current } : {}),
    ...(updated ? { updatedReplicas: updated } : {}),
    currentRevision,
    updateRevision: rev,
    collisionCount: 0,
    availableReplicas: available,
  });
}

/**
 * One sync of one StatefulSet, in the steps of K:pkg/controller/statefulset (stateful_set_control.go
 * updateStatefulSet): pods by ordinal → replace and create in order → scale down → rolling update → revision
 * history → status.
 */
function syncStatefulSet(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const sts = c.api.get('StatefulSet', ns, name);
  if (!sts || sts.metadata.deletionTimestamp) return;
  const s = getPodsForStatefulSet(c, sts);
  const blocked = manageReplicas(c, key, s);
  if (!blocked || s.parallel) scaleDown(c, s);
  if (!blocked) rollingUpdate(c, s);
  syncRevisions(
    c,
    sts,
    s.rev,
    { ...(sts.spec.selector?.matchLabels ?? {}), [REVISION_LABEL]: s.rev.slice(name.length + 1) },
    new Set(s.owned.map((p) => p.metadata.labels?.[REVISION_LABEL] ?? '')),
  );
  updateStatefulSetStatus(c, key, s);
}

/** The StatefulSet controller; `ownedPods` is the cluster's shared watch of owned pods (see ownedPodWatch.ts). */
export function statefulSetController(ownedPods: OwnedPodWatch): SimModule {
  return {
    name: NAME,
    install(c) {
      ensurePodIndexes(c);
      ensureRevisionIndex(c);
      c.registerReconciler(NAME, (key) => syncStatefulSet(c, key));
      c.api.watch('StatefulSet', (type, o) => {
        if (type !== 'DELETED') c.enqueue(NAME, nsKey(o));
      });
      ownedPods.watch(c, 'StatefulSet', NAME);
    },
  };
}
