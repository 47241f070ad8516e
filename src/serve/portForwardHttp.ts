/**
 * The bytes of a forwarded connection as HTTP/1.1: a simulated container's servers answer a request (a path)
 * with a status and a body, so the raw stream from the learner's local port is read as requests — one after
 * another on a kept-alive connection, bodies skipped by Content-Length or chunked coding — and each answer goes
 * back as a response with the headers HTTP/1.1 needs. Browser-safe.
 */
import { reasonPhrase } from '../sim/process/netCommands';

export interface HttpRequestHead {
  method: string;
  /** The request target as sent (`/`, `/index.html?x=1`). */
  path: string;
  keepAlive: boolean;
}

/** Past this, a request head is refused (nginx's large_client_header_buffers allow about as much). */
const MAX_HEAD = 32 * 1024;

const latin1 = (b: Uint8Array) => {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
};

/** Reads requests out of a byte stream as they complete. */
export class HttpRequestReader {
  private buf = '';
  private bad = false;

  /**
   * Adds bytes; returns the requests now complete, and `bad` once the stream is not HTTP (the connection is then
   * closed, as a server does after its 400).
   */
  push(bytes: Uint8Array): { requests: HttpRequestHead[]; bad: boolean } {
    const requests: HttpRequestHead[] = [];
    if (this.bad) return { requests, bad: true };
    this.buf += latin1(bytes);
    for (;;) {
      // Blank lines between requests are allowed (RFC 9112 section 2.2).
      this.buf = this.buf.replace(/^(\r?\n)+/, '');
      const end = /\r?\n\r?\n/.exec(this.buf);
      if (!end) {
        if (this.buf.length > MAX_HEAD) this.bad = true;
        break;
      }
      const lines = this.buf.slice(0, end.index).split(/\r?\n/);
      const m = /^([A-Z]+) (\S+) HTTP\/(1\.[01])$/.exec(lines[0] ?? '');
      if (!m) {
        this.bad = true;
        break;
      }
      const headers = new Map<string, string>();
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        if (i <= 0) {
          this.bad = true;
          break;
        }
        headers.set(l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim());
      }
      if (this.bad) break;
      const bodyAt = end.index + end[0].length;
      const bodyLen = this.bodyLength(headers, bodyAt);
      if (bodyLen === 'bad') {
        this.bad = true;
        break;
      }
      if (bodyLen === undefined) break;
      this.buf = this.buf.slice(bodyAt + bodyLen);
      const conn = (headers.get('connection') ?? '').toLowerCase();
      requests.push({
        method: m[1]!,
        path: m[2]!,
        keepAlive: m[3] === '1.1' ? !/\bclose\b/.test(conn) : /\bkeep-alive\b/.test(conn),
      });
    }
    return { requests, bad: this.bad };
  }

  /** How many bytes after the head the body takes; undefined while incomplete. */
  private bodyLength(headers: Map<string, string>, from: number): number | undefined | 'bad' {
    if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) {
      let at = from;
      for (;;) {
        const eol = this.buf.indexOf('\r\n', at);
        if (eol < 0) return undefined;
        const size = parseInt(this.buf.slice(at, eol).split(';')[0]!, 16);
        if (!Number.isFinite(size) || size < 0) return 'bad';
        at = eol + 2;
        if (size === 0) {
          // Trailer fields end with an empty line.
          const blank = this.buf.indexOf('\r\n\r\n', at - 2);
          return blank < 0 ? undefined : blank + 4 - from;
        }
        if (this.buf.length < at + size + 2) return undefined;
        at += size + 2;
      }
    }
    const cl = headers.get('content-length');
    if (cl === undefined) return 0;
    if (!/^\d+$/.test(cl)) return 'bad';
    const n = Number(cl);
    return this.buf.length - from >= n ? n : undefined;
  }
}

/** A response for a simulated server's answer (no body for HEAD). */
export function httpResponse(
  req: HttpRequestHead,
  answer: { status: number; body: string },
  keepAlive: boolean,
): Uint8Array {
  const body = new TextEncoder().encode(answer.body);
  const type = /^\s*</.test(answer.body) ? 'text/html' : 'text/plain';
  const head =
    `HTTP/1.1 ${answer.status} ${reasonPhrase(answer.status)}\r\n` +
    `Content-Type: ${type}\r\nContent-Length: ${body.length}\r\n` +
    `Connection: ${keepAlive ? 'keep-alive' : 'close'}\r\n\r\n`;
  const h = new TextEncoder().encode(head);
  if (req.method === 'HEAD') return h;
  const out = new Uint8Array(h.length + body.length);
  out.set(h, 0);
  out.set(body, h.length);
  return out;
}

/** What a server sends before it closes a connection that did not speak HTTP. */
export const BAD_REQUEST = new TextEncoder().encode(
  'HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
);
