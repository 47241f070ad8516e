import { describe, expect, it } from 'vitest';
import { isOn, lastValue, letters, parseArgv, pflagMessage, type FlagSpec } from './flags';

const table: FlagSpec[] = [
  { name: 'namespace', short: 'n', value: true },
  { name: 'all', short: 'A', value: false },
  { name: 'interactive', short: 'i', value: false },
  { name: 'tty', short: 't', value: false },
  { name: 'env', short: 'e', value: true },
];

describe('parseArgv (pflag)', () => {
  it('reads long, short, combined, inline and repeated flags', () => {
    const r = parseArgv(
      ['get', '-n', 'kube-system', '--env=A=1', '-eB=2', '-it', '-nx', 'pods', '-1'],
      table,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.p.args).toEqual(['get', 'pods', '-1']);
    expect(r.p.values.get('env')).toEqual(['A=1', 'B=2']);
    expect(lastValue(r.p, 'namespace')).toBe('x');
    expect(isOn(r.p, 'interactive') && isOn(r.p, 'tty')).toBe(true);
  });
  it('ends flags at -- and keeps the words after it apart', () => {
    const r = parseArgv(['exec', 'web', '--', 'ls', '-l'], table);
    expect(r.ok && r.p.dashdash && r.p.rest).toEqual(['ls', '-l']);
  });
  it('stops at the first positional when asked (docker run IMAGE CMD)', () => {
    const r = parseArgv(['-i', 'busybox', 'ls', '-A'], table, { stopAtPositional: true });
    expect(r.ok && r.p.args).toEqual(['busybox', 'ls', '-A']);
  });
  it('takes booleans as strconv.ParseBool does', () => {
    const r = parseArgv(['--all=F', '--tty=1'], table);
    expect(r.ok && [lastValue(r.p, 'all'), lastValue(r.p, 'tty')]).toEqual(['false', 'true']);
    const bad = parseArgv(['--all=yes'], table);
    expect(!bad.ok && pflagMessage(bad.error)).toBe(
      'invalid argument "yes" for "--all" flag: strconv.ParseBool: parsing "yes": invalid syntax',
    );
  });
  it.each([
    [['--foo'], 'unknown flag: --foo'],
    [['-z'], "unknown shorthand flag: 'z' in -z"],
    [['-iz'], "unknown shorthand flag: 'z' in -iz"],
    [['--namespace'], 'flag needs an argument: --namespace'],
    [['-n'], "flag needs an argument: 'n' in -n"],
  ])('refuses %j with pflag wording', (argv, msg) => {
    const r = parseArgv(argv, table);
    expect(!r.ok && pflagMessage(r.error)).toBe(msg);
  });
});

describe('parseArgv (go, getopt)', () => {
  it('go style: one dash or two, names or letters', () => {
    const r = parseArgv(['reset', '-namespace', 'a', '--all', '-n=b'], table, { style: 'go' });
    expect(r.ok && [r.p.args, lastValue(r.p, 'namespace'), isOn(r.p, 'all')]).toEqual([['reset'], 'b', true]);
    const bad = parseArgv(['-l', 'x'], table, { style: 'go' });
    expect(!bad.ok && bad.error).toEqual({ k: 'unknown', name: 'l', word: '-l' });
  });
  it('getopt style: letters combine, a value letter takes the rest of the word, unknown letters are kept', () => {
    const r = parseArgv(['-inA2', '--ignore-case', 'pat', '-'], [...letters('in', 'A')], {
      style: 'getopt',
      lenient: true,
    });
    expect(r.ok && [...r.p.values.entries()]).toEqual([
      ['i', ['true']],
      ['n', ['true']],
      ['A', ['2']],
      ['ignore-case', ['true']],
    ]);
    expect(r.ok && r.p.args).toEqual(['pat', '-']);
    const missing = parseArgv(['-A'], letters('', 'A'), { style: 'getopt' });
    expect(missing.ok && lastValue(missing.p, 'A')).toBe('');
  });
});
