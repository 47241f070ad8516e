/**
 * A forwarded connection read as HTTP/1.1 (RFC 9112): pipelined requests, bodies skipped by Content-Length and
 * chunked coding, keep-alive by version and Connection header, bytes that are not HTTP; and the stream pair of
 * one forwarded connection (error stream first, then data) driven through a fake API side.
 */
import { describe, expect, test } from 'vitest';
import { HttpRequestReader, httpResponse } from './portForwardHttp';
import { portForwardStreams, type PortForwardRun } from './portForwardStreams';
import type { SpdyStream } from './spdyConnection';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('HttpRequestReader', () => {
  test('requests split anywhere and pipelined come out whole, in order, bodies skipped', () => {
    const text =
      'GET / HTTP/1.1\r\nHost: x\r\n\r\n' +
      'POST /form HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello' +
      'PUT /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n' +
      'HEAD /h HTTP/1.0\r\n\r\n';
    const r = new HttpRequestReader();
    const got = [];
    for (const ch of text) got.push(...r.push(bytes(ch)).requests);
    expect(got).toEqual([
      { method: 'GET', path: '/', keepAlive: true },
      { method: 'POST', path: '/form', keepAlive: true },
      { method: 'PUT', path: '/up', keepAlive: true },
      { method: 'HEAD', path: '/h', keepAlive: false },
    ]);
  });

  test('Connection: close on 1.1 and keep-alive on 1.0 decide whether the connection stays', () => {
    const r = new HttpRequestReader();
    const { requests } = r.push(
      bytes('GET /a HTTP/1.1\r\nConnection: close\r\n\r\nGET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n'),
    );
    expect(requests.map((q) => q.keepAlive)).toEqual([false, true]);
  });

  test('bytes that are not HTTP are refused', () => {
    expect(new HttpRequestReader().push(bytes('\x16\x03\x01 TLS hello\r\n\r\n')).bad).toBe(true);
    expect(new HttpRequestReader().push(bytes('GET / HTTP/1.1\r\nno colon here\r\n\r\n')).bad).toBe(true);
    expect(new HttpRequestReader().push(bytes('GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n')).bad).toBe(true);
  });

  test('a response carries the byte length of its body; HEAD gets the head only', () => {
    const get = { method: 'GET', path: '/', keepAlive: true };
    const r = new TextDecoder().decode(httpResponse(get, { status: 404, body: '<p>é</p>' }, true));
    expect(r).toBe(
      'HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\nConnection: keep-alive\r\n\r\n<p>é</p>',
    );
    const head = new TextDecoder().decode(
      httpResponse({ ...get, method: 'HEAD' }, { status: 200, body: 'OK!' }, false),
    );
    expect(head).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\n',
    );
  });
});

/** A stand-in for a stream: records what is written and whether it ended. */
function fakeStream(id: number, headers: Record<string, string>) {
  const onData: ((d: Uint8Array) => void)[] = [];
  const onEnd: (() => void)[] = [];
  const s = {
    id,
    headers,
    remoteDone: false,
    localDone: false,
    written: '',
    data: (fn: (d: Uint8Array) => void) => onData.push(fn),
    ended: (fn: () => void) => onEnd.push(fn),
    write: (d: Uint8Array | string) => (s.written += typeof d === 'string' ? d : new TextDecoder().decode(d)),
    end: () => (s.localDone = true),
    reset: () => (s.localDone = true),
    send: (text: string) => onData.forEach((fn) => fn(bytes(text))),
    fin: () => {
      s.remoteDone = true;
      onEnd.forEach((fn) => fn());
    },
  };
  return s;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the streams of one forwarded connection', () => {
  test('a refused connect goes to the error stream and ends both', async () => {
    const run: PortForwardRun = (op) => Promise.resolve({ error: `refused ${op.port}` });
    const handle = portForwardStreams(run);
    const err = fakeStream(1, { streamtype: 'error', port: '81', requestid: '0' });
    const data = fakeStream(3, { streamtype: 'data', port: '81', requestid: '0' });
    handle(err as unknown as SpdyStream);
    handle(data as unknown as SpdyStream);
    await settle();
    expect([err.written, err.localDone, data.localDone]).toEqual(['refused 81', true, true]);
  });

  test('requests are answered in order; the client’s FIN ends both streams', async () => {
    const asked: string[] = [];
    const run: PortForwardRun = (op) => {
      if (op.http) asked.push(`${op.http.method} ${op.http.path}`);
      return Promise.resolve(op.http ? { status: 200, body: op.http.path } : { ok: true });
    };
    const handle = portForwardStreams(run);
    const err = fakeStream(1, { streamtype: 'error', port: '80', requestid: '7' });
    const data = fakeStream(3, { streamtype: 'data', port: '80', requestid: '7' });
    handle(err as unknown as SpdyStream);
    handle(data as unknown as SpdyStream);
    await settle();
    data.send('GET /one HTTP/1.1\r\n\r\nGET /two HTTP/1.1\r\n\r\n');
    await settle();
    data.fin();
    await settle();
    expect(asked).toEqual(['GET /one', 'GET /two']);
    expect(data.written.match(/\r\n\r\n\/(one|two)/g)).toEqual(['\r\n\r\n/one', '\r\n\r\n/two']);
    expect([err.written, err.localDone, data.localDone]).toEqual(['', true, true]);
  });

  test('a request that arrives before the connect has answered waits for it (a relay’s round trip)', async () => {
    let connect: (a: { ok: true }) => void = () => undefined;
    const run: PortForwardRun = (op) =>
      op.http
        ? Promise.resolve({ status: 200, body: 'late' })
        : new Promise((resolve) => (connect = resolve));
    const handle = portForwardStreams(run);
    const err = fakeStream(1, { streamtype: 'error', port: '80', requestid: '1' });
    const data = fakeStream(3, { streamtype: 'data', port: '80', requestid: '1' });
    handle(err as unknown as SpdyStream);
    handle(data as unknown as SpdyStream);
    data.send('GET / HTTP/1.1\r\n\r\n');
    await settle();
    expect(data.written).toBe('');
    connect({ ok: true });
    await settle();
    await settle();
    expect(data.written).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nlate$/);
  });

  test('a stream type other than error and data is reset', () => {
    const odd = fakeStream(1, { streamtype: 'stdin' });
    portForwardStreams(() => Promise.resolve({ ok: true }))(odd as unknown as SpdyStream);
    expect(odd.localDone).toBe(true);
  });
});
