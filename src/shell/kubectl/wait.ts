/** kubectl wait --for=condition=Ready|delete|jsonpath=…; advances the clock in scripts. */
import type { KObject } from '../../sim/api/types';
import { objectName, pluralResource } from './client';
import { fail, KubectlError } from './errors';
import { parseGoDuration } from './duration';
import { evalTemplate, parseTemplate } from './printers/jsonpath';
import { selectTargets } from './targets';
import { waitFor, type Check } from './waiter';
import { ALL_NS_FLAG, boolFlag, FILENAME_FLAG, flag, SELECTOR_FLAG, str, type VerbDef } from './verb';

type Cond =
  | { kind: 'delete' }
  | { kind: 'condition'; type: string; value: string }
  | { kind: 'jsonpath'; template: string; value?: string }
  | { kind: 'create' };

export function parseFor(text: string | undefined): Cond {
  if (!text) fail('--for must be specified');
  if (text === 'delete') return { kind: 'delete' };
  if (text === 'create') return { kind: 'create' };
  if (text.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const eq = rest.indexOf('=');
    return eq >= 0
      ? { kind: 'condition', type: rest.slice(0, eq), value: rest.slice(eq + 1) }
      : { kind: 'condition', type: rest, value: 'true' };
  }
  if (text.startsWith('jsonpath=')) {
    const rest = text.slice('jsonpath='.length);
    const m = /^(\{.*\}|[^=]+)(?:=(.*))?$/.exec(rest);
    if (!m)
      fail(
        `jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`,
      );
    let tpl = m[1]!;
    if (!tpl.startsWith('{')) tpl = `{${tpl}}`;
    return { kind: 'jsonpath', template: tpl, ...(m[2] !== undefined ? { value: m[2] } : {}) };
  }
  fail(`unrecognized condition: "${text}"`);
}

function conditionMet(o: KObject, c: Cond): boolean {
  if (c.kind === 'condition') {
    const conds = (o.status?.conditions ?? []) as { type: string; status: string }[];
    const hit = conds.find((x) => x.type.toLowerCase() === c.type.toLowerCase());
    return !!hit && hit.status.toLowerCase() === c.value.toLowerCase();
  }
  if (c.kind === 'jsonpath') {
    const got = evalTemplate(parseTemplate(c.template), o);
    return c.value === undefined ? got !== '' : got === c.value;
  }
  return c.kind === 'create';
}

export const wait: VerbDef = {
  name: 'wait',
  summary: {
    en: 'Experimental: Wait for a specific condition on one or many resources',
    zh: '实验性：等待一个或多个资源满足特定条件',
  },
  usage:
    "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  long: 'Experimental: Wait for a specific condition on one or many resources.\n\n The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.',
  examples: `  # Wait for the pod "busybox1" to contain the status condition of type "Ready"
  kubectl wait --for=condition=Ready pod/busybox1

  # Wait for the pod "busybox1" to contain the status phase to be "Running"
  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
  kubectl delete pod/busybox1
  kubectl wait --for=delete pod/busybox1 --timeout=60s`,
  flags: [
    flag(
      'for',
      "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]].",
    ),
    flag(
      'timeout',
      "The length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week.",
    ),
    SELECTOR_FLAG,
    ALL_NS_FLAG,
    FILENAME_FLAG,
    boolFlag('all', 'Select all resources in the namespace of the specified resource types'),
  ],
  run(k, p) {
    const cond = parseFor(str(p, 'for'));
    const timeoutText = str(p, 'timeout');
    let timeout = timeoutText ? parseGoDuration(timeoutText) : 30_000;
    if (timeoutText?.startsWith('-')) timeout = 7 * 24 * 3_600_000;
    if (!Number.isFinite(timeout))
      fail(`invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
    const errors: string[] = [];
    const targets = selectTargets(k, p, p.args, errors);
    if (errors.length && cond.kind !== 'delete') throw new KubectlError(errors.join('\n'));
    if (!targets.length && cond.kind !== 'delete') fail('no matching resources found');
    let status = 0;
    for (const t of targets) {
      const ns = t.obj.metadata.namespace;
      const uid = t.obj.metadata.uid;
      const name = objectName(k.cluster, t.obj);
      const check = (): Check => {
        const cur = k.cluster.api.get(t.def.kind, ns, t.obj.metadata.name);
        if (cond.kind === 'delete')
          return !cur || cur.metadata.uid !== uid
            ? { done: true, message: `${name} condition met` }
            : { done: false };
        if (!cur) return { done: false };
        return conditionMet(cur, cond) ? { done: true, message: `${name} condition met` } : { done: false };
      };
      const r = waitFor(
        k,
        check,
        timeout,
        `error: timed out waiting for the condition on ${pluralResource(t.def)}/${t.obj.metadata.name}`,
      );
      if (r !== 0) status = r;
    }
    return status;
  },
};
