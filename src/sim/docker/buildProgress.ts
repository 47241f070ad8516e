/** BuildKit plain-progress number formats (`DONE 0.3s`, `transferring context: 1.20kB`). */

export function fmtSec(ms: number): string {
  return (ms / 1000).toFixed(1) + 's';
}

export function fmtBytes(n: number): string {
  if (n < 1000) return `${n}B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(2)}kB`;
  return `${(n / 1_000_000).toFixed(2)}MB`;
}
