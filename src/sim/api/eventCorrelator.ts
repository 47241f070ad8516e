/**
 * What client-go's event recorder does before an Event reaches the API server (tools/record EventCorrelator),
 * for the components that use it (kubelet, controller manager, cloud controller manager, kube-proxy):
 *
 * - Aggregation: events from one source about one object with the same type and reason but different messages
 *   are combined once 10 different messages were seen within 10 minutes: the 10th and later ones update a
 *   single Event whose message reads `(combined from similar events): <latest message>`.
 * - Spam filter: a token bucket per source + object, 25 events at once then one more every 5 minutes; events
 *   over it are dropped (the ReplicaSet that creates 10,000 pods records about 25 events, not 10,000).
 *
 * The scheduler records through the newer events API, which has neither.
 */
import type { KEvent } from './types';

export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
export const SPAM_BURST = 25;
/** One token every 300 s. */
export const SPAM_REFILL_MS = 300_000;
export const COMBINED_PREFIX = '(combined from similar events): ';

/**
 * Token buckets by object: one `[component, host ('' when none), tokens, virtual ms of the last refill]` per
 * source that recorded about it; `at` is when full buckets were last dropped. Part of the cluster state. (A short
 * list per object, so no key string is built per event and no object is keyed by a node name.)
 */
export type SpamBucket = [component: string, host: string, tokens: number, refilledAt: number];
export interface SpamState {
  at?: number;
  buckets: Record<string, SpamBucket[]>;
}

/** Whether `component` records through the legacy recorder with its correlator. */
export function correlates(component: string): boolean {
  return component !== 'default-scheduler';
}

/** Takes one token for the object's events from `component` on `host`; false when none is left (dropped). */
export function spamAccept(
  state: SpamState,
  object: string,
  component: string,
  host: string,
  now: number,
): boolean {
  if (now - (state.at ?? 0) >= SPAM_REFILL_MS) pruneSpam(state, now);
  const list = state.buckets[object];
  let rec: SpamBucket | undefined;
  if (list) for (const b of list) if (b[0] === component && b[1] === host) rec = b;
  if (!rec) {
    const fresh: SpamBucket = [component, host, SPAM_BURST - 1, now];
    state.buckets[object] = list ? list.concat([fresh]) : [fresh];
    return true;
  }
  const refill = Math.floor((now - rec[3]) / SPAM_REFILL_MS);
  if (refill > 0) {
    rec[2] = Math.min(SPAM_BURST, rec[2] + refill);
    rec[3] = rec[2] === SPAM_BURST ? now : rec[3] + refill * SPAM_REFILL_MS;
  }
  if (rec[2] < 1) return false;
  rec[2]--;
  return true;
}

/** Drops buckets that have refilled completely (they behave as absent ones), so the state stays small. */
export function pruneSpam(state: SpamState, now: number): void {
  state.at = now;
  for (const object in state.buckets) {
    const kept = state.buckets[object]!.filter(
      (b) => b[2] + Math.floor((now - b[3]) / SPAM_REFILL_MS) < SPAM_BURST,
    );
    if (kept.length) state.buckets[object] = kept;
    else delete state.buckets[object];
  }
}

/**
 * The aggregation decision from the events already stored about the object (`about`): the message to record
 * and whether it is the combined event. `same` picks the events of one source, type and reason.
 */
export function aggregate(
  about: readonly KEvent[],
  same: (e: KEvent) => boolean,
  message: string,
  now: number,
  fromIso: (ts: string) => number,
): { message: string; combined: boolean } {
  const seen = new Set<string>();
  for (const e of about) {
    if (!same(e) || e.message.startsWith(COMBINED_PREFIX)) continue;
    if (now - fromIso(e.lastTimestamp) > AGGREGATE_INTERVAL_MS) continue;
    seen.add(e.message);
  }
  if (seen.has(message) || seen.size + 1 < AGGREGATE_MAX_EVENTS) return { message, combined: false };
  return { message: COMBINED_PREFIX + message, combined: true };
}
