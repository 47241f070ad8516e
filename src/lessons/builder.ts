/**
 * The lesson builder: an instructor works in the sandbox, marks steps, and the builder turns each step's commands
 * into a solution and the objects it changed into goals, then writes lesson.yaml. Goals select pods by label, never
 * by generated name.
 */
import { stringify } from 'yaml';
import { listObjects, type ClusterView } from './goals';
import type { Goal, Text } from './types';
import type { KObject } from '../sim/api/types';

/** Kinds the builder turns into goals (user-facing objects in the default namespace). */
const TRACKED = [
  'Deployment',
  'Service',
  'ConfigMap',
  'Secret',
  'Pod',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'HorizontalPodAutoscaler',
  'PersistentVolumeClaim',
];

export type Signature = Record<string, string>;

const key = (o: KObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** What the tracked objects look like now: key → spec (and labels) as JSON. */
export function signature(cluster: ClusterView, namespace = 'default'): Signature {
  const out: Signature = {};
  for (const kind of TRACKED) {
    for (const o of listObjects(cluster, kind, namespace)) {
      if ((o.metadata.namespace ?? 'default') !== namespace) continue;
      if (o.kind === 'Pod' && o.metadata.ownerReferences?.length) continue;
      if (o.kind === 'ConfigMap' && o.metadata.name === 'kube-root-ca.crt') continue;
      out[key({ ...o, kind: o.kind ?? kind })] = JSON.stringify({
        s: o.spec ?? null,
        d: o.data ?? null,
        l: o.metadata.labels ?? null,
      });
    }
  }
  return out;
}

/** Goals for what changed between two signatures, read from the cluster now. */
export function inferGoals(cluster: ClusterView, before: Signature, namespace = 'default'): Goal[] {
  const after = signature(cluster, namespace);
  const goals: Goal[] = [];
  const byKey = new Map<string, KObject>();
  for (const kind of TRACKED)
    for (const o of listObjects(cluster, kind, namespace))
      byKey.set(key({ ...o, kind: o.kind ?? kind }), { ...o, kind: o.kind ?? kind });
  for (const [k, sig] of Object.entries(after)) {
    if (before[k] === sig) continue;
    const o = byKey.get(k);
    if (!o) continue;
    const name = o.metadata.name;
    const t = (en: string, zh: string): Text => ({ en, zh });
    if (o.kind === 'Deployment') {
      const replicas = (o.spec?.replicas as number | undefined) ?? 1;
      const image = o.spec?.template?.spec?.containers?.[0]?.image as string | undefined;
      goals.push({
        text: t(
          `Deployment ${name}: ${replicas} ready replicas${image ? ` of ${image}` : ''}`,
          `Deployment ${name}：${replicas} 个就绪副本${image ? `，镜像 ${image}` : ''}`,
        ),
        kind: 'Deployment',
        name,
        ready: true,
        where: [
          { path: 'spec.replicas', equals: replicas },
          ...(image ? [{ path: 'spec.template.spec.containers[0].image', equals: image }] : []),
        ],
      });
    } else if (o.kind === 'Pod') {
      goals.push({
        text: t(`A Running pod named ${name}`, `一个名为 ${name} 的 Running 状态的 Pod`),
        kind: 'Pod',
        name,
        phase: 'Running',
      });
    } else {
      goals.push({
        text: t(`A ${o.kind} named ${name}`, `一个名为 ${name} 的 ${o.kind}`),
        kind: o.kind,
        name,
      });
    }
  }
  for (const k of Object.keys(before)) {
    if (after[k] !== undefined) continue;
    const [kind, , name] = k.split('/');
    goals.push({
      text: { en: `${kind} ${name} is gone`, zh: `${kind} ${name} 已被删除` },
      kind: kind!,
      name: name!,
      count: 0,
    });
  }
  return goals;
}

export interface RecordedStep {
  title: Text;
  text: Text;
  commands: string[];
  goals: Goal[];
}

export interface BuiltLesson {
  id: string;
  title: Text;
  summary: Text;
  track: string;
  order: number;
  reset?: string;
  steps: RecordedStep[];
}

/** lesson.yaml text for a recorded lesson. */
export function lessonYaml(l: BuiltLesson): string {
  const doc = {
    id: l.id,
    track: l.track,
    order: l.order,
    title: l.title,
    summary: l.summary,
    ...(l.reset ? { start: { reset: l.reset } } : {}),
    steps: l.steps.map((s, i) => ({
      id: `step-${i + 1}`,
      title: s.title,
      text: s.text,
      ...(s.goals.length ? { goals: s.goals } : {}),
      ...(s.commands.length ? { solution: s.commands.join('\n') + '\n' } : {}),
    })),
  };
  return stringify(doc, { lineWidth: 0 });
}
