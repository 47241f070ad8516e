/**
 * Pods: the STATUS/READY/RESTARTS columns follow kubectl's printPod, and describe follows describePod.
 */
import type { Container, ContainerStatus, KObject, Pod, Probe } from '../../../sim/api/types';
import { formatLabels } from '../../../sim/api/labels';
import { humanDuration } from '../duration';
import { ageOf, DescribeWriter, rfc1123z, type PrintContext } from './common';
import { registerPrinter } from './registry';

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

/** printPod's READY, STATUS and RESTARTS cells. */
export function podSummary(pod: Pod, pc: PrintContext): PodSummary {
  const spec = pod.spec ?? { containers: [] };
  const st = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let lastRestart = -Infinity;
  let reason: string = st.phase ?? 'Pending';
  if (st.reason) reason = st.reason;
  const scheduled = (st.conditions ?? []).find((c) => c.type === 'PodScheduled');
  if (scheduled?.reason === 'SchedulingGated') reason = 'SchedulingGated';

  const inits = spec.initContainers ?? [];
  const restartable = new Set(inits.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  total += restartable.size;
  const noteTermination = (cs: ContainerStatus): void => {
    const t = cs.lastState?.terminated?.finishedAt;
    if (t) lastRestart = Math.max(lastRestart, pc.fromIso(t));
  };

  let initializing = false;
  const initStatuses = st.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    restarts += cs.restartCount ?? 0;
    noteTermination(cs);
    if (restartable.has(cs.name)) {
      restartableInitRestarts += cs.restartCount ?? 0;
      if (cs.started) {
        if (cs.ready) ready++;
        continue;
      }
    }
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (term) reason = term.reason ? `Init:${term.reason}` : `Init:ExitCode:${term.exitCode}`;
    else if (wait?.reason && wait.reason !== 'PodInitializing') reason = `Init:${wait.reason}`;
    else reason = `Init:${i}/${inits.length}`;
    initializing = true;
    break;
  }

  const initializedTrue = (st.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    let hasRunning = false;
    const statuses = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      restarts += cs.restartCount ?? 0;
      noteTermination(cs);
      const wait = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = `ExitCode:${term.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const readyCond = (st.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = readyCond ? 'Running' : 'NotReady';
    }
  }

  const terminal = st.phase === 'Succeeded' || st.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart > -Infinity)
    restartsStr = `${restarts} (${humanDuration(pc.now - lastRestart)} ago)`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsStr };
}

function podIP(pod: Pod): string | undefined {
  return pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP;
}

function probeText(p: Probe): string {
  const a = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    return `http-get ${scheme}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? '/'} ${a}`;
  }
  if (p.tcpSocket) return `tcp-socket ${''}:${p.tcpSocket.port} ${a}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${a}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port}  ${a}`;
  return `unknown ${a}`;
}

function describeState(
  w: DescribeWriter,
  level: number,
  title: string,
  state: ContainerStatus['state'] | undefined,
): void {
  if (state?.running) {
    w.kv(level, title, 'Running');
    w.kv(level + 1, 'Started', rfc1123z(state.running.startedAt));
  } else if (state?.waiting) {
    w.kv(level, title, 'Waiting');
    w.kv(level + 1, 'Reason', state.waiting.reason);
    if (state.waiting.message) w.kv(level + 1, 'Message', state.waiting.message);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.kv(level, title, 'Terminated');
    if (t.reason) w.kv(level + 1, 'Reason', t.reason);
    if (t.message) w.kv(level + 1, 'Message', t.message);
    w.kv(level + 1, 'Exit Code', String(t.exitCode));
    if (t.startedAt) w.kv(level + 1, 'Started', rfc1123z(t.startedAt));
    if (t.finishedAt) w.kv(level + 1, 'Finished', rfc1123z(t.finishedAt));
  } else w.kv(level, title, 'Waiting');
}

function describeContainers(
  w: DescribeWriter,
  title: string,
  containers: Container[],
  statuses: ContainerStatus[],
): void {
  w.line(0, `${title}:`);
  for (const c of containers) {
    const cs = statuses.find((s) => s.name === c.name);
    w.line(1, `${c.name}:`);
    if (cs?.containerID) w.kv(2, 'Container ID', cs.containerID);
    w.kv(2, 'Image', c.image);
    w.kv(2, 'Image ID', cs?.imageID ?? '');
    const ports = c.ports ?? [];
    if (ports.length <= 1) {
      const p = ports[0];
      w.kv(2, 'Port', p ? `${p.containerPort}/${p.protocol ?? 'TCP'}` : '<none>');
      w.kv(2, 'Host Port', p ? `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}` : '<none>');
    } else {
      w.kv(2, 'Ports', ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', '));
      w.kv(2, 'Host Ports', ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', '));
    }
    if (c.command?.length) {
      w.line(2, 'Command:');
      for (const x of c.command) w.line(3, x);
    }
    if (c.args?.length) {
      w.line(2, 'Args:');
      for (const x of c.args) w.line(3, x);
    }
    describeState(w, 2, 'State', cs?.state);
    if (cs?.lastState && Object.keys(cs.lastState).length) describeState(w, 2, 'Last State', cs.lastState);
    w.kv(2, 'Ready', cs?.ready ? 'True' : 'False');
    w.kv(2, 'Restart Count', String(cs?.restartCount ?? 0));
    const res = c.resources ?? {};
    if (res.limits && Object.keys(res.limits).length) {
      w.line(2, 'Limits:');
      for (const k of Object.keys(res.limits).sort()) w.kv(3, k, res.limits[k]);
    }
    if (res.requests && Object.keys(res.requests).length) {
      w.line(2, 'Requests:');
      for (const k of Object.keys(res.requests).sort()) w.kv(3, k, res.requests[k]);
    }
    if (c.livenessProbe) w.kv(2, 'Liveness', probeText(c.livenessProbe));
    if (c.readinessProbe) w.kv(2, 'Readiness', probeText(c.readinessProbe));
    if (c.startupProbe) w.kv(2, 'Startup', probeText(c.startupProbe));
    const env = c.env ?? [];
    if (!env.length) w.kv(2, 'Environment', '<none>');
    else {
      w.line(2, 'Environment:');
      for (const e of env) {
        let v = e.value ?? '';
        const vf = e.valueFrom as
          | {
              configMapKeyRef?: { name: string; key: string };
              secretKeyRef?: { name: string; key: string };
              fieldRef?: { fieldPath: string };
            }
          | undefined;
        if (vf?.configMapKeyRef)
          v = `<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>`;
        else if (vf?.secretKeyRef)
          v = `<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>`;
        else if (vf?.fieldRef) v = `(v1:${vf.fieldRef.fieldPath})`;
        w.line(3, `${e.name}:\t${v}`);
      }
    }
    const mounts = c.volumeMounts ?? [];
    if (!mounts.length) w.kv(2, 'Mounts', '<none>');
    else {
      w.line(2, 'Mounts:');
      for (const m of mounts)
        w.line(
          3,
          `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path="${m.subPath}"` : ''})`,
        );
    }
  }
}

/** describePod. */
export function describePod(obj: KObject, pc: PrintContext): string {
  const pod = obj as Pod;
  const st = pod.status ?? {};
  const w = new DescribeWriter();
  w.kv(0, 'Name', pod.metadata.name);
  w.kv(0, 'Namespace', pod.metadata.namespace);
  w.kv(0, 'Priority', String(pod.spec.priority ?? 0));
  w.kv(0, 'Service Account', pod.spec.serviceAccountName ?? 'default');
  w.kv(0, 'Node', pod.spec.nodeName ? `${pod.spec.nodeName}${st.hostIP ? '/' + st.hostIP : ''}` : '<none>');
  if (st.startTime) w.kv(0, 'Start Time', rfc1123z(st.startTime));
  w.map(0, 'Labels', pod.metadata.labels);
  w.annotations(0, pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp) {
    w.kv(0, 'Status', `Terminating (lasts ${ageOf(pc, pod.metadata.deletionTimestamp)})`);
    w.kv(0, 'Termination Grace Period', `${pod.metadata.deletionGracePeriodSeconds ?? 30}s`);
  } else w.kv(0, 'Status', st.phase ?? 'Pending');
  if (st.reason) w.kv(0, 'Reason', st.reason);
  if (st.message) w.kv(0, 'Message', st.message);
  w.kv(0, 'IP', podIP(pod) ?? '');
  const ips = st.podIPs ?? (st.podIP ? [{ ip: st.podIP }] : []);
  if (ips.length) {
    w.line(0, 'IPs:');
    for (const ip of ips) w.kv(1, 'IP', ip.ip);
  } else w.kv(0, 'IPs', '<none>');
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (owner) w.kv(0, 'Controlled By', `${owner.kind}/${owner.name}`);
  if (pod.spec.initContainers?.length)
    describeContainers(w, 'Init Containers', pod.spec.initContainers, st.initContainerStatuses ?? []);
  describeContainers(w, 'Containers', pod.spec.containers ?? [], st.containerStatuses ?? []);
  if (st.conditions?.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus');
    for (const c of st.conditions) w.line(1, `${c.type} \t${c.status} `);
  }
  const vols = (pod.spec.volumes ?? []) as Record<string, unknown>[];
  if (!vols.length) w.kv(0, 'Volumes', '<none>');
  else {
    w.line(0, 'Volumes:');
    for (const v of vols) {
      w.line(1, `${String(v.name)}:`);
      describeVolume(w, v);
    }
  }
  w.kv(0, 'QoS Class', st.qosClass ?? qosClass(pod));
  w.kv(0, 'Node-Selectors', formatNodeSelector(pod.spec.nodeSelector));
  const tols = pod.spec.tolerations ?? [];
  if (!tols.length) w.kv(0, 'Tolerations', '<none>');
  else
    tols.forEach((t, i) => {
      let s = t.key ?? '';
      if (t.value) s += `=${t.value}`;
      if (t.effect) s += `:${t.effect}`;
      if (t.operator === 'Exists' || (!t.key && !t.operator)) s += ' op=Exists';
      if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
      w.line(0, `${i === 0 ? 'Tolerations:' : ''}\t${s}`);
    });
  return w.events(pc, obj).toString();
}

function formatNodeSelector(s: Record<string, string> | undefined): string {
  const keys = Object.keys(s ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${s![k]}`).join(',') : '<none>';
}

function describeVolume(w: DescribeWriter, v: Record<string, unknown>): void {
  const cm = v.configMap as { name?: string; optional?: boolean } | undefined;
  const secret = v.secret as { secretName?: string; optional?: boolean } | undefined;
  const empty = v.emptyDir as { medium?: string; sizeLimit?: string } | undefined;
  const pvc = v.persistentVolumeClaim as { claimName?: string; readOnly?: boolean } | undefined;
  const hostPath = v.hostPath as { path?: string; type?: string } | undefined;
  if (cm) {
    w.kv(2, 'Type', 'ConfigMap (a volume populated by a ConfigMap)');
    w.kv(2, 'Name', cm.name);
    w.kv(2, 'Optional', String(cm.optional ?? false));
  } else if (secret) {
    w.kv(2, 'Type', 'Secret (a volume populated by a Secret)');
    w.kv(2, 'SecretName', secret.secretName);
    w.kv(2, 'Optional', String(secret.optional ?? false));
  } else if (empty) {
    w.kv(2, 'Type', "EmptyDir (a temporary directory that shares a pod's lifetime)");
    w.kv(2, 'Medium', empty.medium ?? '');
    w.kv(2, 'SizeLimit', empty.sizeLimit ?? '<unset>');
  } else if (pvc) {
    w.kv(2, 'Type', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
    w.kv(2, 'ClaimName', pvc.claimName);
    w.kv(2, 'ReadOnly', String(pvc.readOnly ?? false));
  } else if (hostPath) {
    w.kv(2, 'Type', 'HostPath (bare host directory volume)');
    w.kv(2, 'Path', hostPath.path);
    w.kv(2, 'HostPathType', hostPath.type ?? '');
  } else if (v.projected) {
    w.kv(2, 'Type', 'Projected (a volume that contains injected data from multiple sources)');
    type Source = Record<
      string,
      { expirationSeconds?: number; name?: string; optional?: boolean } | undefined
    >;
    const sources = (v.projected as { sources?: Source[] }).sources ?? [];
    for (const src of sources) {
      if (src.serviceAccountToken)
        w.kv(2, 'TokenExpirationSeconds', String(src.serviceAccountToken.expirationSeconds ?? 3607));
      if (src.configMap) {
        w.kv(2, 'ConfigMapName', src.configMap.name);
        w.kv(
          2,
          'ConfigMapOptional',
          src.configMap.optional === undefined ? '<nil>' : String(src.configMap.optional),
        );
      }
      if (src.downwardAPI) w.kv(2, 'DownwardAPI', 'true');
    }
  } else w.kv(2, 'Type', '<unknown>');
}

function qosClass(pod: Pod): string {
  const cs = pod.spec.containers ?? [];
  const any = cs.some(
    (c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length,
  );
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) => {
    const l = c.resources?.limits ?? {};
    const r = c.resources?.requests ?? l;
    return l.cpu && l.memory && (r.cpu ?? l.cpu) === l.cpu && (r.memory ?? l.memory) === l.memory;
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

registerPrinter({
  kind: 'Pod',
  headers: (wide) =>
    wide
      ? ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']
      : ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  row(obj, pc, wide) {
    const pod = obj as Pod;
    const s = podSummary(pod, pc);
    const row = [pod.metadata.name, s.ready, s.status, s.restarts, ageOf(pc, pod.metadata.creationTimestamp)];
    if (wide) {
      const gates = (pod.spec.readinessGates as { conditionType: string }[] | undefined) ?? [];
      let gatesText = '<none>';
      if (gates.length) {
        const ok = gates.filter((g) =>
          (pod.status?.conditions ?? []).some((c) => c.type === g.conditionType && c.status === 'True'),
        ).length;
        gatesText = `${ok}/${gates.length}`;
      }
      row.push(
        podIP(pod) || '<none>',
        pod.spec.nodeName || '<none>',
        pod.status?.nominatedNodeName || '<none>',
        gatesText,
      );
    }
    return row;
  },
  describe: describePod,
});

export { formatLabels };
