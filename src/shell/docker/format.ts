/**
 * Output helpers shaped like the docker CLI's: tabwriter tables (3 spaces of padding), go-units durations
 * (`Up 2 minutes`, `About an hour ago`). Sizes (`187MB`, `7.5MiB`) come from src/sim/util/units.ts.
 */

/** Columns as the docker CLI's tabwriter sets them: widest cell plus 3 spaces, at least 10 wide. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(10, 3 + Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(m / 60);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(h / 24 / 365)} years`;
}

export function ago(ms: number): string {
  return `${humanDuration(ms)} ago`;
}

/** Shortens a command like `docker ps` does: quoted, 20 characters, an ellipsis when cut. */
export function truncCommand(cmd: string): string {
  const t = cmd.length > 20 ? cmd.slice(0, 19) + '…' : cmd;
  return `"${t}"`;
}
