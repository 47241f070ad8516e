import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { processHarness } from './testing/harness';
import { parseSh, ShSyntaxError } from './shParser';
import { quoteArgv } from './machine';

const SNIPPETS = [
  'echo a',
  'sleep 1',
  'sleep 0.2',
  'true',
  'false',
  'i=$((i+1))',
  'touch /tmp/f',
  'rm -f /tmp/f',
  'cat /tmp/f',
  '[ -f /tmp/f ]',
  'wget -q -O- http://web',
  'echo $i > /tmp/n',
  'sleep 2 &',
  'wait',
  'exit 3',
];

const script = fc
  .array(
    fc.tuple(
      fc.constantFrom(...SNIPPETS),
      fc.constantFrom('; ', ' && ', ' || ', '; '),
      fc.constantFrom('none', 'while', 'for', 'if'),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) =>
    parts
      .map(([s, sep, wrap]) => {
        const body =
          wrap === 'while'
            ? `while [ \${i:-0} -lt 3 ]; do ${s}; i=$((i+1)); done`
            : wrap === 'for'
              ? `for x in 1 2; do ${s}; done`
              : wrap === 'if'
                ? `if ${s}; then echo y; else echo n; fi`
                : s;
        return body + sep;
      })
      .join('')
      .replace(/(;|&&|\|\|)\s*$/, ''),
  );

describe('process model invariants (seeded)', () => {
  it('argv survives quoting back into shell words', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme-ascii' }), { minLength: 1, maxLength: 5 }), (args) => {
        const h = processHarness();
        h.run('c', 'busybox', ['sleep', '100']);
        const r = h.api.exec('c', ['sh', '-c', `printf '%s\\n' ${quoteArgv(args)}`]);
        expect(r.stdout).toBe(args.map((a) => `${a}\n`).join(''));
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('random scripts run on the clock, end or wait, and replay identically from a snapshot', () => {
    fc.assert(
      fc.property(script, fc.integer({ min: 1, max: 20_000 }), (src, split) => {
        const h = processHarness();
        h.io.hosts.set('web', { ip: '10.96.0.9', http: () => ({ status: 200, body: 'ok\n', latencyMs: 3 }) });
        h.run('c', 'busybox', ['sh', '-c', src]);
        h.cluster.advance(split);
        const snap = h.cluster.snapshot();
        const ext = h.cluster.state.ext.process;
        expect(JSON.parse(JSON.stringify(ext))).toEqual(ext);
        const mark = h.logs('c').length;
        const exitMark = h.io.container('c').exits.length;
        h.cluster.advance(30_000);
        const a = { logs: h.logs('c').slice(mark), exits: h.io.container('c').exits.slice(exitMark) };
        h.cluster.restore(snap);
        h.io.container('c').logs.length = mark;
        h.io.container('c').exits.length = exitMark;
        h.cluster.advance(30_000);
        const b = { logs: h.logs('c').slice(mark), exits: h.io.container('c').exits.slice(exitMark) };
        expect(b).toEqual(a);
        // every script here ends within 30 s of virtual time, exactly once
        expect(h.io.container('c').exits).toHaveLength(1);
        expect(h.api.running('c')).toBe(false);
      }),
      { seed: 7, numRuns: 80 },
    );
  });

  it('the parser either parses or throws its own syntax error', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab ;&|()<>\'"$`{}\\\n#=!'.split('')), maxLength: 30 }),
        (src) => {
          try {
            parseSh(src);
          } catch (e) {
            expect(e).toBeInstanceOf(ShSyntaxError);
          }
        },
      ),
      { seed: 3, numRuns: 400 },
    );
  });
});
