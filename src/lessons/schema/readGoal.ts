/** The schema reader of a step's goals: the kinds a goal may name and the field checks it may make. */
import { parseSelector } from '../../sim/api/labels';
import type { FieldCheck, Goal } from '../types';
import { describe, join, type Reader } from './reader';

/** Kinds a goal may name; cluster-scoped ones ignore `namespace`. */
export const GOAL_KINDS = [
  'Pod',
  'Node',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Service',
  'EndpointSlice',
  'ConfigMap',
  'Secret',
  'Namespace',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'HorizontalPodAutoscaler',
  'Ingress',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'ServiceAccount',
  'Event',
  'Lease',
  'DockerContainer',
  'DockerImage',
] as const;
export const CLUSTER_SCOPED = new Set([
  'Node',
  'Namespace',
  'PersistentVolume',
  'StorageClass',
  'DockerContainer',
  'DockerImage',
]);
const READY_KINDS = new Set([
  'Pod',
  'Node',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'DockerContainer',
]);

const FIELD_OPS = ['equals', 'notEquals', 'in', 'exists', 'matches', 'gte', 'lte'];

function readFieldCheck(r: Reader, v: unknown, field: string): FieldCheck | undefined {
  const o = r.obj(v, field);
  if (!o) return undefined;
  r.keys(o, field, ['path', ...FIELD_OPS]);
  const path = r.str(o.path, join(field, 'path'));
  if (!path) return undefined;
  if (!/^[A-Za-z_$][\w$-]*(\[[^\]]+\])*(\.[A-Za-z_$/][\w$./-]*?(\[[^\]]+\])*)*$/.test(path)) {
    r.issue(join(field, 'path'), `not a field path: "${path}"`);
  }
  const out: FieldCheck = { path };
  const ops = FIELD_OPS.filter((k) => o[k] !== undefined);
  if (!ops.length) r.issue(field, `needs one of ${FIELD_OPS.join(', ')}`);
  for (const k of ['equals', 'notEquals'] as const) {
    const x = o[k];
    if (x === undefined) continue;
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x;
    else r.issue(join(field, k), `must be a string, number or boolean, got ${describe(x)}`);
  }
  if (o.in !== undefined) {
    out.in = r
      .arr(o.in, join(field, 'in'))
      .filter((x): x is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof x));
  }
  const ex = r.bool(o.exists, join(field, 'exists'));
  if (ex !== undefined) out.exists = ex;
  const m = r.regex(o.matches, join(field, 'matches'));
  if (m !== undefined) out.matches = m;
  const gte = r.num(o.gte, join(field, 'gte'));
  if (gte !== undefined) out.gte = gte;
  const lte = r.num(o.lte, join(field, 'lte'));
  if (lte !== undefined) out.lte = lte;
  return out;
}

export function readGoal(r: Reader, v: unknown, field: string): Goal | undefined {
  const o = r.obj(v, field);
  if (!o) return undefined;
  r.keys(o, field, [
    'text',
    'kind',
    'namespace',
    'name',
    'selector',
    'ready',
    'phase',
    'newSinceStep',
    'where',
    'count',
    'min',
    'max',
    'minNodes',
    'ran',
  ]);
  const text = r.text(o.text, join(field, 'text'));
  const goal: Goal = { text: text ?? { en: '', zh: '' } };
  const ran = r.regex(o.ran, join(field, 'ran'));
  if (ran !== undefined) goal.ran = ran;
  const kind = r.str(o.kind, join(field, 'kind'), ran === undefined);
  if (kind !== undefined) {
    if (!(GOAL_KINDS as readonly string[]).includes(kind)) {
      r.issue(join(field, 'kind'), `unknown kind "${kind}" (use one of ${GOAL_KINDS.join(', ')})`);
    }
    goal.kind = kind;
  }
  for (const k of ['namespace', 'name', 'phase'] as const) {
    const s = r.str(o[k], join(field, k), false);
    if (s !== undefined) goal[k] = s;
  }
  const sel = r.str(o.selector, join(field, 'selector'), false);
  if (sel !== undefined) {
    try {
      parseSelector(sel);
      goal.selector = sel;
    } catch (e) {
      r.issue(join(field, 'selector'), (e as Error).message);
    }
  }
  const ready = r.bool(o.ready, join(field, 'ready'));
  if (ready !== undefined) {
    goal.ready = ready;
    if (kind && !READY_KINDS.has(kind)) {
      r.issue(join(field, 'ready'), `ready applies to ${[...READY_KINDS].join(', ')}, not ${kind}`);
    }
  }
  if (goal.phase !== undefined && kind !== 'Pod') r.issue(join(field, 'phase'), 'phase applies to Pods only');
  const nss = r.bool(o.newSinceStep, join(field, 'newSinceStep'));
  if (nss !== undefined) goal.newSinceStep = nss;
  const where = r
    .arr(o.where, join(field, 'where'))
    .map((w, i) => readFieldCheck(r, w, join(join(field, 'where'), i)))
    .filter((w): w is FieldCheck => !!w);
  if (where.length) goal.where = where;
  for (const k of ['count', 'min', 'max', 'minNodes'] as const) {
    const n = r.num(o[k], join(field, k));
    if (n === undefined) continue;
    if (n < 0 || !Number.isInteger(n)) r.issue(join(field, k), 'must be a whole number ≥ 0');
    goal[k] = n;
  }
  if (goal.count !== undefined && (goal.min !== undefined || goal.max !== undefined)) {
    r.issue(join(field, 'count'), 'use count or min/max, not both');
  }
  if (goal.minNodes !== undefined && kind !== 'Pod')
    r.issue(join(field, 'minNodes'), 'minNodes applies to Pods only');
  if (ran !== undefined && kind !== undefined)
    r.issue(field, 'a goal checks either a command (ran) or objects (kind), not both');
  return goal;
}
