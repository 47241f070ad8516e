/**
 * kubectl's JSONPath templates: `{.items[*].metadata.name}`, `{range .items[*]}{.metadata.name}{"\n"}{end}`,
 * `{.status.conditions[?(@.type=="Ready")].status}`, `{..image}`, `{.items[0:2]}`. Maps and lists print as JSON,
 * several results are joined by a space.
 */

type Node =
  { t: 'text'; v: string } | { t: 'path'; steps: Step[] } | { t: 'range'; steps: Step[]; body: Node[] };

type Step =
  | { s: 'field'; name: string }
  | { s: 'recursive'; name: string }
  | { s: 'wild' }
  | { s: 'index'; i: number }
  | { s: 'slice'; start?: number; end?: number }
  | { s: 'filter'; path: Step[]; op?: string; value?: unknown }
  | { s: 'union'; names: string[] };

export class JsonPathError extends Error {}

export function parseTemplate(tpl: string): Node[] {
  const tokens: { kind: 'text' | 'expr'; v: string }[] = [];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i);
    if (open < 0) {
      tokens.push({ kind: 'text', v: tpl.slice(i) });
      break;
    }
    if (open > i) tokens.push({ kind: 'text', v: tpl.slice(i, open) });
    let depth = 0;
    let j = open;
    let inStr: string | null = null;
    for (; j < tpl.length; j++) {
      const ch = tpl[j]!;
      if (inStr) {
        if (ch === '\\') j++;
        else if (ch === inStr) inStr = null;
        continue;
      }
      if (ch === '"' || ch === "'") inStr = ch;
      else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) break;
    }
    if (j >= tpl.length) throw new JsonPathError(`unclosed action`);
    tokens.push({ kind: 'expr', v: tpl.slice(open + 1, j).trim() });
    i = j + 1;
  }
  let pos = 0;
  const parseSeq = (inRange: boolean): Node[] => {
    const out: Node[] = [];
    while (pos < tokens.length) {
      const tok = tokens[pos++]!;
      if (tok.kind === 'text') {
        out.push({ t: 'text', v: tok.v });
        continue;
      }
      const e = tok.v;
      if (e === 'end') {
        if (!inRange) throw new JsonPathError('not in range, nothing to end');
        return out;
      }
      if (e.startsWith('range ')) {
        const steps = parsePath(e.slice(6).trim());
        const body = parseSeq(true);
        out.push({ t: 'range', steps, body });
        continue;
      }
      const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(e) ?? /^'((?:[^'\\]|\\.)*)'$/.exec(e);
      if (lit) {
        out.push({ t: 'text', v: unescape(lit[1]!) });
        continue;
      }
      out.push({ t: 'path', steps: parsePath(e) });
    }
    if (inRange) throw new JsonPathError('unexpected EOF: range without end');
    return out;
  };
  return parseSeq(false);
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function parseLiteral(v: string): unknown {
  const t = v.trim();
  const q = /^"(.*)"$/.exec(t) ?? /^'(.*)'$/.exec(t);
  if (q) return q[1];
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return t;
}

export function parsePath(expr: string): Step[] {
  let e = expr.trim();
  // `$` is the root, `@` the current object; a path below the template's cursor means the same after either.
  if (e.startsWith('$') || e.startsWith('@')) e = e.slice(1);
  const steps: Step[] = [];
  let i = 0;
  // A field name runs to the next `.`, `[` or blank; `\.` is a dot inside the name (`{.data.tls\.crt}`,
  // annotation keys such as `kubernetes\.io/change-cause`), as in kubectl's JSONPath parser.
  const ident = (): string => {
    let name = '';
    while (i < e.length) {
      const ch = e[i]!;
      if (ch === '\\' && i + 1 < e.length) {
        name += e[i + 1];
        i += 2;
        continue;
      }
      if (ch === '.' || ch === '[' || ch === ']' || /\s/.test(ch)) break;
      name += ch;
      i++;
    }
    return name;
  };
  while (i < e.length) {
    const ch = e[i]!;
    if (e.startsWith('..', i)) {
      i += 2;
      const name = ident();
      steps.push(name === '*' || !name ? { s: 'wild' } : { s: 'recursive', name });
    } else if (ch === '.') {
      i++;
      const name = ident();
      // A lone trailing `.` (`{.}`) is a field with an empty name, which nothing has: kubectl prints
      // nothing for it (the current object is `{@}`).
      if (!name && i >= e.length) steps.push({ s: 'field', name: '' });
      if (!name) continue;
      steps.push(name === '*' ? { s: 'wild' } : { s: 'field', name });
    } else if (ch === '[') {
      let depth = 0;
      let j = i;
      for (; j < e.length; j++) {
        if (e[j] === '[') depth++;
        else if (e[j] === ']' && --depth === 0) break;
      }
      if (j >= e.length) throw new JsonPathError(`unterminated array`);
      const inner = e.slice(i + 1, j).trim();
      i = j + 1;
      if (inner === '*') steps.push({ s: 'wild' });
      else if (/^-?\d+$/.test(inner)) steps.push({ s: 'index', i: Number(inner) });
      else if (/^-?\d*:-?\d*$/.test(inner)) {
        const [a, b] = inner.split(':');
        steps.push({ s: 'slice', ...(a ? { start: Number(a) } : {}), ...(b ? { end: Number(b) } : {}) });
      } else if (inner.startsWith('?(') && inner.endsWith(')')) {
        const cond = inner.slice(2, -1).trim();
        const m = /^@((?:\.[^\s=!<>]+)*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(cond);
        if (m) steps.push({ s: 'filter', path: parsePath(m[1]!), op: m[2]!, value: parseLiteral(m[3]!) });
        else if (/^@(\.[^\s]+)$/.test(cond)) steps.push({ s: 'filter', path: parsePath(cond.slice(1)) });
        else throw new JsonPathError(`unrecognized filter: ${cond}`);
      } else {
        const names = inner.split(',').map((n) => n.trim().replace(/^['"]|['"]$/g, ''));
        steps.push(names.length === 1 ? { s: 'field', name: names[0]! } : { s: 'union', names });
      }
    } else if (/\s/.test(ch)) i++;
    else {
      const name = ident();
      if (!name) throw new JsonPathError(`unrecognized character in action: ${ch}`);
      steps.push({ s: 'field', name });
    }
  }
  return steps;
}

function walk(values: unknown[], steps: Step[]): unknown[] {
  let cur = values;
  for (const st of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (st.s) {
        case 'field':
          if (v && typeof v === 'object' && !Array.isArray(v) && st.name in v)
            next.push((v as Record<string, unknown>)[st.name]);
          break;
        case 'union':
          for (const n of st.names)
            if (v && typeof v === 'object' && n in v) next.push((v as Record<string, unknown>)[n]);
          break;
        case 'wild':
          if (Array.isArray(v)) next.push(...v);
          else if (v && typeof v === 'object')
            next.push(...sortedKeys(v).map((key) => (v as Record<string, unknown>)[key]));
          break;
        case 'index':
          if (Array.isArray(v)) {
            const x = st.i < 0 ? v[v.length + st.i] : v[st.i];
            if (x === undefined)
              throw new JsonPathError(`array index out of bounds: index ${st.i}, length ${v.length}`);
            next.push(x);
          }
          break;
        case 'slice':
          if (Array.isArray(v)) next.push(...v.slice(st.start ?? 0, st.end ?? v.length));
          break;
        case 'recursive': {
          const visit = (x: unknown): void => {
            if (Array.isArray(x)) x.forEach(visit);
            else if (x && typeof x === 'object') {
              for (const k of sortedKeys(x)) {
                const y = (x as Record<string, unknown>)[k];
                if (k === st.name) next.push(y);
                visit(y);
              }
            }
          };
          visit(v);
          break;
        }
        case 'filter':
          if (Array.isArray(v))
            for (const item of v) {
              const got = walk([item], st.path);
              if (!st.op) {
                if (got.length) next.push(item);
                continue;
              }
              const x = got[0];
              const y = st.value;
              const ok =
                st.op === '=='
                  ? x === y || String(x) === String(y)
                  : st.op === '!='
                    ? x !== y && String(x) !== String(y)
                    : typeof x === 'number' && typeof y === 'number'
                      ? (st.op === '<' && x < y) ||
                        (st.op === '>' && x > y) ||
                        (st.op === '<=' && x <= y) ||
                        (st.op === '>=' && x >= y)
                      : false;
              if (got.length && ok) next.push(item);
            }
          break;
      }
    }
    cur = next;
  }
  return cur;
}

/**
 * kubectl reads the object as JSON into Go maps, whose keys its JSONPath walks and prints in sorted order
 * (`{.data.*}` → values by key, `{.data}` → `{"a":"1","b":"2"}`).
 */
function sortedKeys(v: object): string[] {
  return Object.keys(v).sort();
}

/** Go's json.Marshal: map keys sorted, `<`, `>`, `&` (and U+2028/9) escaped as \u00XX. */
export function goJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(sortedKeys(x).map((key) => [key, (x as Record<string, unknown>)[key]]))
      : x,
  ).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return goJson(v);
  return String(v);
}

/** Evaluates a template against a root value. */
export function evalTemplate(nodes: Node[], root: unknown, allowMissing = true): string {
  const run = (ns: Node[], cursor: unknown): string => {
    let out = '';
    for (const n of ns) {
      if (n.t === 'text') out += n.v;
      else if (n.t === 'path') {
        const vals = walk([cursor], n.steps);
        if (!vals.length && !allowMissing) throw new JsonPathError(`is not found`);
        out += vals.map(show).join(' ');
      } else {
        for (const item of walk([cursor], n.steps).flatMap((x) => (Array.isArray(x) ? x : [x])))
          out += run(n.body, item);
      }
    }
    return out;
  };
  return run(nodes, root);
}

/** Values of one path (custom-columns): every match. */
export function pathValues(expr: string, root: unknown): unknown[] {
  let e = expr.trim();
  if (e.startsWith('{') && e.endsWith('}')) e = e.slice(1, -1);
  if (!e.startsWith('.') && !e.startsWith('$') && !e.startsWith('[')) e = '.' + e;
  return walk([root], parsePath(e));
}

export { show as showJsonPathValue };
