/**
 * Container names as Docker generates them: `adjective_surname` of a notable scientist or engineer, drawn from the
 * cluster's seeded generator (so transcripts are reproducible).
 */
import type { Rng } from '../engine/rng';

const ADJECTIVES = [
  'admiring',
  'bold',
  'brave',
  'busy',
  'clever',
  'cool',
  'dazzling',
  'eager',
  'elastic',
  'epic',
  'festive',
  'focused',
  'friendly',
  'gallant',
  'happy',
  'hopeful',
  'jolly',
  'keen',
  'kind',
  'loving',
  'lucid',
  'modest',
  'nifty',
  'optimistic',
  'peaceful',
  'practical',
  'quirky',
  'relaxed',
  'serene',
  'sharp',
  'stoic',
  'trusting',
  'upbeat',
  'vibrant',
  'wizardly',
  'zealous',
];
const SURNAMES = [
  'babbage',
  'bardeen',
  'curie',
  'darwin',
  'dijkstra',
  'einstein',
  'euler',
  'faraday',
  'feynman',
  'franklin',
  'galileo',
  'gauss',
  'goldwasser',
  'hamilton',
  'hopper',
  'hypatia',
  'kepler',
  'knuth',
  'lamport',
  'liskov',
  'lovelace',
  'maxwell',
  'meitner',
  'newton',
  'noether',
  'pascal',
  'ritchie',
  'shannon',
  'thompson',
  'torvalds',
  'turing',
  'wozniak',
  'yonath',
  'wu',
  'ramanujan',
  'tesla',
];

/** A fresh `adjective_surname` not in `taken`. */
export function generateName(rng: Rng, taken: (name: string) => boolean): string {
  for (let i = 0; ; i++) {
    const name = `${rng.pick(ADJECTIVES)!}_${rng.pick(SURNAMES)!}${i >= 10 ? rng.int(10) : ''}`;
    if (!taken(name)) return name;
  }
}
