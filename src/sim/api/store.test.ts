import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, Store, type StoreState } from './store';
import type { KObject } from './types';

const obj = (kind: string, name: string, namespace?: string): KObject =>
  ({
    apiVersion: 'v1',
    kind,
    metadata: namespace ? { name, namespace } : { name },
  }) as KObject;

describe('Store change history', () => {
  it('lists changes after a revision, and refuses a compacted one like etcd', () => {
    const s = new Store(Store.emptyState());
    s.put(obj('Pod', 'a', 'default'));
    s.put(obj('Node', 'n1'));
    s.put(obj('Pod', 'a', 'default'));
    s.remove('Pod', 'default', 'a');
    expect(s.changesSince(2)).toEqual([
      { revision: 3, type: 'ADDED', key: 'Node//n1' },
      { revision: 4, type: 'MODIFIED', key: 'Pod/default/a' },
      { revision: 5, type: 'DELETED', key: 'Pod/default/a' },
    ]);
    for (let i = 0; i < HISTORY_LIMIT * 2; i++) s.put(obj('Pod', `p${i}`, 'default'));
    // past twice the limit, the oldest changes go down to the limit
    const kept = s.changesSince(s.state.compactedRevision);
    expect(kept.length).toBeLessThanOrEqual(HISTORY_LIMIT * 2);
    expect(kept.length).toBeGreaterThanOrEqual(HISTORY_LIMIT);
    expect(kept[0]!.revision).toBe(s.state.compactedRevision + 1);
    expect(kept.at(-1)).toEqual({
      revision: s.revision,
      type: 'ADDED',
      key: `Pod/default/p${HISTORY_LIMIT * 2 - 1}`,
    });
    expect(() => s.changesSince(3)).toThrow(/too old resource version: 3/);
  });

  it('survives a snapshot: the same changes after JSON and back', () => {
    const s = new Store(Store.emptyState());
    for (let i = 0; i < 30; i++) s.put(obj('Pod', `p${i % 7}`, i % 2 ? 'default' : 'kube-system'));
    const json = JSON.stringify(s.state);
    const restored = new Store(JSON.parse(json) as StoreState);
    expect(restored.changesSince(10)).toEqual(s.changesSince(10));
    expect(JSON.stringify(restored.state)).toBe(json);
    restored.put(obj('Node', 'n'));
    expect(restored.changesSince(30).map((c) => c.key)).toEqual(['Pod/default/p1', 'Node//n']);
  });
});

describe('Store indexes', () => {
  it('lists objects under an index value by namespace, then name, and follows writes and removals', () => {
    const s = new Store(Store.emptyState());
    const label = (o: KObject, app: string): KObject => ({
      ...o,
      metadata: { ...o.metadata, labels: { app } },
    });
    s.addIndex('Pod', 'app', (o) => (o.metadata.labels?.app ? [o.metadata.labels.app] : []));
    for (const [ns, name] of [
      ['b', 'x'],
      ['a', 'z'],
      ['a-b', 'c'],
      ['a', 'b'],
      ['b', 'a'],
    ] as const) {
      s.put(label(obj('Pod', name, ns), 'web'));
    }
    s.put(label(obj('Pod', 'other', 'a'), 'db'));
    const names = () =>
      s.byIndex('Pod', 'app', 'web').map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(names()).toEqual(['a/b', 'a/z', 'a-b/c', 'b/a', 'b/x']);
    // a write that keeps the index values: the list has the new version, in the same order
    const v2 = s.put({ ...label(obj('Pod', 'x', 'b'), 'web'), spec: { v: 2 } } as KObject);
    expect(s.byIndex('Pod', 'app', 'web').at(-1)).toBe(v2);
    expect(names()).toEqual(['a/b', 'a/z', 'a-b/c', 'b/a', 'b/x']);
    s.put(label(obj('Pod', 'z', 'a'), 'db')); // moves to another value
    s.remove('Pod', 'b', 'a');
    expect(names()).toEqual(['a/b', 'a-b/c', 'b/x']);
    expect(s.byIndex('Pod', 'app', 'db').map((o) => o.metadata.name)).toEqual(['other', 'z']);
    expect(s.verifyIndexes()).toEqual([]);
  });
});
