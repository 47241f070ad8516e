/**
 * A sandbox as a portable value: seed, every command with its virtual time, and the editor files.
 * Encoded as JSON → deflate (fflate) → base64url, prefixed by a version and a checksum so a tampered or
 * truncated link is detected instead of replaying garbage.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

import { SHARE_VERSION } from './shareVersion';
import type { CommandReads } from './recordedFs';

export { SHARE_VERSION };

export interface RecordedCommand {
  /** Virtual time (ms) when it ran. */
  t: number;
  text: string;
  /** The files and folder listings it read when it ran, served to it again on replay (recordedFs.ts). */
  reads?: CommandReads;
}

export interface EditorFile {
  name: string;
  content: string;
}

export interface Sandbox {
  v: number;
  seed: number;
  workers?: number;
  commands: RecordedCommand[];
  files: EditorFile[];
  /** Virtual time the sandbox had reached. */
  time: number;
  activeFile?: string;
}

export type DecodeError = 'checksum' | 'format' | 'version';
export type DecodeResult = { ok: true; sandbox: Sandbox } | { ok: false; error: DecodeError };

/** FNV-1a 32-bit over bytes, as 8 hex digits. */
export function checksum(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** `1.<checksum>.<payload>` */
export function encodeSandbox(s: Sandbox): string {
  const json = strToU8(JSON.stringify(s));
  const packed = deflateSync(json, { level: 9 });
  return `${SHARE_VERSION}.${checksum(json)}.${toBase64Url(packed)}`;
}

function validReads(r: unknown): boolean {
  if (r === undefined) return true;
  if (typeof r !== 'object' || r === null) return false;
  const { files, lists } = r as CommandReads;
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (
    files !== undefined &&
    (!isRecord(files) || !Object.values(files).every((v) => v === null || typeof v === 'string'))
  )
    return false;
  return (
    lists === undefined ||
    (isRecord(lists) &&
      Object.values(lists).every((l) => Array.isArray(l) && l.every((n) => typeof n === 'string')))
  );
}

function isSandbox(x: unknown): x is Sandbox {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  return (
    typeof s.v === 'number' &&
    typeof s.seed === 'number' &&
    typeof s.time === 'number' &&
    Array.isArray(s.commands) &&
    s.commands.every(
      (c: unknown) =>
        typeof c === 'object' &&
        c !== null &&
        typeof (c as RecordedCommand).t === 'number' &&
        typeof (c as RecordedCommand).text === 'string' &&
        validReads((c as RecordedCommand).reads),
    ) &&
    Array.isArray(s.files) &&
    s.files.every(
      (f: unknown) =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as EditorFile).name === 'string' &&
        typeof (f as EditorFile).content === 'string',
    )
  );
}

export function decodeSandbox(text: string): DecodeResult {
  const m = /^(\d+)\.([0-9a-f]{8})\.([A-Za-z0-9_-]+)$/.exec(text.trim());
  if (!m) return { ok: false, error: 'format' };
  if (Number(m[1]) > SHARE_VERSION) return { ok: false, error: 'version' };
  let json: Uint8Array;
  try {
    json = inflateSync(fromBase64Url(m[3]!));
  } catch {
    return { ok: false, error: 'checksum' };
  }
  if (checksum(json) !== m[2]) return { ok: false, error: 'checksum' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(json));
  } catch {
    return { ok: false, error: 'format' };
  }
  if (!isSandbox(parsed)) return { ok: false, error: 'format' };
  return { ok: true, sandbox: parsed };
}

const HASH_KEY = '#s=';

export function sandboxToHash(s: Sandbox): string {
  return HASH_KEY + encodeSandbox(s);
}

/** undefined when the hash holds no sandbox. */
export function sandboxFromHash(hash: string): DecodeResult | undefined {
  if (!hash.startsWith(HASH_KEY)) return undefined;
  return decodeSandbox(decodeURIComponent(hash.slice(HASH_KEY.length)));
}

/** The exported file: pretty JSON with the same checksum rule. */
export function sandboxToFile(s: Sandbox): string {
  return JSON.stringify({ kubelab: encodeSandbox(s), readable: s }, null, 2);
}

export function sandboxFromFile(text: string): DecodeResult {
  try {
    const obj = JSON.parse(text) as { kubelab?: unknown };
    if (typeof obj.kubelab !== 'string') return { ok: false, error: 'format' };
    return decodeSandbox(obj.kubelab);
  } catch {
    return { ok: false, error: 'format' };
  }
}
