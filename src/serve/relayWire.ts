/**
 * The messages between `kubelab serve --relay` and the studio tab that answers for it, one JSON text frame each.
 * Bytes travel as base64. The relay sends `call` (one request, one `reply`), `stream` (then `event`s until the end)
 * and `cancel` (the client went away); `welcome` tells the tab what to show the learner. Browser-safe.
 */
import { base64Decode, base64Encode } from '@bufbuild/protobuf/wire';
import type { ApiReply } from './request';
import type { PortRequest, StreamEvent } from './port';

/** The path of the relay's WebSocket for the tab (`?token=`), beside the API under `/kubelab/<token>/`. */
export const RELAY_PATH = '/kubelab-relay';

/** The WebSocket subprotocol both ends speak (bumped when the messages change). */
export const RELAY_PROTOCOL = 'kubelab-relay.v1';

export interface WireRequest extends Omit<PortRequest, 'body'> {
  body?: string;
}
export interface WireReply extends Omit<ApiReply, 'bytes'> {
  bytes?: string;
}
export type WireEvent =
  { type: 'head'; reply: WireReply; stream: boolean } | { type: 'data'; data: string } | { type: 'end' };

export type RelayToTab =
  | { op: 'welcome'; server: string; kubeconfig: string }
  | { op: 'call'; id: number; req: WireRequest }
  | { op: 'stream'; id: number; req: WireRequest }
  | { op: 'cancel'; id: number };

export type TabToRelay =
  { op: 'reply'; id: number; reply: WireReply } | { op: 'event'; id: number; event: WireEvent };

export function requestToWire(r: PortRequest): WireRequest {
  const { body, ...rest } = r;
  return body && body.length ? { ...rest, body: base64Encode(body) } : rest;
}

export function requestFromWire(w: WireRequest): PortRequest {
  const { body, ...rest } = w;
  return body ? { ...rest, body: base64Decode(body) } : rest;
}

export function replyToWire(r: ApiReply): WireReply {
  const { bytes, ...rest } = r;
  return bytes ? { ...rest, bytes: base64Encode(bytes) } : rest;
}

export function replyFromWire(w: WireReply): ApiReply {
  const { bytes, ...rest } = w;
  return bytes ? { ...rest, bytes: base64Decode(bytes) } : rest;
}

export function eventToWire(e: StreamEvent): WireEvent {
  return e.type === 'head' ? { ...e, reply: replyToWire(e.reply) } : e;
}

export function eventFromWire(e: WireEvent): StreamEvent {
  return e.type === 'head' ? { ...e, reply: replyFromWire(e.reply) } : e;
}
