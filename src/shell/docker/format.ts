/**
 * Output helpers shaped like the docker CLI's: tabwriter tables (3 spaces of padding), go-units durations
 * (`Up 2 minutes`, `About an hour ago`), decimal sizes (`187MB`), binary sizes for memory (`7.5MiB`).
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

/** go-units HumanSizeWithPrecision(size, 3): decimal units, 3 significant digits (`187MB`, `7.8MB`, `4.26MB`). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${trimG(v)}${units[i]}`;
}

function trimG(v: number): string {
  const s = Number(v.toPrecision(3)).toString();
  return s;
}

/** go-units BytesSize: binary units with 2 decimals as `docker stats` prints them (`7.5MiB`, `1.944GiB`). */
export function bytesSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number(v.toFixed(i === 0 ? 0 : 3)).toString()}${units[i]}`;
}

/** docker's RAMInBytes: `256m`, `1g`, `512k`, `100000` (binary multiples). */
export function parseRam(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?$/i.exec(text.trim());
  if (!m) return undefined;
  const mult = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2]!.toLowerCase() as 'b'];
  return Math.round(Number(m[1]) * mult);
}

/** Shortens a command like `docker ps` does: quoted, 20 characters, an ellipsis when cut. */
export function truncCommand(cmd: string): string {
  const t = cmd.length > 20 ? cmd.slice(0, 19) + '…' : cmd;
  return `"${t}"`;
}
