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

  /** A string of `n` characters drawn from `alphabet`. */
  string(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** Lowercase hex string of `n` characters. */
  hex(n: number): string {
    return this.string('0123456789abcdef', n);
  }

  /** A random UUID-shaped string (version 4 layout). */
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** The alphabet Kubernetes uses for generated name suffixes (k8s.io/apimachinery/pkg/util/rand). */
export const K8S_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
