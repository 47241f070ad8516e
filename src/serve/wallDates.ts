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

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d+))?Z$/;

/**
 * An RFC 3339 time moved by `deltaMs`, in the precision it came with: a metav1.Time (`…:05Z`) stays in whole
 * seconds (truncated, as the API server serializes it), a MicroTime (`…:05.000000Z`) keeps its six digits.
 * `up` rounds whole seconds up instead: a time coming back (moved by −delta, delta having grown since it went
 * out truncated) then lands on the second it left from.
 */
export function moveTime(ts: string, deltaMs: number, up = false): string {
  const m = ISO.exec(ts);
  if (!m) return ts;
  const digits = m[1]?.length ?? 0;
  const ms = Date.parse(ts) + deltaMs;
  const text = new Date(
    digits ? ms : (up ? Math.ceil(ms / 1000) : Math.floor(ms / 1000)) * 1000,
  ).toISOString();
  if (!digits) return text.replace('.000Z', 'Z');
  return `${text.slice(0, 20)}${text.slice(20, 23).padEnd(digits, '0').slice(0, digits)}Z`;
}

/** A JSON.stringify replacer moving the timestamp fields by `deltaMs`. */
export function timeReplacer(deltaMs: number): (key: string, value: unknown) => unknown {
  return (key, value) =>
    typeof value === 'string' && TIME_FIELDS.has(key) ? moveTime(value, deltaMs) : value;
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
    if (typeof v === 'string' && TIME_FIELDS.has(k)) o[k] = moveTime(v, deltaMs, true);
    else if (v && typeof v === 'object') moveTimesIn(v, deltaMs, depth + 1);
  }
}
