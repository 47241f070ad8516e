/**
 * The whole Kubernetes API of a session, transport-agnostic: plain requests ({@link KubeApi.handle}), streams
 * (watches and followed logs: a head, then chunks, then an end) and exec (a command run to completion). The Node
 * HTTP server and the studio's relay client both drive this one object, so a request answered over a socket and
 * one answered by a browser tab through `kubelab serve --relay` take the same path. Browser-safe: no Node APIs
 * (timers are the host's own: the wall clock drives streams, never the simulation).
 */
import type { KObject } from '../sim/api/types';
import { isTrue, status, type KubeApi, type Target } from './kubeApi';
import { WatchHub, type WatchEventType } from './watchHub';
import { failure, notFoundPath, type StatusObject } from './status';
import type { ApiReply, ApiRequest } from './request';
import { wantsTable } from './table';
import { podLogs } from './subresources';
import { runExec, type ExecOutcome } from './execStream';
import { runPortForward, type PortForwardAnswer, type PortForwardOp } from './portForward';

export type { ExecOutcome } from './execStream';

/** Where a stream's output goes: `head` once (a non-200 head is the whole answer), then chunks, then `end`. */
export interface StreamSink {
  head(reply: ApiReply): void;
  write(chunk: string): void;
  end(): void;
}

export interface EndpointOptions {
  /** Most concurrent watches before 429. */
  maxWatches?: number;
}

export class ApiEndpoint {
  readonly hub: WatchHub;
  private closers = new Set<() => void>();
  private maxWatches: number;
  private offReplaced: () => void;

  constructor(
    readonly api: KubeApi,
    opts: EndpointOptions = {},
  ) {
    this.hub = new WatchHub(api.cluster);
    this.offReplaced = api.session.onClusterReplaced((c) => this.hub.attach(c));
    this.maxWatches = opts.maxWatches ?? 500;
  }

  /** Where a request under /api or /apis points, if it names a resource. */
  targetOf(path: string): Target | undefined {
    const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (seg[0] === 'api' && seg[1] === 'v1') return this.api.target('', 'v1', seg.slice(2));
    if (seg[0] === 'apis' && seg.length > 3) return this.api.target(seg[1]!, seg[2]!, seg.slice(3));
    return undefined;
  }

  /** Whether a request is answered as a stream (a watch of a collection, or logs that follow). */
  isStream(req: ApiRequest): boolean {
    if (req.method !== 'GET' || !this.api.authorized(req)) return false;
    const t = this.targetOf(req.path);
    if (!t) return false;
    if (!t.name && t.info.def && isTrue(req.query.get('watch'))) return true;
    return t.sub === 'log' && isTrue(req.query.get('follow'));
  }

  /** Whether a request asks for an exec (the socket layer upgrades it). */
  isExec(req: ApiRequest): boolean {
    const t = this.targetOf(req.path);
    return !!t && t.info.kind === 'Pod' && t.sub === 'exec' && !!t.name;
  }

  /** Answers a plain request. */
  handle(req: ApiRequest): ApiReply {
    return this.api.handle(req);
  }

  /** Answers a stream request into `sink`; returns the function that stops it (the client went away). */
  stream(req: ApiRequest, sink: StreamSink): () => void {
    const t = this.targetOf(req.path);
    if (!t || !this.api.authorized(req)) {
      sink.head(this.api.handle(req));
      return () => undefined;
    }
    if (t.sub === 'log') return this.followLogs(req, t, sink);
    return this.watch(req, t, sink);
  }

  /** Checks an exec before the upgrade: a Status to refuse it with, or undefined. */
  checkExec(req: ApiRequest): StatusObject | undefined {
    const t = this.targetOf(req.path);
    if (!t || !this.isExec(req)) return notFoundPath();
    const p = runExec.prepare(this.api, t, req.query);
    return 'code' in p ? p : undefined;
  }

  /** Runs an exec's command with its whole stdin; a Status when it cannot start. */
  exec(req: ApiRequest, stdin: string | undefined): ExecOutcome | StatusObject {
    const t = this.targetOf(req.path);
    if (!t || !this.isExec(req)) return notFoundPath();
    const p = runExec.prepare(this.api, t, req.query);
    if ('code' in p) return p;
    return runExec.run(this.api, p, stdin);
  }

  /** Whether a request asks for a port-forward (the socket layer upgrades it). */
  isPortForward(req: ApiRequest): boolean {
    const t = this.targetOf(req.path);
    return !!t && t.info.kind === 'Pod' && t.sub === 'portforward' && !!t.name;
  }

  /** A port-forward operation: the check before the upgrade (a Status, or undefined), a connect or a request. */
  portForward(req: ApiRequest, op: PortForwardOp): StatusObject | PortForwardAnswer | undefined {
    const t = this.targetOf(req.path);
    if (!t || !this.isPortForward(req)) return notFoundPath();
    const refused = runPortForward.check(this.api, t);
    if (refused || op.port === undefined) return refused;
    return runPortForward.run(this.api, t, { ...op, port: op.port });
  }

  /** Ends every stream (the server stops). */
  close(): void {
    for (const c of [...this.closers]) c();
    this.offReplaced();
  }

  private watch(req: ApiRequest, t: Target, sink: StreamSink): () => void {
    const api = this.api;
    let filter: (o: KObject) => boolean;
    try {
      filter = api.filterOf(req, t);
    } catch (s) {
      sink.head(status(s as StatusObject));
      return () => undefined;
    }
    if (this.hub.size >= this.maxWatches) {
      sink.head(
        status(
          failure(429, 'TooManyRequests', 'Too many requests, please try again later.', {
            retryAfterSeconds: 1,
          }),
        ),
      );
      return () => undefined;
    }
    sink.head({ status: 200, headers: { 'content-type': 'application/json' }, body: '' });
    const tv = wantsTable(req.headers.accept);
    let first = true;
    const event = (type: WatchEventType | 'ERROR', object: unknown) =>
      sink.write(api.toJson({ type, object }) + '\n');
    const sendObj = (type: WatchEventType, o: KObject) => {
      if (!tv) return event(type, o);
      event(type, api.table(t.info.kind, [o], req, first, undefined, tv));
      first = false;
    };
    const close = this.hub.open(
      {
        filter: {
          kind: t.info.kind,
          ...(t.namespace !== undefined ? { namespace: t.namespace } : {}),
          matches: filter,
        },
        send: sendObj,
      },
      req.query.get('resourceVersion') ?? undefined,
    );
    if (close === 'gone') {
      event(
        'ERROR',
        failure(
          410,
          'Expired',
          `too old resource version: ${req.query.get('resourceVersion')} (${this.hub.oldest})`,
        ),
      );
      sink.end();
      return () => undefined;
    }
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      close();
      this.closers.delete(end);
      clearTimeout(timer);
      sink.end();
    };
    this.closers.add(end);
    const secs = Number(req.query.get('timeoutSeconds') ?? 1800);
    const timer = setTimeout(end, Math.max(0, secs) * 1000);
    return end;
  }

  private followLogs(req: ApiRequest, t: Target, sink: StreamSink): () => void {
    const api = this.api;
    const first = podLogs(api, t, req.query);
    if ('code' in first) {
      sink.head(status(first));
      return () => undefined;
    }
    sink.head({ status: 200, headers: { 'content-type': 'text/plain' }, body: '' });
    const container = req.query.get('container');
    const allLines = () => podLogs(api, t, new URLSearchParams(container ? { container } : {}));
    const all = allLines();
    let printed = 'code' in all ? 0 : all.lines.length;
    sink.write(first.lines.map((l) => l + '\n').join(''));
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(pump);
      this.closers.delete(end);
      sink.end();
    };
    const pump = setInterval(() => {
      const now = allLines();
      if ('code' in now) return end();
      if (now.lines.length > printed)
        sink.write(
          now.lines
            .slice(printed)
            .map((l) => l + '\n')
            .join(''),
        );
      printed = now.lines.length;
      const pod = api.cluster.api.get('Pod', t.namespace, t.name!);
      if (!pod || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') end();
    }, 200);
    this.closers.add(end);
    return end;
  }
}
