/**
 * The container's wall clock: `date` and the timestamps other programs print (log lines, `ls -l`), all from
 * the simulation's epoch plus virtual time.
 */
import type { Machine } from './machineTypes';
import type { CmdFn } from './applet';

/** The last text per format: log lines of one second repeat it (formats without %N change once a second). */
const lastDates = new Map<string, { sec: number; text: string }>();
function fmtDate(ms: number, fmt: string): string {
  if (fmt.includes('%N')) return fmtDateNow(ms, fmt);
  const sec = Math.floor(ms / 1000);
  const hit = lastDates.get(fmt);
  if (hit && hit.sec === sec) return hit.text;
  const text = fmtDateNow(ms, fmt);
  if (lastDates.size > 100) lastDates.clear();
  lastDates.set(fmt, { sec, text });
  return text;
}

function fmtDateNow(ms: number, fmt: string): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return fmt.replace(/%([a-zA-Z%])/g, (_, ch: string) => {
    switch (ch) {
      case 'Y':
        return String(d.getUTCFullYear());
      case 'm':
        return p2(d.getUTCMonth() + 1);
      case 'd':
        return p2(d.getUTCDate());
      case 'e':
        return String(d.getUTCDate()).padStart(2, ' ');
      case 'H':
        return p2(d.getUTCHours());
      case 'M':
        return p2(d.getUTCMinutes());
      case 'S':
        return p2(d.getUTCSeconds());
      case 's':
        return String(Math.floor(ms / 1000));
      case 'N':
        return String((ms % 1000) * 1_000_000).padStart(9, '0');
      case 'T':
        return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'F':
        return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'a':
        return days[d.getUTCDay()]!;
      case 'b':
        return months[d.getUTCMonth()]!;
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case '%':
        return '%';
    }
    return `%${ch}`;
  });
}

/** Wall-clock milliseconds of the simulation (the cluster's epoch plus virtual time). */
let epochIso = '';
let epochMs = 0;
export function wallMs(m: Machine): number {
  const iso = m.host.iso(0);
  if (iso !== epochIso) {
    epochIso = iso;
    epochMs = Date.parse(iso);
  }
  const base = epochMs;
  return base + m.host.now + (m.sync ? m.elapsed : 0);
}

export function dateText(m: Machine, fmt = '%a %b %e %H:%M:%S %Z %Y'): string {
  return fmtDate(wallMs(m), fmt);
}

export const dateCommands: Record<string, CmdFn> = {
  date: (c) => {
    const fmt = c.argv.slice(1).find((a) => a.startsWith('+'));
    if (c.argv.includes('-I')) c.out(dateText(c.m, '%F') + '\n');
    else if (c.argv.includes('-R')) c.out(dateText(c.m, '%a, %d %b %Y %H:%M:%S +0000') + '\n');
    else c.out(dateText(c.m, fmt ? fmt.slice(1) : undefined) + '\n');
    return { status: 0 };
  },
};
