import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeSandbox,
  encodeSandbox,
  fromBase64Url,
  sandboxFromFile,
  sandboxFromHash,
  sandboxToFile,
  sandboxToHash,
  toBase64Url,
  type Sandbox,
} from './share';

const sample: Sandbox = {
  v: 1,
  seed: 42,
  time: 90_000,
  commands: [
    { t: 0, text: 'kubectl create deployment web --image=nginx --replicas=3' },
    { t: 30_000, text: 'sim node fail worker-1' },
  ],
  files: [{ name: 'web.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: 中文\n' }],
  activeFile: 'web.yaml',
};

describe('share links', () => {
  it('round-trip a sandbox', () => {
    const decoded = decodeSandbox(encodeSandbox(sample));
    expect(decoded).toEqual({ ok: true, sandbox: sample });
    expect(sandboxFromHash(sandboxToHash(sample))).toEqual({ ok: true, sandbox: sample });
    expect(sandboxFromFile(sandboxToFile(sample))).toEqual({ ok: true, sandbox: sample });
  });

  it('ignore hashes that hold no sandbox', () => {
    expect(sandboxFromHash('#lesson=intro')).toBeUndefined();
  });

  it('detect truncation', () => {
    const code = encodeSandbox(sample);
    for (const cut of [1, 5, 20]) {
      const r = decodeSandbox(code.slice(0, code.length - cut));
      expect(r.ok).toBe(false);
    }
  });

  it('detect a changed character', () => {
    const code = encodeSandbox(sample);
    const i = code.length - 10;
    const other = code[i] === 'A' ? 'B' : 'A';
    const r = decodeSandbox(code.slice(0, i) + other + code.slice(i + 1));
    expect(r).toEqual({ ok: false, error: 'checksum' });
  });

  it('reject garbage and newer versions', () => {
    expect(decodeSandbox('hello')).toEqual({ ok: false, error: 'format' });
    expect(decodeSandbox('9' + encodeSandbox(sample).slice(1))).toEqual({ ok: false, error: 'version' });
    expect(sandboxFromFile('{"x":1}')).toEqual({ ok: false, error: 'format' });
  });

  it('base64url round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });
});
