/**
 * Deployment controller: one ReplicaSet per pod template (named `<deployment>-<pod-template-hash>`), rolled with
 * RollingUpdate (maxSurge rounds up, maxUnavailable down, both 0 → maxUnavailable 1) or Recreate; revisions and
 * history limit; pause/resume; proportional scaling; progress deadline; status conditions.
 */
import type { Cluster, SimModule } from '../cluster';
import type { Deployment, DeploymentCondition, Pod, ReplicaSet } from '../api/types';
import { selectorMatches } from '../api/labels';
import { CONTROLLER_MANAGER, ensurePodIndexes } from './util';
import { templateKey, podTemplateHash, templateWithoutHash } from './podTemplateHash';
import { controllerRef, ownerRefTo } from '../api/ownerReferences';
import { isPodActive } from '../api/podState';
import { nsKey, splitKey } from '../api/store';
import { upsertCondition, type Condition } from '../api/conditions';
import { writeStatusIfChanged } from './writeStatus';

const NAME = 'deployment-controller';
const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** Resolves an int-or-percent against `total`. */
export function resolveIntOrPercent(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const pct = Number(v.replace('%', ''));
  const x = (pct * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** maxSurge and maxUnavailable as the controller uses them (the fencepost rule). */
export function surgeAndUnavailable(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const replicas = d.spec.replicas ?? 1;
  if (d.spec.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: replicas };
  const ru = d.spec.strategy?.rollingUpdate ?? {};
  const maxSurge = resolveIntOrPercent(ru.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = resolveIntOrPercent(ru.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

const revisionOf = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
const specReplicas = (rs: ReplicaSet) => rs.spec.replicas ?? 0;
const byCreation = (a: ReplicaSet, b: ReplicaSet) =>
  a.metadata.creationTimestamp === b.metadata.creationTimestamp
    ? a.metadata.name < b.metadata.name
      ? -1
      : 1
    : a.metadata.creationTimestamp! < b.metadata.creationTimestamp!
      ? -1
      : 1;

/**
 * One sync of one Deployment, in the steps of the real controller (K:pkg/controller/deployment): getReplicaSetsForDeployment
 * → (paused: sync, which scales) or rolloutRecreate / rolloutRolling → cleanupDeployment → syncRolloutStatus.
 */
class DeploymentSync {
  constructor(
    private c: Cluster,
    private d: Deployment,
  ) {}

  private event(type: 'Normal' | 'Warning', reason: string, msg: string): void {
    this.c.api.recordEvent(this.d, type, reason, msg, NAME);
  }

  /** ReplicaSets owned by the Deployment, adopting matching orphans and releasing non-matching ones. */
  getReplicaSetsForDeployment(): ReplicaSet[] {
    const c = this.c;
    const d = this.d;
    const ns = d.metadata.namespace!;
    const out: ReplicaSet[] = [];
    for (const rs of c.api.list<ReplicaSet>('ReplicaSet', ns)) {
      const ref = controllerRef(rs);
      if (ref && ref.uid === d.metadata.uid) {
        if (selectorMatches(d.spec.selector, rs.metadata.labels)) out.push(rs);
      } else if (
        !ref &&
        selectorMatches(d.spec.selector, rs.metadata.labels) &&
        !rs.metadata.deletionTimestamp
      ) {
        const r = c.api.mutate<ReplicaSet>(
          'ReplicaSet',
          ns,
          rs.metadata.name,
          (x) => {
            x.metadata.ownerReferences = [...(x.metadata.ownerReferences ?? []), ownerRefTo(d)];
          },
          { actor: CONTROLLER_MANAGER },
        );
        if (r.ok) out.push(r.obj);
      }
    }
    return out.sort(byCreation);
  }

  private scaleRS(rs: ReplicaSet, replicas: number): ReplicaSet {
    const d = this.d;
    const { maxSurge } = surgeAndUnavailable(d);
    const cur = specReplicas(rs);
    const r = this.c.api.mutate<ReplicaSet>(
      'ReplicaSet',
      rs.metadata.namespace,
      rs.metadata.name,
      (x) => {
        x.spec.replicas = replicas;
        x.metadata.annotations = {
          ...(x.metadata.annotations ?? {}),
          [DESIRED]: String(d.spec.replicas ?? 1),
          [MAX]: String((d.spec.replicas ?? 1) + maxSurge),
        };
      },
      { actor: CONTROLLER_MANAGER },
    );
    if (cur !== replicas) {
      // Kubernetes ≥ 1.26 names both counts: "Scaled up replica set web-7c5ddbdf54 from 0 to 3".
      this.event(
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${replicas > cur ? 'up' : 'down'} replica set ${rs.metadata.name} from ${cur} to ${replicas}`,
      );
    }
    return r.ok ? r.obj : rs;
  }

  /** Finds the ReplicaSet of the current template, creating it (with the next revision) when asked. */
  getNewReplicaSet(all: ReplicaSet[], create: boolean, initialReplicas: number): ReplicaSet | undefined {
    const c = this.c;
    const d = this.d;
    const want = templateKey(d.spec.template);
    const maxRev = all.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    const existing = all.find((rs) => templateKey(rs.spec.template) === want);
    const cause = d.metadata.annotations?.[CHANGE_CAUSE];
    if (existing) {
      // A rollback makes an old ReplicaSet new again: it gets the next revision.
      const rev = revisionOf(existing);
      const needRev = all.some((rs) => rs !== existing && revisionOf(rs) > rev);
      if (needRev || (cause && existing.metadata.annotations?.[CHANGE_CAUSE] !== cause)) {
        const r = c.api.mutate<ReplicaSet>(
          'ReplicaSet',
          existing.metadata.namespace,
          existing.metadata.name,
          (x) => {
            x.metadata.annotations = {
              ...(x.metadata.annotations ?? {}),
              ...(needRev ? { [REVISION]: String(maxRev + 1) } : {}),
              ...(cause ? { [CHANGE_CAUSE]: cause } : {}),
            };
          },
          { actor: CONTROLLER_MANAGER },
        );
        if (r.ok) return r.obj;
      }
      return existing;
    }
    if (!create) return undefined;
    const collision = d.status?.collisionCount ?? 0;
    const hash = podTemplateHash(templateWithoutHash(d.spec.template), collision);
    const template = structuredClone(d.spec.template);
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash },
    };
    const selector = structuredClone(d.spec.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), 'pod-template-hash': hash };
    const { maxSurge } = surgeAndUnavailable(d);
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash },
        annotations: {
          [DESIRED]: String(d.spec.replicas ?? 1),
          [MAX]: String((d.spec.replicas ?? 1) + maxSurge),
          [REVISION]: String(maxRev + 1),
          ...(cause ? { [CHANGE_CAUSE]: cause } : {}),
        },
        ownerReferences: [ownerRefTo(d)],
      },
      spec: { replicas: initialReplicas, selector, template, minReadySeconds: d.spec.minReadySeconds ?? 0 },
      status: {},
    };
    const r = c.api.create<ReplicaSet>(rs, { actor: CONTROLLER_MANAGER });
    if (!r.ok) {
      if (r.error.reason === 'AlreadyExists') {
        c.api.mutate<Deployment>(
          'Deployment',
          d.metadata.namespace,
          d.metadata.name,
          (x) => {
            x.status = { ...(x.status ?? {}), collisionCount: collision + 1 };
          },
          { actor: CONTROLLER_MANAGER, status: true },
        );
      }
      return undefined;
    }
    if (initialReplicas > 0)
      this.event(
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${r.obj.metadata.name} from 0 to ${initialReplicas}`,
      );
    this.setProgressing('True', 'NewReplicaSetCreated', `Created new replica set "${r.obj.metadata.name}"`);
    return r.obj;
  }

  private pendingConditions: DeploymentCondition[] = [];
  private setProgressing(status: 'True' | 'False' | 'Unknown', reason: string, message: string): void {
    this.pendingConditions.push({ type: 'Progressing', status, reason, message });
  }

  /** syncDeployment: picks the path for the Deployment's state and strategy. */
  syncDeployment(): void {
    const d = this.d;
    const all = this.getReplicaSetsForDeployment();
    if (d.spec.paused) {
      const newRS = this.getNewReplicaSet(all, false, 0);
      this.scale(all, newRS);
      this.syncRolloutStatus(all, newRS);
      return;
    }
    if (d.spec.strategy?.type === 'Recreate') return this.rolloutRecreate(all);
    this.rolloutRolling(all);
  }

  private activeOld(all: ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
    return all.filter((rs) => rs !== newRS && rs.metadata.uid !== newRS?.metadata.uid);
  }

  private isScalingEvent(all: ReplicaSet[]): boolean {
    const want = String(this.d.spec.replicas ?? 1);
    return all.some(
      (rs) =>
        specReplicas(rs) > 0 &&
        rs.metadata.annotations?.[DESIRED] !== undefined &&
        rs.metadata.annotations[DESIRED] !== want,
    );
  }

  /** Spreads a replica change over the active ReplicaSets in proportion to their size (rounded, rest to the largest). */
  private scale(all: ReplicaSet[], newRS: ReplicaSet | undefined): boolean {
    const d = this.d;
    const active = all.filter((rs) => specReplicas(rs) > 0);
    const want = d.spec.replicas ?? 1;
    if (active.length <= 1) {
      const target = active[0] ?? newRS;
      if (target && specReplicas(target) !== want && (active.length === 1 || target === newRS)) {
        this.scaleRS(target, want);
        return true;
      }
      return false;
    }
    const { maxSurge } = surgeAndUnavailable(d);
    const allowed = want + (d.spec.strategy?.type === 'Recreate' || d.spec.paused ? 0 : maxSurge);
    const current = active.reduce((n, rs) => n + specReplicas(rs), 0);
    const diff = allowed - current;
    if (diff === 0) {
      // Nothing to add or remove: still record the new desired size on every active ReplicaSet, or the
      // next sync would see a scaling event again (the real controller updates annotations the same way).
      for (const rs of active) this.scaleRS(rs, specReplicas(rs));
      return false;
    }
    const sorted = [...active].sort((a, b) =>
      diff > 0
        ? specReplicas(b) - specReplicas(a) || byCreation(b, a)
        : specReplicas(a) - specReplicas(b) || byCreation(a, b),
    );
    let left = diff;
    const next = new Map<ReplicaSet, number>();
    for (const rs of sorted) {
      const share =
        diff > 0
          ? Math.floor((specReplicas(rs) * diff) / current)
          : Math.ceil((specReplicas(rs) * diff) / current);
      const part = diff > 0 ? Math.min(share, left) : Math.max(share, left);
      next.set(rs, specReplicas(rs) + part);
      left -= part;
    }
    if (left !== 0) next.set(sorted[0]!, Math.max(0, next.get(sorted[0]!)! + left));
    for (const [rs, n] of next) if (n !== specReplicas(rs)) this.scaleRS(rs, Math.max(0, n));
    return true;
  }

  private rolloutRecreate(all: ReplicaSet[]): void {
    const c = this.c;
    const d = this.d;
    let newRS = this.getNewReplicaSet(all, false, 0);
    const old = this.activeOld(all, newRS);
    const oldActive = old.filter((rs) => specReplicas(rs) > 0);
    if (oldActive.length) {
      for (const rs of oldActive) this.scaleRS(rs, 0);
      this.syncRolloutStatus(all, newRS);
      return;
    }
    // Wait until every old pod is gone.
    const oldPods = old.flatMap((rs) => c.api.byIndex<Pod>('Pod', 'controller', rs.metadata.uid!));
    if (oldPods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')) {
      this.syncRolloutStatus(all, newRS);
      return;
    }
    if (!newRS) newRS = this.getNewReplicaSet(all, true, d.spec.replicas ?? 1);
    else if (specReplicas(newRS) !== (d.spec.replicas ?? 1))
      newRS = this.scaleRS(newRS, d.spec.replicas ?? 1);
    const all2 =
      newRS && !all.includes(newRS)
        ? [...all.filter((x) => x.metadata.uid !== newRS!.metadata.uid), newRS]
        : all;
    this.cleanupDeployment(all2, newRS);
    this.syncRolloutStatus(all2, newRS);
  }

  private rolloutRolling(all: ReplicaSet[]): void {
    const d = this.d;
    const replicas = d.spec.replicas ?? 1;
    const { maxSurge, maxUnavailable } = surgeAndUnavailable(d);
    let newRS = this.getNewReplicaSet(all, false, 0);
    if (newRS && this.isScalingEvent(all)) {
      this.scale(all, newRS);
      this.syncRolloutStatus(this.getReplicaSetsForDeployment(), newRS);
      return;
    }
    if (!newRS) {
      const current = all.reduce((n, rs) => n + specReplicas(rs), 0);
      const initial =
        all.length === 0 ? replicas : Math.max(0, Math.min(replicas, replicas + maxSurge - current));
      newRS = this.getNewReplicaSet(all, true, initial);
      if (!newRS) return;
      all = [...all, newRS];
      if (initial > 0) {
        this.syncRolloutStatus(all, newRS);
        return;
      }
    }
    const old = this.activeOld(all, newRS);
    // Scale up the new ReplicaSet within maxSurge.
    const cur = specReplicas(newRS);
    if (cur > replicas) {
      newRS = this.scaleRS(newRS, replicas);
      return this.syncRolloutStatus(this.refresh(all, newRS), newRS);
    }
    if (cur < replicas) {
      const total = all.reduce((n, rs) => n + specReplicas(rs), 0);
      const maxTotal = replicas + maxSurge;
      if (total < maxTotal) {
        const up = Math.min(maxTotal - total, replicas - cur);
        newRS = this.scaleRS(newRS, cur + up);
        return this.syncRolloutStatus(this.refresh(all, newRS), newRS);
      }
    }
    // Scale down old ReplicaSets without going under replicas − maxUnavailable available pods.
    const oldCount = old.reduce((n, rs) => n + specReplicas(rs), 0);
    if (oldCount > 0) {
      const allCount = all.reduce((n, rs) => n + specReplicas(rs), 0);
      const minAvailable = replicas - maxUnavailable;
      const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
      let maxScaledDown = allCount - minAvailable - newUnavailable;
      let scaled = 0;
      if (maxScaledDown > 0) {
        // First the unhealthy old pods.
        for (const rs of [...old].sort(byCreation)) {
          if (maxScaledDown <= 0) break;
          const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
          if (unhealthy <= 0 || specReplicas(rs) === 0) continue;
          const n = Math.min(maxScaledDown, unhealthy);
          this.scaleRS(rs, specReplicas(rs) - n);
          rs.spec.replicas = specReplicas(rs) - n;
          maxScaledDown -= n;
          scaled += n;
        }
        // Then available ones while enough stay available.
        const available = this.refresh(all, newRS).reduce(
          (n, rs) => n + (rs.status?.availableReplicas ?? 0),
          0,
        );
        let budget = Math.min(available - minAvailable, maxScaledDown);
        for (const rs of [...old].sort(byCreation)) {
          if (budget <= 0) break;
          const cur2 = this.c.api.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
          if (!cur2 || specReplicas(cur2) === 0) continue;
          const n = Math.min(specReplicas(cur2), budget);
          this.scaleRS(cur2, specReplicas(cur2) - n);
          budget -= n;
          scaled += n;
        }
      }
      if (scaled > 0) return this.syncRolloutStatus(this.refresh(all, newRS), newRS);
    }
    const fresh = this.refresh(all, newRS);
    this.cleanupDeployment(fresh, newRS);
    this.syncRolloutStatus(fresh, newRS);
  }

  private refresh(all: ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const rs of all) {
      const cur = this.c.api.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
      if (cur) out.push(cur);
    }
    if (newRS && !out.some((x) => x.metadata.uid === newRS.metadata.uid)) out.push(newRS);
    return out;
  }

  /** Deletes old, empty ReplicaSets beyond revisionHistoryLimit (oldest first). */
  private cleanupDeployment(all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
    const limit = this.d.spec.revisionHistoryLimit ?? 10;
    const old = all.filter(
      (rs) =>
        rs.metadata.uid !== newRS?.metadata.uid &&
        specReplicas(rs) === 0 &&
        !(rs.status?.replicas ?? 0) &&
        !rs.metadata.deletionTimestamp,
    );
    const extra = old.length - limit;
    if (extra <= 0) return;
    old.sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of old.slice(0, extra))
      this.c.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name, { actor: CONTROLLER_MANAGER });
  }

  private syncRolloutStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
    const c = this.c;
    const d = c.api.get<Deployment>('Deployment', this.d.metadata.namespace, this.d.metadata.name) ?? this.d;
    const fresh = this.refresh(all, newRS);
    const nrs = newRS ? fresh.find((x) => x.metadata.uid === newRS.metadata.uid) : undefined;
    const replicas = d.spec.replicas ?? 1;
    const sum = (f: (rs: ReplicaSet) => number) => fresh.reduce((n, rs) => n + f(rs), 0);
    const total = sum((rs) => rs.status?.replicas ?? 0);
    const updated = nrs?.status?.replicas ?? 0;
    const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
    const available = sum((rs) => rs.status?.availableReplicas ?? 0);
    const { maxUnavailable } = surgeAndUnavailable(d);
    const now = c.iso();
    let conds = structuredClone(d.status?.conditions ?? []) as DeploymentCondition[];
    const set = (
      type: DeploymentCondition['type'],
      status: DeploymentCondition['status'],
      reason: string,
      message: string,
    ) => {
      conds = upsertCondition(conds, { type, status, reason, message }, now, 'update');
    };
    if (available >= replicas - maxUnavailable)
      set('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.');
    else
      set(
        'Available',
        'False',
        'MinimumReplicasUnavailable',
        'Deployment does not have minimum availability.',
      );
    for (const pc of this.pendingConditions) set(pc.type, pc.status, pc.reason!, pc.message!);
    // getReplicaFailures (progress.go): the new ReplicaSet's ReplicaFailure, else an old one's, becomes the
    // Deployment's; none removes it.
    const failed = [...(nrs ? [nrs] : []), ...fresh.filter((x) => x !== nrs)]
      .map((x) => (x.status?.conditions as Condition[] | undefined)?.find((k) => k.type === 'ReplicaFailure'))
      .find((k) => k?.status === 'True');
    if (failed) set('ReplicaFailure', 'True', failed.reason ?? '', failed.message ?? '');
    else conds = conds.filter((x) => x.type !== 'ReplicaFailure');
    const complete =
      !!nrs &&
      updated === replicas &&
      (nrs.status?.availableReplicas ?? 0) === replicas &&
      total === replicas &&
      specReplicas(nrs) === replicas;
    const prog = conds.find((x) => x.type === 'Progressing');
    if (d.spec.paused) set('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused');
    else if (prog?.reason === 'DeploymentPaused')
      set('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed');
    else if (complete && nrs)
      set(
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${nrs.metadata.name}" has successfully progressed.`,
      );
    else if (nrs && !this.pendingConditions.length) {
      const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
      const last = prog ? c.fromIso(prog.lastUpdateTime) : c.now;
      const progressed =
        JSON.stringify([updated, ready, available, total]) !==
        JSON.stringify([
          d.status?.updatedReplicas ?? 0,
          d.status?.readyReplicas ?? 0,
          d.status?.availableReplicas ?? 0,
          d.status?.replicas ?? 0,
        ]);
      if (prog?.reason === 'ProgressDeadlineExceeded' && !progressed) {
        // stays failed
      } else if (
        progressed ||
        !prog ||
        prog.reason === 'NewReplicaSetAvailable' ||
        prog.reason === 'DeploymentResumed'
      ) {
        set('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${nrs.metadata.name}" is progressing.`);
        const p2 = conds.find((x) => x.type === 'Progressing')!;
        p2.lastUpdateTime = now;
        c.enqueueAfter(NAME, nsKey(d), deadline + 1000);
      } else if (c.now - last > deadline) {
        set(
          'Progressing',
          'False',
          'ProgressDeadlineExceeded',
          `ReplicaSet "${nrs.metadata.name}" has timed out progressing.`,
        );
        this.event(
          'Warning',
          'ProgressDeadlineExceeded',
          `Deployment "${d.metadata.name}" has timed out progressing.`,
        );
      } else {
        c.enqueueAfter(NAME, nsKey(d), deadline - (c.now - last) + 1000);
      }
    }
    conds.sort((a, b) =>
      a.type === b.type ? 0 : a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0,
    );
    const status: Deployment['status'] = {
      observedGeneration: d.metadata.generation,
      ...(total ? { replicas: total } : {}),
      ...(updated ? { updatedReplicas: updated } : {}),
      ...(ready ? { readyReplicas: ready } : {}),
      ...(available ? { availableReplicas: available } : {}),
      ...(total - available > 0 || replicas - available > 0
        ? { unavailableReplicas: Math.max(total - available, replicas - available, 0) }
        : {}),
      conditions: conds,
      ...(d.status?.collisionCount ? { collisionCount: d.status.collisionCount } : {}),
    };
    const rev = nrs?.metadata.annotations?.[REVISION];
    if (rev && d.metadata.annotations?.[REVISION] !== rev) {
      const r = c.api.mutate<Deployment>(
        'Deployment',
        d.metadata.namespace,
        d.metadata.name,
        (x) => {
          x.metadata.annotations = { ...(x.metadata.annotations ?? {}), [REVISION]: rev };
        },
        { actor: CONTROLLER_MANAGER },
      );
      if (r.ok) {
        writeStatusIfChanged(c, r.obj, status);
        return;
      }
    }
    writeStatusIfChanged(c, d, status);
  }
}

function syncDeploymentKey(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const d = c.api.get<Deployment>('Deployment', ns, name);
  if (!d || d.metadata.deletionTimestamp) return;
  new DeploymentSync(c, d).syncDeployment();
}

export const deploymentController: SimModule = {
  name: NAME,
  install(c) {
    ensurePodIndexes(c);
    c.registerReconciler(NAME, (key) => syncDeploymentKey(c, key));
    c.api.watch('Deployment', (_t, o) => c.enqueue(NAME, nsKey(o)));
    c.api.watch('ReplicaSet', (_t, o, old) => {
      const ref = controllerRef(o) ?? (old ? controllerRef(old) : undefined);
      if (ref?.kind === 'Deployment') c.enqueue(NAME, `${o.metadata.namespace}/${ref.name}`);
      else if (!ref) {
        for (const d of c.api.list<Deployment>('Deployment', o.metadata.namespace)) {
          if (selectorMatches(d.spec.selector, o.metadata.labels)) c.enqueue(NAME, nsKey(d));
        }
      }
    });
    // Recreate waits for old pods to go.
    c.api.watch('Pod', (type, o) => {
      if (type !== 'DELETED' && isPodActive(o as Pod)) return;
      const ref = controllerRef(o);
      if (ref?.kind !== 'ReplicaSet') return;
      const rs = c.api.get('ReplicaSet', o.metadata.namespace, ref.name);
      const dref = rs ? controllerRef(rs) : undefined;
      if (dref?.kind === 'Deployment') {
        const d = c.api.get<Deployment>('Deployment', o.metadata.namespace, dref.name);
        if (d?.spec.strategy?.type === 'Recreate') c.enqueue(NAME, `${o.metadata.namespace}/${dref.name}`);
      }
    });
  },
};
