/**
 * The request and reply shapes of the serve layer: plain data, so the API is testable without sockets and runs in
 * the browser too (the studio answers a relay's requests with the same handler: no Node types here).
 */

export interface ApiRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body?: Uint8Array;
  /** The token of a `/kubelab/<token>/…` path prefix (already removed from `path`). */
  tokenInPath?: string;
}

/** The path prefix under which the kubeconfig's server URL carries the token. */
export const TOKEN_PREFIX = '/kubelab/';

/** Splits `/kubelab/<token>/api/v1/…` into the token and the API path. */
export function stripTokenPrefix(path: string): { path: string; token?: string } {
  if (!path.startsWith(TOKEN_PREFIX)) return { path };
  const rest = path.slice(TOKEN_PREFIX.length);
  const i = rest.indexOf('/');
  return i < 0 ? { path: '/', token: rest } : { path: rest.slice(i), token: rest.slice(0, i) };
}

export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** A binary body (the OpenAPI v2 protobuf document); `body` is then empty. */
  bytes?: Uint8Array;
}

/** A JSON reply. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): ApiReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** FNV-1a of a text, as a hex ETag value. */
export function etagOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `"${h.toString(16).padStart(8, '0')}${text.length.toString(16)}"`;
}

/** A reply carrying an ETag; 304 when the client already holds it. */
export function withEtag(req: ApiRequest, reply: ApiReply): ApiReply {
  const tag = etagOf(reply.body);
  if (req.headers['if-none-match'] === tag) return { status: 304, headers: { etag: tag }, body: '' };
  return { ...reply, headers: { ...reply.headers, etag: tag, 'cache-control': 'public' } };
}
