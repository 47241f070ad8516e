/**
 * A small, safe Markdown reader. It produces a tree of plain data that the UI turns into elements; no HTML is
 * ever produced or interpreted, so `<script>` or `onerror=` in a lesson stay visible text. Links keep http(s)
 * targets only. Kubelab extras: `[[term]]` glossary links, ```run blocks (Run this), ```yaml file=x blocks.
 */

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'link'; href: string; c: Inline[] }
  | { t: 'term'; id: string; label?: string };

export type Block =
  | { t: 'heading'; level: 1 | 2 | 3; c: Inline[] }
  | { t: 'para'; c: Inline[] }
  | { t: 'list'; ordered: boolean; items: Inline[][] }
  | { t: 'quote'; c: Inline[] }
  | { t: 'code'; lang: string; file?: string; text: string };

/** Parses Markdown into blocks. Never throws. */
export function parseMarkdown(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const out: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push({ t: 'para', c: parseInline(para.join(' ')) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/.exec(line);
    if (fence) {
      flush();
      const marker = fence[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(marker)) body.push(lines[i++]!);
      const block: Block = { t: 'code', lang: fence[2]!.toLowerCase(), text: body.join('\n') };
      const file = /(?:^|\s)file=([\w./-]+)/.exec(fence[3]!);
      if (file) block.file = file[1]!;
      out.push(block);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      out.push({ t: 'heading', level: h[1]!.length as 1 | 2 | 3, c: parseInline(h[2]!.trim()) });
      continue;
    }
    const q = /^>\s?(.*)$/.exec(line);
    if (q) {
      flush();
      const body = [q[1]!];
      while (i + 1 < lines.length && /^>\s?/.test(lines[i + 1]!)) body.push(lines[++i]!.replace(/^>\s?/, ''));
      out.push({ t: 'quote', c: parseInline(body.join(' ')) });
      continue;
    }
    const li = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (li) {
      flush();
      const ordered = /\d/.test(li[1]!);
      const items: string[] = [li[2]!];
      while (i + 1 < lines.length) {
        const next = lines[i + 1]!;
        const m = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(next);
        if (m && /\d/.test(m[1]!) === ordered) {
          items.push(m[2]!);
          i++;
        } else if (next.trim() && /^\s{2,}/.test(next) && !/^\s*(`{3,}|~{3,})/.test(next)) {
          items[items.length - 1] += ' ' + next.trim();
          i++;
        } else break;
      }
      out.push({ t: 'list', ordered, items: items.map(parseInline) });
      continue;
    }
    para.push(line.trim());
  }
  flush();
  return out;
}

const SAFE_HREF = /^https?:\/\/[^\s<>"'`]+$/i;

/** True for a link target Kubelab will follow: http(s) only. */
export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href.trim());
}

/** Parses inline Markdown. Unknown or unsafe syntax stays literal text. */
export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const push = (n: Inline) => {
    if (text) out.push({ t: 'text', v: text });
    text = '';
    out.push(n);
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    const rest = src.slice(i);
    if (ch === '\\' && i + 1 < src.length && /[\\`*_[\]()#>-]/.test(src[i + 1]!)) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = src.indexOf('`', i + 1);
      if (end > i) {
        push({ t: 'code', v: src.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (rest.startsWith('[[')) {
      const m = /^\[\[([a-z0-9][a-z0-9-]*)(?:\|([^\]]+))?\]\]/.exec(rest);
      if (m) {
        push(m[2] ? { t: 'term', id: m[1]!, label: m[2] } : { t: 'term', id: m[1]! });
        i += m[0].length;
        continue;
      }
    }
    if (ch === '[') {
      const m = /^\[([^\]]*)\]\(([^)\s]*)\)/.exec(rest);
      if (m) {
        if (isSafeHref(m[2]!)) push({ t: 'link', href: m[2]!.trim(), c: parseInline(m[1]!) });
        else {
          // Unsafe target (javascript:, data:, relative): keep the label as text, drop the target.
          for (const n of parseInline(m[1]!)) push(n);
        }
        i += m[0].length;
        continue;
      }
    }
    if (rest.startsWith('**') || rest.startsWith('__')) {
      const mark = rest.slice(0, 2);
      const end = src.indexOf(mark, i + 2);
      if (end > i + 2) {
        push({ t: 'strong', c: parseInline(src.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && src[i + 1] !== ' ' && src[i + 1] !== undefined) {
      const end = src.indexOf(ch, i + 1);
      const before = i === 0 ? ' ' : src[i - 1]!;
      if (end > i + 1 && (ch === '*' || /[\s(（]/.test(before)) && src[end - 1] !== ' ') {
        push({ t: 'em', c: parseInline(src.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    text += ch;
    i++;
  }
  if (text) out.push({ t: 'text', v: text });
  return out;
}

/** Glossary ids and editor files a document refers to. */
export function collectRefs(blocks: Block[]): { terms: string[]; files: string[] } {
  const terms: string[] = [];
  const files: string[] = [];
  const walk = (c: Inline[]) => {
    for (const n of c) {
      if (n.t === 'term') terms.push(n.id);
      else if (n.t === 'strong' || n.t === 'em' || n.t === 'link') walk(n.c);
    }
  };
  for (const b of blocks) {
    if (b.t === 'code') {
      if (b.file) files.push(b.file);
    } else if (b.t === 'list') b.items.forEach(walk);
    else walk(b.c);
  }
  return { terms, files };
}

/** Plain text of inline nodes (for titles, aria labels, tests). */
export function inlineText(c: Inline[], termLabel: (id: string) => string = (id) => id): string {
  return c
    .map((n) => {
      switch (n.t) {
        case 'text':
        case 'code':
          return n.v;
        case 'term':
          return n.label ?? termLabel(n.id);
        default:
          return inlineText(n.c, termLabel);
      }
    })
    .join('');
}

/** The commands of every ```run block, in order. */
export function runBlocks(blocks: Block[]): string[] {
  return blocks
    .filter((b): b is Extract<Block, { t: 'code' }> => b.t === 'code' && b.lang === 'run')
    .map((b) => b.text);
}
