/**
 * What describe prints of a pod spec, for a Pod and for every pod template (Deployment, ReplicaSet, Job…): the
 * containers (describeContainers: with their statuses for a Pod, without for a template), the volumes, the node
 * selectors and the tolerations. `space` is the template's extra indent (`"  "`), empty for a Pod.
 */
import type { Container, ContainerState, ContainerStatus, Probe, Toleration } from '../../../sim/api/types';
import type { LabelSelector } from '../../../sim/api/types';
import { formatLabelSelector } from '../../../sim/api/labels';
import { rfc1123z, type DescribeWriter } from './common';

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function probeText(p: Probe): string {
  const a = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${a}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const host = g.host ?? '';
    // url.URL{Host: JoinHostPort(host, port)}: an IPv6 host goes in brackets; a path without `/` gets one
    const hostPort = `${host.includes(':') ? `[${host}]` : host}:${g.port}`;
    const path = g.path ?? '';
    const url = `${(g.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${path && !path.startsWith('/') ? '/' : ''}${path}`;
    return `http-get ${url} ${a}`;
  }
  if (p.tcpSocket)
    return `tcp-socket ${(p.tcpSocket as { host?: string }).host ?? ''}:${p.tcpSocket.port} ${a}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${(p.grpc as { service?: string }).service ?? ''} ${a}`;
  return `unknown ${a}`;
}

function describeStatus(w: DescribeWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.line(2, `${title}:\tRunning`);
    w.line(3, `Started:\t${rfc1123z(state.running.startedAt)}`);
  } else if (state?.waiting) {
    w.line(2, `${title}:\tWaiting`);
    if (state.waiting.reason) w.line(3, `Reason:\t${state.waiting.reason}`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.line(2, `${title}:\tTerminated`);
    if (t.reason) w.line(3, `Reason:\t${t.reason}`);
    if (t.message) w.line(3, `Message:\t${t.message}`);
    w.line(3, `Exit Code:\t${t.exitCode}`);
    const signal = (t as { signal?: number }).signal;
    if (signal && signal > 0) w.line(3, `Signal:\t${signal}`);
    w.line(3, `Started:\t${rfc1123z(t.startedAt ?? '0001-01-01T00:00:00Z')}`);
    w.line(3, `Finished:\t${rfc1123z(t.finishedAt ?? '0001-01-01T00:00:00Z')}`);
  } else w.line(2, `${title}:\tWaiting`);
}

/** describeResources: Limits then Requests, resource names sorted. */
export function describeResources(
  w: DescribeWriter,
  level: number,
  res: { limits?: Record<string, string>; requests?: Record<string, string> } | undefined,
): void {
  for (const [title, m] of [
    ['Limits', res?.limits],
    ['Requests', res?.requests],
  ] as const) {
    const keys = Object.keys(m ?? {}).sort();
    if (keys.length) w.line(level, `${title}:`);
    for (const k of keys) w.line(level + 1, `${k}:\t${m![k]}`);
  }
}

interface ValueFrom {
  fieldRef?: { apiVersion?: string; fieldPath: string };
  resourceFieldRef?: { resource: string; containerName?: string; divisor?: string };
  secretKeyRef?: { name: string; key: string; optional?: boolean };
  configMapKeyRef?: { name: string; key: string; optional?: boolean };
}

/**
 * A fieldRef's value as kubectl resolves it for a Pod: its scheme converts only `metadata.name` and
 * `metadata.namespace` field labels, so every other path resolves to the empty string.
 */
export type FieldResolver = (fieldPath: string) => string;

function describeEnv(w: DescribeWriter, c: Container, resolve: FieldResolver | undefined): void {
  const env = c.env ?? [];
  w.line(2, `Environment:${env.length ? '' : '\t<none>'}`);
  for (const e of env) {
    const vf = e.valueFrom as ValueFrom | undefined;
    if (!vf) {
      (e.value ?? '').split('\n').forEach((s, i) => w.line(3, i === 0 ? `${e.name}:\t${s}` : `\t${s}`));
      continue;
    }
    if (vf.fieldRef) {
      const v = resolve ? resolve(vf.fieldRef.fieldPath) : '';
      w.line(3, `${e.name}:\t${v} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})`);
    } else if (vf.resourceFieldRef) {
      const r = vf.resourceFieldRef.resource;
      const [kind, name] = r.split('.') as [string, string];
      const set = (c.resources as Record<string, Record<string, string> | undefined> | undefined)?.[kind]?.[
        name
      ];
      const v = set ?? (r === 'limits.cpu' || r === 'limits.memory' ? 'node allocatable' : '0');
      w.line(3, `${e.name}:\t${v} (${r})`);
    } else if (vf.secretKeyRef) {
      const s = vf.secretKeyRef;
      w.line(
        3,
        `${e.name}:\t<set to the key '${s.key}' in secret '${s.name}'>\tOptional: ${s.optional === true}`,
      );
    } else if (vf.configMapKeyRef) {
      const s = vf.configMapKeyRef;
      w.line(
        3,
        `${e.name}:\t<set to the key '${s.key}' of config map '${s.name}'>\tOptional: ${s.optional === true}`,
      );
    }
  }
}

function describeEnvFrom(w: DescribeWriter, c: Container): void {
  type Ref = { name?: string; optional?: boolean };
  const from = (c.envFrom ?? []) as { configMapRef?: Ref; secretRef?: Ref; prefix?: string }[];
  w.line(2, 'Environment Variables from:');
  for (const e of from) {
    const ref = e.configMapRef ?? e.secretRef;
    const kind = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const what = e.prefix ? `${kind} with prefix '${e.prefix}'` : kind;
    w.line(3, `${ref?.name ?? ''}\t${what}\tOptional: ${ref?.optional === true}`);
  }
}

/** describeContainers: a Pod's (with statuses and a field resolver) or a template's (`space` = `"  "`). */
export function describeContainers(
  w: DescribeWriter,
  title: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  space: string,
  resolve?: FieldResolver,
): void {
  w.line(0, `${space}${title}:${containers.length ? '' : ' <none>'}`);
  for (const c of containers) {
    const cs = statuses?.find((s) => s.name === c.name);
    w.line(1, `${space ? ' ' : ''}${c.name}:`);
    if (cs) w.line(2, `Container ID:\t${cs.containerID ?? ''}`);
    w.line(2, `Image:\t${c.image}`);
    if (cs) w.line(2, `Image ID:\t${cs.imageID ?? ''}`);
    const ports = c.ports ?? [];
    const portText = ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    const hostText = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.line(2, portText.includes(',') ? `Ports:\t${portText}` : `Port:\t${portText || '<none>'}`);
    w.line(2, hostText.includes(',') ? `Host Ports:\t${hostText}` : `Host Port:\t${hostText || '<none>'}`);
    for (const [t, list] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as const) {
      if (!list?.length) continue;
      w.line(2, `${t}:`);
      for (const x of list) for (const s of x.split('\n')) w.line(3, s);
    }
    if (cs) {
      describeStatus(w, 'State', cs.state);
      if (cs.lastState?.terminated) describeStatus(w, 'Last State', cs.lastState);
      w.line(2, `Ready:\t${cs.ready ? 'True' : 'False'}`);
      w.line(2, `Restart Count:\t${cs.restartCount ?? 0}`);
    }
    describeResources(w, 2, c.resources);
    if (c.livenessProbe) w.line(2, `Liveness:\t${probeText(c.livenessProbe)}`);
    if (c.readinessProbe) w.line(2, `Readiness:\t${probeText(c.readinessProbe)}`);
    if (c.startupProbe) w.line(2, `Startup:\t${probeText(c.startupProbe)}`);
    if (c.envFrom?.length) describeEnvFrom(w, c);
    describeEnv(w, c, resolve);
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
      a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
    );
    w.line(2, `Mounts:${mounts.length ? '' : '\t<none>'}`);
    for (const m of mounts)
      w.line(
        3,
        `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path=${JSON.stringify(m.subPath)}` : ''})`,
      );
  }
}

/** printTolerationsMultiline, sorted by key. */
export function describeTolerations(
  w: DescribeWriter,
  level: number,
  tolerations: Toleration[] | undefined,
): void {
  const tols = [...(tolerations ?? [])].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  );
  if (!tols.length) return w.line(level, 'Tolerations:\t<none>');
  tols.forEach((t, i) => {
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      s += ` for ${t.tolerationSeconds}s`;
    w.line(level, `${i === 0 ? 'Tolerations:' : ''}\t${s}`);
  });
}

/** describeVolumes. */
export function describeVolumes(
  w: DescribeWriter,
  volumes: Record<string, unknown>[] | undefined,
  space: string,
): void {
  const vols = volumes ?? [];
  if (!vols.length) return w.line(0, `${space}Volumes:\t<none>`);
  w.line(0, `${space}Volumes:`);
  for (const v of vols) {
    w.line(1, `${space ? ' ' : ''}${String(v.name)}:`);
    describeVolume(w, v);
  }
}

function describeVolume(w: DescribeWriter, v: Record<string, unknown>): void {
  type Src = Record<string, unknown> | undefined;
  const src = (k: string) => v[k] as Src;
  const kv = (k: string, val: unknown) => w.line(2, `${k}:\t${String(val)}`);
  const hostPath = src('hostPath');
  const empty = src('emptyDir');
  const secret = src('secret');
  const cm = src('configMap');
  const pvc = src('persistentVolumeClaim');
  const dapi = src('downwardAPI');
  const projected = src('projected');
  if (hostPath) {
    kv('Type', 'HostPath (bare host directory volume)');
    kv('Path', hostPath.path ?? '');
    kv('HostPathType', hostPath.type ?? '<none>');
  } else if (empty) {
    kv('Type', "EmptyDir (a temporary directory that shares a pod's lifetime)");
    kv('Medium', empty.medium ?? '');
    kv('SizeLimit', empty.sizeLimit && empty.sizeLimit !== '0' ? empty.sizeLimit : '<unset>');
  } else if (secret) {
    kv('Type', 'Secret (a volume populated by a Secret)');
    kv('SecretName', secret.secretName ?? '');
    kv('Optional', secret.optional === true);
  } else if (cm) {
    kv('Type', 'ConfigMap (a volume populated by a ConfigMap)');
    kv('Name', cm.name ?? '');
    kv('Optional', cm.optional === true);
  } else if (pvc) {
    kv('Type', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
    kv('ClaimName', pvc.claimName ?? '');
    kv('ReadOnly', pvc.readOnly === true);
  } else if (dapi) {
    w.line(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)');
    w.line(2, 'Items:');
    for (const it of (dapi.items ?? []) as {
      path: string;
      fieldRef?: { fieldPath: string };
      resourceFieldRef?: { resource: string };
    }[]) {
      if (it.fieldRef) w.line(3, `${it.fieldRef.fieldPath} -> ${it.path}`);
      if (it.resourceFieldRef) w.line(3, `${it.resourceFieldRef.resource} -> ${it.path}`);
    }
  } else if (projected) {
    kv('Type', 'Projected (a volume that contains injected data from multiple sources)');
    type Source = Record<
      string,
      { expirationSeconds?: number; name?: string; optional?: boolean } | undefined
    >;
    // Optional is a *bool printed with %v: <nil> when unset (a set one prints as a pointer; not modelled)
    for (const s of ((projected.sources ?? []) as Source[]).map((x) => x)) {
      if (s.secret) {
        kv('SecretName', s.secret.name ?? '');
        kv('SecretOptionalName', s.secret.optional === undefined ? '<nil>' : s.secret.optional);
      } else if (s.downwardAPI) kv('DownwardAPI', 'true');
      else if (s.configMap) {
        kv('ConfigMapName', s.configMap.name ?? '');
        kv('ConfigMapOptional', s.configMap.optional === undefined ? '<nil>' : s.configMap.optional);
      } else if (s.serviceAccountToken)
        kv('TokenExpirationSeconds', s.serviceAccountToken.expirationSeconds ?? 3607);
    }
  } else w.line(1, '<unknown>');
}

interface SpreadConstraint {
  topologyKey: string;
  whenUnsatisfiable: string;
  maxSkew: number;
  labelSelector?: LabelSelector;
}

/** describeTopologySpreadConstraints, sorted by topology key; nothing when there are none. */
export function describeTopology(w: DescribeWriter, constraints: unknown, space: string): void {
  const list = [...((constraints as SpreadConstraint[] | undefined) ?? [])].sort((a, b) =>
    a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0,
  );
  list.forEach((t, i) => {
    const sel = t.labelSelector ? ` for selector ${formatLabelSelector(t.labelSelector) || '<none>'}` : '';
    const text = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded${sel}`;
    w.line(0, `${space}${i === 0 ? 'Topology Spread Constraints:' : ''}\t${text}`);
  });
}
