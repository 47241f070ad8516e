/**
 * `-o go-template=…` / `-o go-template-file=…`: the part of Go's text/template that kubectl tutorials use —
 * fields (`.metadata.name`), variables (`$`, `$x := …`), pipelines (`|`), `if`/`else if`/`else`, `range`
 * (with `$i, $e :=` and `else`), `with`, trim markers (`{{-`, `-}}`), and the functions `index`, `len`,
 * `printf` (%s %d %v %q), `print`, `println`, `eq ne lt le gt ge and or not`, plus kubectl's `base64decode`.
 * Values print as Go prints the decoded JSON: maps as `map[k:v]` with sorted keys, lists as `[a b]`, a
 * missing key as `<no value>`, numbers the way Go formats float64.
 */

export class GoTemplateError extends Error {}

type Tok = { t: 'text'; v: string } | { t: 'action'; v: string };

type Node =
  | { n: 'text'; v: string }
  | { n: 'out'; pipe: string }
  | { n: 'if' | 'with'; pipe: string; then: Node[]; else: Node[] }
  | { n: 'range'; vars: string[]; pipe: string; body: Node[]; else: Node[] };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push({ t: 'text', v: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    let j = open + 2;
    if (src.startsWith('- ', j) || src.startsWith('-\t', j) || src.startsWith('-\n', j)) {
      text = text.replace(/\s+$/, '');
      j += 1;
    }
    // Find the closing braces outside string literals.
    let k = j;
    let q: string | null = null;
    for (; k < src.length; k++) {
      const ch = src[k]!;
      if (q) {
        if (ch === '\\' && q !== '`') k++;
        else if (ch === q) q = null;
      } else if (ch === '"' || ch === '`' || ch === "'") q = ch;
      else if (src.startsWith('}}', k)) break;
    }
    if (k >= src.length) throw new GoTemplateError('unclosed action');
    let body = src.slice(j, k);
    let next = k + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      while (next < src.length && /\s/.test(src[next]!)) next++;
    }
    if (text) out.push({ t: 'text', v: text });
    body = body.trim();
    if (!body.startsWith('/*')) out.push({ t: 'action', v: body });
    i = next;
  }
  return out;
}

function parse(toks: Tok[]): Node[] {
  let pos = 0;
  const seq = (stops: string[]): { nodes: Node[]; stop: string } => {
    const nodes: Node[] = [];
    while (pos < toks.length) {
      const tok = toks[pos++]!;
      if (tok.t === 'text') {
        nodes.push({ n: 'text', v: tok.v });
        continue;
      }
      const a = tok.v;
      const word = a.split(/\s+/)[0]!;
      if (stops.includes(word)) return { nodes, stop: a };
      if (word === 'if' || word === 'with') {
        nodes.push(conditional(word, a.slice(word.length).trim()));
      } else if (word === 'range') {
        let rest = a.slice(5).trim();
        let vars: string[] = [];
        const m = /^(\$\w*)\s*(?:,\s*(\$\w*))?\s*:=\s*/.exec(rest);
        if (m) {
          vars = m[2] ? [m[1]!, m[2]] : [m[1]!];
          rest = rest.slice(m[0].length);
        }
        const body = seq(['else', 'end']);
        const els = body.stop === 'else' ? seq(['end']).nodes : [];
        nodes.push({ n: 'range', vars, pipe: rest, body: body.nodes, else: els });
      } else if (word === 'end' || word === 'else') {
        throw new GoTemplateError(`unexpected {{${word}}}`);
      } else nodes.push({ n: 'out', pipe: a });
    }
    if (stops.length) throw new GoTemplateError('unexpected EOF');
    return { nodes, stop: '' };
  };
  const conditional = (kind: 'if' | 'with', pipe: string): Node => {
    const then = seq(['else', 'end']);
    let els: Node[] = [];
    if (then.stop.startsWith('else')) {
      const rest = then.stop.slice(4).trim();
      if (rest.startsWith('if ')) els = [conditional('if', rest.slice(3).trim())];
      else els = seq(['end']).nodes;
    }
    return { n: kind, pipe, then: then.nodes, else: els };
  };
  return seq([]).nodes;
}

/** Splits an expression into words, keeping strings and parenthesized groups whole. */
function words(expr: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < expr.length) {
    const ch = expr[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let j = i;
    if (ch === '"' || ch === '`') {
      j++;
      while (j < expr.length && expr[j] !== ch) j += expr[j] === '\\' && ch === '"' ? 2 : 1;
      j++;
    } else if (ch === '(') {
      let depth = 0;
      for (; j < expr.length; j++) {
        if (expr[j] === '(') depth++;
        else if (expr[j] === ')' && --depth === 0) break;
      }
      j++;
    } else while (j < expr.length && !/\s/.test(expr[j]!)) j++;
    out.push(expr.slice(i, j));
    i = j;
  }
  return out;
}

const NO_VALUE = Symbol('no value');

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>;
}

function field(v: unknown, name: string): unknown {
  if (v === NO_VALUE || v === null || v === undefined) return NO_VALUE;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    return name in o ? o[name] : NO_VALUE;
  }
  throw new GoTemplateError(`can't evaluate field ${name} in type ${goType(v)}`);
}

function goType(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'interface {}';
}

function truthy(v: unknown): boolean {
  if (v === NO_VALUE || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function unquote(s: string): string {
  if (s.startsWith('`')) return s.slice(1, -1);
  return JSON.parse(s) as string;
}

/** Go's %v of a decoded JSON value. */
export function goString(v: unknown): string {
  if (v === NO_VALUE || v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`;
  const o = v as Record<string, unknown>;
  return `map[${Object.keys(o)
    .sort()
    .map((k) => `${k}:${goString(o[k])}`)
    .join(' ')}]`;
}

/** strconv.FormatFloat(f, 'g', -1, 64): shortest form, exponent from 1e21 up and below 1e-4. */
function goFloat(f: number): string {
  if (Number.isInteger(f) && Math.abs(f) < 1e21) {
    const s = String(f);
    return s.length > 21 ? f.toExponential().replace(/e\+?(-?)(\d)$/, 'e+$10$2') : s;
  }
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    return f.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(f);
}

function printf(format: string, args: unknown[]): string {
  let n = 0;
  return format.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([sdvqfxt%])/g, (_, flags: string, verb: string) => {
    if (verb === '%') return '%';
    const a = args[n++];
    if (a === undefined) return `%!${verb}(MISSING)`;
    let s: string;
    if (verb === 'd') s = typeof a === 'number' ? String(Math.trunc(a)) : `%!d(${goType(a)}=${goString(a)})`;
    else if (verb === 'q') s = JSON.stringify(goString(a));
    else if (verb === 'f')
      s =
        typeof a === 'number'
          ? a.toFixed(/\.(\d+)/.exec(flags)?.[1] ? Number(/\.(\d+)/.exec(flags)![1]) : 6)
          : goString(a);
    else if (verb === 'x')
      s =
        typeof a === 'number'
          ? a.toString(16)
          : [...goString(a)].map((c) => c.charCodeAt(0).toString(16)).join('');
    else s = goString(a);
    const width = /(\d+)/.exec(flags.replace(/\.\d+/, ''))?.[1];
    if (width)
      s = flags.includes('-')
        ? s.padEnd(Number(width))
        : s.padStart(Number(width), flags.startsWith('0') ? '0' : ' ');
    return s;
  });
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === 'eq') return a === b;
  if (op === 'ne') return a !== b;
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string'))
    throw new GoTemplateError(`error calling ${op}: incompatible types for comparison`);
  const x = a as number | string;
  const y = b as number | string;
  return op === 'lt' ? x < y : op === 'le' ? x <= y : op === 'gt' ? x > y : x >= y;
}

function decodeBase64(s: string): string {
  const bin = atob(s);
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

function evalWord(w: string, sc: Scope): unknown {
  if (w.startsWith('"') || w.startsWith('`')) return unquote(w);
  if (w.startsWith('(')) return evalPipe(w.slice(1, -1), sc);
  if (/^-?\d+(\.\d+)?$/.test(w)) return Number(w);
  if (w === 'true' || w === 'false') return w === 'true';
  if (w === 'nil') return null;
  if (w === '.') return sc.dot;
  if (w.startsWith('$')) {
    const [name, ...path] = w.split('.');
    if (!sc.vars.has(name!)) throw new GoTemplateError(`undefined variable: ${name}`);
    return path.reduce<unknown>((v, p) => field(v, p), sc.vars.get(name!));
  }
  if (w.startsWith('.')) return chain(sc.dot, w.slice(1).split('.'));
  throw new GoTemplateError(`function "${w}" not defined`);
}

/**
 * A method of the data (a function-valued field, as another tool's formatter offers: docker's `.Label "k"`),
 * called as Go calls one: with the command's arguments when it ends the chain, else with none.
 */
function callMethod(fn: unknown, name: string, args: unknown[]): unknown {
  const f = fn as (...a: unknown[]) => unknown;
  if (f.length !== args.length)
    throw new GoTemplateError(`wrong number of args for ${name}: want ${f.length} got ${args.length}`);
  return f(...args);
}

/** Follows a field chain; the last step may be a method taking `args`. */
function chain(start: unknown, path: string[], args?: unknown[]): unknown {
  let v = start;
  path.forEach((p, i) => {
    v = field(v, p);
    if (typeof v === 'function') v = callMethod(v, p, i === path.length - 1 ? (args ?? []) : []);
    else if (i === path.length - 1 && args)
      throw new GoTemplateError(`can't give argument to non-function .${path.join('.')}`);
  });
  return v;
}

const FUNCS = new Set([
  'index',
  'len',
  'printf',
  'print',
  'println',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'and',
  'or',
  'not',
  'base64decode',
]);

function call(fn: string, args: unknown[]): unknown {
  switch (fn) {
    case 'index': {
      let v = args[0];
      for (const k of args.slice(1)) {
        if (Array.isArray(v) && typeof k === 'number') v = k < v.length ? v[k] : NO_VALUE;
        else if (v && typeof v === 'object' && typeof k === 'string')
          v = k in v ? (v as Record<string, unknown>)[k] : NO_VALUE;
        else if (v === NO_VALUE || v === null) v = NO_VALUE;
        else
          throw new GoTemplateError(`error calling index: cannot index slice/array with type ${goType(k)}`);
      }
      return v;
    }
    case 'len': {
      const v = args[0];
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      if (v && typeof v === 'object') return Object.keys(v).length;
      throw new GoTemplateError(`error calling len: len of type ${goType(v)}`);
    }
    case 'printf':
      return printf(String(args[0] ?? ''), args.slice(1));
    case 'print':
      return args.map(goString).join('');
    case 'println':
      return args.map(goString).join(' ') + '\n';
    case 'not':
      return !truthy(args[0]);
    case 'and':
      return args.find((a) => !truthy(a)) ?? args[args.length - 1];
    case 'or':
      return args.find((a) => truthy(a)) ?? args[args.length - 1];
    case 'base64decode':
      return decodeBase64(String(args[0]));
    default:
      if (fn === 'eq' && args.length > 2) return args.slice(1).some((b) => compare('eq', args[0], b));
      return compare(fn, args[0], args[1]);
  }
}

/** Functions a caller adds for one run (the docker CLI's `json`, `upper`, `join` …). */
export type TemplateFuncs = Record<string, (...args: unknown[]) => unknown>;
let extraFuncs: TemplateFuncs = {};

function evalCommand(cmd: string, sc: Scope, piped?: { v: unknown }): unknown {
  const ws = words(cmd);
  if (!ws.length) throw new GoTemplateError('missing value for command');
  const head = ws[0]!;
  const extra = Object.hasOwn(extraFuncs, head) ? extraFuncs[head] : undefined;
  if (extra) {
    const args = ws.slice(1).map((w) => evalWord(w, sc));
    if (piped) args.push(piped.v);
    return extra(...args);
  }
  if (FUNCS.has(head)) {
    const args = ws.slice(1).map((w) => evalWord(w, sc));
    if (piped) args.push(piped.v);
    return call(head, args);
  }
  if ((ws.length > 1 || piped) && /^\.\w/.test(head)) {
    const args = ws.slice(1).map((w) => evalWord(w, sc));
    if (piped) args.push(piped.v);
    return chain(sc.dot, head.slice(1).split('.'), args);
  }
  if (ws.length > 1 || piped) throw new GoTemplateError(`can't give argument to non-function ${head}`);
  return evalWord(head, sc);
}

/** Splits a pipeline on `|` outside strings and parentheses. */
function splitPipe(pipe: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let q: string | null = null;
  for (let i = 0; i < pipe.length; i++) {
    const ch = pipe[i]!;
    if (q) {
      cur += ch;
      if (ch === '\\' && q === '"') cur += pipe[++i] ?? '';
      else if (ch === q) q = null;
      continue;
    }
    if (ch === '"' || ch === '`') q = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

function evalPipe(pipe: string, sc: Scope): unknown {
  const decl = /^(\$\w+)\s*:?=\s*/.exec(pipe);
  const body = decl ? pipe.slice(decl[0].length) : pipe;
  let v: { v: unknown } | undefined;
  for (const cmd of splitPipe(body)) v = { v: evalCommand(cmd, sc, v) };
  if (decl) {
    sc.vars.set(decl[1]!, v!.v);
    return undefined;
  }
  return v!.v;
}

function exec(nodes: Node[], sc: Scope, out: string[]): void {
  for (const node of nodes) {
    switch (node.n) {
      case 'text':
        out.push(node.v);
        break;
      case 'out': {
        // A declaration (`$x := …`) evaluates to undefined and prints nothing.
        const v = evalPipe(node.pipe, sc);
        if (v !== undefined) out.push(goString(v));
        break;
      }
      case 'if':
      case 'with': {
        const v = evalPipe(node.pipe, sc);
        if (truthy(v)) exec(node.then, node.n === 'with' ? { dot: v, vars: new Map(sc.vars) } : sc, out);
        else exec(node.else, sc, out);
        break;
      }
      case 'range': {
        const v = evalPipe(node.pipe, sc);
        const entries: [unknown, unknown][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v && typeof v === 'object'
            ? Object.keys(v)
                .sort()
                .map((k) => [k, (v as Record<string, unknown>)[k]])
            : [];
        if (v !== NO_VALUE && v !== null && !Array.isArray(v) && typeof v !== 'object')
          throw new GoTemplateError(`range can't iterate over ${goString(v)}`);
        if (!entries.length) exec(node.else, sc, out);
        for (const [k, x] of entries) {
          const vars = new Map(sc.vars);
          if (node.vars.length === 1) vars.set(node.vars[0]!, x);
          if (node.vars.length === 2) {
            vars.set(node.vars[0]!, k);
            vars.set(node.vars[1]!, x);
          }
          exec(node.body, { dot: x, vars }, out);
        }
        break;
      }
    }
  }
}

/** Parses a template (throws GoTemplateError on a syntax error). */
export function parseGoTemplate(template: string): void {
  parse(lex(template));
}

/**
 * Runs a Go template over a decoded JSON value, as kubectl's go-template printer does; `funcs` adds the
 * functions another tool's template set has (docker's `json`, `upper` …) for this run only.
 */
export function runGoTemplate(template: string, data: unknown, funcs: TemplateFuncs = {}): string {
  const nodes = parse(lex(template));
  const out: string[] = [];
  const saved = extraFuncs;
  extraFuncs = funcs;
  try {
    exec(nodes, { dot: data, vars: new Map([['$', data]]) }, out);
  } finally {
    extraFuncs = saved;
  }
  return out.join('');
}
