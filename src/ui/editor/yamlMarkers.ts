/**
 * Editor markers: YAML syntax problems from our own parse, and API-server errors (field paths such as
 * `spec.template.spec.containers[0].image`) mapped back to the line of that node in the document.
 */
import {
  LineCounter,
  parseAllDocuments,
  isMap,
  isSeq,
  isScalar,
  type Document,
  type Node as YNode,
} from 'yaml';

export interface Problem {
  /** 1-based */
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  message: string;
  severity: 'error' | 'warning';
}

export function yamlSyntaxProblems(text: string): Problem[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { prettyErrors: true, lineCounter: lc });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: Problem[] = [];
  for (const d of list)
    for (const e of [...d.errors, ...d.warnings]) {
      const p = e.linePos?.[0] ?? { line: 1, col: 1 };
      const q = e.linePos?.[1] ?? p;
      out.push({
        line: p.line,
        col: p.col,
        endLine: q.line,
        endCol: Math.max(q.col, p.col + 1),
        message: e.message.split('\n')[0]!,
        severity: d.errors.includes(e as never) ? 'error' : 'warning',
      });
    }
  return out;
}

/** `spec.containers[0].image` → ['spec', 'containers', 0, 'image'] */
export function splitFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

interface Range {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

function rangeOf(node: YNode | null | undefined, lc: LineCounter): Range | undefined {
  const r = node?.range;
  if (!r) return undefined;
  const a = lc.linePos(r[0]);
  const b = lc.linePos(r[1]);
  // a block value ends on the next line; keep the marker on its first line
  return b.line > a.line
    ? { line: a.line, col: a.col, endLine: a.line, endCol: 1000 }
    : { line: a.line, col: a.col, endLine: b.line, endCol: Math.max(b.col, a.col + 1) };
}

/** Range of the deepest node of `path` that exists (a key's line for a missing child). */
export function locatePath(doc: Document, lc: LineCounter, path: (string | number)[]): Range | undefined {
  let node: unknown = doc.contents;
  let best = rangeOf(doc.contents as YNode, lc);
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      best = rangeOf(pair.key as YNode, lc) ?? best;
      if (isScalar(pair.value))
        best = rangeOf(pair.key as YNode, lc) && {
          ...rangeOf(pair.key as YNode, lc)!,
          endCol: rangeOf(pair.value, lc)?.endCol ?? 1000,
        };
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (!item) break;
      best = rangeOf(item as YNode, lc) ?? best;
      node = item;
    } else break;
  }
  return best;
}

export interface ApiFieldError {
  kind?: string;
  name?: string;
  path: string;
  message: string;
}

/** Field errors in kubectl's output (validation, strict decoding, type errors). */
export function parseApplyErrors(output: string): ApiFieldError[] {
  const out: ApiFieldError[] = [];
  const lines = output.split('\n');
  let ctx: { kind?: string; name?: string } = {};
  for (const raw of lines) {
    const line = raw.trim();
    const inv = /The (\w+) "([^"]+)" is invalid: ?(.*)$/.exec(line);
    if (inv) {
      ctx = { kind: inv[1], name: inv[2] };
      const rest = inv[3]!;
      if (rest && !rest.startsWith('[')) {
        const m = /^([\w.[\]\-/]+): (.*)$/.exec(rest);
        if (m) out.push({ ...ctx, path: m[1]!, message: m[2]! });
      } else if (rest.startsWith('[')) {
        for (const part of rest.slice(1, -1).split(/, (?=[\w.[\]]+: )/)) {
          const m = /^([\w.[\]\-/]+): (.*)$/.exec(part);
          if (m) out.push({ ...ctx, path: m[1]!, message: m[2]! });
        }
      }
      continue;
    }
    const star = /^\* ([\w.[\]\-/]+): (.*)$/.exec(line);
    if (star) {
      out.push({ ...ctx, path: star[1]!, message: star[2]! });
      continue;
    }
    const handled = /(\w+) in version "[^"]+" cannot be handled as a (\w+)/.exec(line);
    const nameInCreate = /error when (?:creating|applying patch|replacing)[^:]*"([^"]+)"/.exec(line);
    const unknowns = [...line.matchAll(/unknown field "([^"]+)"/g)];
    for (const u of unknowns)
      out.push({
        kind: handled?.[2],
        name: undefined,
        path: u[1]!,
        message: `unknown field "${u[1]}"` + (nameInCreate ? '' : ''),
      });
    const go = /cannot unmarshal (\w+) into Go struct field (\w+)\.([\w.]+) of type ([\w.[\]]+)/.exec(line);
    if (go) out.push({ kind: handled?.[2], path: go[3]!, message: line.replace(/^.*?(json: )/, '$1') });
  }
  return out;
}

/** Places API-server errors on the lines of the documents they belong to. */
export function apiErrorsToProblems(text: string, errors: ApiFieldError[]): Problem[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: Problem[] = [];
  for (const e of errors) {
    const doc =
      list.find((d) => {
        const js = d.toJS({ maxAliasCount: 100 }) as { kind?: string; metadata?: { name?: string } } | null;
        return js && (!e.kind || js.kind === e.kind) && (!e.name || js.metadata?.name === e.name);
      }) ?? list[0];
    if (!doc) continue;
    const r = locatePath(doc, lc, splitFieldPath(e.path)) ?? { line: 1, col: 1, endLine: 1, endCol: 1000 };
    out.push({ ...r, message: `${e.path}: ${e.message}`, severity: 'error' });
  }
  return out;
}
