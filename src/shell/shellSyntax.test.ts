import { describe, expect, it } from 'vitest';
import { createSession, memoryFs, runScript } from './session';

// Expected texts follow bash 5 (interactive where noted) and GNU coreutils on the same lines.
describe('command substitution', () => {
  it('puts a command’s output in its place, split into words unless quoted', () => {
    const s = createSession({ mode: 'script' });
    expect(s.exec('echo $(echo a   b) "$(echo "c   d")" \'$(echo e)\'').output).toBe('a b c   d $(echo e)\n');
    expect(s.exec('echo [$(echo)]').output).toBe('[]\n');
    expect(s.exec('echo $(echo "x|y;z")').output).toBe('x|y;z\n');
  });
  it('feeds kubectl a name picked by a pipeline', () => {
    const { transcript } = runScript(
      [
        'kubectl run web --image=nginx:1.27',
        'sim advance 20s',
        'kubectl get pod $(kubectl get pods -o name | head -1 | cut -d/ -f2) -o name',
        'kubectl logs $(kubectl get pods -o name | head -1) | head -1',
      ].join('\n'),
    );
    expect(transcript).toContain(
      '$ kubectl get pod $(kubectl get pods -o name | head -1 | cut -d/ -f2) -o name\npod/web\n',
    );
    expect(transcript).toMatch(/\| head -1\n\/docker-entrypoint\.sh: /);
  });
  it('shows the substituted command’s errors and reports an unclosed $(', () => {
    const s = createSession({ mode: 'script' });
    const r = s.exec('echo [$(kubectl get pod nope -o name)]');
    expect(r.output).toBe('Error from server (NotFound): pods "nope" not found\n[]\n');
    expect(s.exec('echo $(echo a').output).toBe("sh: unexpected EOF while looking for matching `)'\n");
  });
});

describe('shell variables', () => {
  // bash 5: `X=$(cmd)` keeps the output whole; `$X` unquoted splits, quoted does not; unset expands to nothing
  it('assigns, exports, expands and unsets as bash does', () => {
    const s = createSession({ mode: 'script' });
    expect(s.exec('A="x   y"').output).toBe('');
    expect(s.exec('echo $A "$A" ${A}! \'$A\'').output).toBe('x y x   y x y! $A\n');
    expect(s.exec('B=$(echo "p   q")').output).toBe('');
    expect(s.exec('echo "$B"').output).toBe('p   q\n');
    expect(s.exec('export NS=shop C=1').output).toBe('');
    expect(s.exec('echo $NS-$C $NOPE.').output).toBe('shop-1 .\n');
    expect(s.exec('unset NS').output).toBe('');
    expect(s.exec('echo [$NS] $').output).toBe('[] $\n');
  });
  it('$? is the last exit status; NAME=value before a command is only for its environment', () => {
    const s = createSession({ mode: 'script' });
    s.exec('kubectl get pod nope');
    expect(s.exec('echo $?').output).toBe('1\n');
    expect(s.exec('echo $?').output).toBe('0\n');
    expect(s.exec('LANG=C echo hi').output).toBe('hi\n');
  });
  it('feeds kubectl a pod name kept in a variable', () => {
    const { transcript } = runScript(
      [
        'kubectl run web --image=nginx:1.27',
        'sim advance 20s',
        "POD=$(kubectl get pods -o jsonpath='{.items[0].metadata.name}')",
        'kubectl get pod $POD -o name',
      ].join('\n'),
    );
    expect(transcript).toContain('$ kubectl get pod $POD -o name\npod/web\n');
  });
});

describe('background jobs', () => {
  it('a script runs the job silently and goes on (bash without job control)', () => {
    const { transcript } = runScript('echo one &\necho two');
    expect(transcript).toBe('$ echo one &\none\n$ echo two\ntwo\n');
  });
  it('the interactive shell announces the job and reports it done after the next command', () => {
    const s = createSession({ mode: 'interactive' });
    expect(s.exec('echo hi &').output).toBe('[1] 4801\nhi\n');
    // bash printed its prompt before the job ended: the notice comes with the next command.
    expect(s.exec('echo next').output).toBe('next\n[1]+  Done                    echo hi\n');
    expect(s.exec('echo again').output).toBe('again\n');
  });
  it('a job that keeps running survives Ctrl+C, is listed by jobs and stopped by kill %N', () => {
    const s = createSession({ mode: 'interactive' });
    expect(s.exec('kubectl get pods -w &').output).toMatch(/^\[1\] 4801\n/);
    s.interrupt();
    expect(s.exec('jobs').output).toBe('[1]+  Running                 kubectl get pods -w &\n');
    expect(s.exec('kill %1').output).toBe('');
    expect(s.exec('jobs').output).toBe('[1]+  Terminated              kubectl get pods -w\n');
    expect(s.exec('kill %1').output).toBe('bash: kill: %1: no such job\n');
  });
  it('refuses & with nothing before it, as bash', () => {
    const s = createSession({ mode: 'script' });
    expect(s.exec('& echo x').output).toBe("sh: syntax error near unexpected token `&'\n");
  });
});

describe('lines and filters', () => {
  it('output without a final newline still ends its line before the next command', () => {
    expect(runScript('echo -n hi\necho there').transcript).toBe('$ echo -n hi\nhi\n$ echo there\nthere\n');
  });
  it('grep -A/-B/-C in a pipe print context with -- between groups (GNU grep)', () => {
    const s = createSession({
      mode: 'script',
      fs: memoryFs({ 'a.txt': 'a\nb\nkey: 1\nc\nd\ne\nkey: 2\n', 'b.txt': 'x\nkey\ny\nz\n' }),
    });
    expect(s.exec('cat a.txt | grep -B1 key').output).toBe('b\nkey: 1\n--\ne\nkey: 2\n');
    expect(s.exec('cat b.txt | grep -C 1 key').output).toBe('x\nkey\ny\n');
    expect(s.exec('cat a.txt | grep -A1 -n key').output).toBe('3:key: 1\n4-c\n--\n7:key: 2\n');
  });
});
