import { describe, expect, it } from 'vitest';
import type { KObject } from '../../sim/api/types';
import { compareObjects } from '../../sim/api/store';
import { ClusterMirror } from './clusterMirror';
import type { Push } from './protocol';

const STATUS: Push['status'] = { now: 0, version: 0, playing: false, speed: 1, seed: 1, ahead: 0, end: 0 };

function pod(ns: string, name: string, rv: number): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: ns, name, resourceVersion: String(rv) } };
}

/** A small deterministic generator (the test must be the same on every run). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe('ClusterMirror', () => {
  it('keeps its sorted lists right across pushes that replace, add and remove objects', () => {
    const m = new ClusterMirror();
    m.setKinds([{ kind: 'Pod', apiVersion: 'v1', namespaced: true, schema: {} }]);
    const rnd = lcg(7);
    const live = new Map<string, KObject>();
    const nss = ['default', 'kube-system', 'web'];
    let rv = 1;
    for (let push = 0; push < 60; push++) {
      const upserts: KObject[] = [];
      const removes: string[] = [];
      const touched = new Set<string>();
      for (let k = 0; k < 25; k++) {
        const ns = nss[Math.floor(rnd() * nss.length)]!;
        const name = `p-${Math.floor(rnd() * 80)}`;
        const key = `Pod/${ns}/${name}`;
        if (touched.has(key)) continue;
        touched.add(key);
        if (live.has(key) && rnd() < 0.3) {
          live.delete(key);
          removes.push(key);
        } else {
          const o = pod(ns, name, rv++);
          live.set(key, o);
          upserts.push(o);
        }
      }
      m.apply({ status: STATUS, upserts, removes });
      // read (and so cache) the lists every few pushes: the next pushes patch them
      if (push % 3 !== 2) {
        const want = [...live.values()].sort(compareObjects);
        expect(m.api.list('Pod')).toEqual(want);
        expect(m.api.list('Pod').every((o, i) => o === want[i])).toBe(true);
        for (const ns of nss)
          expect(m.api.list('Pod', ns)).toEqual(want.filter((o) => o.metadata.namespace === ns));
      }
    }
    expect(live.size).toBeGreaterThan(50);
  });

  it('hands out copies of its lists: a caller changing one does not change the next', () => {
    const m = new ClusterMirror();
    m.apply({ status: STATUS, upserts: [pod('default', 'a', 1), pod('default', 'b', 2)] });
    m.api.list('Pod').pop();
    expect(m.api.list('Pod').map((o) => o.metadata.name)).toEqual(['a', 'b']);
  });
});
