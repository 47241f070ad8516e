/**
 * Deterministic content digests. Real Docker uses SHA-256 over the content; the simulation only needs digests
 * that look the same (64 lowercase hex), are stable across runs and differ for different inputs, so a small
 * non-cryptographic mix (FNV-1a seeded eight ways, then xorshift-multiply finalised) is enough.
 */

function mix32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** 64 hex characters derived from `text` (sha256-shaped, not SHA-256). */
export function hex64(text: string): string {
  let out = '';
  for (let i = 0; i < 8; i++)
    out += mix32(text, Math.imul(i + 1, 0x9e3779b9))
      .toString(16)
      .padStart(8, '0');
  return out;
}

/** `sha256:` + {@link hex64}. */
export function digestOf(text: string): string {
  return `sha256:${hex64(text)}`;
}

/** The 12-character short form Docker prints (`docker images`, `docker ps`). */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
