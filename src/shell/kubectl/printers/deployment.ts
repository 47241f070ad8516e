/** Deployments: `NAME READY UP-TO-DATE AVAILABLE AGE` (+ CONTAINERS IMAGES SELECTOR) and describe. */
import type { Deployment, KObject, ReplicaSet } from '../../../sim/api/types';
import { formatLabelSelector, selectorMatches } from '../../../sim/api/labels';
import { ageOf, DescribeWriter, rfc1123z, type PrintContext } from './common';
import { describePodTemplate } from './podTemplate';
import { registerPrinter } from './registry';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** ReplicaSets controlled by a deployment, newest revision last. */
export function ownedReplicaSets(d: KObject, pc: PrintContext): ReplicaSet[] {
  return (pc.list('ReplicaSet', d.metadata.namespace) as ReplicaSet[])
    .filter((rs) =>
      rs.metadata.ownerReferences?.length
        ? rs.metadata.ownerReferences.some(
            (o) =>
              o.controller &&
              (o.uid === d.metadata.uid || (!o.uid && o.name === d.metadata.name)) &&
              o.kind === 'Deployment',
          )
        : false,
    )
    .sort((a, b) => revisionOf(a) - revisionOf(b));
}

export function revisionOf(o: KObject): number {
  return Number(o.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
}

function templateEqual(rs: ReplicaSet, d: Deployment): boolean {
  const strip = (t: unknown) => {
    const c = structuredClone(t) as { metadata?: { labels?: Record<string, string> } };
    if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
    return JSON.stringify(c, Object.keys(flatKeys(c)).sort());
  };
  return strip(rs.spec.template) === strip(d.spec.template);
}
function flatKeys(o: unknown, acc: Record<string, true> = {}): Record<string, true> {
  if (o && typeof o === 'object')
    for (const [k, v] of Object.entries(o)) {
      acc[k] = true;
      flatKeys(v, acc);
    }
  return acc;
}

/** The deployment's current ReplicaSet: the one whose template matches (highest revision on ties). */
export function newReplicaSet(d: Deployment, pc: PrintContext): ReplicaSet | undefined {
  const rss = ownedReplicaSets(d, pc);
  const matching = rss.filter((rs) => templateEqual(rs, d));
  return matching[matching.length - 1];
}

export function describeDeployment(obj: KObject, pc: PrintContext): string {
  const d = obj as Deployment;
  const st = d.status ?? {};
  const w = new DescribeWriter();
  w.kv(0, 'Name', d.metadata.name);
  w.kv(0, 'Namespace', d.metadata.namespace);
  w.kv(0, 'CreationTimestamp', rfc1123z(d.metadata.creationTimestamp));
  w.map(0, 'Labels', d.metadata.labels);
  w.annotations(0, d.metadata.annotations);
  w.kv(0, 'Selector', formatLabelSelector(d.spec.selector));
  const desired = d.spec.replicas ?? 1;
  w.kv(
    0,
    'Replicas',
    `${desired} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`,
  );
  const type = d.spec.strategy?.type ?? 'RollingUpdate';
  w.kv(0, 'StrategyType', type);
  w.kv(0, 'MinReadySeconds', String(d.spec.minReadySeconds ?? 0));
  if (type === 'RollingUpdate') {
    const ru = d.spec.strategy?.rollingUpdate ?? {};
    w.kv(
      0,
      'RollingUpdateStrategy',
      `${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge`,
    );
  }
  describePodTemplate(w, d.spec.template);
  const conds = st.conditions ?? [];
  if (conds.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tReason');
    w.line(1, '----\t------\t------');
    for (const c of conds) w.line(1, `${c.type} \t${c.status}\t${c.reason ?? ''}`);
  }
  const rss = ownedReplicaSets(d, pc);
  const cur = newReplicaSet(d, pc);
  const old = rss.filter((r) => r !== cur && (r.spec.replicas ?? 0) > 0);
  const fmt = (r: ReplicaSet) =>
    `${r.metadata.name} (${r.status?.replicas ?? 0}/${r.spec.replicas ?? 0} replicas created)`;
  w.kv(0, 'OldReplicaSets', old.length ? old.map(fmt).join(', ') : '<none>');
  w.kv(0, 'NewReplicaSet', cur ? fmt(cur) : '<none>');
  return w.events(pc, obj).toString();
}

function containersAndImages(t: Deployment['spec']['template'] | undefined): [string, string] {
  const cs = t?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

registerPrinter({
  kind: 'Deployment',
  headers: (wide) =>
    wide
      ? ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']
      : ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  row(obj, pc, wide) {
    const d = obj as Deployment;
    const st = d.status ?? {};
    const row = [
      d.metadata.name,
      `${st.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`,
      String(st.updatedReplicas ?? 0),
      String(st.availableReplicas ?? 0),
      ageOf(pc, d.metadata.creationTimestamp),
    ];
    if (wide) row.push(...containersAndImages(d.spec.template), formatLabelSelector(d.spec.selector));
    return row;
  },
  describe: describeDeployment,
});

export { selectorMatches };
