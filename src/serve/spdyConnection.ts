/**
 * The server end of a SPDY/3.1 connection, as the kubelet runs it for `kubectl port-forward` and (before
 * kubectl 1.30) `kubectl exec`: the client opens every stream (SYN_STREAM with its headers: `streamtype`,
 * `port`, `requestid` …), the server accepts each at once with an empty SYN_REPLY — client-go waits for that
 * reply before it opens the next — and both sides then send DATA frames until FIN. PINGs from the client come
 * back unchanged; GOAWAY ends the connection. There is no flow control to honour: client-go's SPDY library
 * neither sends nor expects WINDOW_UPDATE. The bytes come and go through `send` / {@link receive}, so the same
 * connection runs over an upgraded socket or inside WebSocket messages.
 */
import {
  FLAG_FIN,
  FrameReader,
  FrameType,
  RstStatus,
  SPDY_VERSION,
  dataFrame,
  firstWord,
  goAwayFrame,
  pingFrame,
  readSynStream,
  rstStreamFrame,
  synReplyFrame,
} from './spdyFrames';
import { HeaderDeflater, HeaderInflater, decodeHeaderBlock, encodeHeaderBlock } from './spdyHeaders';

/** Data frames we send carry at most this much (kubelet-sized chunks; any size up to 16 MiB is legal). */
const CHUNK = 32 * 1024;

export class SpdyStream {
  /** The peer has finished sending (FIN) or reset the stream. */
  remoteDone = false;
  /** We have sent FIN (or reset). */
  localDone = false;
  private onData: ((d: Uint8Array) => void)[] = [];
  private onEnd: (() => void)[] = [];

  constructor(
    readonly id: number,
    readonly headers: Record<string, string>,
    private conn: SpdyConnection,
  ) {}

  /** Bytes the peer sends on this stream. */
  data(fn: (d: Uint8Array) => void): void {
    this.onData.push(fn);
  }

  /** The peer's half ends (FIN or RST_STREAM, or the connection closed). */
  ended(fn: () => void): void {
    if (this.remoteDone) fn();
    else this.onEnd.push(fn);
  }

  write(data: Uint8Array | string): void {
    if (this.localDone) return;
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    for (let at = 0; at < bytes.length; at += CHUNK)
      this.conn.send(dataFrame(this.id, bytes.subarray(at, at + CHUNK), false));
  }

  /** Our half ends: an empty DATA frame with FIN. */
  end(): void {
    if (this.localDone) return;
    this.localDone = true;
    this.conn.send(dataFrame(this.id, new Uint8Array(0), true));
    if (this.remoteDone) this.conn.forget(this.id);
  }

  reset(): void {
    if (!this.localDone) this.conn.send(rstStreamFrame(this.id, RstStatus.CANCEL));
    this.localDone = true;
    this.finish();
  }

  /** @internal */
  deliver(d: Uint8Array): void {
    if (!this.remoteDone && d.length) for (const fn of this.onData) fn(d);
  }

  /** @internal */
  finish(): void {
    if (this.remoteDone) return;
    this.remoteDone = true;
    for (const fn of this.onEnd.splice(0)) fn();
  }
}

export class SpdyConnection {
  private reader = new FrameReader();
  private inflater = new HeaderInflater();
  private deflater = new HeaderDeflater();
  private streams = new Map<number, SpdyStream>();
  private lastStreamId = 0;
  private closed = false;
  private onClose: (() => void)[] = [];

  constructor(
    private transport: { send(bytes: Uint8Array): void; close(): void },
    private onStream: (s: SpdyStream) => void,
  ) {}

  /** @internal A stream both sides have finished. */
  forget(id: number): void {
    this.streams.delete(id);
  }

  /** @internal */
  send(bytes: Uint8Array): void {
    if (!this.closed) this.transport.send(bytes);
  }

  /** Bytes from the peer. A protocol error ends the connection. */
  receive(bytes: Uint8Array): void {
    if (this.closed) return;
    try {
      for (const f of this.reader.push(bytes)) {
        if (this.closed) return;
        if (!f.control) {
          const s = this.streams.get(f.streamId);
          if (!s) continue;
          s.deliver(f.data);
          if (f.flags & FLAG_FIN) s.finish();
          continue;
        }
        if (f.version !== SPDY_VERSION) throw new Error(`unsupported SPDY version ${f.version}`);
        this.control(f.type, f.flags, f.payload);
      }
    } catch {
      this.close();
    }
  }

  private control(type: number, flags: number, p: Uint8Array): void {
    switch (type) {
      case FrameType.SYN_STREAM: {
        const syn = readSynStream(p);
        // Every header block goes through the inflater, or the peer's zlib stream and ours fall out of step.
        const headers = decodeHeaderBlock(this.inflater.inflate(syn.headerBlock));
        if (syn.streamId % 2 !== 1 || syn.streamId <= this.lastStreamId) {
          this.send(rstStreamFrame(syn.streamId, RstStatus.PROTOCOL_ERROR));
          return;
        }
        this.lastStreamId = syn.streamId;
        const s = new SpdyStream(syn.streamId, headers, this);
        this.streams.set(s.id, s);
        s.ended(() => {
          if (s.localDone) this.forget(s.id);
        });
        this.send(synReplyFrame(s.id, this.deflater.compress(encodeHeaderBlock([])), false));
        if (flags & FLAG_FIN) s.finish();
        this.onStream(s);
        return;
      }
      case FrameType.HEADERS:
        this.inflater.inflate(p.subarray(4));
        return;
      case FrameType.RST_STREAM: {
        const s = this.streams.get(firstWord(p));
        if (s) {
          s.localDone = true;
          s.finish();
          this.streams.delete(s.id);
        }
        return;
      }
      case FrameType.PING:
        // Odd ids are the client's: answer them. (A server's own pings would be even; we send none.)
        if (firstWord(p, 0xffffffff) % 2 === 1) this.send(pingFrame(firstWord(p, 0xffffffff)));
        return;
      case FrameType.GOAWAY:
        this.close();
        return;
      case FrameType.SYN_REPLY:
        // Only the client opens streams here, so a reply is a protocol error: its header block still counts.
        this.inflater.inflate(p.subarray(4));
        return;
      default:
        // SETTINGS, WINDOW_UPDATE and unknown types carry nothing this server acts on.
        return;
    }
  }

  /** Called once when the connection ends (either side). */
  whenClosed(fn: () => void): void {
    if (this.closed) fn();
    else this.onClose.push(fn);
  }

  /** Ends every stream, says GOAWAY and closes the transport. */
  close(): void {
    if (this.closed) return;
    this.transport.send(goAwayFrame(this.lastStreamId, 0));
    this.closed = true;
    for (const s of this.streams.values()) {
      s.localDone = true;
      s.finish();
    }
    this.streams.clear();
    this.transport.close();
    for (const fn of this.onClose.splice(0)) fn();
  }

  /** The transport went away under us. */
  lost(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) s.finish();
    this.streams.clear();
    for (const fn of this.onClose.splice(0)) fn();
  }
}
