/** kubectl delete: by name, `-f`, `-l`, `--all`; grace periods, `--force`, `--now`, cascade, `--wait`. */
import type { KObject } from '../../sim/api/types';
import type { KindDef } from '../../sim/api/kinds';
import { matches } from '../../sim/api/labels';
import { resourcePrefix } from './client';
import { fail, KubectlError } from './errors';
import { parseGoDuration } from './duration';
import { waitFor } from './waiter';
import { readManifests } from './manifest';
import { parseResourceArgs } from './resources';
import { selectorOf } from './get';
import { apiErrorText, applyNamespace, mapKind } from './write';
import {
  ALL_NS_FLAG,
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  FILENAME_FLAG,
  flag,
  has,
  intFlag,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  str,
  type VerbDef,
} from './verb';

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

function cascadeOf(v: string | undefined): 'Background' | 'Foreground' | 'Orphan' {
  if (v === undefined || v === 'background' || v === 'true') return 'Background';
  if (v === 'foreground') return 'Foreground';
  if (v === 'orphan' || v === 'false') return 'Orphan';
  fail(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan".`);
}

export const del: VerbDef = {
  name: 'delete',
  summary: {
    en: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    zh: '按文件名、标准输入、资源和名称或按资源和标签选择算符删除资源',
  },
  usage: 'kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  long: 'Delete resources by file names, stdin, resources and names, or by resources and label selector.\n\n JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.',
  examples: `  # Delete a pod using the type and name specified in pod.json
  kubectl delete -f ./pod.json

  # Delete pods and services with label name=myLabel
  kubectl delete pods,services -l name=myLabel

  # Delete a pod with minimal delay
  kubectl delete pod foo --now

  # Force delete a pod on a dead node
  kubectl delete pod foo --force

  # Delete all pods
  kubectl delete pods --all`,
  flags: [
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    ALL_NS_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    boolFlag('all', 'Delete all resources, in the namespace of the specified resource types.'),
    flag(
      'cascade',
      'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
      { complete: ['background', 'foreground', 'orphan'] },
    ),
    flag(
      'grace-period',
      'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
    ),
    boolFlag(
      'force',
      'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
    ),
    boolFlag('now', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).'),
    flag('wait', 'If true, wait for resources to be gone before returning. This waits for finalizers.'),
    flag(
      'timeout',
      'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
    ),
    flag('field-selector', 'Selector (field query) to filter on.'),
    boolFlag(
      'ignore-not-found',
      'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.',
    ),
  ],
  run(k, p) {
    let grace = intFlag(p, 'grace-period') ?? -1;
    const force = has(p, 'force');
    if (has(p, 'now')) {
      if (grace !== -1) fail('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    const policy = cascadeOf(str(p, 'cascade'));
    const mode = dryRun(p);
    const waitFlag = str(p, 'wait');
    const wait = waitFlag === undefined || waitFlag === 'true' || waitFlag === '';
    const allNs = has(p, 'all-namespaces');
    const sel = selectorOf(p);
    const ignoreNotFound = has(p, 'ignore-not-found') || has(p, 'all');
    const targets: {
      def: KindDef;
      obj: KObject | undefined;
      ns: string | undefined;
      name: string;
      source?: string;
    }[] = [];

    if (str(p, 'filename') !== undefined) {
      if (p.args.length) fail('Unexpected args: ' + JSON.stringify(p.args).replace(/"/g, ''));
      for (const doc of readManifests(k, p)) {
        const def = mapKind(k, doc);
        const obj = structuredClone(doc.obj);
        applyNamespace(k, def, obj);
        targets.push({
          def,
          obj: k.cluster.api.get(def.kind, obj.metadata.namespace, obj.metadata.name),
          ns: obj.metadata.namespace,
          name: obj.metadata.name,
          source: doc.source,
        });
      }
    } else {
      if (!p.args.length)
        throw new KubectlError(
          "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
        );
      const { requests } = parseResourceArgs(k.cluster, p.args);
      for (const r of requests) {
        const ns = r.def.namespaced ? k.namespace : undefined;
        if (r.names.length) {
          if (has(p, 'all') || sel) fail('name cannot be provided when a selector is specified');
          for (const name of r.names)
            targets.push({ def: r.def, obj: k.cluster.api.get(r.def.kind, ns, name), ns, name });
        } else {
          if (!has(p, 'all') && !sel) fail('resource(s) were provided, but no name was specified');
          for (const o of k.cluster.api.list(r.def.kind, r.def.namespaced && !allNs ? ns : undefined)) {
            if (sel && !matches(sel, o.metadata.labels)) continue;
            targets.push({ def: r.def, obj: o, ns: o.metadata.namespace, name: o.metadata.name });
          }
        }
      }
      if (!targets.length) {
        k.err(
          allNs || requests.every((r) => !r.def.namespaced)
            ? 'No resources found\n'
            : `No resources found in ${k.namespace} namespace.\n`,
        );
        return 0;
      }
    }

    let status = 0;
    if (grace === 0 && force && mode === 'none') k.err(FORCE_WARNING);
    const gone: typeof targets = [];
    for (const t of targets) {
      const label = `${resourcePrefix(t.def)} "${t.name}"`;
      if (!t.obj) {
        if (ignoreNotFound) continue;
        const msg = `${t.def.group ? `${t.def.plural}.${t.def.group}` : t.def.plural} "${t.name}" not found`;
        k.err(
          `Error from server (NotFound): ${t.source ? `error when deleting "${t.source}": ` : ''}${msg}\n`,
        );
        status = 1;
        continue;
      }
      const r = k.cluster.api.delete(t.def.kind, t.ns, t.name, {
        actor: 'kubectl',
        propagationPolicy: policy,
        ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
        ...(mode === 'server' ? { dryRun: true } : {}),
        ...(mode === 'client' ? { dryRun: true } : {}),
      });
      if (!r.ok) {
        k.err(apiErrorText(r.error, t.source ? 'deleting' : undefined, t.source) + '\n');
        status = 1;
        continue;
      }
      const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
      if (str(p, 'output') === 'name') k.out(`${resourcePrefix(t.def)}/${t.name}\n`);
      else k.out(`${label} ${grace === 0 && force ? 'force deleted' : 'deleted'}${suffix}\n`);
      gone.push(t);
    }
    // Like the real client (--wait=true by default): the lines above are printed as each delete returns, then it
    // waits until every object is gone (a pod: until its containers stopped, the grace period at most).
    if (mode === 'none' && wait && gone.length) {
      const timeoutText = str(p, 'timeout');
      const limit = timeoutText ? parseGoDuration(timeoutText) : 600_000;
      const exists = () =>
        gone.some((t) => k.cluster.api.get(t.def.kind, t.ns, t.name)?.metadata.uid === t.obj!.metadata.uid);
      if (waitFor(k, () => ({ done: !exists() }), limit, 'error: timed out waiting for the condition'))
        status = 1;
    }
    return status;
  },
};
