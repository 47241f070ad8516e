import { describe, expect, it } from 'vitest';
import type { KEvent, KObject } from '../../sim/api/types';
import { describeEvents, type PrintContext } from './printers/common';
import { describeObject } from './describe';
import { kubectlRun, labCluster } from './testHarness';

const EPOCH = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(EPOCH + ms).toISOString().replace('.000Z', 'Z');

function ev(
  reason: string,
  first: number,
  last: number,
  count: number,
  type: 'Normal' | 'Warning' = 'Normal',
  message = `${reason} happened`,
): KEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `e-${reason}`, namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: 'u1' },
    reason,
    message,
    type,
    source: { component: 'kubelet' },
    count,
    firstTimestamp: iso(first),
    lastTimestamp: iso(last),
  };
}

describe('describe Events section', () => {
  const target = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'u1' },
  } as KObject;

  it('prints Type Reason Age From Message with underlines, oldest first, and repeat counts', () => {
    const events = [
      ev('BackOff', 60_000, 290_000, 3, 'Warning', 'Back-off restarting failed container app'),
      ev('Scheduled', 0, 0, 1, 'Normal', 'Successfully assigned default/web to worker-1'),
    ];
    const pc: PrintContext = {
      now: 300_000,
      fromIso: (t) => (t ? Date.parse(t) - EPOCH : 0),
      list: () => events,
    };
    expect(describeEvents(pc, target)).toBe(
      'Events:\n' +
        '  Type     Reason     Age               From     Message\n' +
        '  ----     ------     ----              ----     -------\n' +
        '  Normal   Scheduled  5m                kubelet  Successfully assigned default/web to worker-1\n' +
        '  Warning  BackOff    10s (x3 over 4m)  kubelet  Back-off restarting failed container app\n',
    );
  });

  it('prints <none> when there are no events for the object', () => {
    const pc: PrintContext = { now: 0, fromIso: () => 0, list: () => [] };
    expect(describeEvents(pc, target)).toBe('Events:  <none>\n');
  });
});

describe('kubectl describe', () => {
  it('describes a pod with aligned fields and containers', () => {
    const c = labCluster();
    kubectlRun(c, 'run web --image=nginx:1.27 --port=80 --labels=app=web,tier=fe');
    const out = kubectlRun(c, 'describe pod web').out;
    expect(out).toMatch(/^Name:\s+web\nNamespace:\s+default\n/);
    expect(out).toMatch(/\nLabels:( +)app=web\n {7}\1tier=fe\n/);
    expect(out).toContain('\nContainers:\n  web:\n');
    expect(out).toMatch(/\n {4}Image:\s+nginx:1\.27\n/);
    expect(out).toMatch(/\n {4}Port:\s+80\/TCP\n/);
    expect(out).toMatch(/\nEvents:/);
    expect(describeObject(c, 'Pod', 'default', 'web')).toBe(out);
  });

  it('describes deployments, nodes and namespaces; unknown names fail', () => {
    const c = labCluster();
    kubectlRun(c, 'create deployment web --image=nginx --replicas=2');
    c.advance(1000);
    const d = kubectlRun(c, 'describe deployment web').out;
    expect(d).toMatch(
      /\nReplicas:\s+2 desired \| \d+ updated \| \d+ total \| \d+ available \| \d+ unavailable\n/,
    );
    expect(d).toMatch(/\nStrategyType:\s+RollingUpdate\n/);
    expect(d).toMatch(/\nRollingUpdateStrategy:\s+25% max unavailable, 25% max surge\n/);
    expect(d).toMatch(/\nNewReplicaSet:\s+web-[a-z0-9]+ \(\d+\/2 replicas created\)\n/);
    expect(d).toMatch(/Scaled up replica set web-[a-z0-9]+ (from 0 )?to 2/);
    const n = kubectlRun(c, 'describe node worker-1').out;
    expect(n).toMatch(/^Name:\s+worker-1\nRoles:\s+<none>\n/);
    expect(n).toContain('Allocated resources:\n');
    const ns = kubectlRun(c, 'describe namespace default').out;
    expect(ns).toMatch(/\nStatus:\s+Active\n\nNo resource quota.\n\nNo LimitRange resource.\n$/);
    const missing = kubectlRun(c, 'describe pod nope');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('falls back to the generic describer for kinds without one (smartLabelFor keys, sorted fields)', () => {
    const c = labCluster();
    const out = kubectlRun(c, 'describe lease -n kube-node-lease worker-1').out;
    expect(out).toMatch(
      /^Name:\s+worker-1\nNamespace:\s+kube-node-lease\nLabels:\s+<none>\nAnnotations:\s+<none>\nAPI Version:\s+coordination\.k8s\.io\/v1\nKind:\s+Lease\nMetadata:\n {2}Creation Timestamp:/,
    );
    expect(out).toMatch(/\n {4}UID:\s+\S+\n {2}Resource Version:\s+\d+\n {2}UID:/);
    expect(out).toMatch(/\n {2}Holder Identity:\s+worker-1\n {2}Lease Duration Seconds:\s+40\n/);
  });

  it('service accounts list their secrets under fixed-width headers', () => {
    const c = labCluster();
    expect(kubectlRun(c, 'describe serviceaccount default').out).toBe(
      'Name:                default\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  <none>\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n',
    );
  });
});

describe('describe workloads', () => {
  it('jobs and horizontal pod autoscalers', () => {
    const c = labCluster();
    kubectlRun(c, 'apply -f -', {
      stdin:
        'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  backoffLimit: 4\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: busybox\n        command: ["sh", "-c", "echo 3.14"]\n',
    });
    const job = kubectlRun(c, 'describe job pi').out;
    expect(job).toMatch(/^Name:\s+pi\nNamespace:\s+default\nSelector:\s+\S+/);
    expect(job).toMatch(/\nCompletion Mode:\s+NonIndexed\n/);
    expect(job).toMatch(/\nBackoff Limit:\s+4\n/);
    expect(job).toMatch(/\nPods Statuses:\s+\d+ Active \(\d+ Ready\) \/ \d+ Succeeded \/ \d+ Failed\n/);
    kubectlRun(c, 'create deployment php-apache --image=registry.k8s.io/hpa-example');
    kubectlRun(c, 'autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10');
    const hpa = kubectlRun(c, 'describe hpa php-apache').out;
    expect(hpa).toMatch(/\nReference:\s+Deployment\/php-apache\n/);
    expect(hpa).toMatch(
      /\nMetrics:\s+\( current \/ target \)\n {2}resource cpu on pods {2}\(as a percentage of request\):\s+\S+.* \/ 50%\n/,
    );
    expect(hpa).toMatch(/\nMin replicas:\s+1\nMax replicas:\s+10\n/);
  });

  it('quota and limit range rows as kubectl prints them in describe quota, limitrange and namespace', () => {
    const c = labCluster();
    kubectlRun(c, 'create quota mq --hard=pods=3,cpu=2');
    kubectlRun(c, 'apply -f -', {
      stdin:
        'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: lr\nspec:\n  limits:\n  - type: Container\n    default: {cpu: 500m}\n    max: {cpu: "1"}\n',
    });
    expect(kubectlRun(c, 'describe quota mq').out).toMatch(
      /\nNamespace: {2}default\nResource {4}Used {2}Hard\n-------- {4}---- {2}----\ncpu {9}0 {5}2\npods {8}\d+ {5}3\n$/,
    );
    expect(kubectlRun(c, 'describe limitrange lr').out).toMatch(
      /\nNamespace: {2}default\nType {8}Resource {2}Min {2}Max {2}Default Request {2}Default Limit {2}Max Limit\/Request Ratio\n----/,
    );
    const ns = kubectlRun(c, 'describe namespace default').out;
    expect(ns).toMatch(/\n {2}Name: {5}mq\n {2}Resource {2}Used {2}Hard\n {2}-------- {2}--- {3}---\n/);
    expect(ns).toMatch(/\nResource Limits\n Type {7}Resource/);
  });
});
