/**
 * `docker ps`: the container list with the daemon's filters (`-f status=exited`, `name=`, `ancestor=`, `label=`
 * …, as moby's daemon/list.go matches them: values of one key OR'ed, keys AND'ed, `name`/`id` as exact or regular
 * expression matches), `-n`/`-l`, and `--format` over the CLI's container fields.
 */
import type { ContainerRecord } from '../../sim/runtime/types';
import type { DockerContainerMeta } from '../../sim/docker/dockerTypes';
import { last } from './flags';
import { ago, humanDuration, truncCommand } from './format';
import { humanSize } from '../../sim/util/units';
import { checkFields, formatRows } from './template';
import { f, fail, type Verb, type VerbContext } from './verb';

export function statusText(x: VerbContext, rec: ContainerRecord, restartPending: boolean): string {
  const now = x.ctx.cluster.now;
  if (rec.state === 'running') return `Up ${humanDuration(now - (rec.startedAt ?? now))}`;
  if (rec.state === 'created') return 'Created';
  if (restartPending) return `Restarting (${rec.exitCode ?? 0}) ${ago(now - (rec.finishedAt ?? now))}`;
  return `Exited (${rec.exitCode ?? 0}) ${ago(now - (rec.finishedAt ?? now))}`;
}

export function portsText(x: VerbContext, id: string): string {
  const meta = x.d.st.containers[id]!;
  const rec = x.d.rt.record(id)!;
  if (rec.state !== 'running') return '';
  const img = x.d.rt.image(rec.imageId);
  const parts: string[] = [];
  const bound = new Set<string>();
  for (const b of meta.ports) {
    parts.push(`${b.hostIp || '0.0.0.0'}:${b.hostPort}->${b.containerPort}/${b.proto}`);
    // A port published without an address is bound on both families (dockerd listens on 0.0.0.0 and ::);
    // Docker 27's ps prints the IPv6 one bracketed: `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp`. An explicit
    // IPv4 address (even 0.0.0.0) binds that family only.
    if (!b.hostIp) parts.push(`[::]:${b.hostPort}->${b.containerPort}/${b.proto}`);
    bound.add(`${b.containerPort}/${b.proto}`);
  }
  for (const e of Object.keys(img?.config.ExposedPorts ?? {})) if (!bound.has(e)) parts.push(e);
  return parts.join(', ');
}

const DEFAULT_TABLE =
  'table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}';

/** Column names of the CLI's container fields (its formatter.ContainerContext headers). */
const HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  Names: 'NAMES',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
};

/**
 * The header of a `.Label "k"` column: the formatter's SubHeaderContext.Label, the key's last dot-separated part
 * with `-` and `_` made spaces (`com.example.build-id` → `build id`).
 */
const HEADER_CONTEXT: Record<string, unknown> = {
  ...HEADERS,
  Label: (name: string) => (name.split('.').pop() ?? '').replace(/[-_]/g, ' '),
};

const FILTER_KEYS = new Set([
  'ancestor',
  'before',
  'exited',
  'id',
  'isolation',
  'label',
  'name',
  'status',
  'health',
  'since',
  'volume',
  'network',
  'is-task',
  'publish',
  'expose',
]);

const STATES = ['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'];

interface Item {
  meta: DockerContainerMeta;
  rec: ContainerRecord;
}

/** Go's filters.Args.Match: an exact value, or a value that is a regular expression found in the text. */
function match(values: string[], text: string): boolean {
  return values.some((v) => {
    if (v === text) return true;
    try {
      return new RegExp(v).test(text);
    } catch {
      return false;
    }
  });
}

function labelsOf(x: VerbContext, it: Item): Record<string, string> {
  return { ...(x.d.rt.image(it.rec.imageId)?.config.Labels ?? {}), ...it.rec.labels };
}

function stateOf(x: VerbContext, it: Item): string {
  if (it.rec.state === 'exited' && x.ctx.cluster.clock.has(`docker-restart:${it.meta.id}`))
    return 'restarting';
  return it.rec.state;
}

/** A port filter value (`8080`, `8080/tcp`, `8000-8090`) against ports with protocols. */
function portMatch(value: string, ports: { port: number; proto: string }[]): boolean {
  const [range, proto = 'tcp'] = value.split('/');
  const [lo, hi = lo] = range!.split('-').map(Number);
  return ports.some((p) => p.proto === proto && p.port >= lo! && p.port <= hi!);
}

type Filters = Map<string, string[]>;

function parseFilters(x: VerbContext): { ok: true; f: Filters } | { ok: false; error: string; code: number } {
  const out: Filters = new Map();
  for (const v of x.p.values.filter ?? []) {
    const eq = v.indexOf('=');
    if (eq < 0)
      return {
        ok: false,
        code: 125,
        error: `invalid argument "${v}" for "-f, --filter" flag: bad format of filter (expected name=value)\nSee 'docker ps --help'.`,
      };
    const k = v.slice(0, eq).trim().toLowerCase();
    const val = v.slice(eq + 1);
    out.set(k, [...(out.get(k) ?? []), val]);
  }
  for (const [k, vs] of out) {
    if (!FILTER_KEYS.has(k))
      return { ok: false, code: 1, error: `Error response from daemon: invalid filter '${k}'` };
    for (const v of vs) {
      if (k === 'status' && !STATES.includes(v))
        return { ok: false, code: 1, error: `Error response from daemon: invalid filter 'status=${v}'` };
      if (k === 'exited' && !/^-?\d+$/.test(v))
        return {
          ok: false,
          code: 1,
          error: `Error response from daemon: invalid filter 'exited=${v}': strconv.Atoi: parsing "${v}": invalid syntax`,
        };
      if (k === 'health' && !['starting', 'healthy', 'unhealthy', 'none'].includes(v))
        return {
          ok: false,
          code: 1,
          error: `Error response from daemon: Unrecognised filter value for health: ${v}`,
        };
    }
  }
  return { ok: true, f: out };
}

function keep(x: VerbContext, it: Item, fl: Filters, all: Item[]): boolean | string {
  const { meta, rec } = it;
  const get = (k: string) => fl.get(k);
  const names = get('name');
  if (names && !match(names, meta.name)) return false;
  const ids = get('id');
  if (ids && !match(ids, meta.id)) return false;
  const labels = get('label');
  if (labels) {
    const ls = labelsOf(x, it);
    for (const l of labels) {
      const eq = l.indexOf('=');
      const k = eq < 0 ? l : l.slice(0, eq);
      if (!(k in ls) || (eq >= 0 && ls[k] !== l.slice(eq + 1))) return false;
    }
  }
  const exited = get('exited');
  if (exited && !(rec.state === 'exited' && rec.startedAt && exited.map(Number).includes(rec.exitCode ?? 0)))
    return false;
  const status = get('status');
  if (status && !match(status, stateOf(x, it))) return false;
  const health = get('health');
  if (health && !health.includes('none')) return false;
  const task = get('is-task');
  if (task && task.some((v) => v === 'true' || v === '1')) return false;
  const vols = get('volume');
  if (vols && !vols.some((v) => meta.volumes.includes(v))) return false;
  const ancestors = get('ancestor');
  if (ancestors) {
    const ids = ancestors.map((a) => x.d.rt.localImage(x.d.host, a)?.id).filter((i) => !!i);
    if (!ids.includes(rec.imageId)) return false;
  }
  const nets = get('network');
  if (nets) {
    const on = Object.keys(meta.networks);
    const hit = nets.some(
      (n) => on.includes(n) || on.some((name) => !!n && x.d.st.networks[name]?.id.startsWith(n)),
    );
    if (!hit) return false;
  }
  const publish = get('publish');
  if (publish) {
    const ports = meta.ports.map((b) => ({ port: b.hostPort, proto: b.proto }));
    if (!publish.some((v) => portMatch(v, ports))) return false;
  }
  const expose = get('expose');
  if (expose) {
    const img = x.d.rt.image(rec.imageId);
    const ports = Object.keys(img?.config.ExposedPorts ?? {}).map((e) => ({
      port: Number(e.split('/')[0]),
      proto: e.split('/')[1] ?? 'tcp',
    }));
    for (const b of meta.ports) ports.push({ port: b.containerPort, proto: b.proto });
    if (!expose.some((v) => portMatch(v, ports))) return false;
  }
  for (const k of ['before', 'since'] as const) {
    const ref = get(k)?.[0];
    if (!ref) continue;
    const other = x.d.find(ref);
    if (!other) return `Error response from daemon: No such container: ${ref}`;
    const o = all.find((i) => i.meta.id === other.id);
    if (!o) continue;
    if (k === 'before' && !(rec.createdAt < o.rec.createdAt)) return false;
    if (k === 'since' && !(rec.createdAt > o.rec.createdAt)) return false;
  }
  return true;
}

function row(x: VerbContext, it: Item, trunc: boolean, withSize: boolean): Record<string, unknown> {
  const { meta, rec } = it;
  const now = x.ctx.cluster.now;
  const pending = x.ctx.cluster.clock.has(`docker-restart:${meta.id}`);
  const cmd = rec.argv.join(' ');
  const img = x.d.rt.image(rec.imageId);
  const writable = x.d.rt.container(rec.id)?.writableBytes ?? 0;
  const iso = x.ctx.cluster.iso(rec.createdAt);
  const labels = labelsOf(x, it);
  const mounts = [...meta.volumes].map((v) => (trunc && v.length > 15 ? v.slice(0, 14) + '…' : v));
  return {
    ID: trunc ? meta.id.slice(0, 12) : meta.id,
    Image: meta.image,
    Command: trunc ? truncCommand(cmd) : `"${cmd}"`,
    CreatedAt: `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`,
    RunningFor: ago(now - rec.createdAt),
    Ports: portsText(x, meta.id),
    State: stateOf(x, it),
    Status: statusText(x, rec, pending),
    // Sizes cost the daemon a walk of the layer, so the CLI asks for them only with -s or a format naming .Size.
    Size: withSize ? `${humanSize(writable)} (virtual ${humanSize(img ? x.d.rt.imageSize(img) : 0)})` : '0B',
    Labels: Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`)
      .join(','),
    Mounts: mounts.join(','),
    LocalVolumes: String(meta.volumes.length),
    Names: meta.name,
    Networks: Object.keys(meta.networks).sort().join(','),
    // ContainerContext.Label: one label's value, empty when the container lacks it
    Label: (name: string) => labels[name] ?? '',
  };
}

export const psVerb: Verb = {
  name: 'ps',
  summary: 'List containers',
  usage: 'docker ps [OPTIONS]',
  flags: [
    f('all', 'a', false, 'Show all containers (default shows just running)'),
    f('filter', 'f', true, 'Filter output based on conditions provided', true),
    f('format', undefined, true, 'Format output using a custom template'),
    f('last', 'n', true, 'Show n last created containers (includes all states)'),
    f('latest', 'l', false, 'Show the latest created container (includes all states)'),
    f('quiet', 'q', false, 'Only display container IDs'),
    f('no-trunc', undefined, false, "Don't truncate output"),
    f('size', 's', false, 'Display total file sizes'),
  ],
  run(x) {
    const lastText = last(x.p, 'last');
    if (lastText !== undefined && !/^-?\d+$/.test(lastText))
      return fail(
        x.ctx,
        'ps',
        `invalid argument "${lastText}" for "-n, --last" flag: strconv.ParseInt: parsing "${lastText}": invalid syntax\nSee 'docker ps --help'.`,
        125,
      );
    const parsed = parseFilters(x);
    if (!parsed.ok) {
      x.ctx.err(parsed.error + '\n');
      return parsed.code;
    }
    let limit = lastText !== undefined ? Number(lastText) : -1;
    if (x.p.bools.has('latest')) limit = 1;
    const everything = x.d.list(true);
    const all = x.p.bools.has('all') || parsed.f.has('status') || limit > 0;
    const shown: Item[] = [];
    for (const it of everything) {
      if (!all && it.rec.state !== 'running') continue;
      const k = keep(x, it, parsed.f, everything);
      if (typeof k === 'string') {
        x.ctx.err(k + '\n');
        return 1;
      }
      if (k) shown.push(it);
      if (limit > 0 && shown.length >= limit) break;
    }
    const trunc = !x.p.bools.has('no-trunc');
    const quiet = x.p.bools.has('quiet');
    let format = last(x.p, 'format') ?? '';
    if (quiet) format = '{{.ID}}';
    else if (!format) format = x.p.bools.has('size') ? `${DEFAULT_TABLE}\\t{{.Size}}` : DEFAULT_TABLE;
    const bad = checkFields(format, HEADER_CONTEXT, '*formatter.ContainerContext');
    if (bad) {
      x.ctx.err(bad + '\n');
      return 1;
    }
    const r = formatRows(
      format,
      shown.map((it) => row(x, it, trunc, x.p.bools.has('size') || format.includes('.Size'))),
      HEADER_CONTEXT,
      DEFAULT_TABLE,
    );
    if (!r.ok) {
      x.ctx.err(r.error + '\n');
      return 1;
    }
    x.ctx.out(r.text);
    return 0;
  },
};
