/**
 * Where a SPDY connection starts (Node only): an HTTP upgrade to `SPDY/3.1` with the stream protocol chosen from
 * the client's `X-Stream-Protocol-Version` headers (k8s.io/apimachinery's httpstream handshake: the client's
 * first protocol the server also speaks; 403 when there is none), or — kubectl 1.31+ for port-forward — a
 * WebSocket whose subprotocol `SPDY/3.1+portforward.k8s.io` says its binary messages carry the SPDY bytes.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { SpdyConnection, type SpdyStream } from './spdyConnection';

/** The subprotocol prefix of SPDY tunnelled through a WebSocket (k8s.io/apimachinery/pkg/util/portforward). */
export const SPDY_TUNNEL_PREFIX = 'SPDY/3.1+';

/**
 * The name the WebSocket library sees for a tunnelled protocol. `/` is no token character (RFC 9110), so `ws`
 * refuses `SPDY/3.1+portforward.k8s.io` in Sec-WebSocket-Protocol; the request carries this stand-in instead,
 * and the handshake answers with the real name ({@link tunnelProtocolOf}).
 */
const TUNNEL_ALIAS = 'kubelab-spdy-tunnel.';

/** Swaps a tunnelled protocol in the request's Sec-WebSocket-Protocol for its token-safe stand-in. */
export function aliasTunnelProtocols(req: IncomingMessage): void {
  const raw = req.headers['sec-websocket-protocol'];
  if (typeof raw !== 'string' || !raw.includes(SPDY_TUNNEL_PREFIX)) return;
  req.headers['sec-websocket-protocol'] = raw
    .split(',')
    .map((p) => p.trim())
    .map((p) => (p.startsWith(SPDY_TUNNEL_PREFIX) ? TUNNEL_ALIAS + p.slice(SPDY_TUNNEL_PREFIX.length) : p))
    .join(', ');
}

/** The real subprotocol for a stand-in offered by the client (undefined for any other protocol). */
export function tunnelProtocolOf(offered: Set<string>, protocol: string): string | undefined {
  return offered.has(TUNNEL_ALIAS + protocol) ? SPDY_TUNNEL_PREFIX + protocol : undefined;
}

/** Whether a request asks to upgrade to SPDY/3.1. */
export function wantsSpdy(req: IncomingMessage): boolean {
  return /^spdy\/3\.1$/i.test(String(req.headers.upgrade ?? '').trim());
}

/** The client's stream protocols, in its order (Node joins repeated headers with commas). */
function clientProtocols(req: IncomingMessage): string[] {
  const raw = req.headers['x-stream-protocol-version'];
  const all = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  return all
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Answers the upgrade with 101 and runs a SPDY connection on the socket; `onStream` gets each stream the client
 * opens. Without a shared protocol, answers 403 as the API server does and returns undefined.
 */
export function acceptSpdy(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  serverProtocols: string[],
  onStream: (conn: SpdyConnection) => (s: SpdyStream) => void,
): SpdyConnection | undefined {
  const offered = clientProtocols(req);
  // A client that names no protocol gets the server's first (the handshake's rule for old clients).
  const chosen = offered.length ? offered.find((p) => serverProtocols.includes(p)) : serverProtocols[0];
  if (!chosen) {
    const body = `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server accepts [${serverProtocols.join(' ')}]\n`;
    socket.end(
      `HTTP/1.1 403 Forbidden\r\n${serverProtocols.map((p) => `X-Accepted-Stream-Protocol-Versions: ${p}\r\n`).join('')}` +
        `Content-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    return undefined;
  }
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n` +
      `X-Stream-Protocol-Version: ${chosen}\r\n\r\n`,
  );
  let handler: (s: SpdyStream) => void = () => undefined;
  const conn = new SpdyConnection(
    {
      send: (b) => {
        if (!socket.destroyed) socket.write(b);
      },
      close: () => socket.end(),
    },
    (s) => handler(s),
  );
  handler = onStream(conn);
  socket.on('data', (d: Buffer) => conn.receive(d));
  socket.on('close', () => conn.lost());
  // The HTTP server leaves sockets half-open: when the client ends its side, end ours too.
  socket.on('end', () => {
    conn.lost();
    socket.end();
  });
  socket.on('error', () => conn.lost());
  if (head.length) conn.receive(head);
  return conn;
}

/** Runs a SPDY connection inside an accepted WebSocket (binary messages, one byte stream). */
export function acceptTunnel(
  ws: WebSocket,
  onStream: (conn: SpdyConnection) => (s: SpdyStream) => void,
): SpdyConnection {
  let handler: (s: SpdyStream) => void = () => undefined;
  const conn = new SpdyConnection(
    {
      send: (b) => {
        if (ws.readyState === ws.OPEN) ws.send(b, { binary: true });
      },
      close: () => ws.close(1000),
    },
    (s) => handler(s),
  );
  handler = onStream(conn);
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    // client-go's tunnel refuses anything but binary messages; so does this end.
    if (!isBinary) return conn.close();
    conn.receive(data);
  });
  ws.on('close', () => conn.lost());
  ws.on('error', () => conn.lost());
  return conn;
}
