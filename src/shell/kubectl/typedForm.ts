/**
 * An object as kubectl holds it after decoding into its Go type (the `set` verbs and taint build typed objects,
 * even from a `--local` file): struct fields without `omitempty` come back as their zero values, so a file
 * without them prints `creationTimestamp: null`, `resources: {}`, `strategy: {}` and `status: {}`.
 */
import type { KObject } from '../../sim/api/types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function meta(o: Obj): void {
  const m = isObj(o.metadata) ? o.metadata : (o.metadata = {});
  if (!('creationTimestamp' in m)) m.creationTimestamp = null;
}

function podSpec(spec: unknown): void {
  if (!isObj(spec)) return;
  for (const list of ['initContainers', 'containers'])
    for (const c of (spec[list] as unknown[] | undefined) ?? [])
      if (isObj(c) && !('resources' in c)) c.resources = {};
}

function template(t: unknown): void {
  if (!isObj(t)) return;
  meta(t);
  podSpec(t.spec);
}

/** The typed form of `obj` (a copy): the zero-valued fields its Go type always prints. */
export function typedForm(obj: KObject): KObject {
  const o = structuredClone(obj) as unknown as Obj;
  meta(o);
  const spec = isObj(o.spec) ? o.spec : undefined;
  switch (obj.kind) {
    case 'Pod':
      podSpec(spec);
      break;
    case 'Deployment':
      if (spec && !('strategy' in spec)) spec.strategy = {};
      template(spec?.template);
      break;
    case 'DaemonSet':
    case 'StatefulSet':
      if (spec && !('updateStrategy' in spec)) spec.updateStrategy = {};
      template(spec?.template);
      break;
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      template(spec?.template);
      break;
    case 'CronJob': {
      const jt = spec?.jobTemplate;
      if (isObj(jt)) {
        meta(jt);
        template(isObj(jt.spec) ? jt.spec.template : undefined);
      }
      break;
    }
    default:
      return obj;
  }
  if (!('status' in o)) o.status = { ...ZERO_STATUS[obj.kind] };
  return o as unknown as KObject;
}

/** Status fields without `omitempty` in the Go types. */
const ZERO_STATUS: Record<string, Obj> = {
  DaemonSet: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 },
  StatefulSet: { availableReplicas: 0, replicas: 0 },
  ReplicaSet: { replicas: 0 },
  ReplicationController: { replicas: 0 },
};
