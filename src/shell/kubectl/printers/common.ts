/**
 * What printers share: the print context (time base), the describe writer (kubectl's PrefixWriter over a
 * tabwriter with padding 2) and the Events section.
 */
import type { Cluster } from '../../../sim/cluster';
import type { KEvent, KObject } from '../../../sim/api/types';
import { age, humanDuration } from '../duration';
import { tabwrite } from '../tabwriter';
import { listObjects } from '../client';

/** Everything a printer needs besides the object: the time base and read access to other objects. */
export interface PrintContext {
  now: number;
  fromIso(ts: string | undefined): number;
  /** Lists objects (for describe's related objects and events); undefined ns = all namespaces. */
  list(kind: string, ns?: string): KObject[];
}

export function printContext(cluster: Cluster): PrintContext {
  return {
    now: cluster.now,
    fromIso: (ts) => cluster.fromIso(ts),
    list: (kind, ns) => listObjects(cluster, kind, ns),
  };
}

/** AGE of a timestamp. */
export function ageOf(pc: PrintContext, ts: string | undefined): string {
  return ts ? age(pc.now, pc.fromIso(ts)) : '<unknown>';
}

/** Go's time.RFC1123Z in UTC, as describe prints times (one formatter with the sim's event messages). */
export { rfc1123z } from '../../../sim/util/rfc1123z';

const MAX_ANNOTATION = 140;
const utf8 = new TextEncoder();
const bytes = (s: string) => utf8.encode(s).length;
/** Go's shorten: the first n bytes and `...`. */
const shorten = (s: string, n: number) =>
  bytes(s) > n ? `${new TextDecoder().decode(utf8.encode(s).slice(0, n))}...` : s;

/** Builds describe output: `w(level, 'Name:\t%s')` lines, aligned at the end. */
export class DescribeWriter {
  private lines: string[] = [];
  line(level: number, text: string): void {
    this.lines.push('  '.repeat(level) + text);
  }
  /** `Key:\tvalue` */
  kv(level: number, key: string, value: string | number | undefined): void {
    this.line(level, `${key}:\t${value === undefined || value === '' ? '<none>' : value}`);
  }
  /** A map printed as `Labels:  a=b` then continuation lines (kubectl's printLabelsMultiline). */
  map(
    level: number,
    key: string,
    m: Record<string, string> | undefined,
    skip: (k: string) => boolean = () => false,
  ): void {
    const keys = Object.keys(m ?? {})
      .filter((k) => !skip(k))
      .sort();
    if (!keys.length) return this.line(level, `${key}:\t<none>`);
    keys.forEach((k, i) => {
      const v = m![k]!;
      // Continuation lines start at the tab, unindented (printLabelsMultiline): the same once tabwritten,
      // and what the raw text of `rollout undo --dry-run=client` shows.
      if (i === 0) this.line(level, `${key}:\t${k}=${v}`);
      else this.lines.push(`\t${k}=${v}`);
    });
  }
  /**
   * Annotations (printAnnotationsMultiline): last-applied-configuration skipped; a value longer than 140 bytes
   * with its key, or of several lines, goes below its key, each line cut to 138 bytes plus `...`.
   */
  annotations(level: number, m: Record<string, string> | undefined): void {
    const keys = Object.keys(m ?? {})
      .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
      .sort();
    if (!keys.length) return this.line(level, `Annotations:\t<none>`);
    keys.forEach((k, i) => {
      const head = i === 0 ? 'Annotations:' : '';
      const value = m![k]!.replace(/\n$/, '');
      if (bytes(value) + bytes(k) + 2 > MAX_ANNOTATION || value.includes('\n')) {
        this.line(level, `${head}\t${k}:`);
        for (const s of value.split('\n')) this.line(level, `\t  ${shorten(s, MAX_ANNOTATION - 2)}`);
      } else this.line(level, `${head}\t${k}: ${value}`);
    });
  }
  raw(text: string): void {
    this.lines.push(text);
  }
  /**
   * The Events section, in the same tabwriter as what precedes it (kubectl's DescribeEvents writes to the
   * describer's writer): `Events:\t<none>` aligns with the lines above it.
   */
  events(pc: PrintContext, obj: KObject): this {
    this.lines.push(...eventLines(pc, obj));
    return this;
  }
  toString(): string {
    return tabwrite(this.lines.join('\n') + '\n', 0, 2);
  }
  /** The lines as written, tabs kept (describe.NewPrefixWriter without a tabwriter). */
  plain(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** Ties at the same second keep the order the API server stored them in. */
export function byRevision(a: KObject, b: KObject): number {
  return Number(a.metadata.resourceVersion ?? 0) - Number(b.metadata.resourceVersion ?? 0);
}

/** Events about an object, oldest last-seen first. */
export function eventsFor(pc: PrintContext, obj: KObject): KEvent[] {
  const evs = pc.list('Event', obj.metadata.namespace) as KEvent[];
  return evs
    .filter((e) =>
      e.involvedObject.uid && obj.metadata.uid
        ? e.involvedObject.uid === obj.metadata.uid
        : e.involvedObject.kind === obj.kind && e.involvedObject.name === obj.metadata.name,
    )
    .sort((a, b) => pc.fromIso(a.lastTimestamp) - pc.fromIso(b.lastTimestamp) || byRevision(a, b));
}

/** The `Events:` section exactly as describe prints it (DescribeEvents) when nothing precedes it. */
export function describeEvents(pc: PrintContext, obj: KObject): string {
  return tabwrite(eventLines(pc, obj).join('\n') + '\n', 0, 2);
}

/** The lines of the Events section, cells split by tabs. */
function eventLines(pc: PrintContext, obj: KObject): string[] {
  const evs = eventsFor(pc, obj);
  if (!evs.length) return ['Events:\t<none>'];
  const rows = ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------'];
  for (const e of evs) {
    const first = e.firstTimestamp ?? e.lastTimestamp;
    const last = e.lastTimestamp ?? first;
    const interval =
      (e.count ?? 1) > 1
        ? `${age(pc.now, pc.fromIso(last))} (x${e.count} over ${age(pc.now, pc.fromIso(first))})`
        : age(pc.now, pc.fromIso(first));
    // Recent kubectl prints the component alone (`kubelet`, `default-scheduler`), as learners see it.
    const from = e.source?.component || e.reportingComponent || '';
    rows.push(`  ${e.type}\t${e.reason}\t${interval}\t${from}\t${(e.message ?? '').trim()}`);
  }
  return rows;
}

export { humanDuration };
