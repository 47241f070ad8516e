/**
 * Go's `time.RFC1123Z` layout in UTC (`Mon, 02 Jan 2006 15:04:05 -0700`): how `kubectl describe` prints times and
 * how controllers format times inside event messages (the CronJob controller's MissSchedule).
 */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An RFC 3339 timestamp as RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:05 +0000`; `<unknown>` when absent. */
export function rfc1123z(ts: string | undefined): string {
  if (!ts) return '<unknown>';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
