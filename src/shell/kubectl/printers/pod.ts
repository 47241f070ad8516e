/**
 * Pods: the STATUS/READY/RESTARTS columns follow kubectl's printPod, and describe follows describePod.
 */
import type { ContainerStatus, KObject, Pod } from '../../../sim/api/types';
import { formatLabels } from '../../../sim/api/labels';
import { humanDuration } from '../duration';
import { ageOf, DescribeWriter, rfc1123z, type PrintContext } from './common';
import { registerPrinter } from './registry';
import { describeContainers, describeTolerations, describeTopology, describeVolumes } from './podContainers';

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

/** describePod. */
export function describePod(obj: KObject, pc: PrintContext): string {
  const pod = obj as Pod;
  const st = pod.status ?? {};
  const w = new DescribeWriter();
  w.line(0, `Name:\t${pod.metadata.name}`);
  w.line(0, `Namespace:\t${pod.metadata.namespace ?? ''}`);
  if (pod.spec.priority !== undefined) w.line(0, `Priority:\t${pod.spec.priority}`);
  if (pod.spec.priorityClassName) w.line(0, `Priority Class Name:\t${String(pod.spec.priorityClassName)}`);
  if (pod.spec.runtimeClassName) w.line(0, `Runtime Class Name:\t${String(pod.spec.runtimeClassName)}`);
  if (pod.spec.serviceAccountName) w.line(0, `Service Account:\t${pod.spec.serviceAccountName}`);
  w.line(0, `Node:\t${pod.spec.nodeName ? `${pod.spec.nodeName}/${st.hostIP ?? ''}` : '<none>'}`);
  if (st.startTime) w.line(0, `Start Time:\t${rfc1123z(st.startTime)}`);
  w.map(0, 'Labels', pod.metadata.labels);
  w.annotations(0, pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.line(0, `Status:\tTerminating (lasts ${ageOf(pc, pod.metadata.deletionTimestamp)})`);
    w.line(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 30}s`);
  } else w.line(0, `Status:\t${st.phase ?? ''}`);
  if (st.reason) w.line(0, `Reason:\t${st.reason}`);
  if (st.message) w.line(0, `Message:\t${st.message}`);
  w.line(0, `IP:\t${st.podIP ?? ''}`);
  const ips = st.podIPs ?? [];
  if (ips.length) {
    w.line(0, 'IPs:');
    for (const ip of ips) w.line(1, `IP:\t${ip.ip}`);
  } else w.line(0, 'IPs:\t<none>');
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (owner) w.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  if (st.nominatedNodeName) w.line(0, `NominatedNodeName:\t${st.nominatedNodeName}`);
  // kubectl resolves only the field paths its scheme converts (metadata.name, metadata.namespace)
  const resolve = (path: string) =>
    path === 'metadata.name'
      ? pod.metadata.name
      : path === 'metadata.namespace'
        ? (pod.metadata.namespace ?? '')
        : '';
  if (pod.spec.initContainers?.length)
    describeContainers(
      w,
      'Init Containers',
      pod.spec.initContainers,
      st.initContainerStatuses ?? [],
      '',
      resolve,
    );
  describeContainers(w, 'Containers', pod.spec.containers ?? [], st.containerStatuses ?? [], '', resolve);
  const gates = (pod.spec.readinessGates as { conditionType: string }[] | undefined) ?? [];
  if (gates.length) {
    w.line(0, 'Readiness Gates:');
    w.line(1, 'Type\tStatus');
    for (const g of gates)
      w.line(
        1,
        `${g.conditionType} \t${st.conditions?.find((c) => c.type === g.conditionType)?.status ?? '<none>'} `,
      );
  }
  if (st.conditions?.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus');
    for (const c of st.conditions) w.line(1, `${c.type} \t${c.status} `);
  }
  describeVolumes(w, pod.spec.volumes as Record<string, unknown>[] | undefined, '');
  w.line(0, `QoS Class:\t${st.qosClass ?? qosClass(pod)}`);
  w.map(0, 'Node-Selectors', pod.spec.nodeSelector);
  describeTolerations(w, 0, pod.spec.tolerations);
  describeTopology(w, pod.spec.topologySpreadConstraints, '');
  return w.events(pc, obj).toString();
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
