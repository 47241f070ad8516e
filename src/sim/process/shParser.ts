/**
 * Parser for the small POSIX shell subset containers run (`sh -c '…'`). The AST is a flat array of JSON nodes
 * referenced by index, so an execution frame can name "the node it is running" with one number and the whole
 * run state stays serializable. Parsing is pure and deterministic: the same source always gives the same AST,
 * which is why process state keeps only the source text and the interpreter re-derives the AST on demand.
 */

/** A piece of a word. `q`: 0 unquoted, 1 single-quoted, 2 double-quoted. */
export type WordPart =
  | { k: 'lit'; v: string; q: 0 | 1 | 2 }
  | { k: 'var'; name: string; q: 0 | 2; op?: string; arg?: Word }
  | { k: 'cmd'; src: string; q: 0 | 2 }
  | { k: 'arith'; src: string; q: 0 | 2 };

export type Word = WordPart[];

export interface Redir {
  /** File descriptor redirected (0, 1, 2). */
  fd: number;
  /** `>` truncate, `>>` append, `<` read, `>&` duplicate (target is a fd number), `&>` both. */
  op: '>' | '>>' | '<' | '>&' | '&>';
  target: Word;
}

export type ShNode =
  | { t: 'list'; items: { n: number; bg: boolean }[] }
  | { t: 'andor'; items: { n: number; op: '&&' | '||' | '' }[] }
  | { t: 'pipe'; cmds: number[]; neg: boolean }
  | { t: 'cmd'; assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redir[]; line: string }
  | { t: 'if'; clauses: { c: number; b: number }[]; else: number; redirs: Redir[] }
  | { t: 'loop'; until: boolean; c: number; b: number; redirs: Redir[] }
  | { t: 'for'; v: string; words: Word[] | null; b: number; redirs: Redir[] }
  | { t: 'group'; b: number; sub: boolean; redirs: Redir[] }
  | { t: 'func'; name: string; b: number };

export interface ShAst {
  nodes: ShNode[];
  /** Index of the root list. */
  root: number;
}

export class ShSyntaxError extends Error {}

type Tok =
  | { k: 'w'; w: Word; raw: string }
  | { k: 'op'; v: string }
  | { k: 'redir'; fd: number; op: Redir['op']; dup?: string }
  | { k: 'nl' }
  | { k: 'eof' };

const OPS = ['&&', '||', ';;', ';', '&', '|', '(', ')'];

/** Finds the index just past the `)` closing a `$(` whose body starts at `i`. */
function scanParens(s: string, i: number, depth = 1): number {
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\') i += 2;
    else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) throw new ShSyntaxError('unterminated quoted string');
      i = j + 1;
    } else if (c === '"') {
      i = scanDouble(s, i + 1) + 1;
    } else if (c === '(') {
      depth++;
      i++;
    } else if (c === ')') {
      depth--;
      i++;
      if (depth === 0) return i;
    } else i++;
  }
  throw new ShSyntaxError('unexpected end of file (expecting ")")');
}

/** Index of the closing `"` of a double-quoted string whose body starts at `i`. */
function scanDouble(s: string, i: number): number {
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\') i += 2;
    else if (c === '"') return i;
    else if (c === '$' && s[i + 1] === '(') i = scanParens(s, i + 2);
    else if (c === '`') {
      const j = s.indexOf('`', i + 1);
      if (j < 0) throw new ShSyntaxError('unterminated quoted string');
      i = j + 1;
    } else i++;
  }
  throw new ShSyntaxError('unterminated quoted string');
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Parses `$…` at s[i] (s[i] === '$'); returns the part and the index after it, or undefined for a lone `$`. */
function parseDollar(s: string, i: number, q: 0 | 2): [WordPart, number] | undefined {
  const n = s[i + 1];
  if (n === '(' && s[i + 2] === '(') {
    const end = scanParens(s, i + 3, 2);
    return [{ k: 'arith', src: s.slice(i + 3, end - 2), q }, end];
  }
  if (n === '(') {
    const end = scanParens(s, i + 2);
    return [{ k: 'cmd', src: s.slice(i + 2, end - 1), q }, end];
  }
  if (n === '{') {
    const end = s.indexOf('}', i + 2);
    if (end < 0) throw new ShSyntaxError('bad substitution');
    const body = s.slice(i + 2, end);
    if (body.startsWith('#') && body.length > 1)
      return [{ k: 'var', name: body.slice(1), q, op: '#len' }, end + 1];
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])(:?[-=+?]|#|%)?(.*)$/s.exec(body);
    if (!m) throw new ShSyntaxError(`\${${body}}: bad substitution`);
    const part: WordPart = { k: 'var', name: m[1]!, q };
    if (m[2]) {
      part.op = m[2];
      part.arg = lexWord(m[3] ?? '', q === 2);
    }
    return [part, end + 1];
  }
  if (n !== undefined && /[?$#@*!0-9-]/.test(n)) return [{ k: 'var', name: n, q }, i + 2];
  const m = NAME_RE.exec(s.slice(i + 1));
  if (m) return [{ k: 'var', name: m[0], q }, i + 1 + m[0].length];
  return undefined;
}

/** Splits the text of one word (already delimited) into parts. `inDouble`: the text sits inside "…". */
function lexWord(text: string, inDouble = false): Word {
  const parts: Word = [];
  const lit = (v: string, q: 0 | 1 | 2) => {
    const last = parts[parts.length - 1];
    if (last && last.k === 'lit' && last.q === q) last.v += v;
    else parts.push({ k: 'lit', v, q });
  };
  let i = 0;
  const dq: 0 | 2 = inDouble ? 2 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      const nx = text[i + 1];
      if (nx === undefined) lit('\\', dq);
      else if (inDouble && !'$`"\\\n'.includes(nx)) lit('\\' + nx, 2);
      else if (nx !== '\n') lit(nx, inDouble ? 2 : 1);
      i += 2;
    } else if (c === "'" && !inDouble) {
      const j = text.indexOf("'", i + 1);
      if (j < 0) throw new ShSyntaxError('unterminated quoted string');
      lit(text.slice(i + 1, j), 1);
      if (j === i + 1) parts.push({ k: 'lit', v: '', q: 1 });
      i = j + 1;
    } else if (c === '"' && !inDouble) {
      const j = scanDouble(text, i + 1);
      const inner = lexWord(text.slice(i + 1, j), true);
      if (inner.length === 0) parts.push({ k: 'lit', v: '', q: 2 });
      for (const p of inner) {
        if (p.k === 'lit') lit(p.v, 2);
        else parts.push(p);
      }
      i = j + 1;
    } else if (c === '$') {
      const r = parseDollar(text, i, dq);
      if (r) {
        parts.push(r[0]);
        i = r[1];
      } else {
        lit('$', dq);
        i++;
      }
    } else if (c === '`') {
      const j = text.indexOf('`', i + 1);
      if (j < 0) throw new ShSyntaxError('unterminated quoted string');
      parts.push({ k: 'cmd', src: text.slice(i + 1, j), q: dq });
      i = j + 1;
    } else {
      lit(c, dq);
      i++;
    }
  }
  return parts;
}

/** Splits source into tokens; words keep their raw text for reserved-word checks. */
export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const isBreak = (c: string) => ' \t\n;&|()<>'.includes(c);
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      toks.push({ k: 'nl' });
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    // redirections: [n]> [n]>> [n]< [n]>&m &>
    const rm = /^(\d?)(>>|>&|<&|>\||>|<)(&?)/.exec(src.slice(i, i + 4));
    if (src.startsWith('&>', i)) {
      toks.push({ k: 'redir', fd: 1, op: '&>' });
      i += src[i + 2] === '>' ? 3 : 2;
      continue;
    }
    if (rm && (rm[1] === '' || isBreak(src[i - 1] ?? ' '))) {
      const fd = rm[1] ? Number(rm[1]) : rm[2]!.startsWith('<') ? 0 : 1;
      let op = rm[2]!;
      i += rm[0].length - rm[3]!.length;
      if (op === '>|') op = '>';
      if (op === '>&' || op === '<&') {
        toks.push({ k: 'redir', fd, op: '>&' });
      } else toks.push({ k: 'redir', fd, op: op as Redir['op'] });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      toks.push({ k: 'op', v: op });
      i += op.length;
      continue;
    }
    // a word: up to an unquoted break character
    const start = i;
    while (i < src.length && !isBreak(src[i]!)) {
      const ch = src[i]!;
      if (ch === '\\') i += 2;
      else if (ch === "'") {
        const j = src.indexOf("'", i + 1);
        if (j < 0) throw new ShSyntaxError('unterminated quoted string');
        i = j + 1;
      } else if (ch === '"') i = scanDouble(src, i + 1) + 1;
      else if (ch === '$' && src[i + 1] === '(') i = scanParens(src, i + 2);
      else if (ch === '$' && src[i + 1] === '{') {
        const j = src.indexOf('}', i);
        if (j < 0) throw new ShSyntaxError('bad substitution');
        i = j + 1;
      } else if (ch === '`') {
        const j = src.indexOf('`', i + 1);
        if (j < 0) throw new ShSyntaxError('unterminated quoted string');
        i = j + 1;
      } else i++;
    }
    const raw = src.slice(start, Math.min(i, src.length));
    toks.push({ k: 'w', w: lexWord(raw), raw });
  }
  toks.push({ k: 'eof' });
  return toks;
}

const LIST_END = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', '}']);

class Parser {
  nodes: ShNode[] = [];
  private p = 0;
  constructor(
    private toks: Tok[],
    private src: string,
  ) {}

  private peek(): Tok {
    return this.toks[this.p]!;
  }
  private next(): Tok {
    return this.toks[this.p++]!;
  }
  private add(n: ShNode): number {
    this.nodes.push(n);
    return this.nodes.length - 1;
  }
  private isWord(t: Tok, v: string): boolean {
    return t.k === 'w' && t.raw === v;
  }
  private skipNl(): void {
    while (this.peek().k === 'nl') this.p++;
  }
  private unexpected(t: Tok): never {
    const what =
      t.k === 'eof'
        ? 'end of file'
        : t.k === 'nl'
          ? 'newline'
          : t.k === 'op'
            ? `"${t.v}"`
            : t.k === 'w'
              ? `"${t.raw}"`
              : 'redirection';
    throw new ShSyntaxError(`syntax error: unexpected ${what}`);
  }
  private expectWord(v: string): void {
    this.skipNl();
    const t = this.next();
    if (!this.isWord(t, v)) {
      if (t.k === 'eof') throw new ShSyntaxError(`syntax error: unexpected end of file (expecting "${v}")`);
      this.unexpected(t);
    }
  }

  /** list := and_or ((';' | '&' | nl) and_or)* — stops at a list terminator. */
  list(top = false): number {
    const items: { n: number; bg: boolean }[] = [];
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (t.k === 'eof') break;
      if (t.k === 'op' && t.v === ')') {
        if (top) this.unexpected(t);
        break;
      }
      if (t.k === 'w' && LIST_END.has(t.raw)) {
        if (top) this.unexpected(t);
        break;
      }
      const n = this.andOr();
      let bg = false;
      const sep = this.peek();
      if (sep.k === 'op' && (sep.v === ';' || sep.v === '&')) {
        bg = sep.v === '&';
        this.p++;
      } else if (sep.k === 'op' && sep.v === ';;') this.unexpected(sep);
      items.push({ n, bg });
    }
    return this.add({ t: 'list', items });
  }

  private andOr(): number {
    const items: { n: number; op: '&&' | '||' | '' }[] = [{ n: this.pipeline(), op: '' }];
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && (t.v === '&&' || t.v === '||')) {
        this.p++;
        this.skipNl();
        items.push({ n: this.pipeline(), op: t.v });
      } else break;
    }
    return items.length === 1 ? items[0]!.n : this.add({ t: 'andor', items });
  }

  private pipeline(): number {
    let neg = false;
    if (this.isWord(this.peek(), '!')) {
      neg = true;
      this.p++;
    }
    const cmds = [this.command()];
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && t.v === '|') {
        this.p++;
        this.skipNl();
        cmds.push(this.command());
      } else break;
    }
    return cmds.length === 1 && !neg ? cmds[0]! : this.add({ t: 'pipe', cmds, neg });
  }

  private redirs(): Redir[] {
    const out: Redir[] = [];
    while (this.peek().k === 'redir') out.push(this.redir());
    return out;
  }

  private redir(): Redir {
    const r = this.next() as Extract<Tok, { k: 'redir' }>;
    const t = this.next();
    if (t.k !== 'w') this.unexpected(t);
    return { fd: r.fd, op: r.op, target: t.w };
  }

  private command(): number {
    const t = this.peek();
    if (t.k === 'op' && t.v === '(') {
      this.p++;
      const b = this.list();
      const close = this.next();
      if (!(close.k === 'op' && close.v === ')')) this.unexpected(close);
      return this.add({ t: 'group', b, sub: true, redirs: this.redirs() });
    }
    if (t.k === 'w') {
      switch (t.raw) {
        case '{': {
          this.p++;
          const b = this.list();
          this.expectWord('}');
          return this.add({ t: 'group', b, sub: false, redirs: this.redirs() });
        }
        case 'if':
          return this.ifCmd();
        case 'while':
        case 'until': {
          this.p++;
          const c = this.list();
          this.expectWord('do');
          const b = this.list();
          this.expectWord('done');
          return this.add({ t: 'loop', until: t.raw === 'until', c, b, redirs: this.redirs() });
        }
        case 'for':
          return this.forCmd();
        case 'then':
        case 'elif':
        case 'else':
        case 'fi':
        case 'do':
        case 'done':
        case '}':
          this.unexpected(t);
      }
    }
    return this.simple();
  }

  private ifCmd(): number {
    this.p++;
    const clauses: { c: number; b: number }[] = [];
    let els = -1;
    const c = this.list();
    this.expectWord('then');
    clauses.push({ c, b: this.list() });
    for (;;) {
      this.skipNl();
      const t = this.next();
      if (this.isWord(t, 'elif')) {
        const c2 = this.list();
        this.expectWord('then');
        clauses.push({ c: c2, b: this.list() });
      } else if (this.isWord(t, 'else')) {
        els = this.list();
        this.expectWord('fi');
        break;
      } else if (this.isWord(t, 'fi')) break;
      else if (t.k === 'eof')
        throw new ShSyntaxError('syntax error: unexpected end of file (expecting "fi")');
      else this.unexpected(t);
    }
    return this.add({ t: 'if', clauses, else: els, redirs: this.redirs() });
  }

  private forCmd(): number {
    this.p++;
    const v = this.next();
    if (v.k !== 'w' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.raw))
      throw new ShSyntaxError(`syntax error: bad for loop variable`);
    let words: Word[] | null = null;
    this.skipNl();
    if (this.isWord(this.peek(), 'in')) {
      this.p++;
      words = [];
      for (;;) {
        const t = this.peek();
        if (t.k === 'w') {
          words.push(t.w);
          this.p++;
        } else break;
      }
      const sep = this.peek();
      if (sep.k === 'op' && sep.v === ';') this.p++;
    } else if (this.peek().k === 'op' && (this.peek() as { v: string }).v === ';') this.p++;
    this.expectWord('do');
    const b = this.list();
    this.expectWord('done');
    return this.add({ t: 'for', v: v.raw, words, b, redirs: this.redirs() });
  }

  private simple(): number {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    const raws: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t.k === 'redir') {
        redirs.push(this.redir());
        continue;
      }
      if (t.k !== 'w') break;
      if (words.length === 0 && (t.raw === '}' || LIST_END.has(t.raw)) && (assigns.length || redirs.length))
        break;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw);
      if (words.length === 0 && m) {
        const first = t.w[0];
        // the name and '=' are in the first unquoted literal part
        if (first && first.k === 'lit' && first.q === 0 && first.v.startsWith(m[0])) {
          const rest: Word = t.w.slice(1);
          const remainder = first.v.slice(m[0].length);
          if (remainder) rest.unshift({ k: 'lit', v: remainder, q: 0 });
          assigns.push({ name: m[1]!, value: rest });
          raws.push(t.raw);
          this.p++;
          continue;
        }
      }
      words.push(t.w);
      raws.push(t.raw);
      this.p++;
      // function definition: name ( ) { … }
      if (words.length === 1 && this.peek().k === 'op' && (this.peek() as { v: string }).v === '(') {
        const close = this.toks[this.p + 1];
        if (close && close.k === 'op' && close.v === ')') {
          this.p += 2;
          this.skipNl();
          const body = this.command();
          return this.add({ t: 'func', name: t.raw, b: body });
        }
      }
    }
    if (!words.length && !assigns.length && !redirs.length) this.unexpected(this.peek());
    return this.add({ t: 'cmd', assigns, words, redirs, line: raws.join(' ') });
  }

  get source(): string {
    return this.src;
  }
}

/** Parses a script. Throws {@link ShSyntaxError} with busybox ash's wording on a syntax error. */
export function parseSh(src: string): ShAst {
  const p = new Parser(tokenize(src), src);
  const root = p.list(true);
  return { nodes: p.nodes, root };
}

const cache = new Map<string, ShAst | ShSyntaxError>();

/** Parses with a bounded memo: the AST is derived data, so caching it keeps no simulation state. */
export function parseShCached(src: string): ShAst {
  let hit = cache.get(src);
  if (!hit) {
    try {
      hit = parseSh(src);
    } catch (e) {
      if (!(e instanceof ShSyntaxError)) throw e;
      hit = e;
    }
    if (cache.size > 500) cache.clear();
    cache.set(src, hit);
  }
  if (hit instanceof ShSyntaxError) throw hit;
  return hit;
}

/** Parses a single word's text (used for `${x:-default}` style arguments and tests). */
export function parseWord(text: string): Word {
  return lexWord(text);
}
