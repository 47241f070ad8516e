/**
 * The simulation side of the worker protocol, apart from `self` so it runs (and is tested) in Node: it owns a
 * SimHost, drives its clock from a timer loop (the worker has no animation frames; a tick advances `dt × speed`
 * within a budget, then yields so requests get in), answers requests and pushes compact diffs of the state.
 */
import type { Cluster } from '../../sim/cluster';
import type { KObject } from '../../sim/api/types';
import type { ContainerRecord, ImageRecord, LayerData } from '../../sim/runtime/types';
import { dockerHostView } from '../../sim/docker/view';
import { catalogImageById } from '../../sim/runtime/catalog';
import { SimHost } from '../simHost';
import type { SessionModule } from '../session';
import type { VirtualFs } from '../../shell/types';
import type { EditorFile } from '../share';
import { ClusterDiffer, logTail } from './clusterDiff';
import { OBJECTS_PER_PUSH, OBJECTS_PER_REPLY } from './protocol';
import type { RelayApi } from '../relayApi';
import type {
  FromWorker,
  KindInfo,
  Push,
  Reply,
  Request,
  Requests,
  RuntimeParts,
  ToWorker,
} from './protocol';

export interface CoreEnv {
  post(msg: FromWorker): void;
  /** Runs `fn` after `ms` wall milliseconds (setTimeout in the worker; a manual queue in tests). */
  schedule(fn: () => void, ms: number): void;
  /** Wall clock in ms. */
  now(): number;
}

/** Wall ms between clock ticks, and the minimum between two pushes while playing. */
export const TICK_MS = 16;
export const PUSH_EVERY_MS = 50;

type RuntimeLike = {
  containers?: Record<string, ContainerRecord>;
  images?: Record<string, ImageRecord>;
  layers?: Record<string, LayerData>;
};

export class SimCore {
  host: SimHost | undefined;
  private differ = new ClusterDiffer();
  private files: EditorFile[] = [];
  private lastSeq = 0;
  private logJump = true;
  private historyRef: string[] | undefined;
  private historySent = 0;
  private commandsSent = '';
  private optionsSent: Cluster | undefined;
  private dockerVersion = -1;
  private extSent = '';
  private dockerSent = '';
  private statusSent = '';
  private lastPush = -Infinity;
  private lastTick = 0;
  private ticking = false;
  /** The relay's Kubernetes API (loaded by `apiOpen`) and its open streams. */
  private relayApi: RelayApi | undefined;
  private apiStreams = new Map<number, () => void>();

  constructor(
    private readonly mod: SessionModule,
    private readonly env: CoreEnv,
  ) {}

  /** The commands' working folder: the editor's files, mirrored from the main thread. */
  private readonly fs: VirtualFs = {
    read: (path) => this.files.find((f) => f.name === path.replace(/^\.\//, ''))?.content,
    isDir: (path) => path === '.' || path === '' || path === './',
    list: (dir) => (dir === '.' || dir === '' || dir === './' ? this.files.map((f) => f.name).sort() : []),
    write: (path, content) => {
      const name = path.replace(/^\.\//, '');
      const i = this.files.findIndex((f) => f.name === name);
      if (i >= 0) this.files[i] = { name, content };
      else this.files.push({ name, content });
      this.env.post({ type: 'writeFile', path: name, content });
    },
  };

  handle(msg: ToWorker): void {
    let value: unknown;
    try {
      value = this.run(msg.req);
    } catch (e) {
      return this.fail(msg.id, e);
    }
    // (a request that loads code first answers when it is loaded)
    if (value instanceof Promise)
      value.then(
        (v: unknown) => this.reply(msg.id, v),
        (e: unknown) => this.fail(msg.id, e),
      );
    else this.reply(msg.id, value);
  }

  private reply(id: number, value: unknown): void {
    this.flush(OBJECTS_PER_REPLY);
    this.env.post({ type: 'reply', id, ok: true, value });
  }

  private fail(id: number, e: unknown): void {
    this.flush(OBJECTS_PER_REPLY);
    this.env.post({ type: 'reply', id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }

  private need(): SimHost {
    if (!this.host) throw new Error('the simulation has not started');
    return this.host;
  }

  private run(req: Request): unknown {
    switch (req.op) {
      case 'init':
        return this.init(req);
      case 'exec':
        return this.need().exec(req.text, req.echo ? { echo: true } : {});
      case 'query':
        return this.need().query(req.text);
      case 'complete':
        return this.need().session.complete(req.line);
      case 'interrupt':
        this.need().session.interrupt();
        return null;
      case 'setPlaying':
        this.need().setPlaying(req.playing);
        return null;
      case 'setSpeed':
        this.need().setSpeed(req.speed);
        return null;
      case 'setLang':
        this.need().setLang(req.lang);
        return null;
      case 'files':
        this.files = req.files.map((f) => ({ ...f }));
        return null;
      case 'step':
        this.need().step();
        return null;
      case 'advanceBy':
        this.need().advanceBy(req.ms);
        this.need().emit();
        return null;
      case 'scrubTo':
        this.need().scrubTo(req.t);
        this.jumped();
        return null;
      case 'toEnd':
        this.need().toEnd();
        this.jumped();
        return null;
      case 'reset':
        this.need().reset(req.seed);
        this.jumped();
        return null;
      case 'load':
        this.need().load(req.sandbox, req.silent ? { silent: true } : {});
        this.jumped();
        return null;
      case 'eventsFor': {
        const c = this.need().cluster;
        const obj = c.api.get<KObject>(req.kind, req.namespace, req.name);
        return obj ? c.api.eventsFor(obj) : [];
      }
      case 'runtimeFor':
        return this.runtimeFor(req.namespace, req.pod);
      case 'apiOpen':
        return this.openApi(req.token, req.address);
      case 'api':
        return this.needApi().port.handleApi(req.request);
      case 'apiStream': {
        const { sid } = req;
        let ended = false;
        const cancel = this.needApi().port.streamApi(req.request, (event) => {
          if (event.type === 'end') {
            ended = true;
            this.apiStreams.delete(sid);
          }
          this.env.post({ type: 'apiEvent', sid, event });
        });
        if (!ended) this.apiStreams.set(sid, cancel);
        return null;
      }
      case 'apiCancel':
        this.apiStreams.get(req.sid)?.();
        this.apiStreams.delete(req.sid);
        return null;
    }
  }

  /** Loads the relay's API (the serve layer is its own chunk) over the live session; a new token replaces it. */
  private async openApi(token: string, address: string): Promise<null> {
    const { openRelayApi } = await import('../relayApi');
    const h = this.need();
    for (const c of this.apiStreams.values()) c();
    this.apiStreams.clear();
    this.relayApi?.close();
    this.relayApi = openRelayApi(
      () => h.session,
      token,
      address,
      () => h.emit(),
    );
    return null;
  }

  private needApi(): RelayApi {
    if (!this.relayApi) throw new Error('the Kubernetes API is not open (apiOpen first)');
    return this.relayApi;
  }

  private init(req: Requests['init']['req']): Reply<'init'> {
    if (this.host) return this.kinds();
    this.files = req.files.map((f) => ({ ...f }));
    const host = new SimHost(this.mod, {
      seed: req.seed,
      fs: this.fs,
      playing: req.playing,
      wallNow: this.env.now,
      ...(req.mode ? { mode: req.mode } : {}),
    });
    this.host = host;
    host.speed = req.speed;
    host.setLang(req.lang);
    if (req.saved) host.load(req.saved, { silent: true });
    host.onOutput((text) => this.env.post({ type: 'output', text }));
    host.onDiscard((d) => this.env.post({ type: 'discard', discard: d }));
    this.jumped();
    this.lastTick = this.env.now();
    if (!this.ticking) {
      this.ticking = true;
      this.env.schedule(() => this.tick(), TICK_MS);
    }
    return this.kinds();
  }

  private kinds(): KindInfo[] {
    return this.need()
      .cluster.api.kinds.all()
      .map((k) => ({
        kind: k.kind,
        apiVersion: k.apiVersion,
        namespaced: k.namespaced,
        schema: k.schema,
      }));
  }

  /** After a jump in time the log tail replaces the mirror's and every object is compared once. */
  private jumped(): void {
    this.logJump = true;
    this.differ.markFull();
  }

  /** One clock tick: advance within the frame budget, push if due, schedule the next. */
  tick(): void {
    const t0 = this.env.now();
    const dt = t0 - this.lastTick;
    this.lastTick = t0;
    const h = this.host;
    if (h?.playing) h.frame(dt);
    // (objects left over from a capped push follow while paused too)
    if (h && (h.playing || this.differ.pending) && this.env.now() - this.lastPush >= PUSH_EVERY_MS)
      this.flush();
    const spent = this.env.now() - t0;
    this.env.schedule(() => this.tick(), Math.max(0, TICK_MS - spent));
  }

  /** Posts what changed since the last push (nothing when nothing did). */
  flush(max = OBJECTS_PER_PUSH): void {
    const h = this.host;
    if (!h) return;
    const c = h.cluster;
    this.differ.attach(c);
    const push: Push = { status: h.status() };
    let changed = false;
    const statusKey = JSON.stringify(push.status);
    if (statusKey !== this.statusSent) {
      this.statusSent = statusKey;
      changed = true;
    }
    if (this.optionsSent !== c) {
      this.optionsSent = c;
      push.options = { ...c.options };
      this.logJump = true;
      changed = true;
    }
    if (this.differ.pending) {
      const d = this.differ.take(max);
      if (d.clear) push.clear = true;
      if (d.upserts.length) push.upserts = d.upserts;
      if (d.removes.length) push.removes = d.removes;
      if (d.clear || d.upserts.length || d.removes.length) changed = true;
    }
    const tail = logTail(c.log, this.logJump ? 0 : this.lastSeq, this.logJump ? 1000 : undefined);
    if (this.logJump || tail.jumped) {
      push.logReset = tail.events;
      changed = true;
    } else if (tail.events.length) {
      push.events = tail.events;
      changed = true;
    }
    this.logJump = false;
    const newest = c.log.size ? c.log.at(c.log.size - 1)!.seq : 0;
    this.lastSeq = newest;
    const hist = h.session.history;
    if (hist !== this.historyRef || hist.length < this.historySent) {
      this.historyRef = hist;
      push.history = { from: 0, lines: hist.slice() };
      this.historySent = hist.length;
      changed = true;
    } else if (hist.length > this.historySent) {
      push.history = { from: this.historySent, lines: hist.slice(this.historySent) };
      this.historySent = hist.length;
      changed = true;
    }
    const applied = h.commands.length - push.status.ahead;
    const cmdKey = `${applied}|${JSON.stringify(h.commands)}`;
    if (cmdKey !== this.commandsSent) {
      this.commandsSent = cmdKey;
      push.commands = { list: h.commands.map((x) => ({ ...x })), applied };
      changed = true;
    }
    if (c.version !== this.dockerVersion || push.options) {
      this.dockerVersion = c.version;
      const ext = { nodeFaults: c.state.ext['nodeFaults'] ?? {} };
      const extKey = JSON.stringify(ext);
      if (extKey !== this.extSent) {
        this.extSent = extKey;
        push.ext = ext;
        changed = true;
      }
      const docker = this.dockerPart(c);
      const key = JSON.stringify(docker);
      if (key !== this.dockerSent) {
        this.dockerSent = key;
        push.docker = docker;
        changed = true;
      }
    }
    this.lastPush = this.env.now();
    if (changed) this.env.post({ type: 'push', push });
  }

  private dockerPart(c: Cluster): Push['docker'] {
    let view;
    try {
      view = dockerHostView(c);
    } catch {
      view = undefined;
    }
    if (!view) return null;
    const rt = c.state.ext['runtime'] as RuntimeLike | undefined;
    const imageIds: Record<string, string> = {};
    for (const x of view.containers) {
      const id = rt?.containers?.[x.id]?.imageId;
      if (id) imageIds[x.id] = id;
    }
    return { view, imageIds };
  }

  private runtimeFor(namespace: string, pod: string): RuntimeParts {
    const c = this.need().cluster;
    const rt = (c.state.ext['runtime'] as RuntimeLike | undefined) ?? {};
    const out: RuntimeParts = { containers: {}, images: {}, layers: {}, cgroups: {} };
    const all = Object.values(rt.containers ?? {});
    for (const x of all)
      if (
        x.labels?.['io.kubernetes.pod.name'] === pod &&
        (x.labels?.['io.kubernetes.pod.namespace'] ?? 'default') === namespace
      ) {
        out.containers[x.id] = x;
        out.cgroups[x.id] = c.runtime.container(x.id)?.cgroup ?? '';
      }
    // every image in use anywhere (layer sharing counts across them); catalogue images the UI looks up itself
    for (const img of Object.values(rt.images ?? {})) out.images[img.id] = img;
    for (const x of all) {
      if (out.images[x.imageId]) continue;
      const img = rt.images?.[x.imageId] ?? catalogImage(x.imageId);
      if (img) out.images[img.id] = img;
    }
    for (const img of Object.values(out.images))
      for (const d of img.layers) {
        const l = rt.layers?.[d];
        if (l) out.layers[d] = l;
      }
    return out;
  }
}

function catalogImage(id: string): ImageRecord | undefined {
  try {
    return catalogImageById(id);
  } catch {
    return undefined;
  }
}
