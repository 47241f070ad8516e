/**
 * Rules shared by ConfigMap and Secret: key syntax, the 1 MiB size limit, `immutable`, and base64 for Secrets.
 */
import type { FieldError } from '../api/errors';
import type { KObject } from '../api/types';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** `data[key]` key checks (IsConfigMapKey). */
export function validateConfigKeys(m: Record<string, unknown> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(m ?? {})) {
    if (!CONFIG_KEY.test(k)) {
      errs.push({
        type: 'Invalid',
        field: `${field}[${k}]`,
        value: k,
        detail:
          "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      });
    } else if (k === '.' || k === '..' || k.startsWith('..')) {
      errs.push({ type: 'Invalid', field: `${field}[${k}]`, value: k, detail: "must not start with '..'" });
    }
  }
  return errs;
}

/** Immutable objects keep their data, and stay immutable. */
export function validateImmutable(o: KObject, old: KObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (o.immutable !== true) {
    errs.push({
      type: 'Forbidden',
      field: 'immutable',
      detail: 'field is immutable when `immutable` is set',
    });
  }
  for (const f of fields) {
    if (JSON.stringify(o[f] ?? {}) !== JSON.stringify(old[f] ?? {})) {
      errs.push({ type: 'Forbidden', field: f, detail: 'field is immutable when `immutable` is set' });
    }
  }
  return errs;
}

export { encodeBase64, decodeBase64 } from '../util/base64';

/** Byte length a base64 value decodes to. */
export function base64Length(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

/** Index of the first byte that is not valid base64 (Go's `illegal base64 data at input byte N`), or -1. */
export function base64Error(b64: string): number {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) {
    const i = [...b64].findIndex(
      (ch, idx) => !/[A-Za-z0-9+/=]/.test(ch) || (ch === '=' && !/^=*$/.test(b64.slice(idx))),
    );
    return i < 0 ? 0 : i;
  }
  if (b64.length % 4 !== 0) return b64.length - (b64.length % 4);
  return -1;
}

/** Total size of the values (for the 1 MiB limit). */
export function totalBytes(m: Record<string, string> | undefined, base64: boolean): number {
  let n = 0;
  for (const v of Object.values(m ?? {}))
    n += base64 ? base64Length(String(v)) : new TextEncoder().encode(String(v)).length;
  return n;
}
