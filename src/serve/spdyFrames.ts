/**
 * SPDY/3.1 framing (the SPDY/3 draft, section 2.2): an 8-byte head, then the payload. A control frame's head is
 * the control bit, the version (3), the type, the flags and a 24-bit length; a data frame's head is the stream
 * id, the flags and the length. {@link FrameReader} cuts a byte stream into frames however it arrives (a TCP
 * socket, or WebSocket messages that tunnel it); the encoders write the frames a server sends.
 */

export const SPDY_VERSION = 3;

export const FrameType = {
  SYN_STREAM: 1,
  SYN_REPLY: 2,
  RST_STREAM: 3,
  SETTINGS: 4,
  PING: 6,
  GOAWAY: 7,
  HEADERS: 8,
  WINDOW_UPDATE: 9,
} as const;

/** FLAG_FIN on data frames, SYN_STREAM, SYN_REPLY and HEADERS: the sender's half of the stream ends. */
export const FLAG_FIN = 0x01;

/** RST_STREAM status codes used here. */
export const RstStatus = { PROTOCOL_ERROR: 1, INVALID_STREAM: 2, REFUSED_STREAM: 3, CANCEL: 5 } as const;

/** Frames longer than this end the connection (the header field allows 16 MiB; nothing here sends that much). */
export const MAX_FRAME = 1 << 24;

export type Frame =
  | { control: false; streamId: number; flags: number; data: Uint8Array }
  | { control: true; version: number; type: number; flags: number; payload: Uint8Array };

/** Cuts a byte stream into frames. */
export class FrameReader {
  private buf: Uint8Array = new Uint8Array(0);

  /** Adds bytes; returns every frame now complete. Throws on a frame too long to hold. */
  push(bytes: Uint8Array): Frame[] {
    const joined = new Uint8Array(this.buf.length + bytes.length);
    joined.set(this.buf, 0);
    joined.set(bytes, this.buf.length);
    const frames: Frame[] = [];
    let at = 0;
    while (joined.length - at >= 8) {
      const v = new DataView(joined.buffer, joined.byteOffset + at, 8);
      const first = v.getUint32(0);
      const flags = joined[at + 4]!;
      const len = v.getUint32(4) & 0xffffff;
      if (len >= MAX_FRAME) throw new Error('SPDY frame too long');
      if (joined.length - at < 8 + len) break;
      const body = joined.slice(at + 8, at + 8 + len);
      if (first & 0x80000000)
        frames.push({
          control: true,
          version: (first >>> 16) & 0x7fff,
          type: first & 0xffff,
          flags,
          payload: body,
        });
      else frames.push({ control: false, streamId: first & 0x7fffffff, flags, data: body });
      at += 8 + len;
    }
    this.buf = joined.slice(at);
    return frames;
  }
}

function head(first: number, flags: number, len: number): Uint8Array {
  const h = new Uint8Array(8);
  const v = new DataView(h.buffer);
  v.setUint32(0, first >>> 0);
  v.setUint32(4, ((flags & 255) << 24) | (len & 0xffffff));
  return h;
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function controlFrame(type: number, flags: number, payload: Uint8Array): Uint8Array {
  return join(head(0x80000000 | (SPDY_VERSION << 16) | type, flags, payload.length), payload);
}

export function dataFrame(streamId: number, data: Uint8Array, fin: boolean): Uint8Array {
  return join(head(streamId & 0x7fffffff, fin ? FLAG_FIN : 0, data.length), data);
}

function words(...ns: number[]): Uint8Array {
  const b = new Uint8Array(ns.length * 4);
  const v = new DataView(b.buffer);
  ns.forEach((n, i) => v.setUint32(i * 4, n >>> 0));
  return b;
}

/** SYN_REPLY: the stream id, then the (compressed) header block. */
export function synReplyFrame(streamId: number, headerBlock: Uint8Array, fin: boolean): Uint8Array {
  return controlFrame(
    FrameType.SYN_REPLY,
    fin ? FLAG_FIN : 0,
    join(words(streamId & 0x7fffffff), headerBlock),
  );
}

export function rstStreamFrame(streamId: number, status: number): Uint8Array {
  return controlFrame(FrameType.RST_STREAM, 0, words(streamId & 0x7fffffff, status));
}

export function pingFrame(id: number): Uint8Array {
  return controlFrame(FrameType.PING, 0, words(id));
}

export function goAwayFrame(lastGoodStreamId: number, status: number): Uint8Array {
  return controlFrame(FrameType.GOAWAY, 0, words(lastGoodStreamId & 0x7fffffff, status));
}

/** The fields of a SYN_STREAM payload: ids, priority, and the header block still compressed. */
export function readSynStream(p: Uint8Array): {
  streamId: number;
  associatedTo: number;
  priority: number;
  headerBlock: Uint8Array;
} {
  if (p.length < 10) throw new Error('short SYN_STREAM');
  const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
  return {
    streamId: v.getUint32(0) & 0x7fffffff,
    associatedTo: v.getUint32(4) & 0x7fffffff,
    priority: p[8]! >>> 5,
    headerBlock: p.subarray(10),
  };
}

/** The first 32-bit word of a payload (the stream id of RST_STREAM / HEADERS, a PING's id), without the top bit. */
export function firstWord(p: Uint8Array, mask = 0x7fffffff): number {
  if (p.length < 4) throw new Error('short SPDY control frame');
  return (new DataView(p.buffer, p.byteOffset, 4).getUint32(0) & mask) >>> 0;
}
