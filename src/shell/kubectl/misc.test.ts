import { describe, expect, it } from 'vitest';
import { kubectlRun, labCluster } from './testHarness';

describe('events, api-versions, options, top', () => {
  it('events --for filters to one object; --types to one type', () => {
    const c = labCluster();
    kubectlRun(c, 'create deployment web --image=nginx --replicas=2');
    c.advance(5000);
    const r = kubectlRun(c, 'events --for deployment/web');
    expect(r.out).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
    expect(r.out).toMatch(
      /\n\S+\s+Normal\s+ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-\w+ (from 0 )?to 2\n$/,
    );
    expect(kubectlRun(c, 'events --types=Warning').err).toBe('No events found in default namespace.\n');
    expect(kubectlRun(c, 'events --types=Bad').err).toBe('error: valid --types are Normal or Warning\n');
  });

  it('api-versions lists group/versions sorted', () => {
    const out = kubectlRun(labCluster(), 'api-versions').out.split('\n').filter(Boolean);
    expect(out).toContain('v1');
    expect(out).toContain('apps/v1');
    expect([...out].sort()).toEqual(out);
  });

  it('options lists the global flags', () => {
    expect(kubectlRun(labCluster(), 'options').out).toContain("    -n, --namespace='':\n");
  });

  it('top needs a metrics-server, as on a real cluster', () => {
    const c = labCluster();
    expect(kubectlRun(c, 'top pods').err).toBe('error: Metrics API not available\n');
    expect(kubectlRun(c, 'top nodes').code).toBe(1);
  });
});
