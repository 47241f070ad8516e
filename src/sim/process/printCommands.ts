/**
 * `echo` and `printf` as busybox's sh has them (escapes, `-n`, `-e`, widths).
 */
import type { CmdFn } from './applet';

function echoEscapes(s: string): { text: string; stop: boolean } {
  let stop = false;
  const text = s.replace(/\\(0[0-7]{0,3}|[abcefnrtv\\])/g, (_, e: string) => {
    switch (e) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'e':
        return '\x1b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case '\\':
        return '\\';
      case 'c':
        stop = true;
        return '\u0000';
    }
    return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
  });
  if (stop) return { text: text.slice(0, text.indexOf('\u0000')), stop };
  return { text, stop };
}

function printfFormat(fmt: string, args: string[]): string {
  let out = '';
  let i = 0;
  do {
    let used = 0;
    out += fmt.replace(
      /%(-?\d*)([sdixXc%])|\\(n|t|\\|r)/g,
      (whole, width: string, conv: string, esc: string) => {
        if (esc) return esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === 'r' ? '\r' : '\\';
        if (conv === '%') return '%';
        const a = args[i++] ?? '';
        used++;
        let v = a;
        if (conv === 'd' || conv === 'i') v = String(Math.trunc(Number(a) || 0));
        if (conv === 'x') v = (Math.trunc(Number(a)) || 0).toString(16);
        if (conv === 'X') v = (Math.trunc(Number(a)) || 0).toString(16).toUpperCase();
        if (conv === 'c') v = a.slice(0, 1);
        const w = Number(width);
        if (width && w) v = w < 0 || width.startsWith('-') ? v.padEnd(Math.abs(w)) : v.padStart(w);
        void whole;
        return v;
      },
    );
    if (!used) break;
  } while (i < args.length);
  return out;
}

export const printCommands: Record<string, CmdFn> = {
  true: () => ({ status: 0 }),
  false: () => ({ status: 1 }),
  ':': () => ({ status: 0 }),
  echo: (c) => {
    let i = 1;
    let nl = true;
    let esc = false;
    while (i < c.argv.length && /^-[neE]+$/.test(c.argv[i]!)) {
      const f = c.argv[i]!;
      if (f.includes('n')) nl = false;
      if (f.includes('e')) esc = true;
      if (f.includes('E')) esc = false;
      i++;
    }
    let text = c.argv.slice(i).join(' ');
    if (esc) {
      const r = echoEscapes(text);
      text = r.text;
      if (r.stop) nl = false;
    }
    c.out(text + (nl ? '\n' : ''));
    return { status: 0 };
  },
  printf: (c) => {
    if (c.argv.length < 2) {
      c.err('printf: usage: printf FORMAT [ARGUMENT...]\n');
      return { status: 1 };
    }
    c.out(printfFormat(c.argv[1]!, c.argv.slice(2)));
    return { status: 0 };
  },
};
