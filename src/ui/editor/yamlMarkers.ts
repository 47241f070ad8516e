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

/** The parser's messages for indentation mistakes, said plainly (its own texts point at the wrong spot). */
const PLAIN: Record<string, { en: string; zh: string }> = {
  MULTILINE_IMPLICIT_KEY: {
    en: 'Indentation: this line does not line up with the keys above it.',
    zh: '缩进有误：这一行没有和上面的键对齐。',
  },
  BLOCK_AS_IMPLICIT_KEY: {
    en: 'Indentation: this line does not line up with the keys above it.',
    zh: '缩进有误：这一行没有和上面的键对齐。',
  },
  BAD_INDENT: {
    en: 'Indentation: the keys of one mapping must start in the same column.',
    zh: '缩进有误：同一映射中的键必须从同一列开始。',
  },
};

export function yamlSyntaxProblems(text: string, lang: 'en' | 'zh' = 'en'): Problem[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { prettyErrors: true, lineCounter: lc });
  const list = Array.isArray(docs) ? docs : [docs];
  const lines = text.split('\n');
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const d of list)
    for (const e of [...d.errors, ...d.warnings]) {
      let p = e.linePos?.[0] ?? { line: 1, col: 1 };
      let q = e.linePos?.[1] ?? p;
      // a key indented wrongly makes the line above a multi-line "implicit key": the mistake is on the last line
      if (e.code === 'MULTILINE_IMPLICIT_KEY' && q.line > p.line) {
        const l = lines[q.line - 1] ?? '';
        const col = l.length - l.trimStart().length + 1;
        p = { line: q.line, col };
        q = { line: q.line, col: Math.max(col + 1, l.length + 1) };
      }
      const plain = PLAIN[e.code]?.[lang];
      // the parser's text ends in " at line N, column M:" followed by an excerpt: cut it off
      const message = plain ?? e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const sig = `${plain ?? e.code}@${p.line}`;
      if (seen.has(sig)) continue;
      seen.add(sig);
      out.push({
        line: p.line,
        col: p.col,
        endLine: q.line,
        endCol: Math.max(q.col, p.col + 1),
        message,
        severity: d.errors.includes(e as never) ? 'error' : 'warning',
      });
    }
  // one mistake reported twice (as a nested mapping at the line above, and as a multi-line key): keep the later line
  return out.filter(
    (x) =>
      !(
        x.message === PLAIN.BLOCK_AS_IMPLICIT_KEY![lang] &&
        out.some((y) => y !== x && y.message === x.message && y.line === x.line + 1)
      ),
  );
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
    } else if (isSeq(node) && typeof seg === 'string') {
      // a path without the item's index (`containers.imagee`): the first item that has that key
      const item = node.items.find(
        (it) => isMap(it) && it.items.some((p) => (isScalar(p.key) ? p.key.value : p.key) === seg),
      );
      if (!isMap(item)) break;
      const pair = item.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg)!;
      best = rangeOf(pair.key as YNode, lc) ?? best;
      if (isScalar(pair.value) && best) best = { ...best, endCol: rangeOf(pair.value, lc)?.endCol ?? 1000 };
      node = pair.value;
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
    // `unknown field "a.b.c"` already names its path: said once, not twice
    const message = e.message.includes(`"${e.path}"`) ? e.message : `${e.path}: ${e.message}`;
    out.push({ ...r, message, severity: 'error' });
  }
  return out;
}
