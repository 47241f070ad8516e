/**
 * CronJob controller: creates a Job named `<cronjob>-<scheduled time in Unix minutes>` at each scheduled time
 * of the simulation clock (UTC), honours concurrencyPolicy (Allow, Forbid, Replace), startingDeadlineSeconds
 * and suspend, tracks active jobs, and deletes finished jobs beyond the history limits.
 */
import type { Cluster, SimModule } from '../cluster';
import type { KObject } from '../api/types';
import { CONTROLLER_MANAGER } from './util';
import { controllerRef, ownerRefTo } from '../api/ownerReferences';
import { nsKey, splitKey } from '../api/store';
import { hasCondition } from '../api/conditions';
import { writeStatusIfChanged } from './writeStatus';
import { nextCronIn, parseCron } from '../kinds/cronSchedule';
import { isJobFinished } from './jobController';
import { rfc1123z } from '../util/rfc1123z';

const NAME = 'cronjob-controller';
const SCHEDULED_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

function ensureJobIndex(c: Cluster): void {
  if (c.store.hasIndex('Job', 'controller')) return;
  c.store.addIndex('Job', 'controller', (o) => {
    const r = controllerRef(o);
    return r ? [r.uid] : [];
  });
}

/** Unix ms of a simulation time (the cluster's clock starts at 2026-01-01T00:00:00Z). */
function unixOf(c: Cluster, simMs: number): number {
  return Date.parse(c.iso(0)) + simMs;
}

/**
 * K: mostRecentScheduleTime. The latest schedule time in (after, now] in sim ms, the next one after now, and
 * whether more than 100 were missed. The count is the real controller's estimate (time since the first missed
 * time over the gap between the first two, plus one), and the latest time is searched from one gap before that
 * estimate, so long outages cost no loop over every missed time.
 */
export function scheduleTimes(
  c: Cluster,
  schedule: string,
  afterSim: number,
  tz?: string,
): { last?: number; next?: number; tooMany?: boolean } {
  const s = parseCron(schedule);
  if (typeof s === 'string') return {};
  const base = unixOf(c, 0);
  const nowUnix = unixOf(c, c.now);
  const next = nextCronIn(s, nowUnix, tz);
  const out = (last: number | undefined, tooMany = false) => ({
    ...(last !== undefined ? { last: last - base } : {}),
    ...(next !== undefined ? { next: next - base } : {}),
    ...(tooMany ? { tooMany } : {}),
  });
  const t1 = nextCronIn(s, unixOf(c, afterSim), tz);
  if (t1 === undefined || nowUnix < t1) return out(undefined);
  const t2 = nextCronIn(s, t1, tz);
  if (t2 === undefined || nowUnix < t2) return out(t1);
  const gap = Math.round((t2 - t1) / 1000);
  const missed = Math.floor((nowUnix - t1) / 1000 / gap) + 1;
  let last: number | undefined;
  let t = nextCronIn(s, t1 + (missed - 2) * gap * 1000, tz);
  while (t !== undefined && t <= nowUnix) {
    last = t;
    t = nextCronIn(s, t, tz);
  }
  return out(last, missed > 100);
}

function jobRef(j: KObject) {
  return {
    kind: 'Job',
    namespace: j.metadata.namespace,
    name: j.metadata.name,
    uid: j.metadata.uid,
    apiVersion: 'batch/v1',
  };
}

/** The status being built by one sync; written once at the end (K: cronjob_controllerv2 updates status last). */
type CronStatus = Record<string, unknown>;

/** Deletes one Job of `cj` in the background and reports it as the real controller does. */
function deleteJob(c: Cluster, cj: KObject, j: KObject): void {
  if (
    c.api.delete('Job', cj.metadata.namespace!, j.metadata.name, {
      actor: CONTROLLER_MANAGER,
      propagationPolicy: 'Background',
    }).ok
  ) {
    c.api.recordEvent(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, NAME);
  }
}

/**
 * Step 1 (K: getJobsToBeReconciled + the finished-job loop of syncCronJob): the Jobs this CronJob controls; a
 * finished Job still listed as active gets a SawCompletedJob event, and the newest completion becomes
 * lastSuccessfulTime.
 */
function reconcileJobs(c: Cluster, cj: KObject, status: CronStatus): KObject[] {
  const jobs = c.api.byIndex('Job', 'controller', cj.metadata.uid!);
  const seen = new Set(((cj.status?.active ?? []) as { uid?: string }[]).map((r) => r.uid));
  for (const j of jobs) {
    if (isJobFinished(j) && seen.has(j.metadata.uid)) {
      const cond = hasCondition(j, 'Complete') ? 'Complete' : 'Failed';
      c.api.recordEvent(
        cj,
        'Normal',
        'SawCompletedJob',
        `Saw completed job: ${j.metadata.name}, condition: ${cond}`,
        NAME,
      );
    }
    if (hasCondition(j, 'Complete')) {
      const t = j.status?.completionTime as string | undefined;
      if (t && (!status.lastSuccessfulTime || t > (status.lastSuccessfulTime as string)))
        status.lastSuccessfulTime = t;
    }
  }
  return jobs;
}

/** Oldest scheduled first (the scheduled-timestamp annotation, else creation time). */
function byScheduledTime(a: KObject, b: KObject): number {
  return String(a.metadata.annotations?.[SCHEDULED_ANNOTATION] ?? a.metadata.creationTimestamp) <
    String(b.metadata.annotations?.[SCHEDULED_ANNOTATION] ?? b.metadata.creationTimestamp)
    ? -1
    : 1;
}

/**
 * Step 2 (K: cleanupFinishedJobs): deletes the oldest finished Jobs beyond successfulJobsHistoryLimit (default 3)
 * and failedJobsHistoryLimit (default 1).
 */
function cleanupFinishedJobs(c: Cluster, cj: KObject, jobs: KObject[]): void {
  const spec = cj.spec;
  for (const [cond, limit] of [
    ['Complete', spec.successfulJobsHistoryLimit ?? 3],
    ['Failed', spec.failedJobsHistoryLimit ?? 1],
  ] as const) {
    const done = jobs
      .filter((j) => hasCondition(j, cond) && !j.metadata.deletionTimestamp)
      .sort(byScheduledTime);
    for (const j of done.slice(0, Math.max(0, done.length - limit))) deleteJob(c, cj, j);
  }
}

/** The Jobs of `cj` still running (not finished, not being deleted), read again after the clean-up. */
function activeJobs(c: Cluster, cj: KObject): KObject[] {
  return c.api
    .byIndex('Job', 'controller', cj.metadata.uid!)
    .filter((j) => !isJobFinished(j) && !j.metadata.deletionTimestamp);
}

/**
 * Step 3 (K: nextScheduleTime): the latest schedule time missed since lastScheduleTime (or creation) and the
 * next one, in sim ms. With startingDeadlineSeconds the search starts no earlier than that many seconds ago: a
 * time missed by more is not a candidate at all (so, as in Kubernetes 1.32, no MissSchedule event follows it).
 */
function missedSchedule(c: Cluster, cj: KObject, status: CronStatus) {
  let from = status.lastScheduleTime
    ? c.fromIso(status.lastScheduleTime as string)
    : c.fromIso(cj.metadata.creationTimestamp);
  const deadline = cj.spec.startingDeadlineSeconds;
  if (typeof deadline === 'number') from = Math.max(from, c.now - deadline * 1000);
  return scheduleTimes(c, String(cj.spec.schedule ?? ''), from, cj.spec.timeZone);
}

/** Step 4a (K: startingDeadlineSeconds check): true when schedule time `last` is too late to start. */
function pastStartingDeadline(c: Cluster, cj: KObject, last: number): boolean {
  const deadline = cj.spec.startingDeadlineSeconds;
  return deadline !== undefined && deadline !== null && c.now - last > deadline * 1000;
}

/**
 * Step 4b (K: the concurrencyPolicy switch): false when Forbid must skip this run; Replace deletes the active Jobs
 * first. Returns the Jobs still active.
 */
function applyConcurrencyPolicy(
  c: Cluster,
  cj: KObject,
  active: KObject[],
): { start: boolean; active: KObject[] } {
  const policy = cj.spec.concurrencyPolicy;
  if (policy === 'Forbid' && active.length) {
    c.api.recordEvent(
      cj,
      'Normal',
      'JobAlreadyActive',
      'Not starting job because prior execution is running and concurrency policy is Forbid',
      NAME,
    );
    return { start: false, active };
  }
  if (policy === 'Replace') {
    for (const j of active) deleteJob(c, cj, j);
    return { start: true, active: [] };
  }
  return { start: true, active };
}

/** Step 5 (K: getJobFromTemplate2 + CreateJob): the Job `<cronjob>-<scheduled time in Unix minutes>`. */
function createJob(c: Cluster, cj: KObject, last: number): KObject | undefined {
  const { name, namespace: ns } = cj.metadata;
  const jobName = `${name}-${Math.floor(unixOf(c, last) / 60_000)}`;
  const tmpl = cj.spec.jobTemplate ?? {};
  const r = c.api.create(
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace: ns,
        labels: { ...(tmpl.metadata?.labels ?? {}) },
        annotations: { ...(tmpl.metadata?.annotations ?? {}), [SCHEDULED_ANNOTATION]: c.iso(last) },
        ownerReferences: [ownerRefTo(cj)],
      },
      spec: structuredClone(tmpl.spec ?? {}),
    },
    { actor: CONTROLLER_MANAGER },
  );
  if (r.ok) {
    c.api.recordEvent(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`, NAME);
    return r.obj;
  }
  if (r.error.reason !== 'AlreadyExists') {
    c.api.recordEvent(cj, 'Warning', 'FailedCreate', `Error creating job: ${r.error.message}`, NAME);
    return undefined;
  }
  // Made by an earlier sync whose status write was lost: adopt it into the active list; another owner's Job is
  // left to that owner.
  const existing = c.api.get('Job', ns!, jobName);
  return existing && controllerRef(existing)?.uid === cj.metadata.uid ? existing : undefined;
}

/**
 * Steps 4–5 for schedule time `last`: skip it past the deadline (MissSchedule) or under Forbid, else create the
 * Job. Only a Job made marks `last` handled in lastScheduleTime: a time Forbid held back stays the most recent
 * unmet one, so the sync that sees the active Job finish starts it (within startingDeadlineSeconds, if set).
 * Returns the Jobs active afterwards.
 */
function runSchedule(
  c: Cluster,
  cj: KObject,
  status: CronStatus,
  last: number,
  active: KObject[],
): KObject[] {
  if (pastStartingDeadline(c, cj, last)) {
    c.api.recordEvent(
      cj,
      'Warning',
      'MissSchedule',
      `Missed scheduled time to start a job: ${rfc1123z(c.iso(last))}`,
      NAME,
    );
    return active;
  }
  const policy = applyConcurrencyPolicy(c, cj, active);
  if (!policy.start) return policy.active;
  const job = createJob(c, cj, last);
  if (!job) return policy.active;
  status.lastScheduleTime = c.iso(last);
  return policy.active.some((j) => j.metadata.uid === job.metadata.uid)
    ? policy.active
    : [...policy.active, job];
}

/** Step 6 (K: the status update at the end of syncCronJob): active references, then one status write. */
function updateStatus(c: Cluster, cj: KObject, status: CronStatus, active: KObject[]): void {
  if (active.length) status.active = active.map(jobRef);
  else delete status.active;
  writeStatusIfChanged(c, cj, status);
}

/** One sync of CronJob `key`, in the order of K:pkg/controller/cronjob (controller v2's syncCronJob). */
function syncCronJob(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const cj = c.api.get('CronJob', ns, name);
  if (!cj || cj.metadata.deletionTimestamp) return;
  const status: CronStatus = { ...(cj.status ?? {}) };
  const jobs = reconcileJobs(c, cj, status);
  cleanupFinishedJobs(c, cj, jobs);
  let active = activeJobs(c, cj);
  // A suspended CronJob looks at no schedule time (and warns of none) until an update resumes it.
  if (cj.spec.suspend) return updateStatus(c, cj, status, active);
  const { last, next, tooMany } = missedSchedule(c, cj, status);
  if (tooMany)
    c.api.recordEvent(
      cj,
      'Warning',
      'TooManyMissedTimes',
      'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      NAME,
    );
  if (last !== undefined) active = runSchedule(c, cj, status, last, active);
  updateStatus(c, cj, status, active);
  // Requeue for the next schedule time (K: nextScheduleTimeDuration).
  if (next !== undefined) c.enqueueAfter(NAME, key, next - c.now);
}

export const cronJobController: SimModule = {
  name: NAME,
  install(c) {
    ensureJobIndex(c);
    c.registerReconciler(NAME, (key) => syncCronJob(c, key));
    c.api.watch('CronJob', (type, o) => {
      if (type !== 'DELETED') c.enqueue(NAME, nsKey(o));
    });
    c.api.watch('Job', (_type, o, old) => {
      const ref = controllerRef(o);
      if (ref?.kind !== 'CronJob') return;
      if (
        old &&
        isJobFinished(old) === isJobFinished(o) &&
        !!old.metadata.deletionTimestamp === !!o.metadata.deletionTimestamp
      )
        return;
      c.enqueue(NAME, `${o.metadata.namespace}/${ref.name}`);
    });
  },
};
