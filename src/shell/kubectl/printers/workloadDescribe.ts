/** describe for DaemonSet, StatefulSet, Job, CronJob and HorizontalPodAutoscaler, in kubectl's layout. */
import type { KObject, Pod } from '../../../sim/api/types';
import { formatLabelSelector, selectorMatches } from '../../../sim/api/labels';
import { humanDuration } from '../duration';
import { DescribeWriter, rfc1123z, type PrintContext } from './common';
import { describePodTemplate } from './podTemplate';
import { printerFor, registerPrinter, type TablePrinter } from './registry';
import { hpaTargets } from './workloads';
import './workloads';

function ownedPods(o: KObject, pc: PrintContext): Pod[] {
  return (pc.list('Pod', o.metadata.namespace) as Pod[]).filter((p) =>
    p.metadata.ownerReferences?.length
      ? p.metadata.ownerReferences.some((r) => r.controller && r.uid === o.metadata.uid)
      : selectorMatches(o.spec?.selector, p.metadata.labels),
  );
}

function podsStatus(pods: Pod[]): string {
  const n = (ph: string) => pods.filter((p) => (p.status?.phase ?? 'Pending') === ph).length;
  return `${n('Running')} Running / ${n('Pending')} Waiting / ${n('Succeeded')} Succeeded / ${n('Failed')} Failed`;
}

function header(w: DescribeWriter, o: KObject, withTimestamp = false): void {
  w.kv(0, 'Name', o.metadata.name);
  w.kv(0, 'Namespace', o.metadata.namespace);
  if (withTimestamp) w.kv(0, 'CreationTimestamp', rfc1123z(o.metadata.creationTimestamp));
}

export function describeDaemonSet(o: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  const st = o.status ?? {};
  // kubectl 1.32 prints no Namespace line for a DaemonSet (1.33 adds one after Name)
  w.kv(0, 'Name', o.metadata.name);
  w.kv(0, 'Selector', formatLabelSelector(o.spec?.selector));
  const ns = (o.spec?.template?.spec?.nodeSelector ?? {}) as Record<string, string>;
  w.kv(
    0,
    'Node-Selector',
    Object.keys(ns)
      .sort()
      .map((k) => `${k}=${ns[k]}`)
      .join(',') || '<none>',
  );
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  w.line(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}`);
  w.line(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}`);
  w.line(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}`);
  w.kv(0, 'Pods Status', podsStatus(ownedPods(o, pc)));
  describePodTemplate(w, o.spec?.template);
  return w.events(pc, o).toString();
}

export function describeStatefulSet(o: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  header(w, o, true);
  w.kv(0, 'Selector', formatLabelSelector(o.spec?.selector));
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  w.kv(0, 'Replicas', `${o.spec?.replicas ?? 1} desired | ${o.status?.replicas ?? 0} total`);
  const strategy = o.spec?.updateStrategy?.type ?? 'RollingUpdate';
  w.kv(0, 'Update Strategy', strategy);
  if (strategy === 'RollingUpdate')
    w.kv(1, 'Partition', String(o.spec?.updateStrategy?.rollingUpdate?.partition ?? 0));
  w.kv(0, 'Pods Status', podsStatus(ownedPods(o, pc)));
  describePodTemplate(w, o.spec?.template);
  const claims = (o.spec?.volumeClaimTemplates ?? []) as KObject[];
  if (!claims.length) w.kv(0, 'Volume Claims', '<none>');
  else {
    w.line(0, 'Volume Claims:');
    for (const c of claims) {
      w.kv(1, 'Name', c.metadata.name);
      w.kv(1, 'StorageClass', c.spec?.storageClassName ?? '');
      w.kv(1, 'Capacity', c.spec?.resources?.requests?.storage ?? '');
      w.kv(1, 'Access Modes', (c.spec?.accessModes ?? []).join(', '));
    }
  }
  return w.events(pc, o).toString();
}

export function describeJob(o: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  const st = o.status ?? {};
  header(w, o);
  w.kv(0, 'Selector', formatLabelSelector(o.spec?.selector));
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  const owner = o.metadata.ownerReferences?.find((r) => r.controller);
  if (owner) w.kv(0, 'Controlled By', `${owner.kind}/${owner.name}`);
  w.kv(0, 'Parallelism', String(o.spec?.parallelism ?? 1));
  w.kv(
    0,
    'Completions',
    o.spec?.completions === undefined || o.spec?.completions === null
      ? '<unset>'
      : String(o.spec.completions),
  );
  w.kv(0, 'Completion Mode', o.spec?.completionMode ?? 'NonIndexed');
  w.kv(0, 'Suspend', String(!!o.spec?.suspend));
  w.kv(0, 'Backoff Limit', String(o.spec?.backoffLimit ?? 6));
  if (st.startTime) w.kv(0, 'Start Time', rfc1123z(st.startTime));
  if (st.completionTime) {
    w.kv(0, 'Completed At', rfc1123z(st.completionTime));
    w.kv(0, 'Duration', humanDuration(pc.fromIso(st.completionTime) - pc.fromIso(st.startTime)));
  }
  w.kv(
    0,
    'Pods Statuses',
    `${st.active ?? 0} Active (${st.ready ?? 0} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`,
  );
  describePodTemplate(w, o.spec?.template);
  return w.events(pc, o).toString();
}

export function describeCronJob(o: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  header(w, o);
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  w.kv(0, 'Schedule', o.spec?.schedule);
  w.kv(0, 'Concurrency Policy', o.spec?.concurrencyPolicy ?? 'Allow');
  w.kv(0, 'Suspend', o.spec?.suspend ? 'True' : 'False');
  w.kv(0, 'Successful Job History Limit', String(o.spec?.successfulJobsHistoryLimit ?? 3));
  w.kv(0, 'Failed Job History Limit', String(o.spec?.failedJobsHistoryLimit ?? 1));
  w.kv(
    0,
    'Starting Deadline Seconds',
    o.spec?.startingDeadlineSeconds === undefined ? '<unset>' : `${o.spec.startingDeadlineSeconds}s`,
  );
  w.kv(0, 'Selector', '<unset>');
  w.kv(
    0,
    'Parallelism',
    o.spec?.jobTemplate?.spec?.parallelism === undefined
      ? '<unset>'
      : String(o.spec.jobTemplate.spec.parallelism),
  );
  w.kv(
    0,
    'Completions',
    o.spec?.jobTemplate?.spec?.completions === undefined
      ? '<unset>'
      : String(o.spec.jobTemplate.spec.completions),
  );
  describePodTemplate(w, o.spec?.jobTemplate?.spec?.template);
  w.kv(0, 'Last Schedule Time', o.status?.lastScheduleTime ? rfc1123z(o.status.lastScheduleTime) : '<unset>');
  const active = (o.status?.active ?? []) as { name: string }[];
  w.kv(0, 'Active Jobs', active.length ? active.map((a) => a.name).join(', ') : '<none>');
  return w.events(pc, o).toString();
}

interface HpaRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: { type: string; value: number; periodSeconds: number }[];
}

/** printDirectionBehavior: no tabs before the policies, which share one column block. */
function directionBehavior(w: DescribeWriter, title: string, r: HpaRules | undefined): void {
  if (!r) return;
  w.line(1, `${title}:`);
  if (r.stabilizationWindowSeconds !== undefined)
    w.line(2, `Stabilization Window: ${r.stabilizationWindowSeconds} seconds`);
  if (!r.policies?.length) return;
  w.line(2, `Select Policy: ${r.selectPolicy ?? 'Max'}`);
  w.line(2, 'Policies:');
  for (const p of r.policies)
    w.line(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds`);
}

export function describeHpa(o: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  header(w, o);
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  w.kv(0, 'CreationTimestamp', rfc1123z(o.metadata.creationTimestamp));
  const ref = o.spec?.scaleTargetRef ?? {};
  w.kv(0, 'Reference', `${ref.kind}/${ref.name}`);
  w.kv(0, 'Metrics', '( current / target )');
  const metrics = (o.spec?.metrics ?? []) as {
    type: string;
    resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
  }[];
  const current = (o.status?.currentMetrics ?? []) as {
    type: string;
    resource?: { name: string; current: { averageUtilization?: number; averageValue?: string } };
  }[];
  for (const m of metrics) {
    if (m.type !== 'Resource' || !m.resource) continue;
    const cur = current.find((c) => c.resource?.name === m.resource!.name)?.resource?.current;
    if (m.resource.target.type === 'Utilization') {
      const curText =
        cur?.averageUtilization === undefined
          ? '<unknown>'
          : `${cur.averageUtilization}% (${cur.averageValue ?? '0'})`;
      w.line(
        1,
        `resource ${m.resource.name} on pods  (as a percentage of request):\t${curText} / ${m.resource.target.averageUtilization}%`,
      );
    } else {
      w.line(
        1,
        `resource ${m.resource.name} on pods:\t${cur?.averageValue ?? '<unknown>'} / ${m.resource.target.averageValue}`,
      );
    }
  }
  if (!metrics.length) w.line(1, `resource cpu on pods:\t${hpaTargets(o)}`);
  w.kv(0, 'Min replicas', String(o.spec?.minReplicas ?? 1));
  w.kv(0, 'Max replicas', String(o.spec?.maxReplicas ?? ''));
  const behavior = o.spec?.behavior as Record<string, HpaRules | undefined> | undefined;
  if (behavior) {
    w.line(0, 'Behavior:');
    directionBehavior(w, 'Scale Up', behavior.scaleUp);
    directionBehavior(w, 'Scale Down', behavior.scaleDown);
  }
  w.kv(
    0,
    `${ref.kind ?? 'Deployment'} pods`,
    `${o.status?.currentReplicas ?? 0} current / ${o.status?.desiredReplicas ?? 0} desired`,
  );
  const conds = (o.status?.conditions ?? []) as {
    type: string;
    status: string;
    reason?: string;
    message?: string;
  }[];
  if (conds.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tReason\tMessage');
    w.line(1, '----\t------\t------\t-------');
    for (const c of conds) w.line(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}`);
  }
  return w.events(pc, o).toString();
}

const withDescribe = (kind: string, describe: TablePrinter['describe']): void => {
  const p = printerFor(kind);
  if (p) registerPrinter({ ...p, describe });
};
withDescribe('DaemonSet', describeDaemonSet);
withDescribe('StatefulSet', describeStatefulSet);
withDescribe('Job', describeJob);
withDescribe('CronJob', describeCronJob);
withDescribe('HorizontalPodAutoscaler', describeHpa);
