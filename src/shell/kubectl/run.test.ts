import { describe, expect, it } from 'vitest';
import { memoryFs } from '../memoryFs';
import { runKubectl } from './kubectlCommand';
import { kubectlRun, labCluster } from './testHarness';

describe('kubectl run -i (attach)', () => {
  it('in a script: streams the output, then --rm deletes the finished pod', () => {
    const c = labCluster();
    const r = kubectlRun(c, 'run -i --rm bb --image=busybox --restart=Never -- sh -c "echo one; echo two"');
    expect(r.code).toBe(0);
    expect(r.out).toBe('one\ntwo\npod "bb" deleted\n');
    expect(c.api.get('Pod', 'default', 'bb')).toBeUndefined();
  });

  it('in the terminal: keeps streaming until Ctrl+C, then --rm deletes the pod', () => {
    const c = labCluster();
    let out = '';
    let stop: (() => void) | undefined;
    const code = runKubectl({
      cluster: c,
      argv: [
        'run',
        '-it',
        '--rm',
        'loader',
        '--image=busybox',
        '--restart=Never',
        '--',
        'sh',
        '-c',
        'while true; do echo ping; sleep 5; done',
      ],
      fs: memoryFs(),
      mode: 'interactive',
      out: (t) => (out += t),
      err: (t) => (out += t),
      keepAlive: (s) => (stop = s),
    });
    expect(code).toBe(0);
    expect(stop).toBeDefined();
    c.advance(30_000);
    expect(out).toContain("If you don't see a command prompt, try pressing enter.\n");
    expect(out.match(/ping\n/g)!.length).toBeGreaterThanOrEqual(3);
    expect(out).not.toContain('pod/loader created');
    stop!();
    expect(out.endsWith('pod "loader" deleted\n')).toBe(true);
    expect(c.api.get('Pod', 'default', 'loader')?.metadata.deletionTimestamp ?? 'gone').toBeTruthy();
  });
});
