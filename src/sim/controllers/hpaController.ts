/**
 * HorizontalPodAutoscaler controller (autoscaling/v2): every 15 s it reads the resource metrics of the target's
 * pods, computes `ceil(currentReplicas × currentUtilization / target)` with the 0.1 tolerance, sets aside
 * unready pods (counted as 0 % when scaling up) and pods without metrics (100 % on scale-down, 0 % on scale-up),
 * then applies the behavior: stabilization windows (scale-down 300 s) and rate policies (up: 4 pods or 100 %
 * per 15 s, down: 100 % per 15 s), and scales the target through its replicas field.
 */
import type { Cluster, SimModule } from '../cluster';
import type { KObject, Pod } from '../api/types';
import { fromLabelSelector, matches } from '../api/labels';
import { parseBytes, parseCpuMillis, parseQuantity } from '../api/quantity';
import { CONTROLLER_MANAGER } from './util';
import { isPodReady } from '../api/podReady';
import { nsKey, splitKey } from '../api/store';
import { upsertCondition, type Condition } from '../api/conditions';
import { writeStatusIfChanged } from './writeStatus';

const NAME = 'horizontal-pod-autoscaler';
export const SYNC_MS = 15_000;
export const TOLERANCE = 0.1;
const DEFAULT_DOWN_WINDOW_S = 300;
/** Pods started less than this ago with no readiness yet are "initializing" for CPU. */
const CPU_INIT_MS = 300_000;
/** …and became ready less than this ago (delayOfInitialReadinessStatus). */
const READINESS_DELAY_MS = 30_000;

function readySince(c: Cluster, p: Pod): number {
  return c.fromIso(p.status?.conditions?.find((x) => x.type === 'Ready')?.lastTransitionTime);
}

interface HpaState {
  /** key → recommendations (time ms, replicas) */
  recs: Record<string, { t: number; r: number }[]>;
  /** key → scale events (time ms, +added / -removed) */
  events: Record<string, { t: number; d: number }[]>;
}
const st = (c: Cluster) => c.ext<HpaState>(NAME);

interface Policy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}
interface Rules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: Policy[];
}

interface MetricResult {
  replicas: number;
  status: Record<string, unknown>;
  description: string;
  utilization?: number;
}

function podRequest(p: Pod, res: string): number | string {
  let sum = 0;
  for (const ct of p.spec.containers) {
    const q = ct.resources?.requests?.[res];
    if (q === undefined)
      return `missing request for ${res} in container ${ct.name} of Pod ${p.metadata.name}`;
    sum += res === 'cpu' ? parseCpuMillis(q) : parseBytes(q);
  }
  return sum;
}

/** What the HPA reads of the resource metrics API (served by metrics-server; wired by createSim.ts). */
export interface ResourceMetrics {
  /** Whether the API answers (metrics-server ready and scraped once). */
  available(c: Cluster): boolean;
  /** The pod's latest per-container usage (CPU millicores, memory bytes), if it has been scraped. */
  podContainers(
    c: Cluster,
    namespace: string,
    name: string,
  ): readonly { cpu: number; memory: number }[] | undefined;
}

function usageOf(c: Cluster, metrics: ResourceMetrics, p: Pod, res: string): number | undefined {
  const m = metrics.podContainers(c, p.metadata.namespace!, p.metadata.name);
  if (!m) return undefined;
  return m.reduce((n, ct) => n + (res === 'cpu' ? ct.cpu : ct.memory), 0);
}

/** GetResourceReplicas of the replica calculator. */
function resourceReplicas(
  c: Cluster,
  metrics: ResourceMetrics,
  pods: Pod[],
  current: number,
  res: string,
  target: { type: string; averageUtilization?: number; averageValue?: string },
): MetricResult | string {
  const metricsOk = metrics.available(c);
  if (!metricsOk)
    return `unable to get metrics for resource ${res}: no metrics returned from resource metrics API`;
  const ready: Pod[] = [];
  const unready: Pod[] = [];
  const missing: Pod[] = [];
  for (const p of pods) {
    if (p.metadata.deletionTimestamp || p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded')
      continue;
    if (p.status?.phase === 'Pending') {
      unready.push(p);
      continue;
    }
    const u = usageOf(c, metrics, p, res);
    if (u === undefined) {
      missing.push(p);
      continue;
    }
    // For CPU, a pod that is not ready yet (or just started) is set aside.
    if (
      res === 'cpu' &&
      (!isPodReady(p) ||
        (c.now - c.fromIso(p.status?.startTime) < CPU_INIT_MS &&
          c.now - readySince(c, p) < READINESS_DELAY_MS))
    ) {
      unready.push(p);
      continue;
    }
    ready.push(p);
  }
  if (!ready.length)
    return `unable to get metrics for resource ${res}: no metrics returned from resource metrics API`;
  let usage = 0;
  let requests = 0;
  for (const p of ready) {
    const r = podRequest(p, res);
    if (typeof r === 'string') return `failed to get ${res} utilization: ${r}`;
    requests += r;
    usage += usageOf(c, metrics, p, res)!;
  }
  const requestOf = (p: Pod) => {
    const r = podRequest(p, res);
    return typeof r === 'number' ? r : 0;
  };
  const utilTarget = target.type === 'Utilization';
  const targetValue = utilTarget
    ? (target.averageUtilization ?? 80)
    : res === 'cpu'
      ? parseCpuMillis(target.averageValue)
      : parseQuantity(target.averageValue);
  const currentUtil = Math.floor((usage * 100) / requests);
  const ratio = utilTarget ? (usage * 100) / requests / targetValue : usage / ready.length / targetValue;
  const avgValue = usage / ready.length;
  const status = {
    type: 'Resource',
    resource: {
      name: res,
      current: utilTarget
        ? {
            averageUtilization: currentUtil,
            averageValue: res === 'cpu' ? `${Math.round(avgValue)}m` : String(Math.round(avgValue)),
          }
        : { averageValue: res === 'cpu' ? `${Math.round(avgValue)}m` : String(Math.round(avgValue)) },
    },
  };
  const description = utilTarget ? `${res} resource utilization (percentage of request)` : `${res} resource`;
  const scaleUpUnready = unready.length > 0 && ratio > 1;
  if (!scaleUpUnready && !missing.length) {
    if (Math.abs(1 - ratio) <= TOLERANCE)
      return { replicas: current, status, description, utilization: currentUtil };
    return { replicas: Math.ceil(ratio * ready.length), status, description, utilization: currentUtil };
  }
  // Rebalance with the pods set aside.
  let u2 = usage;
  let r2 = requests;
  let n2 = ready.length;
  for (const p of missing) {
    r2 += requestOf(p);
    n2++;
    if (ratio < 1) u2 += utilTarget ? requestOf(p) : targetValue;
  }
  if (scaleUpUnready) {
    for (const p of unready) {
      r2 += requestOf(p);
      n2++;
    }
  }
  const newRatio = utilTarget ? (u2 * 100) / r2 / targetValue : u2 / n2 / targetValue;
  if (Math.abs(1 - newRatio) <= TOLERANCE || (ratio > 1 && newRatio < 1) || (ratio < 1 && newRatio > 1)) {
    return { replicas: current, status, description, utilization: currentUtil };
  }
  const next = Math.ceil(newRatio * n2);
  if ((newRatio < 1 && next > current) || (newRatio > 1 && next < current))
    return { replicas: current, status, description, utilization: currentUtil };
  return { replicas: next, status, description, utilization: currentUtil };
}

function scaleTarget(c: Cluster, hpa: KObject): { obj?: KObject; kind?: string; error?: string } {
  const ref = hpa.spec.scaleTargetRef ?? {};
  const def = c.api.kinds.byKind(ref.kind);
  if (!def || !['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(def.kind)) {
    return { error: `the server could not find the requested resource` };
  }
  const obj = c.api.get(def.kind, hpa.metadata.namespace, ref.name);
  if (!obj) return { error: `${def.plural}${def.group ? `.${def.group}` : ''} "${ref.name}" not found` };
  return { obj, kind: def.kind };
}

/** Stabilization: the highest recommendation in the down window, the lowest in the up window. */
function stabilize(
  c: Cluster,
  key: string,
  current: number,
  proposed: number,
  up: Rules,
  down: Rules,
): number {
  const s = st(c);
  const recs = (s.recs[key] ??= []);
  const upWin = (up.stabilizationWindowSeconds ?? 0) * 1000;
  const downWin = (down.stabilizationWindowSeconds ?? DEFAULT_DOWN_WINDOW_S) * 1000;
  let upRec = proposed;
  let downRec = proposed;
  for (const r of recs) {
    if (r.t > c.now - upWin) upRec = Math.min(upRec, r.r);
    if (r.t > c.now - downWin) downRec = Math.max(downRec, r.r);
  }
  let rec = current;
  if (rec < upRec) rec = upRec;
  if (rec > downRec) rec = downRec;
  recs.push({ t: c.now, r: proposed });
  const keep = Math.max(upWin, downWin);
  s.recs[key] = recs.filter((r) => r.t > c.now - keep);
  return rec;
}

/** Rate limits of the scaling policies over the recent scale events. */
function limitRate(
  c: Cluster,
  key: string,
  current: number,
  desired: number,
  up: Rules,
  down: Rules,
): number {
  const events = st(c).events[key] ?? [];
  const changedSince = (periodS: number, sign: 1 | -1) =>
    events
      .filter((e) => e.t > c.now - periodS * 1000 && Math.sign(e.d) === sign)
      .reduce((n, e) => n + Math.abs(e.d), 0);
  if (desired > current) {
    if (up.selectPolicy === 'Disabled') return current;
    const limits = (up.policies ?? []).map((p) => {
      const start = current - changedSince(p.periodSeconds, 1);
      return p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    });
    if (!limits.length) return desired;
    const limit = up.selectPolicy === 'Min' ? Math.min(...limits) : Math.max(...limits);
    return Math.min(desired, limit);
  }
  if (desired < current) {
    if (down.selectPolicy === 'Disabled') return current;
    const limits = (down.policies ?? []).map((p) => {
      const start = current + changedSince(p.periodSeconds, -1);
      return p.type === 'Pods' ? start - p.value : Math.ceil(start * (1 - p.value / 100));
    });
    if (!limits.length) return desired;
    const limit = down.selectPolicy === 'Min' ? Math.max(...limits) : Math.min(...limits);
    return Math.max(desired, limit);
  }
  return desired;
}

function reconcile(c: Cluster, metricsApi: ResourceMetrics, key: string): void {
  const [ns, name] = splitKey(key);
  const hpa = c.api.get('HorizontalPodAutoscaler', ns, name);
  if (!hpa || hpa.metadata.deletionTimestamp) return;
  c.enqueueAfter(NAME, key, SYNC_MS);
  const now = c.iso();
  let conditions = [...((hpa.status?.conditions ?? []) as Condition[])];
  const status: Record<string, unknown> = { ...(hpa.status ?? {}) };
  const write = () => {
    status.conditions = conditions;
    writeStatusIfChanged(c, hpa, status);
  };
  const t = scaleTarget(c, hpa);
  if (!t.obj) {
    conditions = upsertCondition(
      conditions,
      {
        type: 'AbleToScale',
        status: 'False',
        reason: 'FailedGetScale',
        message: `the HPA controller was unable to get the target's current scale: ${t.error}`,
      },
      now,
    );
    c.api.recordEvent(hpa, 'Warning', 'FailedGetScale', t.error!, NAME);
    write();
    return;
  }
  const target = t.obj;
  const current: number = target.spec?.replicas ?? 1;
  status.currentReplicas = target.status?.replicas ?? current;
  const min: number = hpa.spec.minReplicas ?? 1;
  const max: number = hpa.spec.maxReplicas;
  if (current === 0 && min !== 0) {
    conditions = upsertCondition(
      conditions,
      {
        type: 'ScalingActive',
        status: 'False',
        reason: 'ScalingDisabled',
        message: 'scaling is disabled since the replica count of the target is zero',
      },
      now,
    );
    status.desiredReplicas = 0;
    write();
    return;
  }
  const sel = fromLabelSelector(target.spec?.selector);
  const pods = sel
    ? c.api.byIndex<Pod>('Pod', 'namespace', ns).filter((p) => matches(sel, p.metadata.labels))
    : [];
  let proposal = 0;
  let reason = '';
  const metricStatuses: unknown[] = [];
  const errors: string[] = [];
  const metrics = (hpa.spec.metrics ?? []) as {
    type: string;
    resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
  }[];
  for (const m of metrics) {
    if (m.type !== 'Resource' || !m.resource) {
      errors.push(`the HPA does not support metric source type ${m.type} in Kubelab`);
      continue;
    }
    const r = resourceReplicas(c, metricsApi, pods, current, m.resource.name, m.resource.target);
    if (typeof r === 'string') {
      errors.push(
        `failed to get ${m.resource.name} resource metric value: ${r.startsWith('failed') ? r : `failed to get ${m.resource.name} utilization: ${r}`}`,
      );
      metricStatuses.push({ type: '', resource: undefined });
      continue;
    }
    metricStatuses.push(r.status);
    if (r.replicas > proposal) {
      proposal = r.replicas;
      reason = r.description;
    }
  }
  const validStatuses = metricStatuses.filter((x) => (x as { type: string }).type);
  if (validStatuses.length) status.currentMetrics = validStatuses;
  else delete status.currentMetrics;
  if (errors.length && !validStatuses.length) {
    const first = errors[0]!;
    conditions = upsertCondition(
      conditions,
      {
        type: 'AbleToScale',
        status: 'True',
        reason: 'SucceededGetScale',
        message: "the HPA controller was able to get the target's current scale",
      },
      now,
    );
    conditions = upsertCondition(
      conditions,
      {
        type: 'ScalingActive',
        status: 'False',
        reason: 'FailedGetResourceMetric',
        message: `the HPA was unable to compute the replica count: ${first}`,
      },
      now,
    );
    c.api.recordEvent(hpa, 'Warning', 'FailedGetResourceMetric', first, NAME);
    c.api.recordEvent(
      hpa,
      'Warning',
      'FailedComputeMetricsReplicas',
      `invalid metrics (${errors.length} invalid out of ${metrics.length}), first error is: ${first}`,
      NAME,
    );
    status.desiredReplicas = current;
    write();
    return;
  }
  const behavior = hpa.spec.behavior ?? {};
  const up: Rules = behavior.scaleUp ?? {};
  const down: Rules = behavior.scaleDown ?? {};
  const stabilized = stabilize(c, key, current, proposal, up, down);
  let desired = limitRate(c, key, current, stabilized, up, down);
  let limited: Condition = {
    type: 'ScalingLimited',
    status: 'False',
    reason: 'DesiredWithinRange',
    message: 'the desired count is within the acceptable range',
  };
  if (desired > max) {
    desired = max;
    limited = {
      type: 'ScalingLimited',
      status: 'True',
      reason: 'TooManyReplicas',
      message: 'the desired replica count is more than the maximum replica count',
    };
  } else if (desired < min) {
    desired = min;
    limited = {
      type: 'ScalingLimited',
      status: 'True',
      reason: 'TooFewReplicas',
      message: 'the desired replica count is less than the minimum replica count',
    };
  }
  let able: Condition = {
    type: 'AbleToScale',
    status: 'True',
    reason: 'ReadyForNewScale',
    message: 'recommended size matches current size',
  };
  if (desired !== current) {
    const r = c.api.mutate(
      t.kind!,
      ns,
      target.metadata.name,
      (x) => {
        x.spec.replicas = desired;
      },
      { actor: CONTROLLER_MANAGER },
    );
    if (r.ok) {
      const why = desired > current ? `${reason} above target` : 'All metrics below target';
      c.api.recordEvent(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${why}`, NAME);
      (st(c).events[key] ??= []).push({ t: c.now, d: desired - current });
      st(c).events[key] = st(c).events[key]!.filter((e) => e.t > c.now - 1_800_000);
      status.lastScaleTime = now;
      able = {
        type: 'AbleToScale',
        status: 'True',
        reason: 'SucceededRescale',
        message: `the HPA controller was able to update the target scale to ${desired}`,
      };
    } else {
      able = {
        type: 'AbleToScale',
        status: 'False',
        reason: 'FailedUpdateScale',
        message: `the HPA controller was unable to update the target scale: ${r.error.message}`,
      };
      c.api.recordEvent(
        hpa,
        'Warning',
        'FailedRescale',
        `New size: ${desired}; error: ${r.error.message}`,
        NAME,
      );
    }
  } else if (stabilized !== proposal && proposal < current) {
    able = {
      type: 'AbleToScale',
      status: 'True',
      reason: 'ScaleDownStabilized',
      message:
        'recent recommendations were higher than current one, applying the highest recent recommendation',
    };
  }
  conditions = upsertCondition(conditions, able, now);
  conditions = upsertCondition(
    conditions,
    {
      type: 'ScalingActive',
      status: 'True',
      reason: 'ValidMetricFound',
      message: `the HPA was able to successfully calculate a replica count from ${reason || 'cpu resource utilization (percentage of request)'}`,
    },
    now,
  );
  conditions = upsertCondition(conditions, limited, now);
  status.desiredReplicas = desired;
  write();
}

/** The HPA controller over a resource metrics API. */
export function hpaController(metricsApi: ResourceMetrics): SimModule {
  return {
    name: NAME,
    initState: (): HpaState => ({ recs: {}, events: {} }),
    install(c) {
      c.registerReconciler(NAME, (key) => reconcile(c, metricsApi, key));
      c.api.watch('HorizontalPodAutoscaler', (type, o, old) => {
        if (type === 'DELETED') {
          delete st(c).recs[nsKey(o)];
          delete st(c).events[nsKey(o)];
          return;
        }
        if (type === 'MODIFIED' && old && JSON.stringify(old.spec) === JSON.stringify(o.spec)) return;
        c.enqueue(NAME, nsKey(o));
      });
    },
  };
}
