/**
 * The socket side of `kubelab serve`: a Node HTTP server in front of an {@link ApiPort}. It checks the token,
 * reads bodies (413 past 3 MiB), streams watches and followed logs over chunked HTTP, upgrades watches and
 * `pods/exec` to WebSockets (`v5.channel.k8s.io`, `v4.channel.k8s.io`), `pods/exec` of older clients and
 * `pods/portforward` to SPDY/3.1 (on the socket, or tunnelled in a WebSocket). The port is the session's own
 * ({@link startServer}: the clock moves at wall time × speed, the simulation itself never reads the wall clock)
 * or, with `--relay`, a studio tab's (relayLink.ts): then this server also serves the built studio and the
 * tab's WebSocket.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { KubeApi } from './kubeApi';
import type { WatchHub } from './watchHub';
import { failure, unauthorized, notFoundPath, type StatusObject } from './status';
import { stripTokenPrefix, type ApiReply } from './request';
import { ApiEndpoint } from './endpoint';
import { endpointPort, execOutcomeOf, portForwardAnswerOf, type ApiPort, type PortRequest } from './port';
import { attachExec } from './execSocket';
import { acceptSpdy, acceptTunnel, aliasTunnelProtocols, tunnelProtocolOf, wantsSpdy } from './spdyUpgrade';
import { spdyExecStreams, expectedExecStreams } from './spdyExec';
import { portForwardStreams, type PortForwardRun } from './portForwardStreams';
import type { SpdyConnection } from './spdyConnection';
import { RELAY_PATH, RELAY_PROTOCOL } from './relayWire';
import type { RelayLink } from './relayLink';
import { serveStatic } from './staticFiles';

export const MAX_BODY = 3 * 1024 * 1024;

/** The stream protocol of `pods/portforward` (k8s.io/api/core/v1's PortForwardProtocolV1Name). */
const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';

export interface HttpOptions {
  port: number;
  address: string;
  token: string;
  /** With a relay: answers come from the studio tab on its WebSocket, and `staticDir` is served at `/`. */
  relay?: RelayLink;
  staticDir?: string;
}

export interface ServeOptions extends HttpOptions {
  /** Virtual ms per wall ms (0 freezes the clock). */
  speed: number;
  /** Most concurrent watches before 429. */
  maxWatches?: number;
  /** How often the clock moves (wall ms). */
  tickMs?: number;
}

export interface HttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export interface RunningServer extends HttpServer {
  api: KubeApi;
  hub: WatchHub;
}

/** Splits a Node request into the port's plain request (body read separately). */
function toRequest(req: IncomingMessage, body: Buffer | undefined): PortRequest {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const { path, token } = stripTokenPrefix(url.pathname);
  return {
    method: req.method ?? 'GET',
    path,
    query: url.search.replace(/^\?/, ''),
    headers,
    ...(body ? { body: new Uint8Array(body.buffer, body.byteOffset, body.length) } : {}),
    ...(token !== undefined ? { tokenInPath: token } : {}),
  };
}

function send(res: ServerResponse, r: ApiReply): void {
  const body = r.bytes ?? r.body;
  res.writeHead(r.status, {
    ...r.headers,
    ...(body.length ? { 'content-length': Buffer.byteLength(body) } : {}),
  });
  res.end(body);
}

function statusReply(s: StatusObject): ApiReply {
  return {
    status: s.code,
    headers: {
      'content-type': 'application/json',
      ...(s.details?.retryAfterSeconds ? { 'retry-after': String(s.details.retryAfterSeconds) } : {}),
    },
    body: JSON.stringify(s),
  };
}

function authorized(r: PortRequest, token: string): boolean {
  return r.tokenInPath === token || r.headers.authorization === `Bearer ${token}`;
}

/** Serves `port` over HTTP and WebSockets on `opts.address:opts.port`. */
export function serveHttp(port: ApiPort, opts: HttpOptions): Promise<HttpServer> {
  const closers = new Set<() => void>();
  const isWatch = (r: PortRequest) => /(^|&)watch=(1|true)(&|$)/.test(r.query);

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
            statusReply(
              failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY}`),
            ),
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
      if (r.tokenInPath === undefined && !r.headers.authorization && opts.staticDir && r.method === 'GET') {
        if (serveStatic(opts.staticDir, r.path, res)) return;
      }
      if (!authorized(r, opts.token)) return send(res, statusReply(unauthorized()));
      let streaming = false;
      let cancel: () => void = () => undefined;
      const stop = () => {
        cancel();
        closers.delete(stop);
        if (streaming && !res.writableEnded) res.end();
      };
      cancel = port.streamApi(r, (e) => {
        if (e.type === 'head') {
          if (!e.stream) return send(res, e.reply);
          streaming = true;
          res.writeHead(e.reply.status, { ...e.reply.headers, 'transfer-encoding': 'chunked' });
          // Headers go out at once: a client waits for them before it reads events (and before it may stop).
          res.flushHeaders();
        } else if (e.type === 'data') {
          if (streaming) res.write(e.data);
        } else if (streaming) {
          closers.delete(stop);
          res.end();
        }
      });
      if (streaming && !res.writableEnded) closers.add(stop);
      res.on('close', stop);
    });
    req.on('error', () => res.destroy());
  });

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => {
      const tunnel = tunnelProtocolOf(protocols, PORT_FORWARD_PROTOCOL);
      if (tunnel) return tunnel;
      for (const p of [
        'v5.channel.k8s.io',
        'v4.channel.k8s.io',
        'base64.binary.k8s.io',
        'binary.k8s.io',
        RELAY_PROTOCOL,
      ])
        if (protocols.has(p)) return p;
      return false;
    },
  });
  // SPDY connections end with the server (their sockets are no longer the HTTP server's to close).
  const track = (conn: SpdyConnection | undefined) => {
    if (!conn) return;
    const stop = () => conn.close();
    closers.add(stop);
    conn.whenClosed(() => closers.delete(stop));
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const r = toRequest(req, undefined);
    const reject = (s: StatusObject) => {
      const body = JSON.stringify(s);
      socket.end(
        `HTTP/1.1 ${s.code} ${s.reason ?? ''}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    if (opts.relay && r.path === RELAY_PATH) {
      const q = new URLSearchParams(r.query);
      const origin = req.headers.origin;
      // Only a page from this machine may take the relay (the token is the real lock; this keeps other sites out).
      if (
        q.get('token') !== opts.token ||
        (origin && !/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(origin))
      )
        return reject(unauthorized());
      const relay = opts.relay;
      return wss.handleUpgrade(req, socket, head, (ws) => relay.attach(ws));
    }
    if (!authorized(r, opts.token)) return reject(unauthorized());
    const isExec = /\/pods\/[^/]+\/exec$/.test(r.path);
    if (/\/pods\/[^/]+\/portforward$/.test(r.path)) {
      // kubectl port-forward: SPDY on the upgraded socket (≤ 1.30) or tunnelled in a WebSocket (1.31+).
      void port.handleApi({ ...r, portForward: {} }).then((checked) => {
        if (checked.status !== 200) return reject(JSON.parse(checked.body) as StatusObject);
        const run: PortForwardRun = async (op) => {
          const reply = await port.handleApi({ ...r, portForward: op });
          return (
            portForwardAnswerOf(reply) ?? { error: (JSON.parse(reply.body) as StatusObject).message ?? '' }
          );
        };
        if (wantsSpdy(req))
          track(acceptSpdy(req, socket, head, [PORT_FORWARD_PROTOCOL], () => portForwardStreams(run)));
        else {
          aliasTunnelProtocols(req);
          wss.handleUpgrade(req, socket, head, (ws) =>
            track(acceptTunnel(ws, () => portForwardStreams(run))),
          );
        }
      });
      return;
    }
    if (isExec && wantsSpdy(req)) {
      // kubectl before 1.30 runs exec over SPDY only (v4: a Status on the error stream carries the exit code).
      void port.handleApi({ ...r, exec: { check: true } }).then((checked) => {
        if (checked.status !== 200) return reject(JSON.parse(checked.body) as StatusObject);
        const want = expectedExecStreams(new URLSearchParams(r.query));
        const conn = acceptSpdy(req, socket, head, ['v4.channel.k8s.io'], (conn) =>
          spdyExecStreams(conn, want, async (stdin) => {
            const reply = await port.handleApi({ ...r, exec: stdin !== undefined ? { stdin } : {} });
            return (
              execOutcomeOf(reply) ?? {
                stdout: '',
                stderr: '',
                status: JSON.parse(reply.body || '{}') as unknown,
              }
            );
          }),
        );
        track(conn);
      });
      return;
    }
    if (isExec) {
      void port.handleApi({ ...r, exec: { check: true } }).then((checked) => {
        if (checked.status !== 200) return reject(JSON.parse(checked.body) as StatusObject);
        wss.handleUpgrade(req, socket, head, (ws) => {
          const q = new URLSearchParams(r.query);
          const wantsStdin = q.get('stdin') === 'true' || q.get('stdin') === '1';
          attachExec(ws, wantsStdin, async (stdin) => {
            const reply = await port.handleApi({
              ...r,
              exec: stdin !== undefined ? { stdin } : {},
            });
            const out = execOutcomeOf(reply);
            if (out) return out;
            return { stdout: '', stderr: '', status: JSON.parse(reply.body || '{}') as unknown };
          });
        });
      });
      return;
    }
    if (!isWatch(r)) return reject(notFoundPath());
    // A watch over WebSocket: each event is one frame (base64 text for base64.binary.k8s.io). Events that come
    // before the upgrade completes wait in `pending`.
    let out: ((line: string) => void) | undefined;
    let ws: WebSocket | undefined;
    const pending: string[] = [];
    let ended = false;
    let cancel: () => void = () => undefined;
    const stop = () => {
      cancel();
      closers.delete(stop);
    };
    closers.add(stop);
    cancel = port.streamApi(r, (e) => {
      if (e.type === 'head') {
        if (!e.stream) return reject(JSON.parse(e.reply.body) as StatusObject);
        wss.handleUpgrade(req, socket, head, (w) => {
          ws = w;
          const b64 = w.protocol === 'base64.binary.k8s.io';
          out = (line) => {
            if (w.readyState === w.OPEN) w.send(b64 ? Buffer.from(line).toString('base64') : line);
          };
          pending.splice(0).forEach(out);
          if (ended) w.close(1000);
          w.on('close', stop);
        });
      } else if (e.type === 'data') {
        for (const line of e.data.split('\n').filter(Boolean)) {
          if (out) out(line);
          else pending.push(line);
        }
      } else {
        ended = true;
        closers.delete(stop);
        ws?.close(1000);
      }
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.address, () => {
      const addr = server.address();
      const bound = typeof addr === 'object' && addr ? addr.port : opts.port;
      resolve({
        server,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            for (const c of [...closers]) c();
            opts.relay?.close();
            wss.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Serves a session's own API (`kubelab serve` without `--relay`), its clock at wall time × speed. */
export async function startServer(api: KubeApi, opts: ServeOptions): Promise<RunningServer> {
  const ep = new ApiEndpoint(api, opts.maxWatches !== undefined ? { maxWatches: opts.maxWatches } : {});
  const http = await serveHttp(
    endpointPort(() => ep),
    opts,
  );
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
  return {
    ...http,
    api,
    hub: ep.hub,
    close: async () => {
      clearInterval(tick);
      ep.close();
      await http.close();
    },
  };
}
