/**
 * `kubectl create ingress|poddisruptionbudget|priorityclass`: kubectl's generators for routing, disruption
 * budgets and scheduling priority. Rule syntax (`host/path=svc:port[,tls[=secret]]`, a trailing `*` making a
 * Prefix path), selector parsing and error texts follow kubectl's create_ingress.go, create_pdb.go and
 * create_priorityclass.go.
 */
import { fail } from './errors';
import { addCreateGenerator, requireOneName, submitGenerated } from './create';
import {
  boolFlag,
  DRY_RUN_FLAG,
  flag,
  has,
  intFlag,
  OUTPUT_FLAG,
  str,
  type KubectlContext,
  type VerbDef,
} from './verb';

const GEN = [
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  boolFlag('save-config', 'If true, the configuration of current object will be saved in its annotation.'),
];

const meta = (k: KubectlContext, name: string, namespaced: boolean) => ({
  name,
  ...(namespaced && k.namespaceSet ? { namespace: k.namespace } : {}),
  creationTimestamp: null as unknown as string,
});

/** `svc:80` / `svc:http` → an IngressBackend. */
function backend(spec: string): Record<string, unknown> {
  const i = spec.lastIndexOf(':');
  const name = spec.slice(0, i);
  const port = spec.slice(i + 1);
  return { service: { name, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

const RULE =
  /^(?<host>[^/=,]*)(?<path>\/[^=]*)=(?<svc>[^:,=]+):(?<port>[^,=]+)(?<tls>,tls(=(?<secret>[^,]*))?)?$/;

const createIngress: VerbDef = {
  name: 'ingress',
  aliases: ['ing'],
  summary: { en: 'Create an ingress with the specified name', zh: '创建指定名称的 Ingress' },
  usage: 'kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]',
  long: 'Create an ingress with the specified name.',
  examples: `  # Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
  # svc1:8080 with a TLS secret "my-cert"
  kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"

  # Create a catch all ingress of "/path" pointing to service svc:port and Ingress Class as "otheringress"
  kubectl create ingress catch-all --class=otheringress --rule="/path=svc:port"`,
  flags: [
    ...GEN,
    flag(
      'rule',
      "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional.",
    ),
    flag('class', 'Ingress Class to be used'),
    flag('default-backend', 'Default service for backend, in format of svcname:port'),
    flag('annotation', 'Annotation to insert in the ingress object, in the format annotation=value'),
  ],
  run(k, p) {
    const name = requireOneName(p, 'ingress');
    const rules = p.all.get('rule') ?? [];
    const def = str(p, 'default-backend');
    if (!rules.length && !def)
      fail(
        'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
      );
    if (def !== undefined && !/^[^:]+:[^:]+$/.test(def))
      fail(`default-backend should be in format servicename:serviceport`);
    const byHost: { host: string; paths: Record<string, unknown>[] }[] = [];
    const tls: { hosts: string[]; secretName?: string }[] = [];
    for (const r of rules) {
      const m = RULE.exec(r)?.groups;
      if (!m) fail(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
      const prefix = m.path!.endsWith('*');
      const path = prefix ? m.path!.slice(0, -1) : m.path!;
      let entry = byHost.find((h) => h.host === m.host);
      if (!entry) byHost.push((entry = { host: m.host!, paths: [] }));
      entry.paths.push({
        path,
        pathType: prefix ? 'Prefix' : 'Exact',
        backend: backend(`${m.svc}:${m.port}`),
      });
      if (m.tls && m.host) {
        const secret = m.secret || undefined;
        const t = tls.find((x) => x.secretName === secret);
        if (t) {
          if (!t.hosts.includes(m.host)) t.hosts.push(m.host);
        } else tls.push({ hosts: [m.host], ...(secret ? { secretName: secret } : {}) });
      }
    }
    const annotations: Record<string, string> = {};
    for (const a of p.all.get('annotation') ?? []) {
      const i = a.indexOf('=');
      if (i <= 0) fail(`annotation ${a} is invalid and should be in format key=[value]`);
      annotations[a.slice(0, i)] = a.slice(i + 1);
    }
    const cls = str(p, 'class');
    return submitGenerated(
      k,
      p,
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          ...meta(k, name, true),
          ...(Object.keys(annotations).length ? { annotations } : {}),
        },
        spec: {
          ...(cls ? { ingressClassName: cls } : {}),
          ...(def ? { defaultBackend: backend(def) } : {}),
          ...(tls.length ? { tls } : {}),
          ...(byHost.length
            ? {
                rules: byHost.map((h) => ({
                  ...(h.host ? { host: h.host } : {}),
                  http: { paths: h.paths },
                })),
              }
            : {}),
        },
        status: { loadBalancer: {} },
      },
      'created',
      'failed to create ingress: ',
    );
  },
};

/** A label selector string (`app=web,tier!=db,env in (a,b),gpu,!spot`) → a LabelSelector. */
function labelSelector(text: string): Record<string, unknown> {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  const parts = text.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  for (const raw of parts.map((s) => s.trim()).filter(Boolean)) {
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=]+)\s*(in|notin)\s*\(([^)]*)\)$/.exec(raw)))
      matchExpressions.push({
        key: m[1],
        operator: m[2] === 'in' ? 'In' : 'NotIn',
        values: m[3]!
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
          .sort(),
      });
    else if ((m = /^([^\s!=]+)\s*!=\s*(\S*)$/.exec(raw)))
      matchExpressions.push({ key: m[1], operator: 'NotIn', values: [m[2]] });
    else if ((m = /^([^\s!=]+)\s*==?\s*(\S*)$/.exec(raw))) matchLabels[m[1]!] = m[2]!;
    else if ((m = /^!\s*(\S+)$/.exec(raw))) matchExpressions.push({ key: m[1], operator: 'DoesNotExist' });
    else if (/^\S+$/.test(raw)) matchExpressions.push({ key: raw, operator: 'Exists' });
    else fail(`couldn't parse the selector string "${text}"`);
  }
  return {
    ...(Object.keys(matchLabels).length ? { matchLabels } : {}),
    ...(matchExpressions.length ? { matchExpressions } : {}),
  };
}

const intOrPercent = (v: string): number | string => (/^\d+$/.test(v) ? Number(v) : v);

const createPdb: VerbDef = {
  name: 'poddisruptionbudget',
  aliases: ['pdb'],
  summary: {
    en: 'Create a pod disruption budget with the specified name',
    zh: '创建指定名称的 Pod 干扰预算',
  },
  usage:
    'kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]',
  long: 'Create a pod disruption budget with the specified name, selector, and desired minimum available pods.',
  examples: `  # Create a pod disruption budget named my-pdb that will select all pods with the app=rails label
  # and require at least one of them being available at any point in time
  kubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1`,
  flags: [
    ...GEN,
    flag('min-available', 'The minimum number or percentage of available pods this budget requires.'),
    flag('max-unavailable', 'The maximum number or percentage of unavailable pods this budget requires.'),
    flag(
      'selector',
      'A label selector to use for this budget. Only equality-based selector requirements are supported.',
    ),
  ],
  run(k, p) {
    const name = requireOneName(p, 'poddisruptionbudget');
    const selector = str(p, 'selector');
    const min = str(p, 'min-available');
    const max = str(p, 'max-unavailable');
    if (!selector) fail('a selector must be specified');
    if (!min && !max) fail('one of min-available or max-unavailable must be specified');
    if (min && max) fail('min-available and max-unavailable cannot be both specified');
    for (const v of [min, max])
      if (v !== undefined && !/^\d+%?$/.test(v))
        fail(`invalid format specified for ${v === min ? 'min-available' : 'max-unavailable'}`);
    return submitGenerated(
      k,
      p,
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: meta(k, name, true),
        spec: {
          ...(min ? { minAvailable: intOrPercent(min) } : {}),
          selector: labelSelector(selector),
          ...(max ? { maxUnavailable: intOrPercent(max) } : {}),
        },
        status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
      },
      'created',
      'failed to create poddisruptionbudgets: ',
    );
  },
};

const createPriorityClass: VerbDef = {
  name: 'priorityclass',
  aliases: ['pc'],
  summary: { en: 'Create a priority class with the specified name', zh: '创建指定名称的优先级类' },
  usage:
    'kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]',
  long: 'Create a priority class with the specified name, value, globalDefault and description.',
  examples: `  # Create a priority class named high-priority
  kubectl create priorityclass high-priority --value=1000 --description="high priority"`,
  flags: [
    ...GEN,
    flag('value', 'the value of this priority class.'),
    boolFlag(
      'global-default',
      'global-default specifies whether this PriorityClass should be considered as the default priority.',
    ),
    flag(
      'description',
      'description is an arbitrary string that usually provides guidelines on when this priority class should be used.',
    ),
    flag('preemption-policy', 'preemption-policy is the policy for preempting pods with lower priority.'),
  ],
  run(k, p) {
    const name = requireOneName(p, 'priorityclass');
    const description = str(p, 'description');
    return submitGenerated(
      k,
      p,
      {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: meta(k, name, false),
        value: intFlag(p, 'value') ?? 0,
        ...(has(p, 'global-default') ? { globalDefault: true } : {}),
        ...(description ? { description } : {}),
        preemptionPolicy: str(p, 'preemption-policy') ?? 'PreemptLowerPriority',
      } as never,
      'created',
      'failed to create priorityclass: ',
    );
  },
};

addCreateGenerator(createIngress);
addCreateGenerator(createPdb);
addCreateGenerator(createPriorityClass);
