/**
 * The event correlator seen through kubectl: a ReplicaSet that creates many pods at once.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../sim/api/types';
import { COMBINED_PREFIX, SPAM_BURST } from '../../sim/api/eventCorrelator';
import { newSession, sh } from '../testing/harness';

describe('events of a ReplicaSet that creates many pods', () => {
  it('shows 9 events, then one combined event, and drops the rest (25 in all)', () => {
    const s = newSession(3);
    sh(s, 'kubectl create deployment web --image=nginx:1.27 --replicas=40');
    sh(s, 'sim advance 2s');
    const rs = s.cluster.api.list<ReplicaSet>('ReplicaSet', 'default')[0]!;
    const events = s.cluster.api.eventsFor(rs);
    const created = events.filter((e) => e.reason === 'SuccessfulCreate');
    const combined = created.filter((e) => e.message.startsWith(COMBINED_PREFIX));
    expect(created.length).toBe(10);
    expect(combined).toHaveLength(1);
    expect(combined[0]!.message).toMatch(/^\(combined from similar events\): Created pod: web-/);
    expect(created.reduce((n, e) => n + e.count, 0)).toBe(SPAM_BURST);
    expect(s.cluster.api.list('Pod', 'default')).toHaveLength(40);
    const out = sh(s, `kubectl describe rs ${rs.metadata.name}`);
    expect(out).toMatch(
      /SuccessfulCreate\s+2s \(x16 over 2s\)\s+replicaset-controller\s+\(combined from similar events\): Created pod: web-/,
    );
  });
});
