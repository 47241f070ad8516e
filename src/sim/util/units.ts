/**
 * Sizes as the docker CLI prints and reads them (github.com/docker/go-units): decimal `HumanSize` for images
 * (`187MB`), binary `BytesSize` for memory (`7.5MiB`), `RAMInBytes` for `--memory 256m`. Kubernetes quantities
 * (`128Mi`) are src/sim/api/quantity.ts's. One home for the docker daemon and the CLI.
 */

/** go-units HumanSizeWithPrecision(size, 3): decimal units, 3 significant digits (`187MB`, `7.8MB`, `4.26MB`). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(3)).toString()}${units[i]}`;
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
