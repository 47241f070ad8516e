/** DaemonSet, StatefulSet, Job, CronJob and HorizontalPodAutoscaler columns as kubectl prints them. */
import type { KObject } from '../../../sim/api/types';
import { formatLabelSelector } from '../../../sim/api/labels';
import { humanDuration } from '../duration';
import { ageOf } from './common';
import { registerPrinter } from './registry';

function images(o: KObject, spec = o.spec?.template?.spec): string[] {
  const cs = (spec?.containers ?? []) as { name: string; image: string }[];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

registerPrinter({
  kind: 'DaemonSet',
  headers: (wide) => [
    'NAME',
    'DESIRED',
    'CURRENT',
    'READY',
    'UP-TO-DATE',
    'AVAILABLE',
    'NODE SELECTOR',
    'AGE',
    ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : []),
  ],
  row(o, pc, wide) {
    const st = o.status ?? {};
    const ns = (o.spec?.template?.spec?.nodeSelector ?? {}) as Record<string, string>;
    const nsText =
      Object.keys(ns)
        .sort()
        .map((k) => `${k}=${ns[k]}`)
        .join(',') || '<none>';
    return [
      o.metadata.name,
      String(st.desiredNumberScheduled ?? 0),
      String(st.currentNumberScheduled ?? 0),
      String(st.numberReady ?? 0),
      String(st.updatedNumberScheduled ?? 0),
      String(st.numberAvailable ?? 0),
      nsText,
      ageOf(pc, o.metadata.creationTimestamp),
      ...(wide ? [...images(o), formatLabelSelector(o.spec?.selector)] : []),
    ];
  },
});

registerPrinter({
  kind: 'StatefulSet',
  headers: (wide) => ['NAME', 'READY', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES'] : [])],
  row: (o, pc, wide) => [
    o.metadata.name,
    `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`,
    ageOf(pc, o.metadata.creationTimestamp),
    ...(wide ? images(o) : []),
  ],
});

function jobStatus(o: KObject): string {
  const conds = (o.status?.conditions ?? []) as { type: string; status: string }[];
  const has = (t: string) => conds.some((c) => c.type === t && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (has('Suspended')) return 'Suspended';
  return 'Running';
}

registerPrinter({
  kind: 'Job',
  headers: (wide) => [
    'NAME',
    'STATUS',
    'COMPLETIONS',
    'DURATION',
    'AGE',
    ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : []),
  ],
  row(o, pc, wide) {
    const completions = o.spec?.completions;
    const succeeded = o.status?.succeeded ?? 0;
    const comp =
      completions !== undefined && completions !== null
        ? `${succeeded}/${completions}`
        : o.spec?.parallelism > 1
          ? `${succeeded}/1 of ${o.spec.parallelism}`
          : `${succeeded}/1`;
    const start = o.status?.startTime ? pc.fromIso(o.status.startTime) : undefined;
    const end = o.status?.completionTime ? pc.fromIso(o.status.completionTime) : pc.now;
    return [
      o.metadata.name,
      jobStatus(o),
      comp,
      start === undefined ? '' : humanDuration(end - start),
      ageOf(pc, o.metadata.creationTimestamp),
      ...(wide ? [...images(o), formatLabelSelector(o.spec?.selector)] : []),
    ];
  },
});

registerPrinter({
  kind: 'CronJob',
  headers: (wide) => [
    'NAME',
    'SCHEDULE',
    'TIMEZONE',
    'SUSPEND',
    'ACTIVE',
    'LAST SCHEDULE',
    'AGE',
    ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : []),
  ],
  row(o, pc, wide) {
    const last = o.status?.lastScheduleTime;
    return [
      o.metadata.name,
      o.spec?.schedule ?? '',
      o.spec?.timeZone ?? '<none>',
      // printBoolPtr: True / False, <unset> for a nil pointer.
      o.spec?.suspend === undefined ? '<unset>' : o.spec.suspend ? 'True' : 'False',
      String(((o.status?.active as unknown[]) ?? []).length),
      last ? ageOf(pc, last) : '<none>',
      ageOf(pc, o.metadata.creationTimestamp),
      ...(wide
        ? [
            ...images(o, o.spec?.jobTemplate?.spec?.template?.spec),
            formatLabelSelector(o.spec?.jobTemplate?.spec?.selector),
          ]
        : []),
    ];
  },
});

interface Metric {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
}
interface MetricStatus {
  type: string;
  resource?: { name: string; current: { averageUtilization?: number; averageValue?: string } };
}

/** `cpu: 12%/50%`, `cpu: <unknown>/50%` */
export function hpaTargets(o: KObject): string {
  const metrics = (o.spec?.metrics ?? []) as Metric[];
  const current = (o.status?.currentMetrics ?? []) as MetricStatus[];
  if (!metrics.length && o.spec?.targetCPUUtilizationPercentage !== undefined) {
    const cur = o.status?.currentCPUUtilizationPercentage;
    return `cpu: ${cur === undefined ? '<unknown>' : `${cur}%`}/${o.spec.targetCPUUtilizationPercentage}%`;
  }
  if (!metrics.length) return '<none>';
  return metrics
    .map((m) => {
      if (m.type !== 'Resource' || !m.resource) return `<unknown>/<unknown>`;
      const cur = current.find((c) => c.type === 'Resource' && c.resource?.name === m.resource!.name)
        ?.resource?.current;
      const t = m.resource.target;
      if (t.type === 'Utilization')
        return `${m.resource.name}: ${cur?.averageUtilization === undefined ? '<unknown>' : `${cur.averageUtilization}%`}/${t.averageUtilization}%`;
      return `${m.resource.name}: ${cur?.averageValue ?? '<unknown>'}/${t.averageValue}`;
    })
    .join(', ');
}

registerPrinter({
  kind: 'HorizontalPodAutoscaler',
  headers: () => ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
  row: (o, pc) => [
    o.metadata.name,
    `${o.spec?.scaleTargetRef?.kind ?? ''}/${o.spec?.scaleTargetRef?.name ?? ''}`,
    hpaTargets(o),
    String(o.spec?.minReplicas ?? 1),
    String(o.spec?.maxReplicas ?? ''),
    String(o.status?.currentReplicas ?? 0),
    ageOf(pc, o.metadata.creationTimestamp),
  ],
});
