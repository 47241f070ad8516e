import { describe, expect, it } from 'vitest';
import { KubectlError } from './errors';
import { boolFlag, flag, parseFlags } from './verb';

const defs = [
  flag('output', 'o', { short: 'o' }),
  boolFlag('stdin', 'i', { short: 'i' }),
  boolFlag('tty', 't', { short: 't' }),
  flag('image', 'image'),
];

describe('parseFlags', () => {
  it('reads long, short, attached and combined forms', () => {
    const p = parseFlags(['pods', '-oyaml', '--image=nginx', '-n', 'dev', '-it', 'x'], defs, 'get');
    expect(p.args).toEqual(['pods', 'x']);
    expect(p.flags.get('output')).toBe('yaml');
    expect(p.flags.get('image')).toBe('nginx');
    expect(p.flags.get('namespace')).toBe('dev');
    expect(p.flags.get('stdin')).toBe('true');
    expect(p.flags.get('tty')).toBe('true');
  });

  it('keeps everything after -- for the command', () => {
    const p = parseFlags(['web', '--', 'ls', '-la', '--color'], defs, 'exec');
    expect(p.args).toEqual(['web']);
    expect(p.rest).toEqual(['ls', '-la', '--color']);
    expect(p.dashdash).toBe(true);
  });

  it('collects repeated flags', () => {
    const p = parseFlags(['--image', 'a', '--image', 'b'], defs, 'create');
    expect(p.all.get('image')).toEqual(['a', 'b']);
  });

  it('refuses unknown flags with kubectl wording', () => {
    expect(() => parseFlags(['--foo'], defs, 'get')).toThrow(KubectlError);
    expect(() => parseFlags(['-z'], defs, 'get')).toThrow(
      "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.",
    );
    expect(() => parseFlags(['--image'], defs, 'run')).toThrow('error: flag needs an argument: --image');
    expect(() => parseFlags(['--stdin=maybe'], defs, 'run')).toThrow(
      'invalid argument "maybe" for "--stdin" flag',
    );
  });
});
