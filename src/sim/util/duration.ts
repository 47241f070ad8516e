/**
 * Go's time.Duration as text, both ways: `Duration.String()` (`1m0s`, `5.017s`, `500ms`, `1h0m0s`) and
 * `time.ParseDuration` for flags (`--timeout=30s`). One home for kubectl's flags and the kubelet's messages
 * (`back-off 10s restarting failed container`, `Successfully pulled image … in 5.017s`).
 */

/** Go's time.Duration.String() at millisecond precision: `1m0s`, `5m0s`, `5.017s`, `1h0m0s`, `545ms`. */
export function goDuration(duration: number): string {
  // The simulation's clock counts milliseconds; a computed duration may carry a fraction of one.
  const ms = Math.round(duration);
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalS = ms / 1000;
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  const sText = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sText}`;
  if (m > 0) return `${m}m${sText}`;
  return sText;
}

/** Parses a Go duration (`30s`, `1m30s`, `500ms`, `2h`); a bare number means seconds. NaN when invalid. */
export function parseGoDuration(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    if (m.index !== consumed) return NaN;
    total +=
      Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const)[m[2] as 'ms' | 's' | 'm' | 'h'];
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : NaN;
}

/** Go's Duration.String() of a duration rounded to whole seconds (`back-off 5m0s`). */
export function goDurationSeconds(ms: number): string {
  return goDuration(Math.round(ms / 1000) * 1000);
}
