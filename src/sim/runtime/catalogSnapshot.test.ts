/**
 * A guard over the whole catalogue: every defined reference and a wide sample of the derived ones (each release
 * line's first and last patch, its bare line and major, every variant suffix alone and after each of those, every alias), each reduced to its manifest
 * digest, image IDs and a digest of everything else (config, history, layers and their files). The catalogue's
 * data may be rewritten freely; what a learner pulls must not change unless the fixture is regenerated on purpose
 * (`CATALOG_SNAPSHOT=write npx vitest run src/sim/runtime/catalogSnapshot.test.ts`) and its diff read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogEntry, catalogLayer, catalogList } from './catalog';
import { TAG_TABLES } from './catalogTags';
import { digestOf } from './digest';

const FIXTURE = new URL('./catalogSnapshot.json', import.meta.url);

/** The references the guard covers: the defined ones, then a sample of every tag table's tags. */
function references(): string[] {
  const refs = new Set(catalogList().map((e) => `${e.repo}:${e.tag}`));
  for (const [repo, t] of Object.entries(TAG_TABLES)) {
    const suffixes = [
      '',
      ...(t.variants ?? '')
        .split(' ')
        .filter(Boolean)
        .map((v) => /^[^<>=]+/.exec(v)![0]),
    ];
    const heads = new Set<string>(['latest', ...Object.keys(t.aliases ?? {})]);
    for (const l of t.lines.split(' ')) {
      const [key, range] = l.split(':') as [string, string];
      heads.add(key);
      heads.add(key.split('.')[0]!);
      if (range !== '-') for (const p of range.split('-')) heads.add(`${key}.${p}`);
    }
    for (const h of heads) for (const s of suffixes) refs.add(`${repo}:${h}${s}`);
    for (const s of suffixes) if (s) refs.add(`${repo}:${s.slice(1)}`);
  }
  return [...refs].sort();
}

const layerDigests = new Map<string, string>();

/** A digest of a layer's content (size, history line, files, directories), once per layer. */
function layerDigest(d: string): string {
  let h = layerDigests.get(d);
  if (h === undefined) layerDigests.set(d, (h = digestOf(JSON.stringify(catalogLayer(d)))));
  return h;
}

/** One reference as `digest id(amd64) id(arm64) digest-of-the-rest`, short hex, or `-` when not published. */
function snapshot(ref: string): string {
  const i = ref.lastIndexOf(':');
  const e = catalogEntry(ref.slice(0, i), ref.slice(i + 1));
  if (!e) return '-';
  const short = (d: string | undefined) => (d ? d.slice(7, 19) : '-');
  const rest = JSON.stringify(
    Object.entries(e.variants).map(([arch, v]) => [arch, v, v!.layers.map(layerDigest)]),
  );
  return [e.digest, e.variants.amd64?.id, e.variants.arm64?.id, digestOf(rest)].map(short).join(' ');
}

describe('the catalogue', () => {
  it('serves the same images for every reference as the committed snapshot', () => {
    const now = Object.fromEntries(
      references()
        .map((r) => [r, snapshot(r)])
        .filter(([, s]) => s !== '-'),
    );
    if (process.env.CATALOG_SNAPSHOT === 'write') writeFileSync(FIXTURE, JSON.stringify(now, null, 2) + '\n');
    const before = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, string>;
    expect(Object.keys(now).length).toBeGreaterThan(4000);
    expect(now).toEqual(before);
  }, 120_000); // thousands of derived images: seconds alone, far more on a loaded machine
});
