/**
 * The STATUS column of `kubectl get pods`, reduced to the classes the diagram colours.
 * Follows kubectl's printPod order: deletionTimestamp → reason → init containers → app containers (last first).
 */
import type { Pod } from '../../sim/api/types';

export type StatusClass =
  | 'Pending'
  | 'ContainerCreating'
  | 'Running'
  | 'CrashLoopBackOff'
  | 'Terminating'
  | 'Completed'
  | 'Failed'
  | 'Error'
  | 'Other';

export function podStatusText(pod: Pod): string {
  const st = pod.status ?? {};
  let reason: string = st.reason ?? st.phase ?? 'Pending';
  const inits = st.initContainerStatuses ?? [];
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    if (c.state?.terminated && c.state.terminated.exitCode === 0) continue;
    initializing = true;
    if (c.state?.terminated)
      reason = c.state.terminated.reason
        ? `Init:${c.state.terminated.reason}`
        : `Init:ExitCode:${c.state.terminated.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing')
      reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${pod.spec?.initContainers?.length ?? inits.length}`;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const cs = st.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]!;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = 'Running';
  }
  if (pod.metadata.deletionTimestamp) reason = st.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

export function statusClass(text: string): StatusClass {
  switch (text) {
    case 'Pending':
    case 'ContainerCreating':
    case 'Running':
    case 'CrashLoopBackOff':
    case 'Terminating':
    case 'Completed':
    case 'Failed':
      return text;
    case 'Succeeded':
      return 'Completed';
    case 'Error':
    case 'OOMKilled':
    case 'ErrImagePull':
    case 'ImagePullBackOff':
    case 'InvalidImageName':
    case 'CreateContainerConfigError':
    case 'StartError':
      return 'Error';
    case 'PodInitializing':
      return 'ContainerCreating';
    default:
      if (text.startsWith('Init:')) return text.includes('/') ? 'ContainerCreating' : 'Error';
      if (text.startsWith('ExitCode:')) return 'Error';
      return 'Other';
  }
}

/** Icon (a glyph) per class, so status never depends on colour alone. */
export const STATUS_ICON: Record<StatusClass, string> = {
  Pending: '⏳',
  ContainerCreating: '⚙',
  Running: '✔',
  CrashLoopBackOff: '↻',
  Terminating: '⏏',
  Completed: '☑',
  Failed: '✖',
  Error: '⚠',
  Other: '?',
};

export function restartCount(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

export type ContainerClass = 'running' | 'waiting' | 'terminated-ok' | 'terminated-error' | 'unknown';

export function containerClass(
  state: { waiting?: unknown; running?: unknown; terminated?: { exitCode: number } } | undefined,
): ContainerClass {
  if (!state) return 'unknown';
  if (state.running) return 'running';
  if (state.terminated) return state.terminated.exitCode === 0 ? 'terminated-ok' : 'terminated-error';
  if (state.waiting) return 'waiting';
  return 'unknown';
}
