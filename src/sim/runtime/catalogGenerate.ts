/**
 * The one generator behind the catalogue's published tags. A tag the tables list but no definition names (nginx
 * 1.25.3, postgres 16-alpine, busybox 1.27.2) is derived from the repository's newest definition of the same kind
 * (Debian, slim, Alpine): the release numbers in its steps, config and history are rewritten to the release's, and
 * its base is the one a build of that month used (the Alpine or Debian release then current, or the one the suffix
 * names), so that alpine variants share the right Alpine layer and Debian variants the right Debian layer. Images
 * are made on first use and kept (a pure function of repository and tag: the same bytes in every session).
 */
import { digestOf } from './digest';
import {
  alpineRootfs,
  busyboxRootfs,
  debianRootfs,
  MB,
  UBUNTU_CODENAMES,
  ubuntuRootfs,
} from './catalogLayers';
import { entries, makeVariants, templates, type CatalogEntry, type ImageDef } from './catalogDefine';
import { resolveTag, TAG_TABLES, type ResolvedTag } from './catalogTags';
import type { Arch, ImageRecord } from './types';

const generated = new Map<string, CatalogEntry>();
const generatedById = new Map<string, ImageRecord>();

type Kind = 'alpine' | 'slim' | 'default';

function kindOfSuffix(suffix: string): Kind {
  return suffix.includes('alpine') ? 'alpine' : suffix.includes('slim') ? 'slim' : 'default';
}

function kindOfDef(def: ImageDef): Kind {
  if (def.tags.some((t) => t.includes('alpine'))) return 'alpine';
  return def.tags.some((t) => t.includes('slim')) ? 'slim' : 'default';
}

/** The release a definition builds: its `version`, else the `*_VERSION` of its Env, else its most precise tag. */
function versionOf(def: ImageDef): string {
  if (def.version) return def.version;
  for (const e of def.config.Env ?? []) {
    const m = /^[A-Z_]+_VERSION=v?(\d+(?:\.\d+)+)/.exec(e);
    if (m) return m[1]!;
  }
  let best = '';
  for (const t of def.tags) {
    const m = /^v?(\d+(?:\.\d+)*)/.exec(t);
    if (m && m[1]!.split('.').length > best.split('.').length) best = m[1]!;
  }
  return best;
}

const DEBIAN: [codename: string, version: string, since: number, slimMB: number, fullMB: number][] = [
  ['jessie', '8', 0, 55.3, 101],
  ['stretch', '9', 17 * 12 + 6, 55.3, 101],
  ['buster', '10', 19 * 12 + 6, 69.2, 114],
  ['bullseye', '11', 21 * 12 + 7, 80.5, 124],
  ['bookworm', '12', 23 * 12 + 5, 74.8, 117],
];

function debianAt(month: number, suffix: string): (typeof DEBIAN)[number] {
  const named = DEBIAN.find((d) => suffix.includes(d[0]));
  if (named) return named;
  return DEBIAN.filter((d) => d[2] <= month).at(-1)!;
}

/**
 * The Alpine release current in a month (`3.18.4`): the newest line then, at its patch of that month; with `only`
 * (`3.19`, an `-alpine3.19` suffix) that line's patch of that month.
 */
function alpineAt(month: number, only?: string): string {
  const r = resolveTag('docker.io/library/alpine', 'latest')!;
  let best = r.version;
  for (const s of TAG_TABLES['docker.io/library/alpine']!.lines.split(' ')) {
    const [key, range, dates] = s.split(':') as [string, string, string];
    const from = Number(dates.slice(0, 2)) * 12 + Number(dates.slice(2, 4)) - 1;
    const to = Number(dates.slice(5, 7)) * 12 + Number(dates.slice(7, 9)) - 1;
    if (only !== undefined && key !== only) continue;
    if (from > month && only === undefined) break;
    if (range === '-') {
      best = key;
      continue;
    }
    const [first, last] = range.split('-').map(Number) as [number, number];
    const p =
      to <= month || to === from ? last : first + Math.floor(((month - from) / (to - from)) * (last - first));
    best = `${key}.${p}`;
  }
  return best;
}

/** The Alpine line an `-alpine3.19` suffix names. */
function namedAlpine(suffix: string): string | undefined {
  return /alpine(3\.\d+)$/.exec(suffix)?.[1];
}

function isDebianBase(digest: string, arch: Arch, slim: boolean): boolean {
  return DEBIAN.some((d) => digestOf(`layer|debian-${d[0]}${slim ? '-slim' : ''}|${arch}`) === digest);
}

/** The base layer of a derived image. */
function baseFor(repo: string, tpl: ImageDef, r: ResolvedTag, arch: Arch): string {
  const v = r.version;
  switch (repo) {
    case 'docker.io/library/alpine':
      return alpineRootfs(arch, /^\d+\.\d+$/.test(v) ? alpineAt(r.month) : v, 7.6 * MB);
    case 'docker.io/library/busybox':
      return busyboxRootfs(arch, v, (Number(v.split('.')[1]) < 30 ? 1.2 : 4.3) * MB);
    case 'docker.io/library/ubuntu':
      return ubuntuRootfs(arch, v, UBUNTU_CODENAMES[v] ?? 'noble', 77 * MB);
    case 'docker.io/library/debian': {
      const d = DEBIAN.find((x) => x[1] === v.split('.')[0])!;
      const slim = r.suffix === '-slim';
      return debianRootfs(arch, d[0], d[1], (slim ? d[3] : d[4]) * MB, slim);
    }
  }
  const kind = kindOfSuffix(r.suffix);
  if (kind === 'alpine') return alpineRootfs(arch, alpineAt(r.month, namedAlpine(r.suffix)), 7.6 * MB);
  const tplBase = tpl.base(arch);
  const slim = isDebianBase(tplBase, arch, true) || kind === 'slim';
  if (!isDebianBase(tplBase, arch, true) && !isDebianBase(tplBase, arch, false)) return tplBase;
  const d = debianAt(r.month, r.suffix);
  return debianRootfs(arch, d[0], d[1], (slim ? d[3] : d[4]) * MB, slim);
}

/** Rewrites release numbers (the full version, then its line) and the Debian codename in a JSON text. */
function rewrite(
  json: string,
  from: string,
  to: string,
  fromLine: string,
  toLine: string,
  codes: [string, string],
) {
  const bounded = (s: string) => new RegExp(`(?<![\\d.])${s.replace(/\./g, '\\.')}(?![\\d]|\\.\\d)`, 'g');
  if (!from) return json;
  let out = json.replace(bounded(from), '\u0001');
  // a one-digit line (`7` of 7.4.1) is too common a token to rewrite safely
  if (fromLine.length > 1 && fromLine !== from) out = out.replace(bounded(fromLine), '\u0002');
  if (codes[0] !== codes[1]) out = out.replaceAll(codes[0], codes[1]);
  return out.replaceAll('\u0001', to).replaceAll('\u0002', toLine);
}

function newestOfKind(repo: string, kind: Kind): ImageDef | undefined {
  const defs = templates.get(repo) ?? [];
  const byDate = (a: ImageDef, b: ImageDef) => (a.created < b.created ? 1 : -1);
  return [...defs].sort(byDate).find((d) => kindOfDef(d) === kind) ?? [...defs].sort(byDate)[0];
}

function derive(repo: string, r: ResolvedTag): CatalogEntry | undefined {
  const tpl = newestOfKind(repo, kindOfSuffix(r.suffix));
  if (!tpl) return undefined;
  const from = versionOf(tpl);
  const fromLine = from.split('.').slice(0, -1).join('.');
  const toLine = r.version === r.line ? r.version : r.line;
  const tplCode = DEBIAN.find(
    (d) => JSON.stringify(tpl.steps).includes(d[0]) || tpl.config.Env?.join().includes(d[0]),
  );
  const newCode = debianAt(r.month, r.suffix)[0];
  const codes: [string, string] = tplCode ? [tplCode[0], newCode] : ['', ''];
  const body = JSON.parse(
    rewrite(
      JSON.stringify([tpl.steps, tpl.config, tpl.meta ?? []]),
      from,
      r.version,
      fromLine,
      toLine,
      codes,
    ),
  ) as [ImageDef['steps'], ImageDef['config'], string[]];
  const y = Math.floor(r.month / 12);
  const mo = (r.month % 12) + 1;
  const created = `20${String(y).padStart(2, '0')}-${String(mo).padStart(2, '0')}-15T00:00:00Z`;
  const def: ImageDef = {
    repo,
    tags: [r.version + r.suffix],
    archs: tpl.archs,
    created,
    base: (a) => baseFor(repo, tpl, r, a),
    steps: body[0],
    config: body[1],
    meta: body[2],
  };
  const variants = makeVariants(def);
  for (const v of Object.values(variants)) if (v) generatedById.set(v.id, v);
  return { repo, tag: def.tags[0]!, digest: digestOf(`index|${repo}|${def.tags[0]}`), variants };
}

/**
 * The suffix of the image a tag's suffix names: the Debian or Alpine release a build of that month used anyway is
 * the plain image (`1.27.3-bookworm` is `1.27.3`, `20.18.1-bookworm-slim` is `20.18.1-slim`, `20.18.1-alpine3.20`
 * is `20.18.1-alpine`), as the registry gives such tags one digest.
 */
function sameAs(r: ResolvedTag): string {
  const current = debianAt(r.month, '')[0];
  if (r.suffix === `-${current}`) return '';
  if (r.suffix === `-${current}-slim`) return '-slim';
  const a = namedAlpine(r.suffix);
  if (a && r.suffix === `-alpine${a}` && alpineAt(r.month).startsWith(a + '.')) return '-alpine';
  return r.suffix;
}

const pinnedIndex = new Map<string, Map<string, CatalogEntry>>();

/**
 * The defined image a canonical release names (`1.27.3-alpine` is the definition tagged `1.27-alpine`). Only
 * tags that name a release or a line are indexed: moving aliases (`latest`, `8`) may point elsewhere by now.
 */
function pinnedFor(repo: string, canonical: string): CatalogEntry | undefined {
  let idx = pinnedIndex.get(repo);
  if (!idx) {
    idx = new Map();
    const lines = new Set(TAG_TABLES[repo]!.lines.split(' ').map((l) => l.split(':')[0]!));
    for (const e of entries.values()) {
      if (e.repo !== repo) continue;
      const head = /^v?(\d+(?:\.\d+)*)/.exec(e.tag)?.[1];
      if (!head || (!head.includes('.') && !lines.has(head))) continue;
      const r = resolveTag(repo, e.tag);
      if (r && !idx.has(r.version + r.suffix)) idx.set(r.version + r.suffix, e);
    }
    pinnedIndex.set(repo, idx);
  }
  return idx.get(canonical);
}

/**
 * A published tag of a catalogued repository that no definition lists: its image, derived. Undefined when the
 * repository never published the tag.
 */
export function generatedEntry(repo: string, tag: string): CatalogEntry | undefined {
  const r = resolveTag(repo, tag);
  if (!r) return undefined;
  const canonical = r.version + r.suffix;
  const same = sameAs(r);
  const pinned =
    pinnedFor(repo, canonical) ?? (same !== r.suffix ? pinnedFor(repo, r.version + same) : undefined);
  if (pinned) return { ...pinned, tag };
  const key = `${repo}:${r.version + same}`;
  let e = generated.get(key);
  if (!e) {
    e = derive(repo, { ...r, suffix: same });
    if (!e) return undefined;
    generated.set(key, e);
  }
  return { ...e, tag };
}

/** A derived image by ID (once made). */
export function generatedImageById(id: string): ImageRecord | undefined {
  return generatedById.get(id);
}
