import { describe, expect, it } from 'vitest';
import { parseFlags } from './flags';
import { humanDuration, table, truncCommand } from './format';
import { bytesSize, humanSize, parseRam } from '../../sim/util/units';

describe('docker CLI formats', () => {
  it('durations as go-units', () => {
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(1000)).toBe('1 second');
    expect(humanDuration(45_000)).toBe('45 seconds');
    expect(humanDuration(90_000)).toBe('About a minute');
    expect(humanDuration(5 * 60_000)).toBe('5 minutes');
    expect(humanDuration(3_600_000)).toBe('About an hour');
    expect(humanDuration(26 * 3_600_000)).toBe('26 hours');
    expect(humanDuration(400 * 24 * 3_600_000)).toBe('13 months');
  });
  it('sizes: decimal for images, binary for memory', () => {
    expect(humanSize(187_000_000)).toBe('187MB');
    expect(humanSize(7_800_000)).toBe('7.8MB');
    expect(humanSize(4_270_000)).toBe('4.27MB');
    expect(humanSize(0)).toBe('0B');
    expect(bytesSize(7.5 * 2 ** 20)).toBe('7.5MiB');
    expect(parseRam('256m')).toBe(256 * 2 ** 20);
    expect(parseRam('1g')).toBe(2 ** 30);
    expect(parseRam('lots')).toBeUndefined();
  });
  it('tables with the tabwriter widths and truncated commands', () => {
    expect(table(['NAME', 'DRIVER'], [['bridge', 'bridge']])).toBe('NAME      DRIVER\nbridge    bridge\n');
    expect(truncCommand('/docker-entrypoint.sh nginx -g daemon off;')).toBe('"/docker-entrypoint.…"');
    expect(truncCommand('sleep 100')).toBe('"sleep 100"');
  });
});

describe('flag parsing', () => {
  const defs = [
    { name: 'detach', short: 'd', value: false, help: '' },
    { name: 'interactive', short: 'i', value: false, help: '' },
    { name: 'tty', short: 't', value: false, help: '' },
    { name: 'publish', short: 'p', value: true, help: '' },
    { name: 'name', value: true, help: '' },
  ];
  it('combines shorthands, repeats values and stops at the image', () => {
    const r = parseFlags(
      ['-itd', '-p', '80:80', '-p8443:443', '--name=web', 'nginx', 'nginx', '-g', 'daemon off;'],
      defs,
      true,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...r.p.bools].sort()).toEqual(['detach', 'interactive', 'tty']);
    expect(r.p.values.publish).toEqual(['80:80', '8443:443']);
    expect(r.p.values.name).toEqual(['web']);
    expect(r.p.args).toEqual(['nginx', 'nginx', '-g', 'daemon off;']);
  });
  it('reports unknown flags as the CLI does', () => {
    expect(parseFlags(['--nope'], defs, true)).toEqual({ ok: false, error: 'unknown flag: --nope' });
    expect(parseFlags(['-z'], defs, true)).toEqual({ ok: false, error: "unknown shorthand flag: 'z' in -z" });
  });
});
