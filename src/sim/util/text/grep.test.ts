import { describe, expect, it } from 'vitest';
import { grep } from './grep';
import type { FilterIo } from './filterIo';

// Expected texts are GNU grep 3's output for the same input and options.
const INPUT = 'a\nb\nmatch1\nc\nd\ne\nf\nmatch2\ng\nmatch3\nh\n';

function run(argv: string[], files: Record<string, string> = {}, stdin = INPUT) {
  let out = '';
  let err = '';
  const io: FilterIo = {
    argv: ['grep', ...argv],
    stdin,
    flavour: 'gnu',
    readFile: (n) => (n in files ? { text: files[n]! } : { error: 'missing' }),
    writeFile: () => false,
    out: (t) => (out += t),
    err: (t) => (err += t),
  };
  const r = grep(io);
  return { out, err, status: r.status };
}

describe('grep context', () => {
  it.each([
    [['-A1', 'match'], 'match1\nc\n--\nmatch2\ng\nmatch3\nh\n'],
    [['-B1', 'match'], 'b\nmatch1\n--\nf\nmatch2\ng\nmatch3\n'],
    [['-C1', 'match'], 'b\nmatch1\nc\n--\nf\nmatch2\ng\nmatch3\nh\n'],
    [['-C', '1', 'match'], 'b\nmatch1\nc\n--\nf\nmatch2\ng\nmatch3\nh\n'],
    [['-n', '-C1', 'match'], '2-b\n3:match1\n4-c\n--\n7-f\n8:match2\n9-g\n10:match3\n11-h\n'],
    [['-A', '2', '-m1', 'match'], 'match1\nc\nd\n'],
    [['-c', 'match'], '3\n'],
  ])('grep %j', (argv, expected) => {
    expect(run(argv).out).toBe(expected);
  });
  it('parts groups across files and marks context lines with -', () => {
    const r = run(['-A1', 'match', 'in.txt', 'f2'], { 'in.txt': INPUT, f2: 'x\nmatch\n' });
    expect(r.out).toBe(
      'in.txt:match1\nin.txt-c\n--\nin.txt:match2\nin.txt-g\nin.txt:match3\nin.txt-h\n--\nf2:match\n',
    );
  });
  it('-l names the files with a match, standard input as (standard input)', () => {
    expect(run(['-l', 'match', 'in.txt', 'f2'], { 'in.txt': INPUT, f2: 'x\nmatch\n' }).out).toBe(
      'in.txt\nf2\n',
    );
    expect(run(['-l', 'match']).out).toBe('(standard input)\n');
  });
  it('refuses a context length that is not a number, as GNU grep', () => {
    const r = run(['-A', 'x', 'match']);
    expect([r.status, r.err]).toEqual([2, 'grep: x: invalid context length argument\n']);
  });
  it('reports a missing file in GNU wording and still greps the others', () => {
    const r = run(['match', 'nope', 'f2'], { f2: 'match\n' });
    expect([r.status, r.out, r.err]).toEqual([2, 'f2:match\n', 'grep: nope: No such file or directory\n']);
  });
});
