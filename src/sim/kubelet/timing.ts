/** The kubelet's timings (sandbox, relist, back-off, manifest fetch) and Go's duration texts in its messages. */
export const SANDBOX_MS = 500;
/** PLEG relist: how soon the kubelet notices a container exit and acts on it. */
export const RELIST_MS = 1000;
export const BACKOFF_INITIAL_MS = 10_000;
/** Time to fetch a manifest from the registry. */
export const MANIFEST_MS = 400;

/** Go's duration text at millisecond precision: `545ms`, `5.017s`, `1m2.5s`. */
export function goDurationMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m${((ms - m * 60_000) / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}
export const BACKOFF_MAX_MS = 300_000;

/** Go's time.Duration String(): 10s, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}
