/**
 * The studio's handle on the simulation worker: the same verbs as SimHost, sent as requests (a command's output
 * arrives as a promise), and a read-only mirror of the state kept current by the worker's pushes. The mirror is
 * what the UI reads synchronously; `status()`, the recorded commands and the shell history are mirrored too, so
 * saving the session and making a share link need no round trip.
 */
import type { KEvent, KObject } from '../../sim/api/types';
import type { SimEvent } from '../../sim/engine/eventLog';
import { Listeners } from '../../sim/util/listeners';
import type { Discard, HostStatus } from '../simHost';
import { SHARE_VERSION } from '../shareVersion';
import type { EditorFile, RecordedCommand, Sandbox } from '../share';
import { ClusterMirror } from './clusterMirror';
import type {
  ApiRequest,
  ApiResponse,
  FromWorker,
  InitRequest,
  Push,
  Reply,
  Request,
  RuntimeParts,
  ToWorker,
} from './protocol';

/** How messages reach the simulation: a Worker, or the same core on this thread (no Worker support). */
export interface Transport {
  post(msg: ToWorker): void;
  listen(fn: (msg: FromWorker) => void): void;
  close?(): void;
}

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

/** The shell session as the studio sees it through the worker. */
export interface RemoteSession {
  readonly history: string[];
  complete(line: string): Promise<{ start: number; candidates: string[] }>;
  interrupt(): void;
}

export class RemoteHost {
  readonly cluster = new ClusterMirror();
  private st: HostStatus = { now: 0, version: 0, playing: false, speed: 1, seed: 1, ahead: 0, end: 0 };
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners = new Listeners();
  private outputListeners = new Listeners<[text: string]>();
  private eventListeners = new Listeners<[e: SimEvent]>();
  private discardListeners = new Listeners<[d: Discard]>();
  private pushListeners = new Listeners<[p: Push]>();
  private history: string[] = [];
  private recorded: RecordedCommand[] = [];
  private applied = 0;
  /** Called when the simulation writes a file into the editor's folder. */
  onWriteFile: ((path: string, content: string) => void) | undefined;

  readonly session: RemoteSession = {
    history: this.history,
    complete: (line) => this.request({ op: 'complete', line }),
    interrupt: () => void this.request({ op: 'interrupt' }),
  };

  constructor(private readonly transport: Transport) {
    transport.listen((m) => this.receive(m));
  }

  /** Starts the simulation (replaying a saved session first, when given). */
  async init(req: Omit<InitRequest, 'op'>): Promise<void> {
    this.st = { ...this.st, playing: req.playing, speed: req.speed, seed: req.seed };
    const kinds = await this.request({ op: 'init', ...req });
    this.cluster.setKinds(kinds);
  }

  private request<R extends Request>(req: R): Promise<Reply<R['op']>> {
    const id = this.nextId++;
    return new Promise<Reply<R['op']>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.transport.post({ id, req });
    });
  }

  private receive(m: FromWorker): void {
    switch (m.type) {
      case 'reply': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m.value);
        else p.reject(new Error(m.error));
        return;
      }
      case 'push':
        return this.applyPush(m.push);
      case 'output':
        return this.outputListeners.emit(m.text);
      case 'discard':
        return this.discardListeners.emit(m.discard);
      case 'writeFile':
        this.onWriteFile?.(m.path, m.content);
        return;
    }
  }

  private applyPush(p: Push): void {
    this.pushListeners.emit(p);
    const fresh = this.cluster.apply(p);
    if (p.history) {
      this.history.length = p.history.from;
      this.history.push(...p.history.lines);
    }
    if (p.commands) {
      this.recorded = p.commands.list;
      this.applied = p.commands.applied;
    }
    for (const e of fresh) this.eventListeners.emit(e);
    this.st = p.status;
    this.emit();
  }

  // --- what SimHost offers ---------------------------------------------------------------------------------------

  status(): HostStatus {
    return this.st;
  }
  get playing(): boolean {
    return this.st.playing;
  }
  get speed(): number {
    return this.st.speed;
  }
  get seed(): number {
    return this.st.seed;
  }
  /** The recorded commands (all of them; `status().ahead` of them lie after the current position). */
  get commands(): readonly RecordedCommand[] {
    return this.recorded;
  }

  subscribe(l: () => void): () => void {
    return this.listeners.add(l);
  }
  onOutput(l: (text: string) => void): () => void {
    return this.outputListeners.add(l);
  }
  onEvent(l: (e: SimEvent) => void): () => void {
    return this.eventListeners.add(l);
  }
  onDiscard(l: (d: Discard) => void): () => void {
    return this.discardListeners.add(l);
  }
  /** Every push as it arrives (the benchmark measures them). */
  onPush(l: (p: Push) => void): () => void {
    return this.pushListeners.add(l);
  }
  emit(): void {
    this.listeners.emit();
  }

  exec(text: string, opts: { echo?: boolean } = {}): Promise<{ output: string; exitCode: number }> {
    return this.request({ op: 'exec', text, ...(opts.echo ? { echo: true } : {}) });
  }
  query(text: string): Promise<string> {
    return this.request({ op: 'query', text });
  }
  setPlaying(playing: boolean): Promise<null> {
    // the button answers at once; the worker's next push confirms
    this.st = { ...this.st, playing };
    this.emit();
    return this.request({ op: 'setPlaying', playing });
  }
  setSpeed(speed: number): Promise<null> {
    this.st = { ...this.st, speed };
    this.emit();
    return this.request({ op: 'setSpeed', speed });
  }
  setLang(lang: 'en' | 'zh'): Promise<null> {
    return this.request({ op: 'setLang', lang });
  }
  setFiles(files: EditorFile[]): Promise<null> {
    return this.request({ op: 'files', files });
  }
  step(): Promise<null> {
    return this.request({ op: 'step' });
  }
  advanceBy(ms: number): Promise<null> {
    return this.request({ op: 'advanceBy', ms });
  }
  /**
   * Goes to virtual time `t`. A dragged scrubber asks for many moments: while one jump runs in the worker only
   * the latest target waits, so the timeline follows the hand instead of replaying every step of the drag.
   */
  scrubTo(t: number): Promise<null> {
    this.scrubTarget = t;
    this.scrubbing ??= this.runScrubs();
    return this.scrubbing;
  }
  private scrubTarget: number | undefined;
  private scrubbing: Promise<null> | undefined;
  private async runScrubs(): Promise<null> {
    try {
      while (this.scrubTarget !== undefined) {
        const t = this.scrubTarget;
        this.scrubTarget = undefined;
        await this.request({ op: 'scrubTo', t });
      }
    } finally {
      this.scrubbing = undefined;
    }
    return null;
  }
  toEnd(): Promise<null> {
    return this.request({ op: 'toEnd' });
  }
  reset(seed?: number): Promise<null> {
    return this.request({ op: 'reset', ...(seed !== undefined ? { seed } : {}) });
  }
  load(sandbox: Sandbox, opts: { silent?: boolean } = {}): Promise<null> {
    return this.request({ op: 'load', sandbox, ...(opts.silent ? { silent: true } : {}) });
  }
  /** The Kubernetes Events about an object (they stay in the worker). */
  eventsFor(obj: KObject): Promise<KEvent[]> {
    return this.request({
      op: 'eventsFor',
      kind: obj.kind,
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
      name: obj.metadata.name,
    });
  }
  /** A pod's containers, the images in use and their layers (the inspector's Layers and Isolation tabs). */
  runtimeFor(namespace: string, pod: string): Promise<RuntimeParts> {
    return this.request({ op: 'runtimeFor', namespace, pod });
  }
  /** A Kubernetes API request against the live cluster (the relay's hook). */
  api(request: ApiRequest): Promise<ApiResponse> {
    return this.request({ op: 'api', request });
  }

  /** The sandbox up to the current position, from the mirrored commands (no round trip). */
  toSandbox(files: EditorFile[], activeFile?: string): Sandbox {
    return {
      v: SHARE_VERSION,
      seed: this.st.seed,
      commands: this.recorded.slice(0, this.applied).map((c) => ({ ...c })),
      files,
      time: this.st.now,
      ...(activeFile ? { activeFile } : {}),
    };
  }

  close(): void {
    this.transport.close?.();
  }
}
