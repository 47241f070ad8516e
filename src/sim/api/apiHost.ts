/**
 * What the API server, its event recorder and its admission plugins need of the cluster around them: the clock's
 * reading and its RFC 3339 texts, the event log, and per-module JSON state, besides what the kinds' hooks see
 * ({@link KindHost}). The Cluster satisfies it, so the API layer names nothing above itself.
 */
import type { EventLog } from '../engine/eventLog';
import type { KindHost } from './kinds';

export interface ApiHost extends KindHost {
  /** Virtual time in milliseconds since the cluster started. */
  readonly now: number;
  readonly log: EventLog;
  readonly state: { ext: Record<string, unknown> };
  /** RFC 3339 text of a virtual time (default: now). */
  iso(ms?: number): string;
  /** Virtual time of an RFC 3339 text (0 when absent). */
  fromIso(ts: string | undefined): number;
}
