/**
 * describe of the RBAC kinds, PodDisruptionBudget and PriorityClass in kubectl's layout (its RoleDescriber,
 * RoleBindingDescriber, PodDisruptionBudgetDescriber, PriorityClassDescriber). Roles list their rules broken down
 * to one resource and verb each, then compacted again per API group, resource and name, sorted as the rules'
 * Go text; roles and bindings show no Events.
 */
import type { KObject, LabelSelector } from '../../../sim/api/types';
import { formatLabels, formatLabelSelector } from '../../../sim/api/labels';
import { DescribeWriter, type PrintContext } from './common';
import { printerFor, registerPrinter } from './registry';
import './rbac';
import './small';

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs?: string[];
}

/** rbac.BreakdownRule: one rule per group × resource × verb (× name), then one per URL × verb. */
function breakdown(r: Rule): Rule[] {
  const out: Rule[] = [];
  for (const g of r.apiGroups ?? [])
    for (const res of r.resources ?? [])
      for (const v of r.verbs ?? []) {
        if (r.resourceNames?.length)
          for (const n of r.resourceNames)
            out.push({ apiGroups: [g], resources: [res], verbs: [v], resourceNames: [n] });
        else out.push({ apiGroups: [g], resources: [res], verbs: [v] });
      }
  for (const u of r.nonResourceURLs ?? [])
    for (const v of r.verbs ?? []) out.push({ nonResourceURLs: [u], verbs: [v] });
  return out;
}

/** rbac.CompactRules: rules of one group, resource and (at most one) name share one rule, verbs in first-seen order. */
function compact(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple =
      !r.nonResourceURLs?.length &&
      (r.resourceNames?.length ?? 0) <= 1 &&
      r.apiGroups?.length === 1 &&
      r.resources?.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], r.resourceNames?.[0] ?? null]);
    const seen = simple.get(key);
    if (!seen) simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
    else for (const v of r.verbs ?? []) if (!seen.verbs!.includes(v)) seen.verbs!.push(v);
  }
  return [...out, ...simple.values()];
}

/** Go's `%v` of a string slice: `[a b]`. */
const goList = (l: string[] | undefined) => `[${(l ?? []).join(' ')}]`;

/** The generated PolicyRule.String() the rules sort by. */
const ruleText = (r: Rule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** CombineResourceGroup: `deployments.apps`, a subresource after the group (`deployments.apps/scale`). */
function resourceGroup(r: Rule): string {
  const res = r.resources?.[0];
  if (res === undefined) return '';
  const [base, sub] = res.split(/\/(.*)/s, 2) as [string, string | undefined];
  const g = r.apiGroups?.[0];
  return `${base}${g ? `.${g}` : ''}${sub !== undefined ? `/${sub}` : ''}`;
}

function describeRole(o: KObject): string {
  const rules = compact(((o.rules ?? []) as Rule[]).flatMap(breakdown));
  const sorted = rules
    .map((r, i) => ({ r, i, t: ruleText(r) }))
    .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.i - b.i))
    .map((x) => x.r);
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  w.line(0, 'PolicyRule:');
  w.line(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs');
  w.line(1, '---------\t-----------------\t--------------\t-----');
  for (const r of sorted)
    w.line(
      1,
      `${resourceGroup(r)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}`,
    );
  return w.toString();
}

function describeBinding(o: KObject): string {
  const ref = (o.roleRef ?? {}) as { kind?: string; name?: string };
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  w.line(0, 'Role:');
  w.line(1, `Kind:\t${ref.kind ?? ''}`);
  w.line(1, `Name:\t${ref.name ?? ''}`);
  w.line(0, 'Subjects:');
  w.line(1, 'Kind\tName\tNamespace');
  w.line(1, '----\t----\t---------');
  for (const s of (o.subjects ?? []) as { kind?: string; name?: string; namespace?: string }[])
    w.line(1, `${s.kind ?? ''}\t${s.name ?? ''}\t${s.namespace ?? ''}`);
  return w.toString();
}

function describePdb(o: KObject, pc: PrintContext): string {
  const spec = (o.spec ?? {}) as {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    selector?: LabelSelector;
  };
  const st = (o.status ?? {}) as Record<string, number | undefined>;
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace ?? ''}`);
  if (spec.minAvailable !== undefined) w.line(0, `Min available:\t${spec.minAvailable}`);
  else if (spec.maxUnavailable !== undefined) w.line(0, `Max unavailable:\t${spec.maxUnavailable}`);
  w.line(0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}`);
  w.line(0, 'Status:');
  w.line(2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}`);
  w.line(2, `Current:\t${st.currentHealthy ?? 0}`);
  w.line(2, `Desired:\t${st.desiredHealthy ?? 0}`);
  w.line(2, `Total:\t${st.expectedPods ?? 0}`);
  return w.events(pc, o).toString();
}

function describePriorityClass(o: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Value:\t${String(o.value ?? 0)}`);
  w.line(0, `GlobalDefault:\t${String(o.globalDefault === true)}`);
  w.line(0, `PreemptionPolicy:\t${String(o.preemptionPolicy ?? '')}`);
  w.line(0, `Description:\t${String(o.description ?? '')}`);
  // (a one-line label-style list here, unlike the other describers)
  w.line(0, `Annotations:\t${formatLabels(o.metadata.annotations)}`);
  return w.events(pc, o).toString();
}

const DESCRIBERS: [string, (o: KObject, pc: PrintContext) => string][] = [
  ['Role', describeRole],
  ['ClusterRole', describeRole],
  ['RoleBinding', describeBinding],
  ['ClusterRoleBinding', describeBinding],
  ['PodDisruptionBudget', describePdb],
  ['PriorityClass', describePriorityClass],
];
for (const [kind, describe] of DESCRIBERS) {
  const base = printerFor(kind);
  if (base) registerPrinter({ ...base, describe });
}
