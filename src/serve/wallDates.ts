/**
 * Wall-clock dates for real clients. The simulation's clock starts on 2026-01-01, but kubectl computes some ages
 * itself (describe's Events, `kubectl events`, conditions) from its own clock: against simulation dates they would
 * read "339d". So timestamps leave the server moved by (wall now − simulation now), and come back moved by the
 * reverse; ages then read as the simulation has them. Only the known timestamp fields move (a ConfigMap value
 * that looks like a date stays as written). `kubelab serve --sim-dates` turns this off (the parity tests do).
 */

/** The timestamp fields of the served kinds (metav1.Time and MicroTime). */
export const TIME_FIELDS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'firstTimestamp',
  'lastTimestamp',
  'eventTime',
  'lastTransitionTime',
  'lastProbeTime',
  'lastHeartbeatTime',
  'lastUpdateTime',
  'startTime',
  'completionTime',
  'startedAt',
  'finishedAt',
  'lastScheduleTime',
  'lastSuccessfulTime',
  'acquireTime',
  'renewTime',
  'timestamp',
  'time',
]);

/** The MicroTime fields (RFC 3339 with six fraction digits); the other TIME_FIELDS are metav1.Time (seconds). */
export const MICRO_TIME_FIELDS = new Set(['eventTime', 'renewTime', 'acquireTime']);

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d+))?Z$/;

/**
 * An RFC 3339 time moved by `deltaMs`, in its field's precision as kube-apiserver serializes it: a metav1.Time
 * (`…:05Z`) in whole seconds, truncated (its protobuf form keeps seconds only), a MicroTime (`…:05.123000Z`) with
 * six digits (the simulation's times have milliseconds at most). `up` rounds whole seconds up instead: a time coming
 * back (moved by −delta, delta having grown since it went out truncated) then lands on the second it left from.
 */
export function moveTime(ts: string, deltaMs: number, up = false, micro = false): string {
  if (!ISO.test(ts)) return ts;
  const ms = Date.parse(ts) + deltaMs;
  if (micro) return new Date(Math.floor(ms)).toISOString().replace(/Z$/, '000Z');
  const secs = up ? Math.ceil(ms / 1000) : Math.floor(ms / 1000);
  return new Date(secs * 1000).toISOString().replace('.000Z', 'Z');
}

/** A JSON.stringify replacer moving the timestamp fields by `deltaMs`. */
export function timeReplacer(deltaMs: number): (key: string, value: unknown) => unknown {
  return (key, value) =>
    typeof value === 'string' && TIME_FIELDS.has(key)
      ? moveTime(value, deltaMs, false, MICRO_TIME_FIELDS.has(key))
      : value;
}

/** Moves the timestamp fields of a freshly decoded request body in place (by −delta, back to simulation time). */
export function moveTimesIn(value: unknown, deltaMs: number, depth = 0): void {
  if (!value || typeof value !== 'object' || depth > 100) return;
  if (Array.isArray(value)) {
    for (const v of value) moveTimesIn(v, deltaMs, depth + 1);
    return;
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (typeof v === 'string' && TIME_FIELDS.has(k))
      o[k] = moveTime(v, deltaMs, deltaMs !== 0, MICRO_TIME_FIELDS.has(k));
    else if (v && typeof v === 'object') moveTimesIn(v, deltaMs, depth + 1);
  }
}
