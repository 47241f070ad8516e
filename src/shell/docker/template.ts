/**
 * `--format` of the docker CLI's list verbs (`docker ps`, `docker images`): a Go template run once per row over
 * the row's fields, `table …` for a tabwriter table with a header row, `json` for `{{json .}}`. The Go template
 * engine is kubectl's (src/shell/kubectl/printers/goTemplate.ts) with the docker CLI's own functions added
 * (`json`, `split`, `join`, `title`, `lower`, `upper`, `pad`, `truncate`). As the CLI does, the header row runs
 * the same template over the column names with those functions passing their first argument through.
 */
import {
  GoTemplateError,
  parseGoTemplate,
  runGoTemplate,
  type TemplateFuncs,
} from '../kubectl/printers/goTemplate';
import { table } from './format';

/** A row of the CLI's formatter context: its fields, and methods taking arguments (`.Label "k"`). */
type Row = Record<string, unknown>;

/** Go's json.Marshal of a map (sorted keys) with HTML escaping off, as the CLI's `json` function encodes. */
function goJson(v: unknown): string {
  const sortKeys = (x: unknown): unknown =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, sortKeys((x as Record<string, unknown>)[k])]),
        )
      : Array.isArray(x)
        ? x.map(sortKeys)
        : x;
  return JSON.stringify(sortKeys(v) ?? null);
}

/** A syntax error as Go's text/template words it (`template: :1: unclosed action`), else undefined. */
function syntaxError(tpl: string): string | undefined {
  try {
    parseGoTemplate(tpl);
    return undefined;
  } catch (e) {
    if (e instanceof GoTemplateError) return `template parsing error: template: :1: ${e.message}`;
    throw e;
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));

const BASIC: TemplateFuncs = {
  json: goJson,
  split: (s, sep) => str(s).split(str(sep)),
  join: (a, sep) => (Array.isArray(a) ? a.map(str).join(str(sep)) : str(a)),
  title: (s) => str(s).replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase()),
  lower: (s) => str(s).toLowerCase(),
  upper: (s) => str(s).toUpperCase(),
  pad: (s, a, b) => (str(s) ? ' '.repeat(Number(a)) + str(s) + ' '.repeat(Number(b)) : ''),
  truncate: (s, n) => str(s).slice(0, Number(n)),
};

const HEADER: TemplateFuncs = {
  json: (v) => v,
  split: (v) => v,
  join: (v) => v,
  title: (v) => v,
  lower: (v) => v,
  upper: (v) => v,
  truncate: (v) => v,
};

/** The template text of a `--format` value: `table` cut off, spaces trimmed, `\t` and `\n` made real. */
function templateText(format: string): string {
  if (format === 'json') return '{{json .}}';
  let out = format.startsWith('table') ? format.slice('table'.length) : format;
  out = out.replace(/^ +| +$/g, '');
  return out.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
}

/**
 * Formats rows with a `--format` value. `defaultTable` is the verb's own table format (used for a bare
 * `--format table`); `headers` names each field's column. Returns the text, or the CLI's error.
 */
export function formatRows(
  format: string,
  rows: Row[],
  headers: Row,
  defaultTable: string,
): { ok: true; text: string } | { ok: false; error: string } {
  const fmt = format === 'table' ? defaultTable : format;
  const tpl = templateText(fmt);
  const syntax = syntaxError(tpl);
  if (syntax) return { ok: false, error: syntax };
  try {
    const lines = rows.map((r) => runGoTemplate(tpl, r, BASIC));
    if (!fmt.startsWith('table')) return { ok: true, text: lines.map((l) => l + '\n').join('') };
    const head = runGoTemplate(tpl, headers, HEADER);
    return { ok: true, text: tabwrite([head, ...lines].join('\n')) };
  } catch (e) {
    if (e instanceof GoTemplateError) return { ok: false, error: `template parsing error: ${e.message}` };
    throw e;
  }
}

/** The CLI's tabwriter (min width 10, padding 3) over tab-separated cells. */
function tabwrite(text: string): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const [head, ...rest] = lines;
  return table(head!, rest);
}

/**
 * The CLI formats a Go struct, so a field it lacks is an execution error (a map would print `<no value>`):
 * `template: :1:2: executing "" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext`.
 * Checked for fields of the row itself (outside `range` / `with`, where the dot moves).
 */
export function checkFields(format: string, fields: Row, typeName: string): string | undefined {
  const tpl = templateText(format === 'table' ? '' : format);
  if (/\{\{-?\s*(range|with)\b/.test(tpl)) return undefined;
  const re = /\{\{[^}]*\}\}/g;
  for (let m = re.exec(tpl); m; m = re.exec(tpl)) {
    const inner = /(^|[\s(|{])\.([A-Za-z_]\w*)/g;
    for (let n = inner.exec(m[0]); n; n = inner.exec(m[0])) {
      const name = n[2]!;
      const at = m.index + n.index + n[1]!.length;
      const before = tpl.slice(0, at);
      const line = before.split('\n').length;
      const col = at - (before.lastIndexOf('\n') + 1);
      const where = `template parsing error: template: :${line}:${col}: executing "" at <.${name}>: `;
      const method = fields[name];
      if (typeof method === 'function') {
        // A method taking arguments (`.Label "k"`) named without them: Go's evalCall refuses the call.
        const after = m[0].slice(n.index + n[0].length).replace(/^\s+/, '');
        if (method.length > 0 && /^(-?\}\}|\||\))/.test(after))
          return `${where}wrong number of args for ${name}: want ${method.length} got 0`;
        continue;
      }
      if (Object.hasOwn(fields, name)) continue;
      return `${where}can't evaluate field ${name} in type ${typeName}`;
    }
  }
  return undefined;
}

/**
 * `docker inspect --format`: one template over one inspect document. The document mirrors Docker's structs, so
 * `json` keeps its field order (encoding/json writes struct fields in declaration order).
 */
export function formatDoc(
  format: string,
  doc: unknown,
): { ok: true; text: string } | { ok: false; error: string } {
  const syntax = syntaxError(templateText(format));
  if (syntax) return { ok: false, error: syntax };
  const raw = rawFallbackError(templateText(format), doc);
  if (raw) return { ok: false, error: raw };
  try {
    return {
      ok: true,
      text: runGoTemplate(templateText(format), doc, { ...BASIC, json: (v) => JSON.stringify(v ?? null) }),
    };
  } catch (e) {
    if (e instanceof GoTemplateError) return { ok: false, error: `template parsing error: ${e.message}` };
    throw e;
  }
}

/**
 * Root fields of the inspect structs (types.ContainerJSON, image.InspectResponse, network.Inspect, volume.Volume):
 * a template naming one of them runs on the typed value, even where our document leaves the field out.
 */
const ROOT_FIELDS = new Set(
  (
    'Id Created Path Args State Image ResolvConfPath HostnamePath HostsPath LogPath Node Name RestartCount Driver ' +
    'Platform MountLabel ProcessLabel AppArmorProfile ExecIDs HostConfig GraphDriver SizeRw SizeRootFs Mounts ' +
    'Config NetworkSettings RepoTags RepoDigests Parent Comment Container ContainerConfig DockerVersion Author ' +
    'Architecture Variant Os OsVersion Size VirtualSize RootFS Metadata Scope EnableIPv6 IPAM Internal Attachable ' +
    'Ingress ConfigFrom ConfigOnly Containers Options Labels Peers Services CreatedAt Mountpoint Status UsageData ' +
    'ClusterVolume'
  ).split(' '),
);

/**
 * The inspect command runs a template on the typed struct first and, when that fails, on the raw JSON with
 * `missingkey=error` (cli/command/inspect TemplateInspector.tryRawInspectFallback): a root field neither has is
 * `map has no entry for key`, and arguments after a field are `is not a method but has arguments`.
 */
function rawFallbackError(tpl: string, doc: unknown): string | undefined {
  if (!doc || typeof doc !== 'object' || /\{\{-?\s*(range|with)\b/.test(tpl)) return undefined;
  const re = /\{\{-?([^}]*)\}\}/g;
  for (let m = re.exec(tpl); m; m = re.exec(tpl)) {
    const inner = /(^|[\s(|])\.([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)*)(\s+(?=[^\s|)}]))?/g;
    // (a closing trim marker, ` -}}`, is no argument)
    const body = m[1]!.replace(/\s-$/, '');
    for (let n = inner.exec(body); n; n = inner.exec(body)) {
      const name = n[2]!;
      const at = m.index + m[0].indexOf(m[1]!) + n.index + n[1]!.length;
      const before = tpl.slice(0, at);
      const col = at - (before.lastIndexOf('\n') + 1);
      const where = `template parsing error: template: :${before.split('\n').length}:${col}: executing "" at <.${name}${n[3]}>: `;
      // (text/template checks for arguments before it looks the key up)
      // (only a field that begins a command takes arguments: in `index .Config "k"` the field is one)
      const lead = (body.slice(0, n.index) + n[1]).trim();
      const head = lead === '' || lead.endsWith('(') || lead.endsWith('|');
      if (head && n[4] && !n[3]) return `${where}${name} is not a method but has arguments`;
      if (!Object.hasOwn(doc, name) && !ROOT_FIELDS.has(name))
        return `${where}map has no entry for key "${name}"`;
    }
  }
  return undefined;
}
