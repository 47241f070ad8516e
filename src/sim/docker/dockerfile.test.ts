import { describe, expect, it } from 'vitest';
import { dockerignoreMatcher, parseDockerfile, parseKeyValues } from './dockerfile';

describe('parseDockerfile', () => {
  it('parses exec and shell forms, flags, continuations and comments', () => {
    const r = parseDockerfile(
      '# syntax=docker/dockerfile:1\nFROM node:20-alpine AS build\nWORKDIR /app\nCOPY --from=build /app/dist /srv\nRUN apk add curl \\\n    && echo done\nCMD ["node", "server.js"]\n',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [from, , copy, run, cmd] = r.instructions;
    expect(from!.args).toEqual(['node:20-alpine', 'AS', 'build']);
    expect(copy!.flags).toEqual({ from: 'build' });
    expect(copy!.args).toEqual(['/app/dist', '/srv']);
    expect(run!.raw).toBe('apk add curl     && echo done');
    expect(cmd).toMatchObject({ json: true, args: ['node', 'server.js'] });
  });

  it('rejects unknown instructions with the line number', () => {
    const r = parseDockerfile('FROM alpine\nRUNN echo hi\n');
    expect(r).toEqual({ ok: false, message: 'dockerfile parse error on line 2: unknown instruction: RUNN' });
  });

  it('requires FROM first (ARG may precede it)', () => {
    expect(parseDockerfile('ARG V=1\nFROM alpine:${V}\n').ok).toBe(true);
    const r = parseDockerfile('RUN echo\n');
    expect(r.ok).toBe(false);
  });

  it('reads ENV in both forms', () => {
    const r = parseDockerfile('FROM a\nENV A=1 B="two words"\nENV C hello world\n');
    if (!r.ok) throw new Error(r.message);
    expect(parseKeyValues(r.instructions[1]!)).toEqual([
      ['A', '1'],
      ['B', 'two words'],
    ]);
    expect(parseKeyValues(r.instructions[2]!)).toEqual([['C', 'hello world']]);
  });
});

describe('.dockerignore', () => {
  it('matches globs, folders and exceptions', () => {
    const ig = dockerignoreMatcher('node_modules\n*.log\n!keep.log\n**/secret.txt\n');
    expect(ig('node_modules/x/index.js')).toBe(true);
    expect(ig('debug.log')).toBe(true);
    expect(ig('keep.log')).toBe(false);
    expect(ig('a/b/secret.txt')).toBe(true);
    expect(ig('src/app.js')).toBe(false);
  });
});
