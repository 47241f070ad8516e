/**
 * The cluster's one seeded random generator (xorshift128+ over 32-bit halves, as sfc32).
 * Its whole state is four numbers, so it is part of a snapshot.
 */
export interface RngState {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** Seeds a generator state from an integer seed (splitmix32 expansion). */
export function seedRng(seed: number): RngState {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const st = { a: next(), b: next(), c: next(), d: next() };
  const r = new Rng(st);
  for (let i = 0; i < 12; i++) r.uint32();
  return st;
}

/** A view over an {@link RngState}; it mutates the state object in place. */
export class Rng {
  constructor(public state: RngState) {}

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const s = this.state;
    const t = (((s.a + s.b) >>> 0) + s.d) >>> 0;
    s.d = (s.d + 1) >>> 0;
    s.a = s.b ^ (s.b >>> 9);
    s.b = (s.c + (s.c << 3)) >>> 0;
    s.c = ((s.c << 21) | (s.c >>> 11)) >>> 0;
    s.c = (s.c + t) >>> 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Picks one element; undefined for an empty list. */
  pick<T>(items: readonly T[]): T | undefined {
    return items.length ? items[this.int(items.length)] : undefined;
  }

  /**
   * A string of `n` characters drawn from `alphabet` (one draw per character), after `prefix` if given: one flat
   * string either way (a prefix added with `+` would make a tree of parts to flatten).
   */
  string(alphabet: string, n: number, prefix = ''): string {
    // Character codes into a reused buffer, one string at the end: appending character by character would
    // allocate a string per character (ids and uuids are made for every pod and container).
    const p = prefix.length;
    const codes = codeBuffer(p + n);
    for (let i = 0; i < p; i++) codes[i] = prefix.charCodeAt(i);
    const len = alphabet.length;
    const bits = 31 - Math.clz32(len);
    if (len > 1 && len === 1 << bits) {
      // int(2^k) is the top k bits of the draw: the same characters without the float
      const shift = 32 - bits;
      for (let i = 0; i < n; i++) codes[p + i] = alphabet.charCodeAt(this.uint32() >>> shift);
    } else for (let i = 0; i < n; i++) codes[p + i] = alphabet.charCodeAt(this.int(len));
    return String.fromCharCode.apply(null, codes);
  }

  /** Lowercase hex string of `n` characters: eight digits from each draw, high nibble first. */
  hex(n: number): string {
    const codes = codeBuffer(n);
    hexDigits(this, codes, 0, n);
    return String.fromCharCode.apply(null, codes);
  }

  /** A random UUID (version 4, RFC 4122 variant): 32 hex digits from four draws, 122 bits of them random. */
  uuid(): string {
    const digits = codeBuffer(32);
    hexDigits(this, digits, 0, 32);
    const codes = codeBuffer(36);
    for (let i = 0; i < 32; i++) codes[UUID_AT[i]!] = digits[i]!;
    codes[8] = codes[13] = codes[18] = codes[23] = 45; // '-'
    codes[14] = 52; // version '4'
    codes[19] = HEX_CODES[(HEX_CODES.indexOf(codes[19]!) & 3) | 8]!; // variant 10xx: 8, 9, a or b
    return String.fromCharCode.apply(null, codes);
  }
}

/** Where a UUID's 32 hex digits go among its 36 characters. */
const UUID_AT = [...Array(36).keys()].filter((i) => i !== 8 && i !== 13 && i !== 18 && i !== 23);
const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));

/** Writes `n` hex digit codes at `at`, eight from each draw (high nibble first). */
function hexDigits(r: Rng, codes: number[], at: number, n: number): void {
  let word = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 7) === 0) word = r.uint32();
    codes[at + i] = HEX_CODES[(word >>> (28 - 4 * (i & 7))) & 15]!;
  }
}

const codeBuffers: number[][] = [];
function codeBuffer(n: number): number[] {
  let b = codeBuffers[n];
  if (!b) {
    b = new Array<number>(n).fill(0);
    if (n <= 256) codeBuffers[n] = b;
  }
  return b;
}

/** The alphabet Kubernetes uses for generated name suffixes (k8s.io/apimachinery/pkg/util/rand). */
export const K8S_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
