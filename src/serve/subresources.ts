/**
 * Subresources and the resources the serve layer answers itself: `status`, `scale`, `pods/log`, `pods/eviction`,
 * the access reviews `kubectl auth can-i` sends (everything is allowed: the token is the only credential) and
 * `metrics.k8s.io` for `kubectl top`. `pods/exec` is a WebSocket upgrade handled in execStream.ts.
 */
import type { KObject, Pod } from '../sim/api/types';
import { metricsApiAvailable, nodeMetricsOf, podMetricsOf } from '../sim/metrics/metricsServer';
import { containerIdOf, runtime } from '../shell/kubectl/client';
import { failure, methodNotAllowed, notFoundPath, type StatusObject } from './status';
import { json, type ApiReply, type ApiRequest } from './request';
import { notFoundOf, status, type ApiContext, type Target } from './apiContext';

export function subresource(api: ApiContext, req: ApiRequest, t: Target): ApiReply {
  if (!t.info.def) return virtual(api, req, t);
  if (!t.info.subresources.some((s) => s.name === t.sub)) return status(notFoundPath());
  const m = req.method;
  switch (t.sub) {
    case 'status':
      if (m === 'GET') return getObject(api, t);
      if (m === 'PUT') return api.updateStatus(req, t);
      if (m === 'PATCH') return api.patchStatus(req, t);
      return status(methodNotAllowed());
    case 'scale':
      return scale(api, req, t);
    case 'log': {
      const r = podLogs(api, t, req.query);
      if ('code' in r) return status(r);
      return {
        status: 200,
        headers: { 'content-type': 'text/plain' },
        body: r.lines.map((l) => l + '\n').join(''),
      };
    }
    case 'eviction': {
      if (m !== 'POST') return status(methodNotAllowed());
      const o = api.lookup(t);
      if (o.kind === 'Status') return status(o as StatusObject);
      const r = api.cluster.api.evict(t.namespace!, t.name!);
      api.cluster.settle();
      if (!r.ok) return status(failure(r.error.code, r.error.reason, r.error.message));
      return json(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    }
    case 'exec':
      return status(failure(400, 'BadRequest', 'Upgrade request required'));
  }
  return status(notFoundPath());
}

function getObject(api: ApiContext, t: Target): ApiReply {
  const o = api.lookup(t);
  return o.kind === 'Status' ? status(o as StatusObject) : json(200, o);
}

function scaleOf(o: KObject): unknown {
  const spec = (o.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const st = (o.status ?? {}) as { replicas?: number };
  const sel = Object.entries(spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: st.replicas ?? 0, ...(sel ? { selector: sel } : {}) },
  };
}

function scale(api: ApiContext, req: ApiRequest, t: Target): ApiReply {
  const o = api.lookup(t);
  if (o.kind === 'Status') return status(o as StatusObject);
  const cur = o as KObject;
  if (req.method === 'GET') return json(200, scaleOf(cur));
  if (req.method !== 'PUT' && req.method !== 'PATCH') return status(methodNotAllowed());
  let body: { spec?: { replicas?: unknown }; metadata?: { resourceVersion?: string } };
  try {
    body = api.decodeBody(req) as typeof body;
  } catch (s) {
    return status(s as StatusObject);
  }
  let replicas = body?.spec?.replicas;
  if (Array.isArray(body)) {
    const op = (body as { path?: string; value?: unknown }[]).find((x) => x.path === '/spec/replicas');
    replicas = op?.value;
  }
  // (autoscaling's ValidateScale, before the scaled object's own validation)
  const scaleError =
    typeof replicas !== 'number' || !Number.isInteger(replicas)
      ? `Invalid value: ${JSON.stringify(replicas)}: must be an integer`
      : replicas < 0
        ? `Invalid value: ${replicas}: must be greater than or equal to 0`
        : undefined;
  if (scaleError)
    return status(
      failure(422, 'Invalid', `Scale.autoscaling "${t.name}" is invalid: spec.replicas: ${scaleError}`, {
        // (kubectl prints "The Scale "web" is invalid: …" from these details)
        name: t.name!,
        group: 'autoscaling',
        kind: 'Scale',
        causes: [{ reason: 'FieldValueInvalid', message: scaleError, field: 'spec.replicas' }],
      }),
    );
  const rv = body?.metadata?.resourceVersion;
  const next = {
    ...cur,
    metadata: { ...cur.metadata, ...(rv ? { resourceVersion: rv } : {}) },
    spec: { ...(cur.spec as object), replicas },
  } as KObject;
  const r = api.cluster.api.update(next, t.namespace ? { namespace: t.namespace } : {});
  api.cluster.settle();
  if (!r.ok) return status(failure(r.error.code, r.error.reason, r.error.message));
  return json(200, scaleOf(api.cluster.api.get(t.info.kind, t.namespace, t.name!) ?? r.obj));
}

/** The lines of a container's log as `pods/log` returns them (tailLines, previous, container). */
export function podLogs(
  api: ApiContext,
  t: Target,
  q: URLSearchParams,
): { lines: string[]; cid: string } | StatusObject {
  const o = api.lookup(t);
  if (o.kind === 'Status') return o as StatusObject;
  const pod = o as Pod;
  const names = (pod.spec.containers ?? []).map((c) => c.name);
  const container = q.get('container') ?? (names.length === 1 ? names[0] : undefined);
  const bad = (msg: string) => failure(400, 'BadRequest', msg);
  if (!container)
    return bad(
      `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`,
    );
  const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])].map((c) => c.name);
  if (!all.includes(container))
    return bad(`container ${container} is not valid for pod ${pod.metadata.name}`);
  const cs = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(
    (c) => c.name === container,
  );
  const previous = q.get('previous') === 'true';
  const cid = previous
    ? containerIdOf(cs?.lastState?.terminated?.containerID)
    : containerIdOf(cs?.containerID ?? cs?.lastState?.terminated?.containerID);
  if (!cid) {
    if (previous)
      return bad(`previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
    return bad(
      `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${cs?.state?.waiting?.reason ?? 'ContainerCreating'}`,
    );
  }
  const rt = runtime(api.cluster);
  let lines = (rt ? rt.logs(cid) : []).flatMap((l) => (l.endsWith('\n') ? l.slice(0, -1) : l).split('\n'));
  const tail = q.get('tailLines');
  if (tail !== null && Number(tail) >= 0) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
  if (q.get('timestamps') === 'true') {
    const ts = api.cluster.iso().replace('Z', '.000000000Z');
    lines = lines.map((l) => `${ts} ${l}`);
  }
  return { lines, cid };
}

function virtual(api: ApiContext, req: ApiRequest, t: Target): ApiReply {
  const r = t.info;
  if (r.group === 'authorization.k8s.io') {
    if (req.method !== 'POST') return status(methodNotAllowed());
    let body: Record<string, unknown>;
    try {
      body = api.decodeBody(req) as Record<string, unknown>;
    } catch (s) {
      return status(s as StatusObject);
    }
    const st =
      r.kind === 'SelfSubjectAccessReview'
        ? { allowed: true, reason: 'kubelab serves every request its token authorises' }
        : {
            resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
            nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
            incomplete: false,
          };
    return json(201, {
      ...body,
      apiVersion: 'authorization.k8s.io/v1',
      kind: r.kind,
      metadata: { creationTimestamp: null },
      status: st,
    });
  }
  if (r.group === 'metrics.k8s.io') {
    if (req.method !== 'GET') return status(methodNotAllowed());
    if (!metricsApiAvailable(api.cluster))
      return status(
        failure(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'),
      );
    const c = api.cluster;
    if (r.kind === 'NodeMetrics') {
      const nodes = c.api.list('Node').filter((n) => !t.name || n.metadata.name === t.name);
      const items = nodes.flatMap((n) => {
        const m = nodeMetricsOf(c, n.metadata.name);
        return m
          ? [
              {
                metadata: { name: n.metadata.name, labels: n.metadata.labels, creationTimestamp: c.iso() },
                timestamp: m.timestamp,
                window: m.window,
                usage: usage(m.cpu, m.memory),
              },
            ]
          : [];
      });
      if (t.name)
        return items[0]
          ? json(200, { kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...items[0] })
          : status(notFoundOf(t));
      return json(200, {
        kind: 'NodeMetricsList',
        apiVersion: 'metrics.k8s.io/v1beta1',
        metadata: {},
        items,
      });
    }
    const pods = c.api.list('Pod', t.namespace).filter((p) => !t.name || p.metadata.name === t.name);
    const items = pods.flatMap((p) => {
      const m = podMetricsOf(c, p.metadata.namespace!, p.metadata.name);
      return m
        ? [
            {
              metadata: {
                name: p.metadata.name,
                namespace: p.metadata.namespace,
                labels: p.metadata.labels,
                creationTimestamp: c.iso(),
              },
              timestamp: m.timestamp,
              window: m.window,
              containers: m.containers.map((x) => ({ name: x.name, usage: usage(x.cpu, x.memory) })),
            },
          ]
        : [];
    });
    if (t.name)
      return items[0]
        ? json(200, { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...items[0] })
        : status(notFoundOf(t));
    return json(200, { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
  }
  return status(notFoundPath());
}

function usage(cpuMillis: number, bytes: number): { cpu: string; memory: string } {
  return { cpu: `${Math.round(cpuMillis * 1e6)}n`, memory: `${Math.round(bytes / 1024)}Ki` };
}
