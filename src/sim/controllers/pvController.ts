/**
 * PersistentVolume controller (binder), the `standard` StorageClass's provisioner and the storage-object-in-use
 * protection. Claims bind to the smallest Available volume with the same class, the requested access modes and
 * enough capacity; a claim of a class with a provisioner gets a new volume `pvc-<claim uid>` (minikube's
 * hostpath provisioner: reclaim Delete, binding Immediate). A released volume is deleted (Delete) or kept
 * Released (Retain). Data lives in the runtime volume `pv-<volume name>`, so it outlives pods.
 */
import type { Cluster, SimModule } from '../cluster';
import type { KObject, Pod } from '../api/types';
import { parseQuantity } from '../api/quantity';
import { selectorMatches } from '../api/labels';
import { DEFAULT_CLASS_ANNOTATION } from '../kinds/storage';
import { CONTROLLER_MANAGER, ensurePodIndexes } from './util';
import { splitKey } from '../api/store';

const NAME = 'persistentvolume-binder-controller';
/** The component name kube-controller-manager's PV controller records events with. */
const EVENTS = 'persistentvolume-controller';
export const PROVISIONER = 'k8s.io/minikube-hostpath';
export const DEFAULT_CLASS = 'standard';
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
const PV_PROTECTION = 'kubernetes.io/pv-protection';

/** The runtime volume that holds a PersistentVolume's files. */
export const pvVolumeId = (pv: string) => `pv-${pv}`;

const storageOf = (o: KObject, path: 'spec' | 'status'): number =>
  path === 'spec'
    ? parseQuantity(o.spec?.resources?.requests?.storage ?? 0)
    : parseQuantity(o.spec?.capacity?.storage ?? 0);

/** A PersistentVolume's reference to the claim bound to it. */
function claimRefTo(pvc: KObject): Record<string, unknown> {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: pvc.metadata.namespace,
    name: pvc.metadata.name,
    uid: pvc.metadata.uid,
    apiVersion: 'v1',
    resourceVersion: pvc.metadata.resourceVersion,
  };
}

function claimClass(pvc: KObject): string {
  return pvc.spec?.storageClassName ?? '';
}

function claimsUsing(c: Cluster, ns: string, claim: string): Pod[] {
  return c.api
    .byIndex<Pod>('Pod', 'namespace', ns)
    .filter(
      (p) =>
        p.status?.phase !== 'Succeeded' &&
        p.status?.phase !== 'Failed' &&
        ((p.spec.volumes ?? []) as { persistentVolumeClaim?: { claimName: string } }[]).some(
          (v) => v.persistentVolumeClaim?.claimName === claim,
        ),
    );
}

function pvMatches(pv: KObject, pvc: KObject): boolean {
  if (pv.metadata.deletionTimestamp) return false;
  const ref = pv.spec?.claimRef;
  if (
    ref &&
    !(
      ref.namespace === pvc.metadata.namespace &&
      ref.name === pvc.metadata.name &&
      (!ref.uid || ref.uid === pvc.metadata.uid)
    )
  )
    return false;
  if (!ref && pv.status?.phase !== 'Available' && pv.status?.phase !== 'Pending') return false;
  if ((pv.spec?.storageClassName ?? '') !== claimClass(pvc)) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return false;
  const modes: string[] = pv.spec?.accessModes ?? [];
  if (!((pvc.spec?.accessModes ?? []) as string[]).every((m) => modes.includes(m))) return false;
  if (storageOf(pv, 'status') < storageOf(pvc, 'spec')) return false;
  if (pvc.spec?.selector && !selectorMatches(pvc.spec.selector, pv.metadata.labels)) return false;
  return true;
}

function bind(c: Cluster, pv: KObject, pvc: KObject): void {
  const ns = pvc.metadata.namespace!;
  if (!pv.spec?.claimRef) {
    c.api.mutate(
      'PersistentVolume',
      undefined,
      pv.metadata.name,
      (x) => {
        x.spec.claimRef = claimRefTo(pvc);
        x.metadata.annotations = {
          ...(x.metadata.annotations ?? {}),
          'pv.kubernetes.io/bound-by-controller': 'yes',
        };
      },
      { actor: CONTROLLER_MANAGER },
    );
  }
  c.api.mutate(
    'PersistentVolume',
    undefined,
    pv.metadata.name,
    (x) => {
      x.status = {
        phase: 'Bound',
        lastPhaseTransitionTime: x.status?.phase === 'Bound' ? x.status.lastPhaseTransitionTime : c.iso(),
      };
    },
    { actor: CONTROLLER_MANAGER, status: true },
  );
  const cur = c.api.get('PersistentVolume', undefined, pv.metadata.name)!;
  c.api.mutate(
    'PersistentVolumeClaim',
    ns,
    pvc.metadata.name,
    (x) => {
      x.spec.volumeName = pv.metadata.name;
      x.metadata.annotations = {
        ...(x.metadata.annotations ?? {}),
        'pv.kubernetes.io/bind-completed': 'yes',
        ...(pvc.spec?.volumeName ? {} : { 'pv.kubernetes.io/bound-by-controller': 'yes' }),
      };
    },
    { actor: CONTROLLER_MANAGER },
  );
  c.api.mutate(
    'PersistentVolumeClaim',
    ns,
    pvc.metadata.name,
    (x) => {
      x.status = {
        phase: 'Bound',
        accessModes: [...(cur.spec.accessModes ?? [])],
        capacity: { ...(cur.spec.capacity ?? {}) },
      };
    },
    { actor: CONTROLLER_MANAGER, status: true },
  );
}

function provision(c: Cluster, pvc: KObject, cls: KObject): void {
  const ns = pvc.metadata.namespace!;
  const pvName = `pvc-${pvc.metadata.uid}`;
  if (c.api.get('PersistentVolume', undefined, pvName)) return;
  c.api.recordEvent(
    pvc,
    'Normal',
    'Provisioning',
    `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"`,
    `${cls.provisioner}_minikube_${'hostpath'}`,
  );
  const r = c.api.create(
    {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { 'pv.kubernetes.io/provisioned-by': String(cls.provisioner) } },
      spec: {
        accessModes: [...(pvc.spec.accessModes ?? [])],
        capacity: { storage: pvc.spec.resources.requests.storage },
        claimRef: claimRefTo(pvc),
        hostPath: { path: `/tmp/hostpath-provisioner/${ns}/${pvc.metadata.name}`, type: '' },
        persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
        storageClassName: cls.metadata.name,
        volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
      },
    },
    { actor: CONTROLLER_MANAGER },
  );
  if (r.ok)
    c.api.recordEvent(
      pvc,
      'Normal',
      'ProvisioningSucceeded',
      `Successfully provisioned volume ${pvName}`,
      `${cls.provisioner}_minikube_hostpath`,
    );
  else
    c.api.recordEvent(
      pvc,
      'Warning',
      'ProvisioningFailed',
      r.error.message,
      `${cls.provisioner}_minikube_hostpath`,
    );
}

function syncClaim(c: Cluster, ns: string, name: string): void {
  const pvc = c.api.get('PersistentVolumeClaim', ns, name);
  if (!pvc) return;
  if (pvc.metadata.deletionTimestamp) {
    // pvc-protection: the claim goes once no pod uses it.
    if ((pvc.metadata.finalizers ?? []).includes(PVC_PROTECTION) && !claimsUsing(c, ns, name).length) {
      c.api.mutate(
        'PersistentVolumeClaim',
        ns,
        name,
        (x) => {
          x.metadata.finalizers = (x.metadata.finalizers ?? []).filter((f) => f !== PVC_PROTECTION);
        },
        { actor: CONTROLLER_MANAGER },
      );
    }
    return;
  }
  if (pvc.status?.phase === 'Bound') {
    const pv = c.api.get('PersistentVolume', undefined, pvc.spec.volumeName);
    if (!pv || (pv.spec?.claimRef?.uid && pv.spec.claimRef.uid !== pvc.metadata.uid)) {
      c.api.mutate(
        'PersistentVolumeClaim',
        ns,
        name,
        (x) => {
          x.status = { ...x.status, phase: 'Lost' };
        },
        { actor: CONTROLLER_MANAGER, status: true },
      );
      c.api.recordEvent(
        pvc,
        'Warning',
        'ClaimLost',
        'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
        EVENTS,
      );
    }
    return;
  }
  if (pvc.status?.phase === 'Lost') return;
  let candidates = c.api.list('PersistentVolume').filter((pv) => pvMatches(pv, pvc));
  if (pvc.spec?.volumeName) candidates = candidates.filter((pv) => pv.metadata.name === pvc.spec.volumeName);
  // Volumes already reserved for this claim come first, then the smallest that fits.
  candidates.sort(
    (a, b) =>
      (a.spec?.claimRef ? 0 : 1) - (b.spec?.claimRef ? 0 : 1) ||
      storageOf(a, 'status') - storageOf(b, 'status') ||
      (a.metadata.name < b.metadata.name ? -1 : 1),
  );
  const pv = candidates[0];
  if (pv) {
    bind(c, pv, pvc);
    return;
  }
  if (pvc.spec?.volumeName) {
    c.api.recordEvent(
      pvc,
      'Warning',
      'FailedBinding',
      `volume "${pvc.spec.volumeName}" not found or not suitable for this claim`,
      EVENTS,
    );
    return;
  }
  const clsName = claimClass(pvc);
  if (!clsName) {
    c.api.recordEvent(
      pvc,
      'Normal',
      'FailedBinding',
      'no persistent volumes available for this claim and no storage class is set',
      EVENTS,
    );
    return;
  }
  const cls = c.api.get('StorageClass', undefined, clsName);
  if (!cls) {
    c.api.recordEvent(
      pvc,
      'Warning',
      'ProvisioningFailed',
      `storageclass.storage.k8s.io "${clsName}" not found`,
      EVENTS,
    );
    return;
  }
  if (cls.provisioner === 'kubernetes.io/no-provisioner') {
    c.api.recordEvent(
      pvc,
      'Normal',
      'FailedBinding',
      'no persistent volumes available for this claim and no storage class is set',
      EVENTS,
    );
    return;
  }
  if (cls.volumeBindingMode === 'WaitForFirstConsumer') {
    const consumer = claimsUsing(c, ns, name).find((p) => p.spec.nodeName);
    if (!consumer) {
      c.api.recordEvent(
        pvc,
        'Normal',
        'WaitForFirstConsumer',
        'waiting for first consumer to be created before binding',
        EVENTS,
      );
      return;
    }
  }
  c.api.recordEvent(
    pvc,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${cls.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    EVENTS,
  );
  provision(c, pvc, cls);
}

function syncVolume(c: Cluster, name: string): void {
  const pv = c.api.get('PersistentVolume', undefined, name);
  if (!pv) return;
  const ref = pv.spec?.claimRef;
  if (pv.metadata.deletionTimestamp) {
    if ((pv.metadata.finalizers ?? []).includes(PV_PROTECTION) && pv.status?.phase !== 'Bound') {
      c.api.mutate(
        'PersistentVolume',
        undefined,
        name,
        (x) => {
          x.metadata.finalizers = (x.metadata.finalizers ?? []).filter((f) => f !== PV_PROTECTION);
        },
        { actor: CONTROLLER_MANAGER },
      );
      if (!c.api.get('PersistentVolume', undefined, name)) c.runtime.volumeRemove(pvVolumeId(name));
    }
    return;
  }
  const setPhase = (phase: string, extra: Record<string, unknown> = {}) =>
    c.api.mutate(
      'PersistentVolume',
      undefined,
      name,
      (x) => {
        if (x.status?.phase === phase) return false;
        x.status = { phase, lastPhaseTransitionTime: c.iso(), ...extra };
      },
      { actor: CONTROLLER_MANAGER, status: true },
    );
  if (!ref) {
    setPhase('Available');
    return;
  }
  const claim = c.api.get('PersistentVolumeClaim', ref.namespace, ref.name);
  if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) {
    if (pv.status?.phase !== 'Bound' && claim.spec?.volumeName !== name)
      c.enqueue(NAME, `claim:${ref.namespace}/${ref.name}`);
    else if (pv.status?.phase !== 'Bound' && claim.spec?.volumeName === name) setPhase('Bound');
    return;
  }
  if (!ref.uid) return; // pre-bound to a claim that does not exist yet
  // The claim is gone: released, then reclaimed.
  if (pv.status?.phase === 'Bound' || pv.status?.phase === 'Available' || pv.status?.phase === 'Pending')
    setPhase('Released');
  const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
  if (policy === 'Delete') {
    const r = c.api.delete('PersistentVolume', undefined, name, { actor: CONTROLLER_MANAGER });
    if (r.ok) c.enqueue(NAME, `volume:${name}`);
  } else if (policy === 'Recycle') {
    c.runtime.volumeRemove(pvVolumeId(name));
    c.api.mutate(
      'PersistentVolume',
      undefined,
      name,
      (x) => {
        delete x.spec.claimRef;
      },
      { actor: CONTROLLER_MANAGER },
    );
  }
}

function reconcile(c: Cluster, key: string): void {
  const [kind, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (kind === 'claim') {
    const [ns, name] = splitKey(rest);
    syncClaim(c, ns, name);
  } else syncVolume(c, rest);
}

/** The kubelet's view of a claim: the runtime volume of its bound PersistentVolume. */
export function claimVolume(c: Cluster, ns: string, claim: string): { id: string } | { error: string } {
  const pvc = c.api.get('PersistentVolumeClaim', ns, claim);
  if (!pvc) return { error: `persistentvolumeclaim "${claim}" not found` };
  if (pvc.metadata.deletionTimestamp) return { error: `persistentvolumeclaim "${claim}" is being deleted` };
  if (pvc.status?.phase !== 'Bound' || !pvc.spec?.volumeName)
    return {
      error: `unbound immediate PersistentVolumeClaims: persistentvolumeclaim "${claim}" is not bound`,
    };
  return { id: pvVolumeId(pvc.spec.volumeName) };
}

export const pvController: SimModule = {
  name: NAME,
  install(c) {
    ensurePodIndexes(c);
    c.registerReconciler(NAME, (key) => reconcile(c, key));
    c.api.watch('PersistentVolumeClaim', (type, o) => {
      c.enqueue(NAME, `claim:${o.metadata.namespace}/${o.metadata.name}`);
      if (type === 'DELETED' && o.spec?.volumeName) c.enqueue(NAME, `volume:${o.spec.volumeName}`);
      if (o.spec?.volumeName) c.enqueue(NAME, `volume:${o.spec.volumeName}`);
    });
    c.api.watch('PersistentVolume', (type, o) => {
      if (type === 'DELETED') {
        c.runtime.volumeRemove(pvVolumeId(o.metadata.name));
        const ref = o.spec?.claimRef;
        if (ref) c.enqueue(NAME, `claim:${ref.namespace}/${ref.name}`);
        return;
      }
      c.enqueue(NAME, `volume:${o.metadata.name}`);
      // A new or freed volume may satisfy a pending claim.
      if (o.status?.phase === 'Available' || o.status?.phase === 'Pending' || o.spec?.claimRef) {
        for (const pvc of c.api.list('PersistentVolumeClaim'))
          if (pvc.status?.phase === 'Pending')
            c.enqueue(NAME, `claim:${pvc.metadata.namespace}/${pvc.metadata.name}`);
      }
    });
    c.api.watch('Pod', (type, o, old) => {
      const vols = ((o.spec?.volumes ?? []) as { persistentVolumeClaim?: { claimName: string } }[]).filter(
        (v) => v.persistentVolumeClaim,
      );
      if (!vols.length) return;
      const p = o as Pod;
      const q = old as Pod | undefined;
      if (
        type === 'MODIFIED' &&
        q &&
        q.spec.nodeName === p.spec.nodeName &&
        q.status?.phase === p.status?.phase
      )
        return;
      for (const v of vols)
        c.enqueue(NAME, `claim:${o.metadata.namespace}/${v.persistentVolumeClaim!.claimName}`);
    });
  },
  bootstrap(c) {
    c.api.create(
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: {
          name: DEFAULT_CLASS,
          annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' },
          labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' },
        },
        provisioner: PROVISIONER,
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
      },
      { actor: CONTROLLER_MANAGER },
    );
  },
};
