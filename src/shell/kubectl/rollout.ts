/** kubectl rollout status / history / undo / restart / pause / resume (Deployments; DaemonSet/StatefulSet status). */
import type { Deployment, KObject, ReplicaSet } from '../../sim/api/types';
import type { KindDef } from '../../sim/api/kinds';
import { pluralResource, resourcePrefix } from './client';
import { fail, KubectlError } from './errors';
import { parseGoDuration } from './duration';
import { printContext, DescribeWriter } from './printers/common';
import { ownedReplicaSets, revisionOf } from './printers/deployment';
import { describePodTemplate } from './printers/podTemplate';
import { sortKeys } from './printers/output';
import { parseResourceArgs } from './resources';
import { tabwrite } from './tabwriter';
import { resultPrinter } from './resultPrinter';
import { writeBack } from './targets';
import { waitFor, type Check } from './waiter';
import {
  DRY_RUN_FLAG,
  dryRun,
  FILENAME_FLAG,
  flag,
  intFlag,
  OUTPUT_FLAG,
  str,
  type KubectlContext,
  type Parsed,
  type VerbDef,
} from './verb';
import { hasRevisions, revisionHistory, revisionUndo } from './rolloutRevisions';

function targets(k: KubectlContext, p: Parsed): { def: KindDef; name: string }[] {
  if (!p.args.length) fail('required resource not specified');
  const { requests } = parseResourceArgs(k.cluster, p.args);
  const out: { def: KindDef; name: string }[] = [];
  for (const r of requests) {
    if (!r.names.length) fail('resource(s) were provided, but no name was specified');
    for (const n of r.names) out.push({ def: r.def, name: n });
  }
  return out;
}

function fetch(k: KubectlContext, def: KindDef, name: string): KObject {
  const o = k.cluster.api.get(def.kind, k.namespace, name);
  if (!o) throw new KubectlError(`Error from server (NotFound): ${pluralResource(def)} "${name}" not found`);
  return o;
}

/** kubectl's status viewers. */
export function rolloutStatus(o: KObject): Check {
  const gen = o.metadata.generation ?? 0;
  const st = o.status ?? {};
  if (o.kind === 'Deployment') {
    const d = o as Deployment;
    if (gen > (st.observedGeneration ?? 0))
      return { done: false, message: 'Waiting for deployment spec update to be observed...' };
    const cond = (d.status.conditions ?? []).find((c) => c.type === 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded')
      return { done: false, error: `error: deployment "${d.metadata.name}" exceeded its progress deadline` };
    const want = d.spec.replicas ?? 1;
    const upd = st.updatedReplicas ?? 0;
    if (upd < want)
      return {
        done: false,
        message: `Waiting for deployment "${d.metadata.name}" rollout to finish: ${upd} out of ${want} new replicas have been updated...`,
      };
    if ((st.replicas ?? 0) > upd)
      return {
        done: false,
        message: `Waiting for deployment "${d.metadata.name}" rollout to finish: ${(st.replicas ?? 0) - upd} old replicas are pending termination...`,
      };
    if ((st.availableReplicas ?? 0) < upd)
      return {
        done: false,
        message: `Waiting for deployment "${d.metadata.name}" rollout to finish: ${st.availableReplicas ?? 0} of ${upd} updated replicas are available...`,
      };
    return { done: true, message: `deployment "${d.metadata.name}" successfully rolled out` };
  }
  if (o.kind === 'DaemonSet') {
    if (gen > (st.observedGeneration ?? 0))
      return { done: false, message: 'Waiting for daemon set spec update to be observed...' };
    const want = st.desiredNumberScheduled ?? 0;
    const upd = st.updatedNumberScheduled ?? 0;
    if (upd < want)
      return {
        done: false,
        message: `Waiting for daemon set "${o.metadata.name}" rollout to finish: ${upd} out of ${want} new pods have been updated...`,
      };
    if ((st.numberAvailable ?? 0) < want)
      return {
        done: false,
        message: `Waiting for daemon set "${o.metadata.name}" rollout to finish: ${st.numberAvailable ?? 0} of ${want} updated pods are available...`,
      };
    return { done: true, message: `daemon set "${o.metadata.name}" successfully rolled out` };
  }
  if (o.kind === 'StatefulSet') {
    if (gen > (st.observedGeneration ?? 0))
      return { done: false, message: 'Waiting for statefulset spec update to be observed...' };
    const want = o.spec?.replicas ?? 1;
    if ((st.readyReplicas ?? 0) < want)
      return { done: false, message: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...` };
    if (st.updateRevision && st.currentRevision !== st.updateRevision)
      return {
        done: false,
        message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...`,
      };
    return {
      done: true,
      message: `statefulset rolling update complete ${want} pods at revision ${st.currentRevision ?? ''}...`,
    };
  }
  return { done: false, error: `error: no status viewer has been implemented for ${o.kind}` };
}

const status: VerbDef = {
  name: 'status',
  summary: { en: 'Show the status of the rollout', zh: '显示上线（rollout）的状态' },
  usage: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  long: "Show the status of the rollout.\n\n By default 'rollout status' will watch the status of the latest rollout until it's done.",
  examples: '  # Watch the rollout status of a deployment\n  kubectl rollout status deployment/nginx',
  flags: [
    flag('timeout', 'The length of time to wait before ending watch, zero means never.'),
    flag('watch', "Watch the status of the rollout until it's done.", { short: 'w' }),
    flag('revision', 'Pin to a specific revision for showing its status.'),
  ],
  run(k, p) {
    const [t] = targets(k, p);
    const timeoutText = str(p, 'timeout');
    const timeout =
      timeoutText && timeoutText !== '0s' && timeoutText !== '0' ? parseGoDuration(timeoutText) : 1_800_000;
    const watch = str(p, 'watch') !== 'false';
    const check = (): Check => {
      const o = k.cluster.api.get(t!.def.kind, k.namespace, t!.name);
      if (!o)
        return {
          done: false,
          error: `Error from server (NotFound): ${pluralResource(t!.def)} "${t!.name}" not found`,
        };
      return rolloutStatus(o);
    };
    if (!watch) {
      const c = check();
      if (c.message) k.out(c.message + '\n');
      if (c.error) k.err(c.error + '\n');
      return c.error ? 1 : 0;
    }
    return waitFor(
      k,
      check,
      Number.isFinite(timeout) ? timeout : 1_800_000,
      'error: timed out waiting for the condition',
    );
  },
};

function deploymentOnly(def: KindDef, what: string): void {
  if (def.kind !== 'Deployment') fail(`no ${what} has been implemented for {"${def.group}" "${def.kind}"}`);
}

const history: VerbDef = {
  name: 'history',
  summary: { en: 'View rollout history', zh: '查看上线历史' },
  usage: 'kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  long: 'View previous rollout revisions and configurations.',
  examples:
    '  # View the rollout history of a deployment\n  kubectl rollout history deployment/abc\n\n  # View the details of daemonset revision 3\n  kubectl rollout history daemonset/abc --revision=3',
  flags: [flag('revision', 'See the details, including podTemplate of the revision specified'), OUTPUT_FLAG],
  run(k, p) {
    for (const t of targets(k, p)) {
      if (hasRevisions(t.def)) {
        revisionHistory(k, p, t.def, t.name);
        continue;
      }
      deploymentOnly(t.def, 'history viewer');
      const d = fetch(k, t.def, t.name);
      const rss = ownedReplicaSets(d, printContext(k.cluster)).filter((r) => revisionOf(r) > 0);
      const rev = intFlag(p, 'revision');
      const head = `${resourcePrefix(t.def)}/${t.name}`;
      if (rev !== undefined && rev > 0) {
        const rs = rss.find((r) => revisionOf(r) === rev);
        if (!rs) fail(`unable to find the specified revision`);
        const w = new DescribeWriter();
        const tpl = structuredClone(rs.spec.template);
        describePodTemplate(w, tpl);
        k.out(`${head} with revision #${rev}\n${w.plain()}\n`);
        continue;
      }
      const rows = [['REVISION', 'CHANGE-CAUSE']];
      for (const rs of rss)
        rows.push([
          String(revisionOf(rs)),
          rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>',
        ]);
      k.out(`${head} \n${tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', 0, 2)}\n`);
    }
    return 0;
  },
};

function stripHash(t: unknown): string {
  const c = structuredClone(t) as { metadata?: { labels?: Record<string, string> } };
  if (c?.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return JSON.stringify(sortKeys(c));
}

/**
 * Annotations the rollback never copies from the ReplicaSet (and keeps from the Deployment): kubectl's
 * polymorphichelpers/rollback.go annotationsToSkip.
 */
const ROLLBACK_KEEPS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

/**
 * The Deployment's annotations after a rollback: kubectl replaces them with the target ReplicaSet's (so revision N's
 * change-cause comes back, and a cause revision N lacked goes), keeping only the skipped keys of the Deployment.
 * Keys sorted, as the API server's map holds them.
 */
function rollbackAnnotations(
  mine: Record<string, string> | undefined,
  target: Record<string, string> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ROLLBACK_KEEPS) if (mine?.[k] !== undefined) out[k] = mine[k];
  for (const [k, v] of Object.entries(target ?? {})) if (!ROLLBACK_KEEPS.includes(k)) out[k] = v;
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]!]),
  );
}

const undo: VerbDef = {
  name: 'undo',
  summary: { en: 'Undo a previous rollout', zh: '撤销之前的上线' },
  usage: 'kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  long: 'Roll back to a previous rollout.',
  examples:
    '  # Roll back to the previous deployment\n  kubectl rollout undo deployment/abc\n\n  # Roll back to daemonset revision 3\n  kubectl rollout undo daemonset/abc --to-revision=3',
  flags: [
    flag('to-revision', 'The revision to rollback to. Default to 0 (last revision).'),
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run(k, p) {
    const printer = resultPrinter(k, p, true);
    for (const t of targets(k, p)) {
      const r = hasRevisions(t.def) ? revisionUndo(k, p, t.def, t.name) : deploymentUndo(k, p, t.def, t.name);
      printer.print(r.obj, r.operation);
    }
    return 0;
  },
};

/** DeploymentRollbacker: what `rollout undo` prints after the name, and the Deployment as it read it. */
function deploymentUndo(
  k: KubectlContext,
  p: Parsed,
  def: KindDef,
  name: string,
): { obj: KObject; operation: string } {
  deploymentOnly(def, 'rollbacker');
  const d = fetch(k, def, name) as Deployment;
  const to = intFlag(p, 'to-revision') ?? 0;
  if (to < 0) fail(`unable to find specified revision ${to} in history`);
  const rss = ownedReplicaSets(d, printContext(k.cluster)).filter((r) => revisionOf(r) > 0);
  let target: ReplicaSet | undefined;
  if (to === 0) {
    const sorted = [...rss].sort((a, b) => revisionOf(b) - revisionOf(a));
    target = sorted[1];
    if (!target) fail(`no rollout history found for deployment "${name}"`);
  } else {
    target = rss.find((r) => revisionOf(r) === to);
    if (!target) fail(`unable to find specified revision ${to} in history`);
  }
  const mode = dryRun(p);
  if (mode === 'client') {
    // The revision's template as describe prints it, without a tabwriter (rollback.go printTemplate).
    const w = new DescribeWriter();
    describePodTemplate(w, target.spec.template);
    return { obj: d, operation: w.plain() };
  }
  if (d.spec.paused)
    fail(
      `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`,
    );
  if (stripHash(target.spec.template) === stripHash(d.spec.template))
    return {
      obj: d,
      operation: `skipped rollback (current template already matches revision ${revisionOf(target)})`,
    };
  const copy = structuredClone(d);
  const tpl = structuredClone(target.spec.template);
  if (tpl.metadata?.labels) delete tpl.metadata.labels['pod-template-hash'];
  copy.spec.template = tpl;
  const annotations = rollbackAnnotations(d.metadata.annotations, target.metadata.annotations);
  if (Object.keys(annotations).length) copy.metadata.annotations = annotations;
  else delete copy.metadata.annotations;
  writeBack(k, copy, mode);
  return { obj: d, operation: 'rolled back' };
}

const restart: VerbDef = {
  name: 'restart',
  summary: { en: 'Restart a resource', zh: '重启资源' },
  usage: 'kubectl rollout restart RESOURCE [options]',
  long: 'Restart a resource.\n\n Resource rollout will be restarted.',
  examples:
    '  # Restart all deployments in the test-namespace namespace\n  kubectl rollout restart deployment -n test-namespace\n\n  # Restart a deployment\n  kubectl rollout restart deployment/nginx',
  flags: [DRY_RUN_FLAG, FILENAME_FLAG],
  run(k, p) {
    const { requests } = parseResourceArgs(k.cluster, p.args);
    if (!requests.length) fail('required resource not specified');
    for (const r of requests) {
      if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(r.def.kind))
        fail(`restarting is not supported`);
      const objs = r.names.length
        ? r.names.map((n) => fetch(k, r.def, n))
        : k.cluster.api.list(r.def.kind, k.namespace);
      for (const o of objs) {
        if (o.spec?.paused)
          fail(
            `${pluralResource(r.def)} "${o.metadata.name}" can't restart paused deployment (run rollout resume first)`,
          );
        const copy = structuredClone(o);
        const tpl = (copy.spec.template ??= {});
        tpl.metadata = {
          ...(tpl.metadata ?? {}),
          annotations: {
            ...(tpl.metadata?.annotations ?? {}),
            'kubectl.kubernetes.io/restartedAt': k.cluster.iso(),
          },
        };
        writeBack(k, copy, dryRun(p));
        k.out(`${resourcePrefix(r.def)}/${o.metadata.name} restarted\n`);
      }
    }
    return 0;
  },
};

function pauseResume(name: 'pause' | 'resume'): VerbDef {
  const pausing = name === 'pause';
  return {
    name,
    summary: pausing
      ? { en: 'Mark the provided resource as paused', zh: '将指定资源标记为暂停' }
      : { en: 'Resume a paused resource', zh: '恢复已暂停的资源' },
    usage: `kubectl rollout ${name} RESOURCE [options]`,
    long: pausing
      ? 'Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.'
      : 'Resume a paused resource.\n\n Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.',
    examples: `  kubectl rollout ${name} deployment/nginx`,
    flags: [DRY_RUN_FLAG],
    run(k, p) {
      for (const t of targets(k, p)) {
        if (t.def.kind !== 'Deployment')
          fail(`${pluralResource(t.def)} "${t.name}" ${pausing ? 'pausing' : 'resuming'} is not supported`);
        const d = fetch(k, t.def, t.name);
        if (!!d.spec?.paused === pausing)
          fail(`${pluralResource(t.def)} "${t.name}" is ${pausing ? 'already paused' : 'not paused'}`);
        const copy = structuredClone(d);
        if (pausing) copy.spec.paused = true;
        else delete copy.spec.paused;
        writeBack(k, copy, dryRun(p));
        k.out(`${resourcePrefix(t.def)}/${t.name} ${pausing ? 'paused' : 'resumed'}\n`);
      }
      return 0;
    },
  };
}

export const rollout: VerbDef = {
  name: 'rollout',
  summary: { en: 'Manage the rollout of a resource', zh: '管理资源的上线' },
  usage: 'kubectl rollout SUBCOMMAND [options]',
  long: 'Manage the rollout of one or many resources.\n\n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets',
  examples:
    '  # Rollback to the previous deployment\n  kubectl rollout undo deployment/abc\n\n  # Check the rollout status of a daemonset\n  kubectl rollout status daemonset/foo',
  flags: [],
  subcommands: [history, pauseResume('pause'), restart, pauseResume('resume'), status, undo],
};
