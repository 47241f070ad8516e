/**
 * The socket side of `kubelab serve`: a Node HTTP server in front of {@link KubeApi}. It reads bodies (413 past
 * 3 MiB), streams watches and followed logs over chunked HTTP, upgrades `pods/exec` to a WebSocket
 * (`v5.channel.k8s.io`, `v4.channel.k8s.io`), and moves the simulation clock at wall time × speed — the
 * simulation itself never reads the wall clock.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { KObject } from '../sim/api/types';
import { isTrue, status, type KubeApi, type Target } from './kubeApi';
import { WatchHub, type WatchEventType } from './watchHub';
import { failure, unauthorized, notFoundPath, type StatusObject } from './status';
import { stripTokenPrefix, type ApiReply, type ApiRequest } from './request';
import { wantsTable } from './table';
import { podLogs } from './subresources';
import { runExec } from './execStream';

export const MAX_BODY = 3 * 1024 * 1024;

/** Where a watch's events go. */
interface WatchSink {
  write(line: string): void;
  end(): void;
  onClose(fn: () => void): void;
}

export interface ServeOptions {
  port: number;
  address: string;
  token: string;
  /** Virtual ms per wall ms (0 freezes the clock). */
  speed: number;
  /** Most concurrent watches before 429. */
  maxWatches?: number;
  /** How often the clock moves (wall ms). */
  tickMs?: number;
}

export interface RunningServer {
  server: Server;
  api: KubeApi;
  hub: WatchHub;
  port: number;
  close(): Promise<void>;
}

/** Splits a Node request into the serve layer's plain request (body read separately). */
function toRequest(req: IncomingMessage, body: Buffer | undefined): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const { path, token } = stripTokenPrefix(url.pathname);
  return {
    method: req.method ?? 'GET',
    path,
    query: url.searchParams,
    headers,
    ...(body ? { body } : {}),
    ...(token !== undefined ? { tokenInPath: token } : {}),
  };
}

function send(res: ServerResponse, r: ApiReply): void {
  res.writeHead(r.status, {
    ...r.headers,
    ...(r.body ? { 'content-length': Buffer.byteLength(r.body) } : {}),
  });
  res.end(r.body);
}

/** Where a request under /api or /apis points, if it names a resource. */
function targetOf(api: KubeApi, path: string): Target | undefined {
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (seg[0] === 'api' && seg[1] === 'v1') return api.target('', 'v1', seg.slice(2));
  if (seg[0] === 'apis' && seg.length > 3) return api.target(seg[1]!, seg[2]!, seg.slice(3));
  return undefined;
}

export function startServer(api: KubeApi, opts: ServeOptions): Promise<RunningServer> {
  const hub = new WatchHub(api.cluster);
  api.session.onClusterReplaced((c) => hub.attach(c));
  const maxWatches = opts.maxWatches ?? 500;
  const closers = new Set<() => void>();

  /** The checks before a watch starts: a Status reply to refuse it, or its filter. */
  const admitWatch = (req: ApiRequest, t: Target): ApiReply | ((o: KObject) => boolean) => {
    let filter: (o: KObject) => boolean;
    try {
      filter = api.filterOf(req, t);
    } catch (s) {
      return status(s as StatusObject);
    }
    if (hub.size >= maxWatches)
      return status(
        failure(429, 'TooManyRequests', 'Too many requests, please try again later.', {
          retryAfterSeconds: 1,
        }),
      );
    return filter;
  };

  /** Streams a watch into a sink (chunked HTTP or a WebSocket): one JSON event per line or frame. */
  const watch = (req: ApiRequest, t: Target, filter: (o: KObject) => boolean, sink: WatchSink): void => {
    const tv = wantsTable(req.headers.accept);
    let first = true;
    const event = (type: WatchEventType | 'ERROR', object: unknown) =>
      sink.write(api.toJson({ type, object }));
    const sendObj = (type: WatchEventType, o: KObject) => {
      if (!tv) return event(type, o);
      event(type, api.table(t.info.kind, [o], req, first, undefined, tv));
      first = false;
    };
    const close = hub.open(
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
          `too old resource version: ${req.query.get('resourceVersion')} (${hub.oldest})`,
        ),
      );
      sink.end();
      return;
    }
    const end = () => {
      close();
      closers.delete(end);
      clearTimeout(timer);
      sink.end();
    };
    closers.add(end);
    const secs = Number(req.query.get('timeoutSeconds') ?? 1800);
    const timer = setTimeout(end, Math.max(0, secs) * 1000);
    sink.onClose(end);
  };

  const httpWatch = (req: ApiRequest, res: ServerResponse, t: Target): void => {
    const admitted = admitWatch(req, t);
    if (typeof admitted !== 'function') return send(res, admitted);
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    // Headers go out at once: a client waits for them before it reads events (and before it may stop).
    res.flushHeaders();
    watch(req, t, admitted, {
      write: (line) => void res.write(line + '\n'),
      end: () => void res.end(),
      onClose: (fn) => void res.on('close', fn),
    });
  };

  const followLogs = (req: ApiRequest, res: ServerResponse, t: Target): void => {
    const first = podLogs(api, t, req.query);
    if ('code' in first) return send(res, status(first));
    res.writeHead(200, { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' });
    res.flushHeaders();
    let printed = 0;
    const all = podLogs(
      api,
      t,
      new URLSearchParams({
        ...(req.query.get('container') ? { container: req.query.get('container')! } : {}),
      }),
    );
    const total = 'code' in all ? 0 : all.lines.length;
    res.write(first.lines.map((l) => l + '\n').join(''));
    printed = total;
    const pump = setInterval(() => {
      const now = podLogs(
        api,
        t,
        new URLSearchParams({
          ...(req.query.get('container') ? { container: req.query.get('container')! } : {}),
        }),
      );
      if ('code' in now) return end();
      if (now.lines.length > printed)
        res.write(
          now.lines
            .slice(printed)
            .map((l) => l + '\n')
            .join(''),
        );
      printed = now.lines.length;
      const pod = api.cluster.api.get('Pod', t.namespace, t.name!);
      if (!pod || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') end();
    }, 200);
    const end = () => {
      clearInterval(pump);
      closers.delete(end);
      res.end();
    };
    closers.add(end);
    res.on('close', end);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        if (!over) {
          over = true;
          send(
            res,
            status(failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY}`)),
          );
          req.destroy();
        }
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (over) return;
      const r = toRequest(req, chunks.length ? Buffer.concat(chunks) : undefined);
      try {
        if (r.method === 'GET' && api.authorized(r)) {
          const t = targetOf(api, r.path);
          if (t && !t.name && t.info.def && isTrue(r.query.get('watch'))) return httpWatch(r, res, t);
          if (t && t.sub === 'log' && isTrue(r.query.get('follow'))) return followLogs(r, res, t);
        }
        send(res, api.handle(r));
      } catch (e) {
        send(res, status(failure(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`)));
      }
    });
    req.on('error', () => res.destroy());
  });

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => {
      for (const p of ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'base64.binary.k8s.io', 'binary.k8s.io'])
        if (protocols.has(p)) return p;
      return false;
    },
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const r = toRequest(req, undefined);
    const reject = (s: StatusObject) => {
      const body = JSON.stringify(s);
      socket.end(
        `HTTP/1.1 ${s.code} ${s.reason ?? ''}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    if (!api.authorized(r)) return reject(unauthorized());
    const t = targetOf(api, r.path);
    if (t && !t.name && t.info.def && isTrue(r.query.get('watch'))) {
      // A watch over WebSocket: each event is one frame (base64 text for base64.binary.k8s.io).
      const admitted = admitWatch(r, t);
      if (typeof admitted !== 'function') return reject(JSON.parse(admitted.body) as StatusObject);
      return wss.handleUpgrade(req, socket, head, (ws) => {
        const b64 = ws.protocol === 'base64.binary.k8s.io';
        watch(r, t, admitted, {
          write: (line) => {
            if (ws.readyState === ws.OPEN) ws.send(b64 ? Buffer.from(line).toString('base64') : line);
          },
          end: () => ws.close(1000),
          onClose: (fn) => void ws.on('close', fn),
        });
      });
    }
    if (!t || t.info.kind !== 'Pod' || t.sub !== 'exec' || !t.name) return reject(notFoundPath());
    const prepared = runExec.prepare(api, t, r.query);
    if ('code' in prepared) return reject(prepared);
    wss.handleUpgrade(req, socket, head, (ws) => runExec.attach(api, prepared, ws));
  });

  // The clock: wall time × speed, in whole virtual milliseconds (the remainder carries over).
  let last = performance.now();
  let carry = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    const ms = (now - last) * opts.speed + carry;
    last = now;
    const whole = Math.floor(ms);
    carry = ms - whole;
    if (whole <= 0) return;
    try {
      api.cluster.advance(whole);
    } catch (e) {
      // The simulation stays up for inspection; the error is the server operator's to read.
      process.stderr.write(`kubelab serve: the simulation failed to advance: ${(e as Error).message}\n`);
    }
  }, opts.tickMs ?? 100);

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.address, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : opts.port;
      resolve({
        server,
        api,
        hub,
        port,
        close: () =>
          new Promise<void>((done) => {
            clearInterval(tick);
            for (const c of [...closers]) c();
            wss.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
