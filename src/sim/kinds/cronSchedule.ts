/**
 * Cron schedules as the CronJob controller reads them (robfig/cron standard parser): five fields, ranges,
 * steps, lists, month and weekday names, `?`, and the @hourly/@daily/… macros. Times are UTC.
 */

export interface CronSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function field(text: string, min: number, max: number, names?: string[], nameBase = 0): Set<number> | string {
  const out = new Set<number>();
  const num = (s: string): number => {
    const i = names ? names.indexOf(s.toLowerCase()) : -1;
    if (i >= 0) return i + nameBase;
    return /^\d+$/.test(s) ? Number(s) : NaN;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0)
      return `failed to parse int from ${stepText}: strconv.Atoi: parsing "${stepText}": invalid syntax`;
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = min;
      hi = max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      lo = num(a);
      hi = num(b);
    } else {
      lo = num(range);
      hi = stepText === undefined ? lo : max;
    }
    if (Number.isNaN(lo) || Number.isNaN(hi))
      return `failed to parse int from ${range}: strconv.Atoi: parsing "${range}": invalid syntax`;
    if (lo < min) return `beginning of range (${lo}) below minimum (${min}): ${part}`;
    if (hi > max) return `end of range (${hi}) above maximum (${max}): ${part}`;
    if (lo > hi) return `beginning of range (${lo}) beyond end of range (${hi}): ${part}`;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Parses a schedule; a string is the parser's error. */
export function parseCron(spec: string): CronSchedule | string {
  const text = MACROS[spec.trim()] ?? spec.trim();
  if (text.startsWith('@every ')) return 'unsupported: @every';
  const parts = text.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`;
  const f = [
    field(parts[0]!, 0, 59),
    field(parts[1]!, 0, 23),
    field(parts[2]!, 1, 31),
    field(parts[3]!, 1, 12, MONTHS, 1),
    field(parts[4]!, 0, 7, DAYS),
  ];
  for (const x of f) if (typeof x === 'string') return x;
  const dow = f[4] as Set<number>;
  if (dow.has(7)) dow.add(0);
  return {
    minute: f[0] as Set<number>,
    hour: f[1] as Set<number>,
    dom: f[2] as Set<number>,
    month: f[3] as Set<number>,
    dow,
    domStar: parts[2] === '*' || parts[2] === '?',
    dowStar: parts[4] === '*' || parts[4] === '?',
  };
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.dom.has(d.getUTCDate());
  const dow = s.dow.has(d.getUTCDay());
  if (s.domStar || s.dowStar) return dom && dow;
  return dom || dow;
}

/** The first scheduled time strictly after `afterUnixMs` (Unix ms), or undefined within five years. */
export function nextCron(s: CronSchedule, afterUnixMs: number): number | undefined {
  const MIN = 60_000;
  let t = (Math.floor(afterUnixMs / MIN) + 1) * MIN;
  const limit = afterUnixMs + 5 * 366 * 24 * 3600_000;
  while (t <= limit) {
    const d = new Date(t);
    if (!s.month.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      continue;
    }
    if (!dayMatches(s, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!s.minute.has(d.getUTCMinutes())) {
      t += MIN;
      continue;
    }
    return t;
  }
  return undefined;
}

/** Whether `tz` names an IANA time zone the runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `tz` from UTC at an instant, in ms (local = utc + offset). */
export function tzOffsetMs(tz: string, unixMs: number): number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(unixMs)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return asUtc - Math.floor(unixMs / 1000) * 1000;
}

/** nextCron evaluated in a time zone (`spec.timeZone`); UTC when none is given. */
export function nextCronIn(s: CronSchedule, afterUnixMs: number, tz?: string): number | undefined {
  if (!tz || tz === 'UTC' || tz === 'Etc/UTC') return nextCron(s, afterUnixMs);
  const off = tzOffsetMs(tz, afterUnixMs);
  const local = nextCron(s, afterUnixMs + off);
  if (local === undefined) return undefined;
  const guess = local - off;
  return local - tzOffsetMs(tz, guess);
}
