import { describe, expect, it } from 'vitest';
import { LineEditor } from './lineEditor';

const cands = ['kubectl', 'kill'];
function editor() {
  return new LineEditor({
    complete(line) {
      const m = /(\S*)$/.exec(line)!;
      const word = m[1]!;
      const start = line.length - word.length;
      if (start === 0) return { start, candidates: cands.filter((c) => c.startsWith(word)) };
      if (/^kubectl get $|^kubectl get p/.test(line))
        return { start, candidates: ['pods', 'persistentvolumes'].filter((c) => c.startsWith(word)) };
      return { start, candidates: [] };
    },
  });
}
const submits = (evs: ReturnType<LineEditor['input']>) =>
  evs.filter((e) => e.type === 'submit').map((e) => (e as { line: string }).line);

describe('terminal line editor', () => {
  it('submits typed lines and keeps history', () => {
    const e = editor();
    expect(submits(e.input('kubectl get pods\r'))).toEqual(['kubectl get pods']);
    expect(submits(e.input('sim time\r'))).toEqual(['sim time']);
    e.input('\x1b[A');
    expect(e.buffer).toBe('sim time');
    e.input('\x1b[A');
    expect(e.buffer).toBe('kubectl get pods');
    e.input('\x1b[B\x1b[B');
    expect(e.buffer).toBe('');
  });

  it('edits in the middle of the line', () => {
    const e = editor();
    e.input('kubectl get pod');
    e.input('\x1b[D\x1b[D\x1b[D');
    e.input('x');
    expect(e.buffer).toBe('kubectl get xpod');
    e.input('\x7f');
    expect(e.buffer).toBe('kubectl get pod');
    e.input('\x01');
    expect(e.cursor).toBe(0);
    e.input('\x05\x17');
    expect(e.buffer).toBe('kubectl get ');
  });

  it('completes commands and resource names with Tab', () => {
    const e = editor();
    e.input('ku\t');
    expect(e.buffer).toBe('kubectl ');
    const e2 = editor();
    e2.input('kubectl get p\t');
    expect(e2.buffer).toBe('kubectl get p'); // ambiguous: pods / persistentvolumes (no longer common prefix)
    const list = e2.input('\t');
    expect(list.map((x) => (x.type === 'write' ? x.text : '')).join('')).toContain('persistentvolumes');
    e2.input('o\t');
    expect(e2.buffer).toBe('kubectl get pods ');
  });

  it('Ctrl+C drops the line and interrupts', () => {
    const e = editor();
    const evs = e.input('kubectl get po\x03');
    expect(evs.some((x) => x.type === 'interrupt')).toBe(true);
    expect(e.buffer).toBe('');
  });

  it('runs each line of a paste, and joins heredocs and continuations', () => {
    const e = editor();
    expect(submits(e.input('sim time\nkubectl get nodes\n'))).toEqual(['sim time', 'kubectl get nodes']);
    const heredoc = 'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\nEOF\n';
    expect(submits(e.input(heredoc))).toEqual([heredoc.trimEnd()]);
    expect(submits(e.input('kubectl get \\\r  pods\r'))).toEqual(['kubectl get \\\n  pods']);
  });
});
