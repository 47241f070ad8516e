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

/** One sync of one Job: its pods counted as the real syncJob counts them, and the status being written. */
interface JobSync {
  c: Cluster;
  key: string;
  job: KObject;
  /** The sync's time, for condition transitions and startTime. */
  now: string;
  pods: Pod[];
  failedPods: Pod[];
  /** Not terminating and not finished. */
  active: Pod[];
  terminating: Pod[];
  /** Failed pods, plus container restarts under restartPolicy OnFailure. */
  failures: number;
  indexed: boolean;
  succeededIndexes: Set<number>;
  /** Succeeded pods (Indexed: distinct succeeded indexes below completions). */
  succeeded: number;
  conditions: Condition[];
  status: Record<string, unknown>;
}

/** getPodsForJob and the counts of syncJob: active, terminating, succeeded, failed. */
function getPodsForJob(c: Cluster, key: string, job: KObject): JobSync {
  const spec = job.spec;
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
  return {
    c,
    key,
    job,
    now: c.iso(),
    pods,
    failedPods,
    active,
    terminating,
    failures,
    indexed,
    succeededIndexes,
    succeeded: indexed ? succeededIndexes.size : succeededPods.length,
    conditions: [...((job.status?.conditions ?? []) as Condition[])],
    status: { ...(job.status ?? {}) },
  };
}

/** Deletes every pod in `pods` (a finished, suspended or failed Job stops what runs). */
function deleteJobPods(s: JobSync, pods: Pod[]): void {
  for (const p of pods)
    s.c.api.delete('Pod', s.job.metadata.namespace, p.metadata.name, { actor: CONTROLLER_MANAGER });
}

/** A finished Job: nothing runs any more; the TTL-after-finished part removes the Job when its time comes. */
function syncFinishedJob(s: JobSync): void {
  const { c, job, key } = s;
  deleteJobPods(s, s.active);
  const ttl = job.spec.ttlSecondsAfterFinished;
  if (ttl !== undefined && ttl !== null) {
    const fin = c.fromIso(
      job.status?.completionTime ??
        s.conditions.find((x) => x.type === 'Complete' || x.type === 'Failed')?.lastTransitionTime,
    );
    const due = fin + ttl * 1000;
    if (c.now >= due)
      c.api.delete('Job', job.metadata.namespace, job.metadata.name, {
        actor: CONTROLLER_MANAGER,
        propagationPolicy: 'Background',
      });
    else c.enqueueAfter(NAME, key, due - c.now);
  }
  updateJobStatus(s, s.active);
}

/** spec.suspend: deletes the active pods and sets Suspended=True (JobSuspended). */
function suspendJob(s: JobSync): void {
  deleteJobPods(s, s.active);
  s.conditions = upsertCondition(
    s.conditions,
    { type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' },
    s.now,
    true,
  );
  s.status.conditions = s.conditions;
  updateJobStatus(s, []);
}

/** A resumed Job: Suspended=False (JobResumed) and a new startTime; a new Job gets its first startTime. */
function resumeOrStart(s: JobSync): void {
  if (hasCondition(s.job, 'Suspended')) {
    s.conditions = upsertCondition(
      s.conditions,
      { type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' },
      s.now,
      true,
    );
    s.status.startTime = s.now;
  }
  s.status.startTime ??= s.now;
}

/** pastBackoffLimit / pastActiveDeadline: why the Job fails now, if it does. */
function jobFailure(s: JobSync): { reason: string; message: string } | undefined {
  const { c, job } = s;
  const backoffLimit: number = job.spec.backoffLimit ?? 6;
  if (s.failures > backoffLimit)
    return { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
  const deadline = job.spec.activeDeadlineSeconds;
  if (deadline && c.now - c.fromIso(s.status.startTime as string) >= deadline * 1000)
    return { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
  return undefined;
}

/** Whether enough pods succeeded: `completions` of them, or (no completions) one and none active. */
function jobComplete(s: JobSync): boolean {
  const completions: number | undefined = s.job.spec.completions ?? undefined;
  return completions !== undefined ? s.succeeded >= completions : s.succeeded > 0 && s.active.length === 0;
}

/** FailureTarget then Failed with the reason, a Warning event, the active pods deleted. */
function failJob(s: JobSync, fail: { reason: string; message: string }): void {
  deleteJobPods(s, s.active);
  s.conditions = upsertCondition(
    s.conditions,
    { type: 'FailureTarget', status: 'True', ...fail },
    s.now,
    true,
  );
  s.conditions = upsertCondition(s.conditions, { type: 'Failed', status: 'True', ...fail }, s.now, true);
  s.c.api.recordEvent(s.job, 'Warning', fail.reason, fail.message, NAME);
  s.status.conditions = s.conditions;
  updateJobStatus(s, []);
  s.c.enqueue(NAME, s.key);
}

/** SuccessCriteriaMet then Complete (CompletionsReached), completionTime, the Completed event. */
function completeJob(s: JobSync): void {
  deleteJobPods(s, s.active);
  const met = {
    status: 'True' as const,
    reason: 'CompletionsReached',
    message: 'Reached expected number of succeeded pods',
  };
  s.conditions = upsertCondition(s.conditions, { type: 'SuccessCriteriaMet', ...met }, s.now, true);
  s.conditions = upsertCondition(s.conditions, { type: 'Complete', ...met }, s.now, true);
  s.status.completionTime = s.now;
  s.status.conditions = s.conditions;
  s.c.api.recordEvent(s.job, 'Normal', 'Completed', 'Job completed', NAME);
  updateJobStatus(s, []);
  s.c.enqueue(NAME, s.key);
}

/**
 * manageJob: deletes the newest surplus pods, or creates up to min(parallelism, completions left) after the
 * failure back-off (10 s doubling, 6 min cap); Indexed Jobs fill the free indexes. Returns the pods now active.
 */
function manageJob(s: JobSync): Pod[] {
  const { c, job, key } = s;
  const spec = job.spec;
  const name = job.metadata.name;
  const completions: number | undefined = spec.completions ?? undefined;
  const parallelism: number = spec.parallelism ?? 1;
  const want = Math.max(
    0,
    completions !== undefined
      ? Math.min(parallelism, completions - s.succeeded)
      : s.succeeded > 0
        ? 0
        : parallelism,
  );
  const running = [...s.active];
  if (running.length > want) {
    const extra = running
      .sort((a, b) => (a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? -1 : 1))
      .slice(0, running.length - want);
    for (const p of extra) {
      if (c.api.delete('Pod', job.metadata.namespace, p.metadata.name, { actor: CONTROLLER_MANAGER }).ok)
        c.api.recordEvent(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, NAME);
    }
    return running;
  }
  if (running.length >= want || (spec.podReplacementPolicy === 'Failed' && s.terminating.length))
    return running;
  // Replacements of failed pods wait: 10 s, 20 s, 40 s… capped at 6 min.
  const failedPods = s.failedPods;
  const lastFail = Math.max(
    0,
    ...failedPods.map((p) => c.fromIso(finishedAt(p) ?? p.metadata.creationTimestamp)),
  );
  const delay = failedPods.length
    ? Math.min(BACKOFF_BASE_MS * 2 ** (failedPods.length - 1), BACKOFF_MAX_MS)
    : 0;
  if (failedPods.length && c.now < lastFail + delay) {
    c.enqueueAfter(NAME, key, lastFail + delay - c.now);
    return running;
  }
  const busy = new Set(running.map(indexOf));
  const freeIndexes: number[] = [];
  if (s.indexed)
    for (let i = 0; i < (completions ?? 0); i++)
      if (!s.succeededIndexes.has(i) && !busy.has(i)) freeIndexes.push(i);
  for (let i = running.length; i < want; i++) {
    const idx = s.indexed ? freeIndexes.shift() : undefined;
    if (s.indexed && idx === undefined) break;
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
  return running;
}

/**
 * One sync of one Job, in the steps of K:pkg/controller/job (job_controller.go syncJob): pods and counts →
 * finished (TTL) / suspended / resumed → past backoff limit or deadline → complete → manageJob → status.
 */
function syncJob(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const job = c.api.get('Job', ns, name);
  if (!job || job.metadata.deletionTimestamp) return;
  const s = getPodsForJob(c, key, job);
  if (isJobFinished(job)) return syncFinishedJob(s);
  if (job.spec.suspend) return suspendJob(s);
  resumeOrStart(s);
  const fail = jobFailure(s);
  if (fail) return failJob(s, fail);
  if (jobComplete(s)) return completeJob(s);
  const running = manageJob(s);
  if (job.spec.activeDeadlineSeconds) {
    const due = c.fromIso(s.status.startTime as string) + job.spec.activeDeadlineSeconds * 1000;
    if (due > c.now) c.enqueueAfter(NAME, key, due - c.now);
  }
  s.status.conditions = s.conditions.length ? s.conditions : undefined;
  updateJobStatus(s, running);
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

/** updateStatus: conditions, times and counts; `active` are the pods that run after this sync. */
function updateJobStatus(s: JobSync, active: Pod[]): void {
  const { c, job, status, pods, terminating, succeeded } = s;
  const failed = s.failedPods.length;
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
      c.registerReconciler(NAME, (key) => syncJob(c, key));
      c.api.watch('Job', (type, o) => {
        if (type !== 'DELETED') c.enqueue(NAME, nsKey(o));
      });
      ownedPods.watch(c, 'Job', NAME, (q, p) => restartsOf(q) !== restartsOf(p));
    },
  };
}
