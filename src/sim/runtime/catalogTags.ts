/**
 * The published tag sets of the catalogued repositories, as compact release-history tables, and the resolver from
 * a tag to a concrete version and variant. Docker official images tag every release `X.Y.Z`, the newest patch of a
 * line `X.Y`, the newest line of a major `X`, each with its variant suffixes (`-alpine`, `-slim`, `-bookworm` …),
 * and a few moving aliases (`latest`, `mainline`, `stable`, `lts`). The tables hold the release lines as of the
 * catalogue's snapshot (December 2024, when its `latest` images were published): the line, the first and last
 * patch, and the months of its first and last release (build dates in between are interpolated, which picks the
 * base image a build of that date used). Nothing here is expanded until a tag is asked for.
 */

/** One release line: `1.27:0-3:2405-2411` = 1.27.0 … 1.27.3, first released 2024-05, last 2024-11. */
interface Line {
  key: string;
  first: number;
  /** -1: the line is tagged without patch numbers (alpine 3.5, debian `9`-style lines). */
  last: number;
  from: number;
  to: number;
}

interface VariantRule {
  suffix: string;
  min?: string;
  below?: string;
}

/** A repository's tag table. */
export interface TagTable {
  /** Release lines, space separated (`line:first-last:YYMM-YYMM`). */
  lines: string;
  /** Variant suffixes, space separated, each optionally `>=line` / `<line` (`-alpine-slim>=1.23`). */
  variants?: string;
  /** Moving aliases → version token (`latest` defaults to the newest line). */
  aliases?: Record<string, string>;
  /** Tags are written with a leading `v` (traefik). */
  vPrefix?: boolean;
}

/** What a tag names: a concrete version, its variant suffix and the month it was built. */
export interface ResolvedTag {
  version: string;
  /** The release line (`1.27`) the version belongs to. */
  line: string;
  suffix: string;
  /** Months since 2000-01 of the build (interpolated inside the line). */
  month: number;
}

const ALPINE_LIKE = '-alpine';
const DEBIAN_LIKE = '-bookworm>=2306 -bullseye>=2108<2507 -buster<2306';

/** The repositories' tables (docker.io/library unless named). */
export const TAG_TABLES: Record<string, TagTable> = {
  'docker.io/library/nginx': {
    lines:
      '1.9:0-15:1504-1604 1.10:0-3:1604-1701 1.11:0-13:1605-1704 1.12:0-2:1704-1710 1.13:0-12:1704-1804 ' +
      '1.14:0-2:1804-1812 1.15:0-12:1806-1904 1.16:0-1:1904-1908 1.17:0-10:1905-2004 1.18:0-0:2004-2004 ' +
      '1.19:0-10:2005-2104 1.20:0-2:2104-2111 1.21:0-6:2105-2201 1.22:0-1:2205-2210 1.23:0-4:2206-2303 ' +
      '1.24:0-0:2304-2304 1.25:0-5:2305-2404 1.26:0-2:2404-2408 1.27:0-3:2405-2411',
    variants: `-alpine -alpine-slim>=1.23 -perl -alpine-perl ${DEBIAN_LIKE}`,
    aliases: { mainline: '1.27', stable: '1.26' },
  },
  'docker.io/library/busybox': {
    lines:
      '1.24:0-2:1510-1603 1.25:0-1:1606-1610 1.26:0-2:1612-1701 1.27:0-2:1707-1709 1.28:0-4:1801-1805 ' +
      '1.29:0-3:1807-1809 1.30:0-1:1812-1902 1.31:0-1:1906-1910 1.32:0-1:2006-2012 1.33:0-1:2101-2105 ' +
      '1.34:0-1:2108-2110 1.35:0-0:2112-2112 1.36:0-1:2301-2305 1.37:0-0:2409-2409',
    variants: '-glibc -musl -uclibc',
    aliases: { stable: '1.37' },
  },
  'docker.io/library/alpine': {
    lines:
      '3.1:-:1412-1412 3.2:-:1505-1505 3.3:-:1512-1512 3.4:-:1605-1605 3.5:-:1612-1612 3.6:0-5:1705-1808 ' +
      '3.7:0-3:1711-1903 3.8:0-5:1806-2001 3.9:0-6:1901-2004 3.10:0-9:1906-2104 3.11:0-13:1912-2111 ' +
      '3.12:0-12:2005-2203 3.13:0-12:2101-2211 3.14:0-10:2106-2304 3.15:0-11:2111-2401 3.16:0-9:2205-2401 ' +
      '3.17:0-10:2211-2409 3.18:0-9:2305-2409 3.19:0-4:2312-2409 3.20:0-3:2405-2409',
    aliases: { edge: '3.20' },
  },
  'docker.io/library/debian': {
    lines: '9:0-13:1707-2103 10:0-13:1907-2209 11:0-11:2108-2408 12:0-8:2306-2411',
    variants: '-slim',
    aliases: { stretch: '9', buster: '10', bullseye: '11', bookworm: '12', stable: '12', oldstable: '11' },
  },
  'docker.io/library/ubuntu': {
    lines:
      '14.04:-:1404-1404 16.04:-:1604-1604 18.04:-:1804-1804 20.04:-:2004-2004 22.04:-:2204-2204 ' +
      '24.04:-:2404-2404 24.10:-:2410-2410',
    aliases: {
      trusty: '14.04',
      xenial: '16.04',
      bionic: '18.04',
      focal: '20.04',
      jammy: '22.04',
      noble: '24.04',
      oracular: '24.10',
      latest: '24.04',
      rolling: '24.10',
    },
  },
  'docker.io/library/postgres': {
    lines:
      '9.6:0-24:1609-2111 10:0-23:1710-2211 11:0-22:1810-2311 12:0-22:1910-2411 13:0-18:2009-2411 ' +
      '14:0-15:2109-2411 15:0-10:2210-2411 16:0-6:2309-2411 17:0-2:2409-2411',
    variants: `${ALPINE_LIKE} ${DEBIAN_LIKE}`,
  },
  'docker.io/library/redis': {
    lines:
      '5.0:0-14:1810-2110 6.0:0-20:2004-2307 6.2:0-16:2102-2410 7.0:0-15:2204-2401 7.2:0-6:2308-2410 ' +
      '7.4:0-1:2407-2410',
    variants: `${ALPINE_LIKE} ${DEBIAN_LIKE}`,
  },
  // Every minor of 14 … 23 with its last patch, as of the end of November 2024 (18.20.5, 20.18.1, 22.11.0 LTS,
  // 23.3.0 current). The image tagged each build `-alpineX.Y` for the two newest Alpine releases of its month,
  // and the Debian releases of its month (stretch until mid-2022, buster until bookworm, bullseye since 2021).
  'docker.io/library/node': {
    lines:
      '14.0:0-0:2004-2004 14.1:0-0:2004-2004 14.2:0-0:2005-2005 14.3:0-0:2005-2005 14.4:0-0:2006-2006 ' +
      '14.5:0-0:2006-2006 14.6:0-0:2007-2007 14.7:0-0:2007-2007 14.8:0-0:2008-2008 14.9:0-0:2008-2008 ' +
      '14.10:0-1:2009-2009 14.11:0-0:2009-2009 14.12:0-0:2009-2009 14.13:0-1:2009-2010 14.14:0-0:2010-2010 ' +
      '14.15:0-5:2010-2102 14.16:0-1:2102-2104 14.17:0-6:2105-2108 14.18:0-3:2109-2201 14.19:0-3:2202-2205 ' +
      '14.20:0-1:2207-2209 14.21:0-3:2211-2302 ' +
      '16.0:0-0:2104-2104 16.1:0-0:2105-2105 16.2:0-0:2105-2105 16.3:0-0:2106-2106 16.4:0-2:2106-2107 ' +
      '16.5:0-0:2107-2107 16.6:0-2:2107-2108 16.7:0-0:2108-2108 16.8:0-0:2108-2108 16.9:0-1:2109-2109 ' +
      '16.10:0-0:2109-2109 16.11:0-1:2110-2110 16.12:0-0:2110-2110 16.13:0-2:2110-2201 16.14:0-2:2202-2203 ' +
      '16.15:0-1:2204-2206 16.16:0-0:2207-2207 16.17:0-1:2208-2209 16.18:0-1:2210-2211 16.19:0-1:2212-2302 ' +
      '16.20:0-2:2304-2308 ' +
      '17.0:0-1:2110-2110 17.1:0-0:2111-2111 17.2:0-0:2111-2111 17.3:0-1:2112-2201 17.4:0-0:2201-2201 ' +
      '17.5:0-0:2202-2202 17.6:0-0:2202-2202 17.7:0-2:2203-2203 17.8:0-0:2203-2203 17.9:0-1:2204-2206 ' +
      '18.0:0-0:2204-2204 18.1:0-0:2205-2205 18.2:0-0:2205-2205 18.3:0-0:2206-2206 18.4:0-0:2206-2206 ' +
      '18.5:0-0:2207-2207 18.6:0-0:2207-2207 18.7:0-0:2207-2207 18.8:0-0:2208-2208 18.9:0-1:2209-2209 ' +
      '18.10:0-0:2209-2209 18.11:0-0:2210-2210 18.12:0-1:2210-2211 18.13:0-0:2301-2301 18.14:0-2:2302-2302 ' +
      '18.15:0-0:2303-2303 18.16:0-1:2304-2306 18.17:0-1:2307-2308 18.18:0-2:2309-2310 18.19:0-1:2311-2402 ' +
      '18.20:0-5:2403-2411 ' +
      '19.0:0-1:2210-2211 19.1:0-0:2211-2211 19.2:0-0:2211-2211 19.3:0-0:2212-2212 19.4:0-0:2301-2301 ' +
      '19.5:0-0:2301-2301 19.6:0-1:2302-2302 19.7:0-0:2302-2302 19.8:0-1:2303-2303 19.9:0-0:2304-2304 ' +
      '20.0:0-0:2304-2304 20.1:0-0:2305-2305 20.2:0-0:2305-2305 20.3:0-1:2306-2306 20.4:0-0:2307-2307 ' +
      '20.5:0-1:2307-2308 20.6:0-1:2309-2309 20.7:0-0:2309-2309 20.8:0-1:2309-2310 20.9:0-0:2310-2310 ' +
      '20.10:0-0:2311-2311 20.11:0-1:2401-2402 20.12:0-2:2403-2404 20.13:0-1:2405-2405 20.14:0-0:2405-2405 ' +
      '20.15:0-1:2406-2407 20.16:0-0:2407-2407 20.17:0-0:2408-2408 20.18:0-1:2410-2411 ' +
      '21.0:0-0:2310-2310 21.1:0-0:2310-2310 21.2:0-0:2311-2311 21.3:0-0:2311-2311 21.4:0-0:2312-2312 ' +
      '21.5:0-0:2312-2312 21.6:0-2:2401-2402 21.7:0-3:2403-2404 ' +
      '22.0:0-0:2404-2404 22.1:0-0:2405-2405 22.2:0-0:2405-2405 22.3:0-0:2406-2406 22.4:0-1:2407-2407 ' +
      '22.5:0-1:2407-2407 22.6:0-0:2408-2408 22.7:0-0:2408-2408 22.8:0-0:2409-2409 22.9:0-0:2409-2409 ' +
      '22.10:0-0:2410-2410 22.11:0-0:2410-2410 ' +
      '23.0:0-0:2410-2410 23.1:0-0:2410-2410 23.2:0-0:2411-2411 23.3:0-0:2411-2411',
    variants:
      `${ALPINE_LIKE} -slim ${DEBIAN_LIKE} -bookworm-slim>=2306 -bullseye-slim>=2108 -buster-slim<2306 ` +
      '-stretch<2206 -stretch-slim<2206 -alpine3.10>=1906<2005 -alpine3.11>=1912<2101 -alpine3.12>=2005<2106 ' +
      '-alpine3.13>=2101<2111 -alpine3.14>=2106<2205 -alpine3.15>=2111<2211 -alpine3.16>=2205<2305 ' +
      '-alpine3.17>=2211<2312 -alpine3.18>=2305<2405 -alpine3.19>=2312 -alpine3.20>=2405',
    aliases: {
      lts: '22',
      current: '23',
      fermium: '14',
      gallium: '16',
      hydrogen: '18',
      iron: '20',
      jod: '22',
    },
  },
  'docker.io/library/python': {
    lines:
      '3.7:0-17:1806-2306 3.8:0-20:1910-2409 3.9:0-20:2010-2409 3.10:0-15:2110-2409 3.11:0-10:2210-2409 ' +
      '3.12:0-7:2310-2410 3.13:0-0:2410-2410',
    variants: `${ALPINE_LIKE} -slim -slim-bookworm>=2306 -slim-bullseye>=2108 ${DEBIAN_LIKE}`,
  },
  'docker.io/library/golang': {
    lines:
      '1.18:0-10:2203-2301 1.19:0-13:2208-2309 1.20:0-14:2302-2402 1.21:0-13:2308-2408 1.22:0-9:2402-2411 ' +
      '1.23:0-3:2408-2411',
    variants: `${ALPINE_LIKE} ${DEBIAN_LIKE}`,
  },
  'docker.io/library/httpd': {
    lines: '2.2:29-34:1407-1707 2.4:10-62:1407-2407',
    variants: `${ALPINE_LIKE} ${DEBIAN_LIKE}`,
  },
  'docker.io/library/mysql': {
    lines:
      '5.6:17-51:1404-2101 5.7:9-44:1510-2310 8.0:11-40:1804-2410 8.4:0-3:2404-2410 9.0:0-1:2407-2407 9.1:0-0:2410-2410',
    variants: '-debian<2403 -oracle>=2008 -oraclelinux9>=2403',
    aliases: { lts: '8.4', innovation: '9.1' },
  },
  'docker.io/library/mariadb': {
    lines:
      '10.4:6-34:1906-2405 10.5:4-27:2006-2411 10.6:3-20:2107-2411 10.11:2-10:2302-2411 11.4:2-4:2405-2411 ' +
      '11.5:2-2:2408-2408 11.6:2-2:2411-2411',
    variants: '-jammy<2405 -noble>=2405 -ubi>=2405',
    aliases: { lts: '11.4' },
  },
  'docker.io/library/mongo': {
    lines: '4.4:0-29:2007-2402 5.0:0-30:2107-2410 6.0:0-19:2207-2411 7.0:0-15:2308-2411 8.0:0-3:2410-2411',
    variants: '-jammy>=2208 -focal<2407',
  },
  'docker.io/library/memcached': {
    lines: '1.5:0-22:1707-2003 1.6:0-32:2003-2410',
    variants: `${ALPINE_LIKE} ${DEBIAN_LIKE}`,
  },
  'docker.io/library/rabbitmq': {
    lines: '3.11:0-28:2209-2312 3.12:0-14:2306-2405 3.13:0-7:2402-2409 4.0:2-4:2409-2411',
    variants: '-management -alpine -management-alpine',
    aliases: { management: '4.0' },
  },
  'docker.io/library/ruby': {
    lines: '2.7:0-8:1912-2303 3.0:0-7:2012-2404 3.1:0-6:2112-2405 3.2:0-6:2212-2410 3.3:0-6:2312-2411',
    variants: `${ALPINE_LIKE} -slim ${DEBIAN_LIKE}`,
  },
  'docker.io/library/php': {
    lines: '7.4:0-33:1911-2211 8.0:0-30:2011-2311 8.1:0-31:2111-2411 8.2:0-26:2212-2411 8.3:0-14:2311-2411',
    variants:
      '-cli -apache -fpm -zts -alpine -cli-alpine -fpm-alpine -apache-bookworm>=2306 -fpm-bookworm>=2306',
  },
  'docker.io/library/wordpress': {
    lines: '6.5:0-5:2404-2409 6.6:0-2:2407-2409 6.7:0-1:2411-2411',
    variants: '-apache -fpm -fpm-alpine -php8.1 -php8.2 -php8.3 -php8.3-apache -php8.3-fpm -php8.2-apache',
  },
  'docker.io/library/eclipse-temurin': {
    lines: '8:-:2411-2411 11:-:2411-2411 17:-:2411-2411 21:-:2411-2411 23:-:2411-2411',
    variants:
      '-jdk -jre -alpine -jdk-alpine -jre-alpine -jammy -jdk-jammy -jre-jammy -noble -jdk-noble -jre-noble',
  },
  'docker.io/library/openjdk': {
    lines:
      '8:-:2207-2207 11:-:2207-2207 17:-:2207-2207 18:-:2207-2207 19:-:2211-2211 20:-:2303-2303 21:-:2309-2309 22:-:2403-2403',
    variants: '-jdk -jre -slim -jdk-slim -jre-slim -alpine -jdk-alpine',
  },
  'docker.io/library/traefik': {
    lines: '2.10:0-7:2305-2312 2.11:0-14:2402-2411 3.0:0-4:2404-2407 3.1:0-7:2407-2410 3.2:0-1:2410-2411',
    variants: '-windowsservercore-ltsc2022',
    vPrefix: true,
  },
  'docker.io/library/caddy': {
    lines: '2.6:0-4:2209-2302 2.7:0-6:2306-2312 2.8:0-4:2405-2406',
    variants: '-alpine -builder -builder-alpine',
  },
  'docker.io/library/haproxy': {
    lines: '2.4:0-27:2105-2409 2.6:0-19:2205-2409 2.8:0-12:2305-2410 3.0:0-6:2405-2410 3.1:0-0:2411-2411',
    variants: `${ALPINE_LIKE} ${DEBIAN_LIKE}`,
    aliases: { lts: '3.0' },
  },
};

/** Months since 2000-01 from `YYMM`. */
function month(yymm: string): number {
  return Number(yymm.slice(0, 2)) * 12 + Number(yymm.slice(2)) - 1;
}

const parsedLines = new Map<string, Line[]>();

function linesOf(t: TagTable): Line[] {
  let out = parsedLines.get(t.lines);
  if (out) return out;
  out = t.lines.split(' ').map((s) => {
    const [key, range, dates] = s.split(':') as [string, string, string];
    const [a, b] = range === '-' ? ['-1', '-1'] : range.split('-');
    const [from, to] = dates.split('-') as [string, string];
    return { key, first: Number(a), last: Number(b), from: month(from), to: month(to) };
  });
  parsedLines.set(t.lines, out);
  return out;
}

function rulesOf(t: TagTable): VariantRule[] {
  return (t.variants ?? '')
    .split(' ')
    .filter(Boolean)
    .map((s) => {
      const m = /^([^<>=]+)(?:>=(\d+(?:\.\d+)?))?(?:<(\d+(?:\.\d+)?))?$/.exec(s)!;
      return { suffix: m[1]!, min: m[2], below: m[3] };
    })
    .sort((a, b) => b.suffix.length - a.suffix.length);
}

function cmpVersion(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** A bound is a line (`1.23`) or, with four digits, a build month (`2306`). */
function allowed(rule: VariantRule, line: Line, m: number): boolean {
  const ok = (bound: string) => (/^\d{4}$/.test(bound) ? m - month(bound) : cmpVersion(line.key, bound));
  if (rule.min !== undefined && ok(rule.min) < 0) return false;
  if (rule.below !== undefined && ok(rule.below) >= 0) return false;
  return true;
}

function at(line: Line, patch: number): ResolvedTag {
  const span = line.last > line.first ? (patch - line.first) / (line.last - line.first) : 1;
  const m = Math.round(line.from + (line.to - line.from) * span);
  const version = line.last < 0 ? line.key : `${line.key}.${patch}`;
  return { version, line: line.key, suffix: '', month: m };
}

/** The version a token names: `1.25.3` (a release), `1.25` (its newest patch), `1` (the newest line of 1). */
function resolveVersion(lines: Line[], token: string): ResolvedTag | undefined {
  const exact = lines.find((l) => l.key === token);
  if (exact) return at(exact, exact.last);
  const dot = token.lastIndexOf('.');
  if (dot > 0) {
    const line = lines.find((l) => l.key === token.slice(0, dot));
    const patch = token.slice(dot + 1);
    if (line && line.last >= 0 && /^\d+$/.test(patch) && +patch >= line.first && +patch <= line.last)
      return at(line, +patch);
  }
  const newest = lines.filter((l) => l.key.startsWith(token + '.')).at(-1);
  return newest ? at(newest, newest.last) : undefined;
}

/** Resolves a tag of a catalogued repository; undefined when the repository never published it. */
export function resolveTag(repo: string, tag: string): ResolvedTag | undefined {
  const t = TAG_TABLES[repo];
  if (!t) return undefined;
  const lines = linesOf(t);
  const newest = lines.at(-1)!.key;
  const aliases: Record<string, string> = { latest: newest, ...t.aliases };
  const token = (s: string): ResolvedTag | undefined => {
    if (s in aliases) return resolveVersion(lines, aliases[s]!);
    if (t.vPrefix) s = s.replace(/^v(?=\d)/, '');
    return /^\d+(\.\d+)*$/.test(s) ? resolveVersion(lines, s) : undefined;
  };
  const plain = token(tag);
  if (plain) return plain;
  for (const rule of rulesOf(t)) {
    const bare = rule.suffix.slice(1);
    let head: string | undefined;
    if (tag === bare) head = 'latest';
    else if (tag.endsWith(rule.suffix)) head = tag.slice(0, -rule.suffix.length);
    if (head === undefined) continue;
    const r = token(head);
    if (!r) continue;
    const line = lines.find((l) => l.key === r.line)!;
    if (!allowed(rule, line, r.month)) continue;
    return { ...r, suffix: rule.suffix };
  }
  return undefined;
}

/** Whether a repository has a tag table (its tags are generated from the release history). */
export function hasTagTable(repo: string): boolean {
  return repo in TAG_TABLES;
}
