/**
 * The SPDY/3.1 layer against an independent peer: Node's zlib (with the dictionary) plays the client's header
 * compressor and decompressor, frames are cut at every byte boundary, and a connection answers SYN_STREAM,
 * PING, DATA/FIN and RST_STREAM as client-go expects. The real kubectl runs over it in portForward.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import {
  HeaderDeflater,
  HeaderInflater,
  SPDY_DICTIONARY,
  adler32,
  decodeHeaderBlock,
  encodeHeaderBlock,
} from './spdyHeaders';
import { FLAG_FIN, FrameReader, FrameType, controlFrame, dataFrame, type Frame } from './spdyFrames';
import { SpdyConnection, type SpdyStream } from './spdyConnection';

const DICT = Buffer.from(SPDY_DICTIONARY);

/** A client's header compressor: one zlib stream with the dictionary, a sync flush after each block. */
function nodeDeflater(): (block: Uint8Array) => Promise<Buffer> {
  const d = zlib.createDeflate({ dictionary: DICT, level: 9 });
  const chunks: Buffer[] = [];
  d.on('data', (c: Buffer) => chunks.push(c));
  return (block) =>
    new Promise((resolve) => {
      d.write(block);
      d.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(chunks.splice(0))));
    });
}

function u32(...ns: number[]): Buffer {
  const b = Buffer.alloc(ns.length * 4);
  ns.forEach((n, i) => b.writeUInt32BE(n >>> 0, i * 4));
  return b;
}

describe('header blocks', () => {
  test('the dictionary is the SPDY/3 draft’s 1423 bytes', () => {
    // sha256 of the byte array published with the draft (example_code/spdy3_dictionary.h of the specification).
    expect(SPDY_DICTIONARY.length).toBe(1423);
    expect(createHash('sha256').update(SPDY_DICTIONARY).digest('hex')).toBe(
      '51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02',
    );
    // zlib names a preset dictionary by its Adler-32 (bytes 2–5 of the stream): ours must agree.
    const withDict = zlib.deflateSync(Buffer.of(1), { dictionary: DICT });
    expect(adler32(SPDY_DICTIONARY)).toBe(withDict.readUInt32BE(2));
  });

  test('blocks round-trip; names are lower case; several values stay joined by NUL', () => {
    const b = encodeHeaderBlock([
      ['StreamType', 'data'],
      ['port', '80'],
      ['x', 'a\0b'],
    ]);
    expect(decodeHeaderBlock(b)).toEqual({ streamtype: 'data', port: '80', x: 'a\0b' });
    expect(() => decodeHeaderBlock(b.subarray(0, b.length - 1))).toThrow(/truncated/);
  });

  test('what we compress, zlib inflates with the dictionary, block after block; each ends on a sync-flush mark', () => {
    const d = new HeaderDeflater();
    const blocks = [encodeHeaderBlock([]), encodeHeaderBlock([['status', '200 OK']]), new Uint8Array(70_000)];
    const parts = blocks.map((b) => d.compress(b));
    for (const p of parts) expect(Buffer.from(p.subarray(-5)).toString('hex')).toBe('000000ffff');
    const out = zlib.inflateSync(Buffer.concat(parts), {
      dictionary: DICT,
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    });
    expect(out.equals(Buffer.concat(blocks))).toBe(true);
    // Only the first block carries the zlib header, naming the dictionary by its Adler-32.
    expect(Buffer.from(parts[0]!.subarray(0, 6)).toString('hex')).toBe(
      '7820' + adler32(SPDY_DICTIONARY).toString(16).padStart(8, '0'),
    );
    expect(parts[1]![0]).toBe(0);
  });

  test('what a peer compresses (zlib, dictionary, one stream), we inflate block by block', async () => {
    const peer = nodeDeflater();
    const inf = new HeaderInflater();
    const blocks = [
      encodeHeaderBlock([
        ['streamtype', 'error'],
        ['port', '80'],
        ['requestid', '0'],
      ]),
      encodeHeaderBlock([
        ['streamtype', 'data'],
        ['port', '80'],
        ['requestid', '0'],
      ]),
      encodeHeaderBlock([['streamtype', 'stdout']]),
    ];
    for (const b of blocks) expect(Buffer.from(inf.inflate(await peer(b))).equals(Buffer.from(b))).toBe(true);
  });
});

describe('frames', () => {
  test('a byte stream cut anywhere gives the same frames', () => {
    const bytes = Buffer.concat([
      dataFrame(1, new Uint8Array([1, 2, 3]), false),
      controlFrame(FrameType.PING, 0, u32(7)),
      dataFrame(3, new Uint8Array(0), true),
    ]);
    const r = new FrameReader();
    const frames: Frame[] = [];
    for (const b of bytes) frames.push(...r.push(Uint8Array.of(b)));
    expect(frames).toEqual([
      { control: false, streamId: 1, flags: 0, data: Uint8Array.of(1, 2, 3) },
      { control: true, version: 3, type: FrameType.PING, flags: 0, payload: Uint8Array.from(u32(7)) },
      { control: false, streamId: 3, flags: FLAG_FIN, data: new Uint8Array(0) },
    ]);
  });
});

/** A client on one side of a connection: compresses its own headers with zlib, reads the server's frames. */
async function client() {
  const sent: Frame[] = [];
  const reader = new FrameReader();
  const inflate = zlib.createInflate({ dictionary: DICT });
  let closed = false;
  const streams: SpdyStream[] = [];
  const conn = new SpdyConnection(
    {
      send: (b) => sent.push(...reader.push(b)),
      close: () => (closed = true),
    },
    (s) => streams.push(s),
  );
  const compress = nodeDeflater();
  return {
    conn,
    sent,
    streams,
    isClosed: () => closed,
    inflate,
    async open(id: number, headers: [string, string][], fin = false) {
      const block = await compress(encodeHeaderBlock(headers));
      conn.receive(
        controlFrame(
          FrameType.SYN_STREAM,
          fin ? FLAG_FIN : 0,
          Buffer.concat([u32(id, 0), Buffer.of(0, 0), block]),
        ),
      );
    },
  };
}

describe('the server end of a connection', () => {
  test('each SYN_STREAM is answered by a SYN_REPLY with an empty header block; the stream carries the headers', async () => {
    const c = await client();
    await c.open(1, [
      ['streamtype', 'error'],
      ['port', '80'],
    ]);
    await c.open(3, [['streamtype', 'data']]);
    expect(c.streams.map((s) => [s.id, s.headers])).toEqual([
      [1, { streamtype: 'error', port: '80' }],
      [3, { streamtype: 'data' }],
    ]);
    const replies = c.sent.filter((f) => f.control && f.type === FrameType.SYN_REPLY) as Extract<
      Frame,
      { control: true }
    >[];
    expect(replies.map((f) => Buffer.from(f.payload.subarray(0, 4)).readUInt32BE(0))).toEqual([1, 3]);
    const inflated = zlib.inflateSync(Buffer.concat(replies.map((f) => f.payload.subarray(4))), {
      dictionary: DICT,
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    });
    expect(inflated.toString('hex')).toBe('0000000000000000');
  });

  test('data and FIN reach the stream; writes and end go out as DATA frames; RST_STREAM ends it', async () => {
    const c = await client();
    await c.open(1, [['streamtype', 'data']]);
    const s = c.streams[0]!;
    const got: string[] = [];
    let ended = false;
    s.data((d) => got.push(Buffer.from(d).toString()));
    s.ended(() => (ended = true));
    c.conn.receive(dataFrame(1, Buffer.from('GET / HTTP/1.1\r\n'), false));
    c.conn.receive(dataFrame(1, new Uint8Array(0), true));
    expect([got, ended]).toEqual([['GET / HTTP/1.1\r\n'], true]);
    s.write('answer');
    s.end();
    const data = c.sent.filter((f) => !f.control);
    expect(data.map((f) => [f.streamId, f.flags, Buffer.from(f.data).toString()])).toEqual([
      [1, 0, 'answer'],
      [1, FLAG_FIN, ''],
    ]);
    await c.open(3, [['streamtype', 'data']]);
    let reset = false;
    c.streams[1]!.ended(() => (reset = true));
    c.conn.receive(controlFrame(FrameType.RST_STREAM, 0, u32(3, 5)));
    expect(reset).toBe(true);
  });

  test('a client’s PING comes back; GOAWAY and garbage close the connection', async () => {
    const c = await client();
    c.conn.receive(controlFrame(FrameType.PING, 0, u32(1)));
    const ping = c.sent.find((f) => f.control && f.type === FrameType.PING) as Extract<
      Frame,
      { control: true }
    >;
    expect(Buffer.from(ping.payload).readUInt32BE(0)).toBe(1);
    c.conn.receive(controlFrame(FrameType.GOAWAY, 0, u32(0, 0)));
    expect(c.isClosed()).toBe(true);
    const d = await client();
    // A control frame of SPDY version 2 is not ours to read.
    d.conn.receive(Buffer.from('8002000100000000', 'hex'));
    expect(d.isClosed()).toBe(true);
  });
});
