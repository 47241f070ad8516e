/**
 * Job controller: runs pods to completion — `parallelism` at a time until `completions` succeed; failed pods
 * count towards `backoffLimit` (with the 10 s doubling back-off before a replacement); `activeDeadlineSeconds`;
 * conditions SuccessCriteriaMet/Complete and FailureTarget/Failed as in v1.31+; `ttlSecondsAfterFinished`.
 */
import type { Cluster, SimModule } from '../cluster';
import type { KObject, Pod } from '../api/types';
import { CONTROLLER_MANAGER, ensurePodIndexes } from './util';
import type { OwnedPodWatch } from './ownedPodWatch';
import { restartsOf } from '../api/podState';
import { isPodReady } from '../api/podReady';
import { nsKey, splitKey } from '../api/store';
import { createPodFrom } from './podFactory';
import { hasCondition, upsertCondition, type Condition } from '../api/conditions';
import { writeStatusIfChanged } from './writeStatus';

const NAME = 'job-controller';
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;

export function isJobFinished(j: KObject): boolean {
  return hasCondition(j, 'Complete') || hasCondition(j, 'Failed');
}

function reconcile(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const job = c.api.get('Job', ns, name);
  if (!job || job.metadata.deletionTimestamp) return;
  const spec = job.spec;
  const now = c.iso();
  const pods = c.api.byIndex<Pod>('Pod', 'controller', job.metadata.uid!);
  const succeededPods = pods.filter((p) => p.status?.phase === 'Succeeded');
  const failedPods = pods.filter((p) => p.status?.phase === 'Failed');
  const active = pods.filter(
    (p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const terminating = pods.filter(
    (p) => p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const restartPolicy = spec.template?.spec?.restartPolicy;
  // With OnFailure, container restarts are failures too.
  const failures =
    failedPods.length + (restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + restartsOf(p), 0) : 0);
  const indexed = spec.completionMode === 'Indexed';
  const succeededIndexes = new Set(
    succeededPods.map(indexOf).filter((i) => i >= 0 && i < (spec.completions ?? 0)),
  );
  const succeeded = indexed ? succeededIndexes.size : succeededPods.length;
  let conditions = [...((job.status?.conditions ?? []) as Condition[])];
  const status: Record<string, unknown> = { ...(job.status ?? {}) };

  if (isJobFinished(job)) {
    // Finished: nothing runs any more; the TTL controller part removes the Job when asked to.
    for (const p of active) c.api.delete('Pod', ns, p.metadata.name, { actor: CONTROLLER_MANAGER });
    const ttl = spec.ttlSecondsAfterFinished;
    if (ttl !== undefined && ttl !== null) {
      const fin = c.fromIso(
        job.status?.completionTime ??
          conditions.find((x) => x.type === 'Complete' || x.type === 'Failed')?.lastTransitionTime,
      );
      const due = fin + ttl * 1000;
      if (c.now >= due)
        c.api.delete('Job', ns, name, { actor: CONTROLLER_MANAGER, propagationPolicy: 'Background' });
      else c.enqueueAfter(NAME, key, due - c.now);
    }
    finishStatus(c, job, status, pods, active, terminating, succeeded, failedPods.length);
    return;
  }

  if (spec.suspend) {
    for (const p of active) c.api.delete('Pod', ns, p.metadata.name, { actor: CONTROLLER_MANAGER });
    conditions = upsertCondition(
      conditions,
      { type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' },
      now,
      true,
    );
    status.conditions = conditions;
    finishStatus(c, job, status, pods, [], terminating, succeeded, failedPods.length);
    return;
  }
  if (hasCondition(job, 'Suspended')) {
    conditions = upsertCondition(
      conditions,
      { type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' },
      now,
      true,
    );
    status.startTime = now;
  }
  status.startTime ??= now;

  const completions: number | undefined = spec.completions ?? undefined;
  const parallelism: number = spec.parallelism ?? 1;
  const backoffLimit: number = spec.backoffLimit ?? 6;
  let fail: { reason: string; message: string } | undefined;
  if (failures > backoffLimit)
    fail = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
  else if (
    spec.activeDeadlineSeconds &&
    c.now - c.fromIso(status.startTime as string) >= spec.activeDeadlineSeconds * 1000
  ) {
    fail = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
  }
  const complete =
    completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0;

  if (fail) {
    for (const p of active) c.api.delete('Pod', ns, p.metadata.name, { actor: CONTROLLER_MANAGER });
    conditions = upsertCondition(conditions, { type: 'FailureTarget', status: 'True', ...fail }, now, true);
    conditions = upsertCondition(conditions, { type: 'Failed', status: 'True', ...fail }, now, true);
    c.api.recordEvent(job, 'Warning', fail.reason, fail.message, NAME);
    status.conditions = conditions;
    finishStatus(c, job, status, pods, [], terminating, succeeded, failedPods.length);
    c.enqueue(NAME, key);
    return;
  }
  if (complete) {
    for (const p of active) c.api.delete('Pod', ns, p.metadata.name, { actor: CONTROLLER_MANAGER });
    conditions = upsertCondition(
      conditions,
      {
        type: 'SuccessCriteriaMet',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      },
      now,
      true,
    );
    conditions = upsertCondition(
      conditions,
      {
        type: 'Complete',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      },
      now,
      true,
    );
    status.completionTime = now;
    status.conditions = conditions;
    c.api.recordEvent(job, 'Normal', 'Completed', 'Job completed', NAME);
    finishStatus(c, job, status, pods, [], terminating, succeeded, failedPods.length);
    c.enqueue(NAME, key);
    return;
  }

  // How many should run now.
  let want =
    completions !== undefined
      ? Math.min(parallelism, completions - succeeded)
      : succeeded > 0
        ? 0
        : parallelism;
  want = Math.max(0, want);
  const running = [...active];
  if (running.length > want) {
    const extra = running
      .sort((a, b) => (a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? -1 : 1))
      .slice(0, running.length - want);
    for (const p of extra) {
      if (c.api.delete('Pod', ns, p.metadata.name, { actor: CONTROLLER_MANAGER }).ok)
        c.api.recordEvent(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, NAME);
    }
  } else if (running.length < want && !(spec.podReplacementPolicy === 'Failed' && terminating.length)) {
    // Replacements of failed pods wait: 10 s, 20 s, 40 s… capped at 6 min.
    const lastFail = Math.max(
      0,
      ...failedPods.map((p) => c.fromIso(finishedAt(p) ?? p.metadata.creationTimestamp)),
    );
    const delay = failedPods.length
      ? Math.min(BACKOFF_BASE_MS * 2 ** (failedPods.length - 1), BACKOFF_MAX_MS)
      : 0;
    if (failedPods.length && c.now < lastFail + delay) {
      c.enqueueAfter(NAME, key, lastFail + delay - c.now);
    } else {
      const busy = new Set(running.map(indexOf));
      const freeIndexes: number[] = [];
      if (indexed)
        for (let i = 0; i < (completions ?? 0); i++)
          if (!succeededIndexes.has(i) && !busy.has(i)) freeIndexes.push(i);
      for (let i = running.length; i < want; i++) {
        const idx = indexed ? freeIndexes.shift() : undefined;
        if (indexed && idx === undefined) break;
        const r = createPodFrom(
          c,
          job,
          spec.template,
          idx === undefined ? { generateName: `${name}-` } : indexedPod(name, idx),
        );
        if (r.ok) {
          running.push(r.obj);
          c.api.recordEvent(job, 'Normal', 'SuccessfulCreate', `Created pod: ${r.obj.metadata.name}`, NAME);
        } else {
          c.api.recordEvent(job, 'Warning', 'FailedCreate', `Error creating: ${r.error.message}`, NAME);
          c.enqueueAfter(NAME, key, 10_000);
          break;
        }
      }
    }
  }
  if (spec.activeDeadlineSeconds) {
    const due = c.fromIso(status.startTime as string) + spec.activeDeadlineSeconds * 1000;
    if (due > c.now) c.enqueueAfter(NAME, key, due - c.now);
  }
  status.conditions = conditions.length ? conditions : undefined;
  finishStatus(c, job, status, pods, running, terminating, succeeded, failedPods.length);
}

export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

function indexOf(p: Pod): number {
  const v = p.metadata.annotations?.[COMPLETION_INDEX];
  return v === undefined ? -1 : Number(v);
}

/** An Indexed Job's pod: `<job>-<index>-<suffix>`, hostname `<job>-<index>`, JOB_COMPLETION_INDEX in its env. */
function indexedPod(job: string, idx: number) {
  return {
    generateName: `${job}-${idx}-`,
    labels: { [COMPLETION_INDEX]: String(idx) },
    annotations: { [COMPLETION_INDEX]: String(idx) },
    spec: (s: Pod['spec']) => {
      s.hostname = `${job}-${idx}`;
      for (const ct of [...(s.initContainers ?? []), ...s.containers]) {
        ct.env = [
          ...(ct.env ?? []).filter((e) => e.name !== 'JOB_COMPLETION_INDEX'),
          {
            name: 'JOB_COMPLETION_INDEX',
            valueFrom: {
              fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` },
            },
          },
        ];
      }
    },
  };
}

/** `0-2,4`: the completedIndexes notation. */
export function indexRanges(ix: number[]): string {
  const sorted = [...new Set(ix)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return out.join(',');
}

function finishedAt(p: Pod): string | undefined {
  return (p.status?.containerStatuses ?? [])
    .map((s) => s.state.terminated?.finishedAt)
    .filter(Boolean)
    .sort()
    .pop();
}

function finishStatus(
  c: Cluster,
  job: KObject,
  status: Record<string, unknown>,
  pods: Pod[],
  active: Pod[],
  terminating: Pod[],
  succeeded: number,
  failed: number,
): void {
  const out: Record<string, unknown> = {};
  if (status.conditions) out.conditions = status.conditions;
  if (status.startTime) out.startTime = status.startTime;
  if (status.completionTime) out.completionTime = status.completionTime;
  if (active.length) out.active = active.length;
  if (succeeded) out.succeeded = succeeded;
  if (failed) out.failed = failed;
  if (job.spec?.completionMode === 'Indexed') {
    const done = pods
      .filter((p) => p.status?.phase === 'Succeeded')
      .map(indexOf)
      .filter((i) => i >= 0);
    if (done.length) out.completedIndexes = indexRanges(done);
  }
  out.terminating = terminating.length;
  out.ready = active.filter(isPodReady).length;
  out.uncountedTerminatedPods = {};
  writeStatusIfChanged(c, job, out);
}

/** The Job controller; `ownedPods` is the cluster's shared watch of owned pods (see ownedPodWatch.ts). */
export function jobController(ownedPods: OwnedPodWatch): SimModule {
  return {
    name: NAME,
    install(c) {
      ensurePodIndexes(c);
      c.registerReconciler(NAME, (key) => reconcile(c, key));
      c.api.watch('Job', (type, o) => {
        if (type !== 'DELETED') c.enqueue(NAME, nsKey(o));
      });
      ownedPods.watch(c, 'Job', NAME, (q, p) => restartsOf(q) !== restartsOf(p));
    },
  };
}
