/**
 * The messages between the studio (main thread) and the simulation worker. Commands go in as requests, each
 * answered by one reply with the same id; state comes out as pushes of compact diffs (the objects changed or
 * removed since the last push, new event-log entries, the Docker host's view when it changed, the status).
 * A push always precedes the reply of the request that caused it, so after awaiting a reply the main thread's
 * mirror shows the state that request left (up to OBJECTS_PER_REPLY changed objects).
 */
import type { KEvent, KObject } from '../../sim/api/types';
import type { SimEvent } from '../../sim/engine/eventLog';
import type { ClusterOptions } from '../../sim/cluster';
import type { ContainerRecord, ImageRecord, LayerData } from '../../sim/runtime/types';
import type { DockerHostView } from '../../sim/docker/view';
import type { Discard, HostStatus } from '../simHost';
import type { EditorFile, RecordedCommand, Sandbox } from '../share';
import type { ApiReply, PortRequest, StreamEvent } from '../relayApi';

/** The kinds the API server serves, for the editor's schema and the mirror's `kinds.byKind`. */
export interface KindInfo {
  kind: string;
  apiVersion: string;
  namespaced: boolean;
  schema: unknown;
}

/** The runtime parts one pod's inspector tabs read (its containers, every image in use, their layers). */
export interface RuntimeParts {
  containers: Record<string, ContainerRecord>;
  images: Record<string, ImageRecord>;
  layers: Record<string, LayerData>;
  /** The cgroup path of each of the pod's containers. */
  cgroups: Record<string, string>;
}

export interface InitRequest {
  op: 'init';
  seed: number;
  playing: boolean;
  speed: number;
  lang: 'en' | 'zh';
  files: EditorFile[];
  /** The shell's mode: the studio's terminal is interactive; `script` behaves as the headless runner. */
  mode?: 'script' | 'interactive';
  /** A saved session to replay before anything else (reload). */
  saved?: Sandbox;
}

/** Every request and what its reply carries. */
export interface Requests {
  init: { req: InitRequest; res: KindInfo[] };
  exec: { req: { op: 'exec'; text: string; echo?: boolean }; res: { output: string; exitCode: number } };
  query: { req: { op: 'query'; text: string }; res: string };
  complete: { req: { op: 'complete'; line: string }; res: { start: number; candidates: string[] } };
  interrupt: { req: { op: 'interrupt' }; res: null };
  setPlaying: { req: { op: 'setPlaying'; playing: boolean }; res: null };
  setSpeed: { req: { op: 'setSpeed'; speed: number }; res: null };
  setLang: { req: { op: 'setLang'; lang: 'en' | 'zh' }; res: null };
  files: { req: { op: 'files'; files: EditorFile[] }; res: null };
  step: { req: { op: 'step' }; res: null };
  advanceBy: { req: { op: 'advanceBy'; ms: number }; res: null };
  scrubTo: { req: { op: 'scrubTo'; t: number }; res: null };
  toEnd: { req: { op: 'toEnd' }; res: null };
  reset: { req: { op: 'reset'; seed?: number }; res: null };
  load: { req: { op: 'load'; sandbox: Sandbox; silent?: boolean }; res: null };
  eventsFor: { req: { op: 'eventsFor'; kind: string; namespace?: string; name: string }; res: KEvent[] };
  runtimeFor: { req: { op: 'runtimeFor'; namespace: string; pod: string }; res: RuntimeParts };
  /**
   * The Kubernetes API of "Use your own kubectl" (src/state/relayApi.ts): `apiOpen` loads it with the relay's
   * token; then one request, one reply (`api`), or a stream (`apiStream`: its events come as `apiEvent` messages
   * with its `sid`, the head before the reply) that `apiCancel` ends.
   */
  apiOpen: { req: { op: 'apiOpen'; token: string; address: string }; res: null };
  api: { req: { op: 'api'; request: PortRequest }; res: ApiReply };
  apiStream: { req: { op: 'apiStream'; sid: number; request: PortRequest }; res: null };
  apiCancel: { req: { op: 'apiCancel'; sid: number }; res: null };
}
export type Op = keyof Requests;
export type Request = Requests[Op]['req'];
export type Reply<O extends Op> = Requests[O]['res'];

export interface ToWorker {
  id: number;
  req: Request;
}

/** The changes since the previous push. Fields are absent when nothing of that part changed. */
export interface Push {
  status: HostStatus;
  /** A new cluster (start, `sim reset`, load): the mirror drops every object before applying `upserts`. */
  clear?: boolean;
  /** The cluster's options (sent at start and after `sim reset`). */
  options?: Required<ClusterOptions>;
  /** Objects added or changed (their latest version). */
  upserts?: KObject[];
  /** Object keys (`kind/namespace/name`) removed. */
  removes?: string[];
  /** New event-log entries, oldest first (the newest ones when there were too many): the diagram animates them. */
  events?: SimEvent[];
  /** After a jump in time (scrub, load, reset) the log's tail replaces the mirror's, and nothing animates. */
  logReset?: SimEvent[];
  /** Shell history entries from index `from` on (the rest kept). */
  history?: { from: number; lines: string[] };
  /** The recorded commands (whole list: it is short) and how many are applied. */
  commands?: { list: RecordedCommand[]; applied: number };
  /** Module states the studio reads (the `sim node fail` faults), when they changed. */
  ext?: Record<string, unknown>;
  /** The Docker host as its view draws it, with each container's image id; null when there is none. */
  docker?: { view: DockerHostView; imageIds: Record<string, string> } | null;
}

export type FromWorker =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'push'; push: Push }
  | { type: 'output'; text: string }
  | { type: 'discard'; discard: Discard }
  | { type: 'writeFile'; path: string; content: string }
  | { type: 'apiEvent'; sid: number; event: StreamEvent };

/** Kinds the mirror does not hold: they change constantly (lease renewals, Kubernetes Events) and are read on request. */
export const UNMIRRORED_KINDS: ReadonlySet<string> = new Set(['Lease', 'Event']);

/** At most this many objects per push (outside a jump): the rest follow in the next pushes. */
export const OBJECTS_PER_PUSH = 300;
/**
 * The push before a reply carries up to this many: a command's effect is in the mirror when its reply arrives
 * unless it changed more objects than that (a 10,000-replica Deployment), whose rest then follows.
 */
export const OBJECTS_PER_REPLY = 1000;
/** At most this many new event-log entries per push (a 10,000-pod settle logs tens of thousands a second). */
export const EVENTS_PER_PUSH = 400;
/** How many log entries the mirror keeps (the timeline lists the newest 100 after filtering). */
export const MIRROR_LOG_SIZE = 4000;
