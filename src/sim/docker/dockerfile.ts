/**
 * Dockerfile parsing: line continuations, comments, parser directives, JSON (exec) and shell forms, and the
 * instructions Kubelab builds (FROM … AS, RUN, COPY [--from] [--chown], ADD, ENV, ARG, WORKDIR, EXPOSE, CMD,
 * ENTRYPOINT, USER, LABEL, VOLUME, STOPSIGNAL, HEALTHCHECK, SHELL, ONBUILD).
 */

export const KNOWN_INSTRUCTIONS = [
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
] as const;

export interface Instruction {
  /** Upper-case keyword. */
  cmd: string;
  /** Text after the keyword, continuations joined. */
  raw: string;
  /** `--from=builder` style flags (COPY, ADD, RUN). */
  flags: Record<string, string>;
  /** Arguments: the JSON array for exec form, else whitespace-split words. */
  args: string[];
  /** True when written in JSON (exec) form. */
  json: boolean;
  /** 1-based line of the instruction. */
  line: number;
  /** The instruction as BuildKit prints it (`RUN npm install`). */
  text: string;
}

export type ParseDockerfileResult =
  { ok: true; instructions: Instruction[] } | { ok: false; message: string };

function splitWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  let any = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (q) {
      if (ch === q) q = null;
      else if (ch === '\\' && q === '"' && i + 1 < s.length) cur += s[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      any = true;
    } else if (/\s/.test(ch)) {
      if (cur || any) out.push(cur);
      cur = '';
      any = false;
    } else if (ch === '\\' && i + 1 < s.length) {
      cur += s[++i];
    } else cur += ch;
  }
  if (cur || any) out.push(cur);
  return out;
}

export { splitWords };

export function parseDockerfile(text: string): ParseDockerfileResult {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const startLine = i + 1;
    let line = lines[i]!;
    i++;
    if (/^\s*#/.test(line) || !line.trim()) continue;
    while (/\\\s*$/.test(line) && i <= lines.length) {
      line = line.replace(/\\\s*$/, '');
      while (i < lines.length && /^\s*#/.test(lines[i]!)) i++;
      if (i >= lines.length) break;
      // The escape and the newline go; the next line's indentation stays (as `docker history` shows).
      line += lines[i]!;
      i++;
    }
    const m = /^\s*(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const cmd = m[1]!.toUpperCase();
    let rest = m[2]!.trim();
    if (!(KNOWN_INSTRUCTIONS as readonly string[]).includes(cmd)) {
      return {
        ok: false,
        message: `dockerfile parse error on line ${startLine}: unknown instruction: ${m[1]}`,
      };
    }
    const flags: Record<string, string> = {};
    if (cmd === 'COPY' || cmd === 'ADD' || cmd === 'RUN' || cmd === 'FROM') {
      for (;;) {
        const f = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest);
        if (!f) break;
        flags[f[1]!] = f[2] ?? 'true';
        rest = rest.slice(f[0].length);
      }
    }
    let args: string[];
    let json = false;
    if (
      rest.startsWith('[') &&
      ['RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'VOLUME', 'SHELL'].includes(cmd)
    ) {
      try {
        const parsed: unknown = JSON.parse(rest);
        if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string'))
          throw new Error('not strings');
        args = parsed as string[];
        json = true;
      } catch {
        args = cmd === 'RUN' || cmd === 'CMD' || cmd === 'ENTRYPOINT' ? [rest] : splitWords(rest);
      }
    } else if (cmd === 'RUN' || cmd === 'CMD' || cmd === 'ENTRYPOINT') {
      args = [rest];
    } else {
      args = splitWords(rest);
    }
    if (!rest && cmd !== 'RUN') {
      return {
        ok: false,
        message: `dockerfile parse error on line ${startLine}: ${cmd} requires at least one argument`,
      };
    }
    const flagText = Object.entries(flags)
      .map(([k, v]) => `--${k}=${v}`)
      .join(' ');
    out.push({
      cmd,
      raw: rest,
      flags,
      args,
      json,
      line: startLine,
      text: `${cmd} ${flagText ? flagText + ' ' : ''}${rest}`.trim(),
    });
  }
  if (!out.length) return { ok: false, message: 'the Dockerfile (Dockerfile) cannot be empty' };
  const first = out.find((x) => x.cmd !== 'ARG');
  if (!first || first.cmd !== 'FROM') {
    return {
      ok: false,
      message: `dockerfile parse error on line ${first?.line ?? 1}: no build stage in current context`,
    };
  }
  return { ok: true, instructions: out };
}

/** Parses `KEY=VALUE KEY2="v 2"` or the legacy `KEY value` form (ENV, LABEL, ARG). */
export function parseKeyValues(ins: Instruction): [string, string][] {
  const words = splitWords(ins.raw);
  if (words.length && !words[0]!.includes('=') && ins.cmd !== 'ARG') {
    const sp = ins.raw.indexOf(' ');
    return [
      [
        words[0]!,
        sp > 0
          ? ins.raw
              .slice(sp + 1)
              .trim()
              .replace(/^"(.*)"$/, '$1')
          : '',
      ],
    ];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? [w, ''] : [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/** `.dockerignore` patterns → a matcher (`*`, `**`, `?`, `!` exceptions; last match wins). */
export function dockerignoreMatcher(text: string | undefined): (path: string) => boolean {
  const rules: { neg: boolean; re: RegExp }[] = [];
  for (const rawLine of (text ?? '').split('\n')) {
    let l = rawLine.trim();
    if (!l || l.startsWith('#')) continue;
    const neg = l.startsWith('!');
    if (neg) l = l.slice(1).trim();
    l = l.replace(/^\/+/, '').replace(/\/+$/, '');
    let re = '';
    for (let i = 0; i < l.length; i++) {
      const ch = l[i]!;
      if (ch === '*' && l[i + 1] === '*') {
        re += '.*';
        i++;
        if (l[i + 1] === '/') i++;
      } else if (ch === '*') re += '[^/]*';
      else if (ch === '?') re += '[^/]';
      else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    rules.push({ neg, re: new RegExp(`^${re}(/.*)?$`) });
  }
  return (path: string) => {
    let ignored = false;
    for (const r of rules) if (r.re.test(path)) ignored = !r.neg;
    return ignored;
  };
}
