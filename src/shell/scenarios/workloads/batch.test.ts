/**
 * Jobs and CronJobs from the kubernetes.io examples, run as a learner would type them.
 */
import { describe, expect, it } from 'vitest';
import { newSession, sh } from '../../testing/harness';
import { apply, get, podsOf } from './fixtures';

const PI = (
  extra = '',
  command = '["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]',
) => `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
${extra}  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ${command}
      restartPolicy: Never
  backoffLimit: 4`;

describe('Job', () => {
  it('refuses changes to its template and completions: field is immutable', () => {
    const s = newSession();
    apply(s, PI());
    expect(apply(s, PI('  completions: 3\n'))).toMatch(
      /The Job "pi" is invalid: spec.completions: Invalid value: 3: field is immutable/,
    );
    expect(apply(s, PI('', '["sh", "-c", "echo 3"]'))).toMatch(
      /The Job "pi" is invalid: spec.template: Invalid value: .*: field is immutable/,
    );
    expect(get(s, 'Job', 'pi').spec.completions).toBe(1);
  });

  it('the pi example completes and its logs hold the digits', () => {
    const s = newSession();
    apply(s, PI());
    const job = get(s, 'Job', 'pi');
    expect(job.spec.selector.matchLabels['batch.kubernetes.io/controller-uid']).toBe(job.metadata.uid);
    s.cluster.advance(60_000);
    expect(sh(s, 'kubectl get jobs')).toMatch(/pi\s+Complete\s+1\/1/);
    expect(sh(s, 'kubectl logs job/pi')).toMatch(/^3\.14159265358979323846264338327950288419716939937510/);
    expect(sh(s, 'kubectl get pods')).toMatch(/pi-[a-z0-9]{5}\s+0\/1\s+Completed/);
    expect(s.cluster.api.eventsFor(get(s, 'Job', 'pi')).map((e) => e.reason)).toEqual([
      'SuccessfulCreate',
      'Completed',
    ]);
  });

  it('completions with parallelism run at most parallelism pods at a time', () => {
    const s = newSession();
    apply(
      s,
      PI('  completions: 5\n  parallelism: 2\n', '["sh", "-c", "sleep 5"]').replace(
        'perl:5.34.0',
        'busybox:1.28',
      ),
    );
    let most = 0;
    for (let i = 0; i < 120; i++) {
      s.cluster.advance(1000);
      const running = podsOf(s, 'pi-').filter(
        (p) => p.status.phase === 'Running' || p.status.phase === 'Pending',
      ).length;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    expect(get(s, 'Job', 'pi').status.succeeded).toBe(5);
    expect(podsOf(s, 'pi-')).toHaveLength(5);
  });

  it('fails after backoffLimit failed pods with BackoffLimitExceeded', () => {
    const s = newSession();
    apply(
      s,
      PI('', '["sh", "-c", "exit 1"]')
        .replace('perl:5.34.0', 'busybox:1.28')
        .replace('backoffLimit: 4', 'backoffLimit: 2'),
    );
    s.cluster.advance(300_000);
    const job = get(s, 'Job', 'pi');
    expect(job.status.failed).toBe(3);
    expect(sh(s, 'kubectl get job pi')).toMatch(/pi\s+Failed\s+0\/1/);
    expect(
      s.cluster.api
        .eventsFor(job)
        .some(
          (e) =>
            e.reason === 'BackoffLimitExceeded' &&
            e.message === 'Job has reached the specified backoff limit',
        ),
    ).toBe(true);
  });

  it('activeDeadlineSeconds fails a Job that runs too long; ttlSecondsAfterFinished removes a finished one', () => {
    const s = newSession();
    apply(
      s,
      PI('  activeDeadlineSeconds: 20\n', '["sh", "-c", "sleep 600"]').replace('perl:5.34.0', 'busybox:1.28'),
    );
    s.cluster.advance(25_000);
    const job = get(s, 'Job', 'pi');
    expect(job.status.conditions.find((c: { type: string }) => c.type === 'Failed').reason).toBe(
      'DeadlineExceeded',
    );
    expect(
      podsOf(s, 'pi-').filter((p) => !p.metadata.deletionTimestamp && p.status.phase === 'Running'),
    ).toEqual([]);
    apply(s, PI('  ttlSecondsAfterFinished: 30\n').replace('name: pi', 'name: pi2'));
    for (let i = 0; i < 120 && !get(s, 'Job', 'pi2').status.completionTime; i++) s.cluster.advance(1000);
    // completionTime has second precision: the TTL runs out 29–30 s after the loop saw it.
    s.cluster.advance(28_000);
    expect(s.cluster.api.get('Job', 'default', 'pi2')).toBeDefined();
    s.cluster.advance(3_000);
    expect(s.cluster.api.get('Job', 'default', 'pi2')).toBeUndefined();
    expect(podsOf(s, 'pi2-')).toEqual([]);
  });

  it('create job --from=cronjob copies the template and marks a manual run', () => {
    const s = newSession();
    sh(s, 'kubectl create cronjob nightly --image=busybox:1.28 --schedule="0 3 * * *" -- echo backup');
    expect(sh(s, 'kubectl create job manual --from=cronjob/nightly')).toContain('job.batch/manual created');
    const job = get(s, 'Job', 'manual');
    expect(job.metadata.annotations!['cronjob.kubernetes.io/instantiate']).toBe('manual');
    expect(job.metadata.ownerReferences![0]!.kind).toBe('CronJob');
    s.cluster.advance(30_000);
    expect(sh(s, 'kubectl logs job/manual')).toContain('backup');
  });

  it('an Indexed Job gives each pod its completion index (name, hostname, JOB_COMPLETION_INDEX)', () => {
    const s = newSession();
    apply(
      s,
      `apiVersion: batch/v1
kind: Job
metadata:
  name: indexed-job
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox:1.28
        command: ["sh", "-c", "echo index=$JOB_COMPLETION_INDEX host=$(hostname)"]`,
    );
    s.cluster.advance(30_000);
    const ps = podsOf(s, 'indexed-job-');
    expect(ps.map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, '')).sort()).toEqual([
      'indexed-job-0',
      'indexed-job-1',
      'indexed-job-2',
    ]);
    const one = ps.find((p) => p.metadata.name.startsWith('indexed-job-1-'))!;
    expect(sh(s, `kubectl logs ${one.metadata.name}`)).toContain('index=1 host=indexed-job-1');
    const job = get(s, 'Job', 'indexed-job');
    expect(job.status.completedIndexes).toBe('0-2');
    expect(sh(s, 'kubectl get job indexed-job')).toMatch(/Complete\s+3\/3/);
    expect(
      apply(s, PI('  completionMode: Indexed\n  parallelism: 2\n').replace('name: pi', 'name: bad')),
    ).toContain('spec.completions: Required value: when completion mode is Indexed');
  });

  it('refuses restartPolicy Always', () => {
    const s = newSession();
    const out = apply(s, PI().replace('restartPolicy: Never', 'restartPolicy: Always'));
    expect(out).toContain('spec.template.spec.restartPolicy');
  });
});

describe('CronJob', () => {
  const CRON = (extra = '') => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
${extra}  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure`;

  it('creates a Job each minute named by the scheduled time and keeps 3 successful ones', () => {
    const s = newSession();
    apply(s, CRON());
    s.cluster.advance(61_000);
    const first = s.cluster.api.list('Job', 'default');
    expect(first).toHaveLength(1);
    expect(first[0]!.metadata.name).toBe(`hello-${Math.floor(Date.parse(s.cluster.iso(60_000)) / 60_000)}`);
    s.cluster.advance(30_000);
    expect(sh(s, `kubectl logs job/${first[0]!.metadata.name}`)).toContain(
      'Hello from the Kubernetes cluster',
    );
    s.cluster.advance(5 * 60_000);
    const jobs = s.cluster.api.list('Job', 'default');
    expect(jobs).toHaveLength(3);
    const cj = get(s, 'CronJob', 'hello');
    expect(cj.status.lastScheduleTime).toBe(s.cluster.iso(6 * 60_000));
    expect(sh(s, 'kubectl get cronjob hello')).toMatch(
      /hello\s+\* \* \* \* \*\s+<none>\s+False|hello\s+\* \* \* \* \*\s+<none>\s+false/,
    );
    expect(s.cluster.api.eventsFor(cj).some((e) => e.reason === 'SawCompletedJob')).toBe(true);
  });

  it('Forbid holds a run back while the previous Job is active and starts it when that one finishes', () => {
    const s = newSession();
    apply(
      s,
      CRON('  concurrencyPolicy: Forbid\n').replace(
        'date; echo Hello from the Kubernetes cluster',
        'sleep 100',
      ),
    );
    s.cluster.advance(3 * 60_000 + 1000);
    const jobs = s.cluster.api.list('Job', 'default');
    // K: cronjob_controllerv2 leaves lastScheduleTime at the 1m run when Forbid holds the 2m one back, so the sync
    // that sees the 1m Job (sleep 100 s) finish, at about 2m45s, starts the 2m run late; at 3m that one is active.
    expect(
      jobs.map((j) => j.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']),
    ).toEqual([s.cluster.iso(60_000), s.cluster.iso(120_000)]);
    const late = jobs[1]!;
    expect(s.cluster.fromIso(late.metadata.creationTimestamp)).toBeGreaterThan(160_000);
  });

  it("honours spec.timeZone: 9 o'clock in Asia/Shanghai is 01:00 UTC", () => {
    const s = newSession();
    apply(s, CRON().replace('"* * * * *"', '"0 9 * * *"\n  timeZone: Asia/Shanghai'));
    s.cluster.advance(61 * 60_000);
    expect(
      s.cluster.api
        .list('Job', 'default')
        .map((j) => j.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']),
    ).toEqual([s.cluster.iso(3600_000)]);
    expect(
      apply(
        s,
        CRON()
          .replace('name: hello', 'name: mars')
          .replace('"* * * * *"', '"0 9 * * *"\n  timeZone: Mars/Base'),
      ),
    ).toContain('spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base');
  });

  it('rejects a bad schedule', () => {
    const s = newSession();
    expect(apply(s, CRON().replace('"* * * * *"', '"61 * * * *"'))).toContain(
      'spec.schedule: Invalid value: "61 * * * *"',
    );
  });
});
