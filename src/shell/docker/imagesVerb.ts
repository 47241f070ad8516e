/**
 * `docker images` (`docker image ls`): newest first, a `REPOSITORY[:TAG]` argument, the daemon's filters
 * (`dangling`, `reference` as a glob over the familiar name, `label`, `before`, `since`, as moby's image
 * service matches them) and `--format` over the CLI's image fields.
 */
import { last } from './flags';
import { ago } from './format';
import { humanSize } from '../../sim/util/units';
import { checkFields, formatRows } from './template';
import { f, type Verb, type VerbContext } from './verb';

const DEFAULT_TABLE = 'table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}';
const DIGEST_TABLE =
  'table {{.Repository}}\\t{{.Tag}}\\t{{.Digest}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}';

/** Column names of the CLI's image fields (formatter.imageContext). */
const HEADERS: Record<string, string> = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Containers: 'CONTAINERS',
  VirtualSize: 'SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
};

const FILTER_KEYS = new Set(['dangling', 'label', 'before', 'since', 'reference', 'until']);

interface ImageRow {
  repo: string;
  tag: string;
  id: string;
  created: number;
  size: number;
  digest: string;
  labels: Record<string, string>;
  /** Order the host stored it in: of two images made in the same second, the later one is the newer. */
  seq: number;
}

/** Go's path.Match as the reference filter uses it: `*` and `?` stop at `/`. */
function glob(pattern: string, text: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  try {
    return new RegExp(`^${re}$`).test(text);
  } catch {
    return false;
  }
}

function collect(x: VerbContext): ImageRow[] {
  const h = x.d.rt.host(x.d.host);
  const rows: ImageRow[] = [];
  for (const [seq, [id, meta]] of Object.entries(h.images).entries()) {
    const img = x.d.rt.image(id);
    if (!img) continue;
    const created = x.ctx.cluster.fromIso(img.created);
    const size = x.d.rt.imageSize(img);
    const tags = meta.repoTags.length ? meta.repoTags : ['<none>:<none>'];
    for (const t of tags) {
      const i = t.lastIndexOf(':');
      const repo = t.slice(0, i);
      rows.push({
        repo,
        tag: t.slice(i + 1),
        id,
        created,
        size,
        digest: meta.repoDigests.find((d) => d.startsWith(repo + '@'))?.split('@')[1] ?? '<none>',
        labels: img.config.Labels ?? {},
        seq,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      b.created - a.created || b.seq - a.seq || a.repo.localeCompare(b.repo) || a.tag.localeCompare(b.tag),
  );
}

function filtered(x: VerbContext, rows: ImageRow[]): ImageRow[] | string {
  const fl = new Map<string, string[]>();
  for (const v of x.p.values.filter ?? []) {
    const eq = v.indexOf('=');
    if (eq < 0)
      return `invalid argument "${v}" for "-f, --filter" flag: bad format of filter (expected name=value)\nSee 'docker images --help'.`;
    const k = v.slice(0, eq).trim().toLowerCase();
    fl.set(k, [...(fl.get(k) ?? []), v.slice(eq + 1)]);
  }
  for (const k of fl.keys())
    if (!FILTER_KEYS.has(k)) return `Error response from daemon: invalid filter '${k}'`;
  const dangling = fl.get('dangling');
  let wantDangling: boolean | undefined;
  if (dangling) {
    const t = dangling.some((v) => v === 'true' || v === '1');
    const fa = dangling.some((v) => v === 'false' || v === '0');
    if (t === fa) return `Error response from daemon: invalid filter 'dangling=[${dangling.join(' ')}]'`;
    wantDangling = t;
  }
  const at = (k: 'before' | 'since'): number | string | undefined => {
    const ref = fl.get(k)?.[0];
    if (!ref) return undefined;
    const img = x.d.rt.localImage(x.d.host, ref);
    if (!img) return `Error response from daemon: No such image: ${ref}`;
    return x.ctx.cluster.fromIso(img.created);
  };
  const before = at('before');
  const since = at('since');
  if (typeof before === 'string') return before;
  if (typeof since === 'string') return since;
  const refs = fl.get('reference');
  const labels = fl.get('label');
  const arg = x.p.args[0];
  return rows.filter((r) => {
    const untagged = r.tag === '<none>';
    if (wantDangling !== undefined && untagged !== wantDangling) return false;
    if (refs || arg) {
      if (untagged) return false;
      const full = `${r.repo}:${r.tag}`;
      // Each source must match: the positional argument is one more reference filter, ANDed with the others.
      const ok = (p: string) => glob(p, full) || glob(p, r.repo);
      if (refs && !refs.some(ok)) return false;
      if (arg && !ok(arg)) return false;
    }
    if (labels) {
      for (const l of labels) {
        const eq = l.indexOf('=');
        const k = eq < 0 ? l : l.slice(0, eq);
        if (!(k in r.labels) || (eq >= 0 && r.labels[k] !== l.slice(eq + 1))) return false;
      }
    }
    if (typeof before === 'number' && !(r.created < before)) return false;
    if (typeof since === 'number' && !(r.created > since)) return false;
    return true;
  });
}

export const imagesVerb: Verb = {
  name: 'images',
  summary: 'List images',
  usage: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
  flags: [
    f('all', 'a', false, 'Show all images (default hides intermediate images)'),
    f('digests', undefined, false, 'Show digests'),
    f('filter', 'f', true, 'Filter output based on conditions provided', true),
    f('format', undefined, true, 'Format output using a custom template'),
    f('no-trunc', undefined, false, "Don't truncate output"),
    f('quiet', 'q', false, 'Only show image IDs'),
  ],
  run(x) {
    const shown = filtered(x, collect(x));
    if (typeof shown === 'string') {
      x.ctx.err(shown + '\n');
      return shown.includes('--help') ? 125 : 1;
    }
    const trunc = !x.p.bools.has('no-trunc');
    if (x.p.bools.has('quiet')) {
      for (const id of [...new Set(shown.map((r) => r.id))]) x.ctx.out((trunc ? id.slice(7, 19) : id) + '\n');
      return 0;
    }
    const format = last(x.p, 'format') || (x.p.bools.has('digests') ? DIGEST_TABLE : DEFAULT_TABLE);
    const bad = checkFields(format, HEADERS, '*formatter.imageContext');
    if (bad) {
      x.ctx.err(bad + '\n');
      return 1;
    }
    const now = x.ctx.cluster.now;
    const rows = shown.map((r) => {
      const iso = x.ctx.cluster.iso(r.created);
      return {
        ID: trunc ? r.id.slice(7, 19) : r.id,
        Repository: r.repo,
        Tag: r.tag,
        Digest: r.digest,
        CreatedSince: ago(now - r.created),
        CreatedAt: `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`,
        Size: humanSize(r.size),
        VirtualSize: humanSize(r.size),
        Containers: 'N/A',
        SharedSize: 'N/A',
        UniqueSize: 'N/A',
      };
    });
    const out = formatRows(format, rows, HEADERS, x.p.bools.has('digests') ? DIGEST_TABLE : DEFAULT_TABLE);
    if (!out.ok) {
      x.ctx.err(out.error + '\n');
      return 1;
    }
    x.ctx.out(out.text);
    return 0;
  },
};
