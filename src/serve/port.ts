/**
 * The seam between a transport and the Kubernetes API: two functions over plain, structured-cloneable data (no
 * URLSearchParams, no Buffer), so the same API answers a Node socket, a relay's WebSocket in a browser tab, or a
 * message to a Web Worker that holds the simulation.
 *
 * - `handleApi(request)`: one request, one reply (exec too: `exec.check` before the upgrade, then `exec.stdin`).
 * - `streamApi(request, on)`: any request; a watch or a followed log answers with a streaming head, chunks and an
 *   end, every other request with a final head (its whole reply) and an end.
 */
import type { ApiReply, ApiRequest } from './request';
import type { ApiEndpoint, ExecOutcome } from './endpoint';
import type { PortForwardAnswer, PortForwardOp } from './portForward';

/** A request as plain data: the query as its text after `?`, the body as bytes. */
export interface PortRequest {
  method: string;
  path: string;
  query: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body?: Uint8Array;
  tokenInPath?: string;
  /** An exec: `check` asks only whether it may start (before the upgrade); otherwise run it with `stdin`. */
  exec?: { check?: boolean; stdin?: string };
  /** A port-forward: without a port the check before the upgrade; with one a connect, with `http` a request. */
  portForward?: PortForwardOp;
}

/** What a stream delivers: the head first (`stream: false` means the head is the whole reply), chunks, the end. */
export type StreamEvent =
  { type: 'head'; reply: ApiReply; stream: boolean } | { type: 'data'; data: string } | { type: 'end' };

export interface ApiPort {
  handleApi(req: PortRequest): Promise<ApiReply>;
  /** Returns the function that cancels the stream (the client went away). */
  streamApi(req: PortRequest, on: (e: StreamEvent) => void): () => void;
}

export function toApiRequest(p: PortRequest): ApiRequest {
  return {
    method: p.method,
    path: p.path,
    query: new URLSearchParams(p.query),
    headers: p.headers,
    ...(p.body ? { body: p.body } : {}),
    ...(p.tokenInPath !== undefined ? { tokenInPath: p.tokenInPath } : {}),
  };
}

function jsonReply(status: number, value: unknown): ApiReply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** Whether an exec reply carries the outcome (and not a refusal Status). */
export function execOutcomeOf(reply: ApiReply): ExecOutcome | undefined {
  if (reply.status !== 200 || !reply.body) return undefined;
  const v = JSON.parse(reply.body) as ExecOutcome & { kind?: string };
  return v.kind === 'Status' ? undefined : v;
}

/** A port-forward operation's answer out of its reply (a refusal comes back as a Status reply instead). */
export function portForwardAnswerOf(reply: ApiReply): PortForwardAnswer | undefined {
  if (reply.status !== 200) return undefined;
  const v = JSON.parse(reply.body || '{"ok":true}') as PortForwardAnswer & { kind?: string };
  return v.kind === 'Status' ? undefined : v;
}

/**
 * The port of an endpoint in this process. `after` runs after every request that could have changed the
 * cluster (the studio re-renders then).
 */
export function endpointPort(ep: () => ApiEndpoint, after: () => void = () => undefined): ApiPort {
  const handle = (p: PortRequest): ApiReply => {
    const req = toApiRequest(p);
    const e = ep();
    if (p.exec) {
      if (!e.api.authorized(req)) return e.handle(req);
      if (p.exec.check) {
        const s = e.checkExec(req);
        return s ? jsonReply(s.code, s) : { status: 200, headers: {}, body: '' };
      }
      const r = e.exec(req, p.exec.stdin);
      return 'code' in r ? jsonReply(r.code, r) : jsonReply(200, r);
    }
    if (p.portForward) {
      if (!e.api.authorized(req)) return e.handle(req);
      const r = e.portForward(req, p.portForward);
      if (!r) return jsonReply(200, { ok: true });
      return 'code' in r ? jsonReply(r.code, r) : jsonReply(200, r);
    }
    return e.handle(req);
  };
  return {
    handleApi(p) {
      try {
        return Promise.resolve(handle(p));
      } finally {
        if (p.method !== 'GET' || p.exec || p.portForward?.http) after();
      }
    },
    streamApi(p, on) {
      const req = toApiRequest(p);
      const e = ep();
      if (p.exec || p.portForward || !e.isStream(req)) {
        on({ type: 'head', reply: handle(p), stream: false });
        on({ type: 'end' });
        if (p.method !== 'GET' || p.exec) after();
        return () => undefined;
      }
      let final = false;
      return e.stream(req, {
        head: (reply) => {
          final = reply.status !== 200;
          on({ type: 'head', reply, stream: !final });
          if (final) on({ type: 'end' });
        },
        write: (data) => on({ type: 'data', data }),
        end: () => {
          if (!final) on({ type: 'end' });
        },
      });
    },
  };
}
