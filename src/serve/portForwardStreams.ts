/**
 * The kubelet's half of `kubectl port-forward` on a SPDY connection: every local connection kubectl accepts
 * becomes two streams with the same `requestid` — `streamtype: error` first, then `streamtype: data` — and the
 * `port` inside the pod. Once both are open the port is connected; a refusal is written to the error stream
 * and both streams end (kubectl prints it and, from 1.30, gives up with "lost connection to pod"). Otherwise the
 * data stream's bytes are read as HTTP requests, each answered by the container's simulated server, until
 * kubectl closes its side.
 */
import type { SpdyStream } from './spdyConnection';
import type { PortForwardAnswer, PortForwardOp } from './portForward';
import { BAD_REQUEST, HttpRequestReader, httpResponse, type HttpRequestHead } from './portForwardHttp';

export type PortForwardRun = (op: PortForwardOp & { port: number }) => Promise<PortForwardAnswer>;

interface Pair {
  error?: SpdyStream;
  data?: SpdyStream;
}

/** A handler for new streams that pairs them by request id and forwards each pair. */
export function portForwardStreams(run: PortForwardRun): (s: SpdyStream) => void {
  const pairs = new Map<string, Pair>();
  return (s) => {
    const type = s.headers.streamtype;
    if (type !== 'error' && type !== 'data') {
      s.reset();
      return;
    }
    // Clients before request ids paired by order; every client-go in use sends one.
    const id = s.headers.requestid ?? String(s.id);
    const pair = pairs.get(id) ?? {};
    if (pair[type]) {
      s.write(`error processing stream for request ${id}: ${type} stream already assigned`);
      s.end();
      return;
    }
    pair[type] = s;
    pairs.set(id, pair);
    if (pair.error && pair.data) {
      pairs.delete(id);
      void forward(pair.error, pair.data, run);
    }
  };
}

async function forward(errorStream: SpdyStream, data: SpdyStream, run: PortForwardRun): Promise<void> {
  const portText = data.headers.port ?? '';
  const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
  const finish = (message?: string) => {
    if (message) errorStream.write(message);
    data.end();
    errorStream.end();
  };
  if (!(port > 0 && port < 65536)) return finish(`invalid port ${portText}`);

  const reader = new HttpRequestReader();
  const queue: HttpRequestHead[] = [];
  // Busy until the connect has answered: kubectl sends the first request at once, and through a relay the
  // connect takes a round trip to the tab, so bytes wait in the queue rather than pass unheard.
  let busy = true;
  let closing = false;
  let bad = false;
  // Requests are answered in order (HTTP/1.1 pipelining); the connection closes after one that asked to.
  const pump = async () => {
    if (busy) return;
    busy = true;
    while (queue.length && !closing) {
      const req = queue.shift()!;
      const a = await run({ port, http: { method: req.method, path: req.path } });
      if ('error' in a) {
        closing = true;
        return finish(a.error || undefined);
      }
      if (!('status' in a)) continue;
      data.write(httpResponse(req, a, req.keepAlive));
      if (!req.keepAlive) {
        closing = true;
        return finish();
      }
    }
    busy = false;
    if (closing) return;
    if (bad) {
      // Not HTTP: what a server answers before it hangs up.
      closing = true;
      data.write(BAD_REQUEST);
      finish();
    } else if (data.remoteDone) {
      closing = true;
      finish();
    }
  };
  data.data((bytes) => {
    if (closing) return;
    const got = reader.push(bytes);
    queue.push(...got.requests);
    bad = got.bad;
    void pump();
  });
  data.ended(() => void pump());
  const connected = await run({ port });
  if ('error' in connected) {
    closing = true;
    return finish(connected.error);
  }
  busy = false;
  void pump();
}
