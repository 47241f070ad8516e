/**
 * Durations as kubectl prints them in tables (apimachinery's HumanDuration). Go's own duration text and parser
 * (`--timeout=30s`) are src/sim/util/duration.ts's.
 */

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration: `5s`, `2m30s`, `10m`, `3h5m`, `2d`, `2y10d`. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** Age of a timestamp relative to `now` (both virtual ms); `<unknown>` when there is no timestamp. */
export function age(now: number, ts: number | undefined): string {
  if (ts === undefined || Number.isNaN(ts)) return '<unknown>';
  return humanDuration(now - ts);
}

/** The verbs read `--timeout` and friends with Go's parser. */
export { parseGoDuration } from '../../sim/util/duration';
