import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../sim/cluster';
import type { ContainerStatus, Pod } from '../../sim/api/types';
import { kubectlRun, labCluster } from './testHarness';

/** A pod bound to a node no kubelet runs, with statuses set by hand, and a scripted runtime. */
function setup(
  containers: string[],
  statuses: Partial<Record<string, Partial<ContainerStatus>>>,
  annotations?: Record<string, string>,
): Cluster {
  const c = labCluster();
  const r = c.api.create(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'two',
        namespace: 'default',
        labels: { app: 'two' },
        ...(annotations ? { annotations } : {}),
      },
      spec: { nodeName: 'ghost', containers: containers.map((name) => ({ name, image: 'busybox' })) },
    },
    { actor: 'kubectl' },
  );
  if (!r.ok) throw new Error(r.error.message);
  const pod = structuredClone(r.obj) as Pod;
  pod.status = {
    phase: 'Running',
    containerStatuses: containers.map((name) => ({
      name,
      state: { running: { startedAt: c.iso() } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: 'busybox',
      imageID: '',
      containerID: `containerd://cid-${name}`,
      ...(statuses[name] ?? {}),
    })),
  };
  const u = c.api.updateStatus(pod, { actor: 'kubectl' });
  if (!u.ok) throw new Error(u.error.message);
  const logs: Record<string, string[]> = {
    'cid-a': ['a says hi'],
    'cid-b': ['b1', 'b2', 'b3'],
    'cid-old': ['before the crash'],
  };
  // b wrote its lines at 1 s, 2.5 s and 4 s of virtual time.
  const times: Record<string, number[]> = { 'cid-a': [0], 'cid-b': [1000, 2500, 4000], 'cid-old': [0] };
  Object.assign(c.runtime, {
    logs: (cid: string) => logs[cid] ?? [],
    record: (cid: string) => (logs[cid] ? { logs: { lines: logs[cid], times: times[cid] } } : undefined),
    exec: (cid: string, argv: string[], stdin?: string) => {
      if (argv[0] === 'false') return { exitCode: 1, stdout: '', stderr: '' };
      if (argv[0] === 'nope')
        return { exitCode: 127, stdout: '', stderr: 'exec: "nope": executable file not found in $PATH' };
      if (argv[0] === 'cat' && stdin !== undefined) return { exitCode: 0, stdout: stdin, stderr: '' };
      return { exitCode: 0, stdout: `${cid}: ${argv.join(' ')}\n`, stderr: '' };
    },
  });
  return c;
}

describe('kubectl logs', () => {
  it('defaults to the first container of a multi-container pod and says so (kubectl 1.32)', () => {
    const c = setup(['a', 'b'], {});
    const r = kubectlRun(c, 'logs two');
    expect(r.code).toBe(0);
    expect(r.err).toBe('Defaulted container "a" out of: a, b\n');
    expect(r.out).toBe('a says hi\n');
    expect(kubectlRun(c, 'logs two -c b').out).toBe('b1\nb2\nb3\n');
    expect(kubectlRun(c, 'logs two b --tail=2').out).toBe('b2\nb3\n');
    expect(kubectlRun(c, 'logs two -c zz').err).toBe('error: container zz is not valid for pod two\n');
  });

  it('uses the default-container annotation', () => {
    const c = setup(['a', 'b'], {}, { 'kubectl.kubernetes.io/default-container': 'b' });
    expect(kubectlRun(c, 'logs pod/two').out).toBe('b1\nb2\nb3\n');
  });

  it('--previous reads the terminated container, or says there is none', () => {
    const c = setup(['a'], {
      a: { restartCount: 1, lastState: { terminated: { exitCode: 1, containerID: 'containerd://cid-old' } } },
    });
    expect(kubectlRun(c, 'logs two --previous').out).toBe('before the crash\n');
    const d = setup(['a'], {});
    expect(kubectlRun(d, 'logs two -p').err).toBe(
      'Error from server (BadRequest): previous terminated container "a" in pod "two" not found\n',
    );
  });

  it('--timestamps in the kubelet form, --since, --prefix, -l with 10 lines per pod', () => {
    const c = setup(['a', 'b'], {});
    expect(kubectlRun(c, 'logs two -c b --timestamps --tail=2').out).toBe(
      '2026-01-01T00:00:02.500000000Z b2\n2026-01-01T00:00:04.000000000Z b3\n',
    );
    c.advance(5000 - c.now);
    // --since counts back from now (5 s): lines written in the last 2 s.
    expect(kubectlRun(c, 'logs two -c b --since=2s').out).toBe('b3\n');
    expect(kubectlRun(c, 'logs two -c b --since=3s --prefix').out).toBe('[pod/two/b] b2\n[pod/two/b] b3\n');
    expect(kubectlRun(c, 'logs two -c b --since-time=2026-01-01T00:00:02Z').out).toBe('b2\nb3\n');
    expect(kubectlRun(c, 'logs two --since=1s --since-time=2026-01-01T00:00:02Z').err).toBe(
      'error: at most one of `sinceTime` or `sinceSeconds` may be specified\n',
    );
    const sel = kubectlRun(c, 'logs -l app=two --all-containers --prefix');
    expect(sel.out).toBe('[pod/two/a] a says hi\n[pod/two/b] b1\n[pod/two/b] b2\n[pod/two/b] b3\n');
    expect(kubectlRun(c, 'logs -l app=none').err).toBe('No resources found in default namespace.\n');
    expect(kubectlRun(c, 'logs two -l app=two').err).toContain(
      'only a selector (-l) or a POD name is allowed',
    );
  });

  it('the kubelet says why a waiting container has no log', () => {
    const waiting = (reason?: string) =>
      kubectlRun(
        setup(['a'], {
          a: { containerID: undefined, state: reason ? { waiting: { reason } } : {}, ready: false },
        }),
        'logs two',
      ).err;
    expect(waiting('ErrImagePull')).toBe(
      `Error from server (BadRequest): container "a" in pod "two" is waiting to start: image can't be pulled\n`,
    );
    expect(waiting('ImagePullBackOff')).toBe(
      'Error from server (BadRequest): container "a" in pod "two" is waiting to start: trying and failing to pull image\n',
    );
    expect(waiting()).toBe(
      'Error from server (BadRequest): container "a" in pod "two" is waiting to start - no logs yet\n',
    );
    // Back-off after a crash: the last run's log is still there.
    const crashed = setup(['a'], {
      a: {
        containerID: undefined,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode: 1, containerID: 'containerd://cid-old' } },
      },
    });
    expect(kubectlRun(crashed, 'logs two').out).toBe('before the crash\n');
  });

  it('a container that has not started yet', () => {
    const c = setup(['a'], {
      a: { containerID: undefined, state: { waiting: { reason: 'ContainerCreating' } }, ready: false },
    });
    expect(kubectlRun(c, 'logs two').err).toBe(
      'Error from server (BadRequest): container "a" in pod "two" is waiting to start: ContainerCreating\n',
    );
  });
});

describe('kubectl exec', () => {
  it('runs the command after -- in the chosen container', () => {
    const c = setup(['a', 'b'], {});
    expect(kubectlRun(c, 'exec two -c b -- ls -l /').out).toBe('cid-b: ls -l /\n');
    const dflt = kubectlRun(c, 'exec two -- hostname');
    expect(dflt.err).toBe('Defaulted container "a" out of: a, b\n');
    expect(dflt.out).toBe('cid-a: hostname\n');
  });

  it('passes stdin with -i and reports exit codes', () => {
    const c = setup(['a'], {});
    expect(kubectlRun(c, 'exec -i two -- cat', { stdin: 'hello\n' }).out).toBe('hello\n');
    const f = kubectlRun(c, 'exec two -- false');
    expect(f.code).toBe(1);
    expect(f.err).toBe('command terminated with exit code 1\n');
    expect(kubectlRun(c, 'exec two -- nope').err).toContain(
      'exec: "nope": executable file not found in $PATH: unknown',
    );
  });

  it('insists on -- and a running container', () => {
    const c = setup(['a'], {});
    expect(kubectlRun(c, 'exec two ls').err).toContain(
      'error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
    );
    const w = setup(['a'], {
      a: { state: { waiting: { reason: 'ContainerCreating' } }, containerID: undefined },
    });
    expect(kubectlRun(w, 'exec two -- ls').err).toBe(
      'error: unable to upgrade connection: container not found ("a")\n',
    );
  });
});
