/**
 * Defaulting and validation of PodSpec, shared by Pod and every pod template (ReplicaSet, Deployment, …).
 * Defaults follow pkg/apis/core/v1/defaults.go; messages follow pkg/apis/core/validation.
 */
import type { FieldError } from '../api/errors';
import type { Container, PodSpec, Probe } from '../api/types';
import { parseQuantity } from '../api/quantity';
import { validateDnsLabel, validatePort, validateQuantities, validateNonNegative } from '../api/validation';

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) p.httpGet.scheme ??= 'HTTP';
}

/** True when the image reference has no tag or the tag `latest` (pull policy Always). */
export function imageIsLatest(image: string): boolean {
  if (image.includes('@')) return false;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 || last.slice(colon + 1) === 'latest';
}

function defaultContainer(c: Container): void {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  if (typeof c.image === 'string') c.imagePullPolicy ??= imageIsLatest(c.image) ? 'Always' : 'IfNotPresent';
  c.resources ??= {};
  // Requests default to limits for any resource with a limit and no request.
  if (c.resources.limits) {
    for (const [k, v] of Object.entries(c.resources.limits)) {
      c.resources.requests ??= {};
      if (c.resources.requests[k] === undefined) c.resources.requests[k] = v;
    }
  }
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  // SetDefaults_ObjectFieldSelector: a fieldRef without apiVersion means v1 (describe prints `(v1:spec.nodeName)`).
  for (const e of (c.env ?? []) as { valueFrom?: { fieldRef?: { apiVersion?: string } } }[])
    if (e?.valueFrom?.fieldRef && typeof e.valueFrom.fieldRef === 'object')
      e.valueFrom.fieldRef.apiVersion ??= 'v1';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

export function defaultPodSpec(spec: PodSpec): void {
  if (!spec || typeof spec !== 'object') return;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
  if (spec.serviceAccount && !spec.serviceAccountName)
    spec.serviceAccountName = spec.serviceAccount as string;
  for (const c of spec.containers ?? []) if (c && typeof c === 'object') defaultContainer(c);
  for (const c of spec.initContainers ?? []) if (c && typeof c === 'object') defaultContainer(c);
  for (const v of (spec.volumes ?? []) as Record<string, unknown>[]) {
    if (v.configMap) (v.configMap as Record<string, unknown>).defaultMode ??= 420;
    if (v.secret) (v.secret as Record<string, unknown>).defaultMode ??= 420;
    if (v.hostPath) (v.hostPath as Record<string, unknown>).type ??= '';
    const downward = v.downwardAPI as { items?: { fieldRef?: { apiVersion?: string } }[] } | undefined;
    for (const it of downward?.items ?? [])
      if (it?.fieldRef && typeof it.fieldRef === 'object') it.fieldRef.apiVersion ??= 'v1';
  }
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

function validateProbe(
  p: Probe | undefined,
  field: string,
  kind: 'liveness' | 'readiness' | 'startup',
): FieldError[] {
  if (!p) return [];
  const errs: FieldError[] = [];
  const set = HANDLERS.filter((h) => p[h] !== undefined);
  if (set.length === 0) errs.push({ type: 'Required', field, detail: 'must specify a handler type' });
  if (set.length > 1)
    errs.push({
      type: 'Forbidden',
      field: `${field}.${set[1]}`,
      detail: 'may not specify more than 1 handler type',
    });
  for (const f of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ] as const) {
    errs.push(...validateNonNegative(p[f], `${field}.${f}`));
  }
  if (kind !== 'readiness' && p.successThreshold !== undefined && p.successThreshold !== 1) {
    errs.push({
      type: 'Invalid',
      field: `${field}.successThreshold`,
      value: p.successThreshold,
      detail: 'must be 1',
    });
  }
  if (p.httpGet) errs.push(...validatePortOrName(p.httpGet.port, `${field}.httpGet.port`));
  if (p.tcpSocket) errs.push(...validatePortOrName(p.tcpSocket.port, `${field}.tcpSocket.port`));
  if (p.exec && (!p.exec.command || p.exec.command.length === 0))
    errs.push({ type: 'Required', field: `${field}.exec.command` });
  return errs;
}

function validatePortOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return validatePort(port, field);
  if (typeof port === 'string' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(port)) {
    return [
      {
        type: 'Invalid',
        field,
        value: port,
        detail: 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      },
    ];
  }
  return [];
}

const RESOURCE_NAMES =
  /^(cpu|memory|ephemeral-storage|hugepages-.+|[a-z0-9.-]+\/[a-zA-Z0-9._-]+|pods|storage)$/;

function validateContainers(
  list: Container[],
  field: string,
  names: Set<string>,
  volumes: Set<string>,
  init: boolean,
): FieldError[] {
  const errs: FieldError[] = [];
  list.forEach((c, i) => {
    const f = `${field}[${i}]`;
    if (!c || typeof c !== 'object') {
      errs.push({ type: 'Required', field: f });
      return;
    }
    if (!c.name) errs.push({ type: 'Required', field: `${f}.name` });
    else {
      errs.push(...validateDnsLabel(c.name, `${f}.name`));
      if (names.has(c.name)) errs.push({ type: 'Duplicate', field: `${f}.name`, value: c.name });
      names.add(c.name);
    }
    if (!c.image || !String(c.image).trim()) errs.push({ type: 'Required', field: `${f}.image` });
    else if (
      /\s|[A-Z]/.test(c.image.split('@')[0]!.split('/').slice(0, -1).join('/')) ||
      /\s/.test(c.image)
    ) {
      // Image reference syntax errors surface at pull time as InvalidImageName; whitespace is refused here.
      if (/\s/.test(c.image))
        errs.push({
          type: 'Invalid',
          field: `${f}.image`,
          value: c.image,
          detail: 'must not have leading or trailing whitespace',
        });
    }
    const ports = new Set<string>();
    (c.ports ?? []).forEach((p, j) => {
      const pf = `${f}.ports[${j}]`;
      if (p.containerPort === undefined) errs.push({ type: 'Required', field: `${pf}.containerPort` });
      else errs.push(...validatePort(p.containerPort, `${pf}.containerPort`));
      if (p.hostPort !== undefined) errs.push(...validatePort(p.hostPort, `${pf}.hostPort`));
      if (p.protocol && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) {
        errs.push({
          type: 'Unsupported',
          field: `${pf}.protocol`,
          value: p.protocol,
          supported: ['SCTP', 'TCP', 'UDP'],
        });
      }
      if (p.name) {
        if (ports.has(p.name)) errs.push({ type: 'Duplicate', field: `${pf}.name`, value: p.name });
        ports.add(p.name);
      }
    });
    (c.env ?? []).forEach((e, j) => {
      if (!e.name) errs.push({ type: 'Required', field: `${f}.env[${j}].name` });
      if (e.value !== undefined && e.valueFrom !== undefined) {
        errs.push({
          type: 'Invalid',
          field: `${f}.env[${j}].valueFrom`,
          value: '',
          detail: 'may not be specified when `value` is not empty',
        });
      }
    });
    const res = c.resources ?? {};
    for (const part of ['requests', 'limits'] as const) {
      errs.push(...validateQuantities(res[part], `${f}.resources.${part}`));
      for (const k of Object.keys(res[part] ?? {})) {
        if (!RESOURCE_NAMES.test(k))
          errs.push({
            type: 'Invalid',
            field: `${f}.resources.${part}[${k}]`,
            value: k,
            detail: 'must be a standard resource type or fully qualified',
          });
      }
    }
    for (const [k, req] of Object.entries(res.requests ?? {})) {
      const lim = res.limits?.[k];
      if (lim !== undefined && parseQuantity(req) > parseQuantity(lim)) {
        errs.push({
          type: 'Invalid',
          field: `${f}.resources.requests`,
          value: req,
          detail: `must be less than or equal to ${k} limit of ${lim}`,
        });
      }
    }
    (c.volumeMounts ?? []).forEach((m, j) => {
      if (!m.name) errs.push({ type: 'Required', field: `${f}.volumeMounts[${j}].name` });
      else if (!volumes.has(m.name))
        errs.push({ type: 'NotFound', field: `${f}.volumeMounts[${j}].name`, value: m.name });
      if (!m.mountPath) errs.push({ type: 'Required', field: `${f}.volumeMounts[${j}].mountPath` });
    });
    if (c.imagePullPolicy && !['Always', 'Never', 'IfNotPresent'].includes(c.imagePullPolicy)) {
      errs.push({
        type: 'Unsupported',
        field: `${f}.imagePullPolicy`,
        value: c.imagePullPolicy,
        supported: ['Always', 'IfNotPresent', 'Never'],
      });
    }
    if (init && c.restartPolicy === undefined) {
      for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (c[p])
          errs.push({
            type: 'Forbidden',
            field: `${f}.${p}`,
            detail: 'may not be set for init containers without restartPolicy=Always',
          });
      }
    } else {
      errs.push(...validateProbe(c.livenessProbe, `${f}.livenessProbe`, 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, `${f}.readinessProbe`, 'readiness'));
      errs.push(...validateProbe(c.startupProbe, `${f}.startupProbe`, 'startup'));
    }
    if (!init && c.restartPolicy !== undefined)
      errs.push({
        type: 'Forbidden',
        field: `${f}.restartPolicy`,
        detail: 'may not be set for non-init containers',
      });
  });
  return errs;
}

/** Field errors of a PodSpec at `field` (e.g. `spec` or `spec.template.spec`). */
export function validatePodSpec(spec: PodSpec | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec || typeof spec !== 'object') return [{ type: 'Required', field: `${field}.containers` }];
  const volumes = new Set<string>();
  ((spec.volumes ?? []) as { name?: string }[]).forEach((v, i) => {
    if (!v.name) errs.push({ type: 'Required', field: `${field}.volumes[${i}].name` });
    else {
      errs.push(...validateDnsLabel(v.name, `${field}.volumes[${i}].name`));
      if (volumes.has(v.name))
        errs.push({ type: 'Duplicate', field: `${field}.volumes[${i}].name`, value: v.name });
      volumes.add(v.name);
    }
    const sources = Object.keys(v).filter((k) => k !== 'name');
    if (sources.length === 0)
      errs.push({ type: 'Required', field: `${field}.volumes[${i}]`, detail: 'must specify a volume type' });
    if (sources.length > 1)
      errs.push({
        type: 'Forbidden',
        field: `${field}.volumes[${i}].${sources[1]}`,
        detail: 'may not specify more than 1 volume type',
      });
  });
  if (!spec.containers || spec.containers.length === 0)
    errs.push({ type: 'Required', field: `${field}.containers` });
  const names = new Set<string>();
  errs.push(
    ...validateContainers(spec.initContainers ?? [], `${field}.initContainers`, names, volumes, true),
  );
  errs.push(...validateContainers(spec.containers ?? [], `${field}.containers`, names, volumes, false));
  if (spec.restartPolicy && !['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy)) {
    errs.push({
      type: 'Unsupported',
      field: `${field}.restartPolicy`,
      value: spec.restartPolicy,
      supported: ['Always', 'OnFailure', 'Never'],
    });
  }
  if (
    spec.dnsPolicy &&
    !['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(spec.dnsPolicy)
  ) {
    errs.push({
      type: 'Unsupported',
      field: `${field}.dnsPolicy`,
      value: spec.dnsPolicy,
      supported: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
    });
  }
  errs.push(
    ...validateNonNegative(spec.terminationGracePeriodSeconds, `${field}.terminationGracePeriodSeconds`),
  );
  (spec.tolerations ?? []).forEach((t, i) => {
    const f = `${field}.tolerations[${i}]`;
    if (t.operator && !['Exists', 'Equal'].includes(t.operator))
      errs.push({
        type: 'Unsupported',
        field: `${f}.operator`,
        value: t.operator,
        supported: ['Equal', 'Exists'],
      });
    if (t.operator === 'Exists' && t.value)
      errs.push({
        type: 'Invalid',
        field: `${f}.operator`,
        value: t.operator,
        detail: "value must be empty when `operator` is 'Exists'",
      });
    if (!t.key && t.operator !== 'Exists')
      errs.push({
        type: 'Invalid',
        field: `${f}.operator`,
        value: t.operator ?? '',
        detail: 'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      });
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      errs.push({
        type: 'Unsupported',
        field: `${f}.effect`,
        value: t.effect,
        supported: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
      });
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push({
        type: 'Invalid',
        field: `${f}.effect`,
        value: t.effect ?? '',
        detail: "effect must be 'NoExecute' when `tolerationSeconds` is set",
      });
    }
  });
  return errs;
}

/** QoS class from requests and limits (pkg/apis/core/helper/qos). */
export function qosClass(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined && parseQuantity(req[r]) !== 0) any = true;
      if (lim[r] !== undefined && parseQuantity(lim[r]) !== 0) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && parseQuantity(req[r]) !== parseQuantity(lim[r])))
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
