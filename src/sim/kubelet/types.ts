/** The kubelet's JSON state: one pod worker per pod bound to a node. */

export interface ProbeCounters {
  fails: number;
  successes: number;
}

export interface ContainerWorker {
  name: string;
  init: boolean;
  /** Init container with restartPolicy Always. */
  sidecar: boolean;
  image: string;
  cid?: string;
  state: 'waiting' | 'running' | 'terminated';
  waitingReason?: string;
  waitingMessage?: string;
  exitCode?: number;
  termReason?: string;
  termMessage?: string;
  startedAt?: number;
  finishedAt?: number;
  last?: {
    exitCode: number;
    reason: string;
    startedAt?: number;
    finishedAt?: number;
    cid?: string;
    message?: string;
  };
  restartCount: number;
  /** Current crash-loop back-off (ms); 0 = next restart is immediate. */
  backoffMs: number;
  backoffUntil?: number;
  /** When the back-off was last advanced (it is forgotten after 10 min without restarts). */
  backoffUpdated?: number;
  /** The image was pulled for this start (policy Always pulls once per start). */
  pulledJustNow?: boolean;
  /** Image pull back-off. */
  pullBackoffMs: number;
  pullBackoffUntil?: number;
  pulling?: boolean;
  /** Image pulled for this container at least once (imageID known). */
  imageID?: string;
  ready: boolean;
  started: boolean;
  /** Killed by a failing probe; the next restart follows the back-off. */
  killedBy?: 'liveness' | 'startup';
  stopping?: boolean;
  /** Counters of the probes run since the container started (created by the first result). */
  probes: { liveness?: ProbeCounters; readiness?: ProbeCounters; startup?: ProbeCounters };
}

export interface PodWorker {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  stage: 'new' | 'sandbox' | 'ready' | 'terminating';
  sandboxId?: string;
  ip?: string;
  startTime?: number;
  /** Containers by name (init and app). */
  containers: Record<string, ContainerWorker>;
  /** Order of init containers, then app containers. */
  initOrder: string[];
  appOrder: string[];
  sandboxReadyAt?: number;
  /** The volume manager's back-off after a failed mount (doubling from 500 ms to 2m2s), and when it may retry. */
  mountBackoffMs?: number | undefined;
  mountRetryAt?: number | undefined;
}

export interface KubeletState {
  /** pod uid → worker */
  pods: Record<string, PodWorker>;
  /** container id → pod uid */
  byCid: Record<string, string>;
  /** node → image ref → pull in progress until (ms) */
  pulls: Record<string, Record<string, number>>;
}
