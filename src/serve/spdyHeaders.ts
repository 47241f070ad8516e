/**
 * SPDY/3 header blocks: the name/value block format and its zlib compression with the dictionary of the SPDY/3
 * draft (section 2.6.10.1). Each direction of a connection is one zlib stream that lives as long as the
 * connection, every header block ending on a flush boundary. What a client sends is inflated with fflate's
 * streaming decoder (synchronous, so frames stay in order); what we send is written as stored (uncompressed)
 * deflate blocks: valid zlib a reader inflates with the same dictionary, with no compressor state to keep.
 */
import { Unzlib } from 'fflate';

/** The words at the start of the dictionary, each written as a 4-byte big-endian length and the word. */
const WORDS = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding',
  'accept-language', 'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection',
  'content-base', 'content-encoding', 'content-language', 'content-length', 'content-location', 'content-md5',
  'content-range', 'content-type', 'date', 'etag', 'expect', 'expires', 'from', 'host', 'if-match',
  'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since', 'last-modified', 'location',
  'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer', 'retry-after',
  'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
  'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie',
  'keep-alive', 'origin',
]; // prettier-ignore

/** The rest of the dictionary, raw. */
const TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
  '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
  'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

const enc = new TextEncoder();
const dec = new TextDecoder();

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

/** The SPDY/3 zlib dictionary (1423 bytes). */
export const SPDY_DICTIONARY: Uint8Array = (() => {
  const parts: number[] = [];
  for (const w of WORDS) parts.push(...u32(w.length), ...enc.encode(w));
  parts.push(...enc.encode(TAIL));
  return Uint8Array.from(parts);
})();

export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; i++) {
    a = (a + data[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Header names and values; a name with several values joins them with NUL, as the block format says. */
export type HeaderList = [name: string, value: string][];

/** The uncompressed block: a count, then each name and value with a 4-byte length. Names are lower case. */
export function encodeHeaderBlock(headers: HeaderList): Uint8Array {
  const out: number[] = [...u32(headers.length)];
  for (const [n, v] of headers) {
    const name = enc.encode(n.toLowerCase());
    const value = enc.encode(v);
    out.push(...u32(name.length), ...name, ...u32(value.length), ...value);
  }
  return Uint8Array.from(out);
}

/** Reads an uncompressed block (lower-case names; several values joined by NUL stay joined). */
export function decodeHeaderBlock(block: Uint8Array): Record<string, string> {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  let at = 0;
  const take = (): string => {
    if (at + 4 > block.length) throw new Error('truncated SPDY header block');
    const len = view.getUint32(at);
    at += 4;
    if (at + len > block.length) throw new Error('truncated SPDY header block');
    const s = dec.decode(block.subarray(at, at + len));
    at += len;
    return s;
  };
  if (block.length < 4) throw new Error('truncated SPDY header block');
  const count = view.getUint32(0);
  at = 4;
  const out: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const name = take();
    out[name.toLowerCase()] = take();
  }
  return out;
}

/** The compressing side of one direction: a zlib header naming the dictionary, then stored blocks. */
export class HeaderDeflater {
  private started = false;

  /** The bytes for one header block (the first also carries the zlib header). */
  compress(block: Uint8Array): Uint8Array {
    const out: number[] = [];
    if (!this.started) {
      this.started = true;
      // CMF 0x78 (deflate, 32 KiB window); FLG 0x20: a preset dictionary, and 0x7820 is a multiple of 31.
      out.push(0x78, 0x20, ...u32(adler32(SPDY_DICTIONARY)));
    }
    // Stored blocks of at most 65535 bytes, never final: the stream goes on with the next header block.
    const stored = (part: Uint8Array) => {
      out.push(0x00, part.length & 255, part.length >>> 8, ~part.length & 255, (~part.length >>> 8) & 255);
      out.push(...part);
    };
    for (let at = 0; at < block.length; at += 65535) stored(block.subarray(at, at + 65535));
    // Then an empty one, as a sync flush ends: Go's inflater hands out what it holds only at that mark, and
    // without it would read on into the next frame's bytes.
    stored(new Uint8Array(0));
    return Uint8Array.from(out);
  }
}

/** The inflating side of one direction: the peer's zlib stream, fed one header block at a time. */
export class HeaderInflater {
  private out: Uint8Array[] = [];
  private z = new Unzlib({ dictionary: SPDY_DICTIONARY }, (chunk) => {
    this.out.push(chunk);
  });

  /** The uncompressed bytes of one compressed header block. */
  inflate(compressed: Uint8Array): Uint8Array {
    this.z.push(compressed);
    const parts = this.out.splice(0);
    const len = parts.reduce((n, p) => n + p.length, 0);
    const all = new Uint8Array(len);
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  }
}
