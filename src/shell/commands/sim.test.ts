import { describe, expect, it } from 'vitest';
import { createSession } from '../session';

const run = (s: ReturnType<typeof createSession>, line: string) => s.exec(line);

describe('sim verbs', () => {
  it('resets with options and reports the cluster', () => {
    const s = createSession({ mode: 'script' });
    const r = run(s, 'sim reset --workers 3 --cpu 4 --memory 8Gi --seed 7');
    expect(r.output).toBe('cluster reset: seed 7, control-plane + 3 worker(s) with 4 CPU, 8Gi memory each\n');
    expect(s.cluster.api.list('Node').map((n) => n.metadata.name)).toEqual([
      'control-plane',
      'worker-1',
      'worker-2',
      'worker-3',
    ]);
    expect(s.cluster.api.get('Node', undefined, 'worker-3')!.status.allocatable.cpu).toBe('4');
  });

  it('advances time and rejects bad durations with a clear error', () => {
    const s = createSession({ mode: 'script' });
    expect(run(s, 'sim advance 90s').output).toBe('time: 0h01m30s\n');
    const bad = run(s, 'sim advance soon');
    expect(bad.exitCode).toBe(1);
    expect(bad.output).toContain('invalid duration "soon"');
    expect(run(s, 'sleep 30').exitCode).toBe(0);
    expect(run(s, 'sim time').output).toMatch(/^0h02m00s \(2026-01-01T00:02:00Z\)\n$/);
  });

  it('adds a labelled node that pods can select, and explains the scheduling decision', () => {
    const s = createSession({ mode: 'script' });
    expect(run(s, 'sim node add gpu-1 --cpu 8 --labels disktype=ssd,zone=a').output).toBe(
      'node/gpu-1 added\n',
    );
    run(
      s,
      `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: fast
spec:
  nodeSelector:
    disktype: ssd
  containers:
  - name: nginx
    image: nginx
EOF`,
    );
    expect(s.cluster.api.get('Pod', 'default', 'fast')!.spec.nodeName).toBe('gpu-1');
    const why = run(s, 'sim why fast').output;
    expect(why).toContain('gpu-1');
    expect(why).toMatch(/worker-1.*(NodeAffinity|node affinity|selector)/s);
    expect(run(s, 'sim node add gpu-1').output).toContain('already exists');
  });

  it('fails and recovers nodes, crashes containers, and names what exists for unknown verbs', () => {
    const s = createSession({ mode: 'script' });
    run(s, 'kubectl run web --image=nginx');
    s.cluster.advance(10_000);
    const node = s.cluster.api.get('Pod', 'default', 'web')!.spec.nodeName!;
    expect(run(s, 'sim crash web --exit-code 2').output).toBe(
      'pod/web: container crashed with exit code 2\n',
    );
    s.cluster.advance(3_000);
    const cs = s.cluster.api.get('Pod', 'default', 'web')!.status.containerStatuses[0];
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState.terminated.exitCode).toBe(2);
    expect(run(s, `sim node fail ${node}`).output).toBe(`node/${node} failed (power loss)\n`);
    expect(run(s, `sim node fail ${node}`).output).toContain('already down');
    expect(run(s, `sim node recover ${node}`).output).toBe(`node/${node} recovered\n`);
    const unknown = run(s, 'sim explode');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.output).toContain('unknown sim command "explode"');
    expect(unknown.output).toContain('sim advance <duration>');
  });

  it('prints the iptables NAT table of a node', () => {
    const s = createSession({ mode: 'script' });
    const out = run(s, 'sim iptables worker-1').output;
    expect(out).toContain('*nat');
    expect(out).toContain('KUBE-SERVICES');
    expect(run(s, 'sim iptables nowhere').output).toContain('node "nowhere" not found');
  });
});
