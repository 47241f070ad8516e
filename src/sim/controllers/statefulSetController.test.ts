/**
 * The StatefulSet controller alone (no scheduler, no kubelet, no PV binding): the test plays the kubelet.
 * Expectations follow the StatefulSet guarantees of kubernetes.io (concepts/workloads/controllers/statefulset:
 * pods `<name>-<ordinal>` created 0…N-1, each after its predecessors are Running and Ready; terminated N-1…0;
 * Parallel launches and terminates all at once; rolling updates from the largest ordinal down to the partition;
 * claims `<template>-<name>-<ordinal>` kept on scale-down) and the event texts of
 * K:pkg/controller/statefulset/stateful_pod_control.go.
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster';
import type { KObject, Pod } from '../api/types';
import { controllerRef } from '../api/ownerReferences';
import { controllerCluster, finishTerminating, runPods } from '../testing/controllerCluster';
import { newStatefulSet } from '../testing/workloadBuilders';
import { OwnedPodWatch } from './ownedPodWatch';
import { statefulSetController } from './statefulSetController';

const cluster = (objects: KObject[] = []) =>
  controllerCluster([statefulSetController(new OwnedPodWatch())], objects);
const podNames = (c: Cluster) =>
  c.api
    .list<Pod>('Pod', 'default')
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();
const stsOf = (c: Cluster, name = 'web') => c.api.get('StatefulSet', 'default', name)!;
const scale = (c: Cluster, replicas: number) => {
  c.api.mutate('StatefulSet', 'default', 'web', (x) => void (x.spec.replicas = replicas));
  c.settle();
};
/** Runs every pod that is created until the controller stops creating; the names in creation order. */
const startAll = (c: Cluster) => {
  const order: string[] = [];
  for (let made = runPods(c); made.length; made = runPods(c)) order.push(...made);
  return order;
};

describe('StatefulSet controller: ordered creation (OrderedReady)', () => {
  const cases: { name: string; spec: Record<string, unknown>; first: string[]; all: string[] }[] = [
    {
      name: 'one ordinal at a time from 0',
      spec: { replicas: 3 },
      first: ['web-0'],
      all: ['web-0', 'web-1', 'web-2'],
    },
    {
      name: 'Parallel creates every ordinal at once',
      spec: { replicas: 3, podManagementPolicy: 'Parallel' },
      first: ['web-0', 'web-1', 'web-2'],
      all: ['web-0', 'web-1', 'web-2'],
    },
    {
      name: 'ordinals.start shifts the names',
      spec: { replicas: 2, ordinals: { start: 5 } },
      first: ['web-5'],
      all: ['web-5', 'web-6'],
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = cluster([newStatefulSet('web', t.spec)]);
      expect(podNames(c)).toEqual(t.first);
      const order = startAll(c);
      expect(order).toEqual(t.all);
      expect(stsOf(c).status).toMatchObject({ replicas: t.all.length, readyReplicas: t.all.length });
    });
  }

  it('waits while a predecessor is not Ready', () => {
    const c = cluster([newStatefulSet('web', { replicas: 2 })]);
    c.settle();
    expect(podNames(c)).toEqual(['web-0']);
    c.advance(60_000);
    expect(podNames(c)).toEqual(['web-0']);
  });

  it('gives each pod its identity: hostname, subdomain, ordinal labels, a controller reference', () => {
    const c = cluster([newStatefulSet('web', { replicas: 1 })]);
    const p = c.api.get<Pod>('Pod', 'default', 'web-0')!;
    expect(p.spec.hostname).toBe('web-0');
    expect(p.spec.subdomain).toBe('web');
    expect(p.metadata.labels).toMatchObject({
      app: 'web',
      'statefulset.kubernetes.io/pod-name': 'web-0',
      'apps.kubernetes.io/pod-index': '0',
    });
    expect(p.metadata.labels?.['controller-revision-hash']).toMatch(/^web-[a-z0-9]+$/);
    expect(controllerRef(p)).toMatchObject({ kind: 'StatefulSet', name: 'web' });
    const events = c.api.eventsFor(stsOf(c)).map((e) => `${e.reason} ${e.message}`);
    expect(events).toContain('SuccessfulCreate create Pod web-0 in StatefulSet web successful');
  });
});

describe('StatefulSet controller: claims from volumeClaimTemplates', () => {
  it('creates <template>-<name>-<ordinal> before the pod, mounts it, and keeps it on scale-down', () => {
    const claim = {
      metadata: { name: 'www' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    const c = cluster([newStatefulSet('web', { replicas: 1, volumeClaimTemplates: [claim] })]);
    expect(c.api.get('PersistentVolumeClaim', 'default', 'www-web-0')).toBeDefined();
    const vols = c.api.get<Pod>('Pod', 'default', 'web-0')!.spec.volumes as unknown[];
    expect(vols).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    const events = c.api.eventsFor(stsOf(c)).map((e) => e.message);
    expect(events[0]).toBe('create Claim www-web-0 Pod web-0 in StatefulSet web success');
    runPods(c);
    scale(c, 0);
    finishTerminating(c);
    expect(podNames(c)).toEqual([]);
    expect(c.api.get('PersistentVolumeClaim', 'default', 'www-web-0')).toBeDefined();
  });
});

describe('StatefulSet controller: scale down', () => {
  const cases: { name: string; spec: Record<string, unknown>; deleting: string[][] }[] = [
    {
      name: 'OrderedReady terminates the highest ordinal first, one at a time',
      spec: { replicas: 3 },
      deleting: [['web-2'], ['web-1']],
    },
    {
      name: 'Parallel terminates every condemned pod at once',
      spec: { replicas: 3, podManagementPolicy: 'Parallel' },
      deleting: [['web-1', 'web-2']],
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = cluster([newStatefulSet('web', t.spec)]);
      startAll(c);
      scale(c, 1);
      for (const step of t.deleting) expect(finishTerminating(c).sort()).toEqual(step);
      expect(podNames(c)).toEqual(['web-0']);
      expect(finishTerminating(c)).toEqual([]);
    });
  }
});

describe('StatefulSet controller: rolling update', () => {
  const revisionOf = (c: Cluster, pod: string) =>
    c.api.get<Pod>('Pod', 'default', pod)?.metadata.labels?.['controller-revision-hash'];
  const cases: { name: string; partition?: number; onDelete?: boolean; replaced: string[] }[] = [
    { name: 'replaces from the largest ordinal down', replaced: ['web-2', 'web-1', 'web-0'] },
    { name: 'stops at the partition', partition: 2, replaced: ['web-2'] },
    { name: 'OnDelete replaces nothing by itself', onDelete: true, replaced: [] },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const updateStrategy = t.onDelete
        ? { type: 'OnDelete' }
        : { type: 'RollingUpdate', rollingUpdate: { partition: t.partition ?? 0 } };
      const c = cluster([newStatefulSet('web', { replicas: 3, updateStrategy })]);
      startAll(c);
      const before = revisionOf(c, 'web-0');
      c.api.mutate(
        'StatefulSet',
        'default',
        'web',
        (x) => void (x.spec.template.spec.containers[0].image = 'nginx:1.27'),
      );
      c.settle();
      const replaced: string[] = [];
      for (let gone = finishTerminating(c); gone.length; gone = finishTerminating(c)) {
        replaced.push(...gone);
        startAll(c);
      }
      expect(replaced).toEqual(t.replaced);
      for (const pod of ['web-0', 'web-1', 'web-2'])
        expect(revisionOf(c, pod) !== before, pod).toBe(t.replaced.includes(pod));
      const st = stsOf(c).status;
      expect(st.updatedReplicas ?? 0).toBe(t.replaced.length);
      expect(st.currentRevision === st.updateRevision).toBe(t.replaced.length === 3);
    });
  }
});

describe('StatefulSet controller: failed pods', () => {
  it('deletes a Failed pod and creates it again under the same name', () => {
    const c = cluster([newStatefulSet('web', { replicas: 1 })]);
    runPods(c);
    const uid = c.api.get<Pod>('Pod', 'default', 'web-0')!.metadata.uid;
    const p = c.api.get<Pod>('Pod', 'default', 'web-0')!;
    c.api.updateStatus({ ...p, status: { ...p.status, phase: 'Failed' } });
    c.settle();
    const again = c.api.get<Pod>('Pod', 'default', 'web-0');
    expect(again).toBeDefined();
    expect(again!.metadata.uid).not.toBe(uid);
  });
});
