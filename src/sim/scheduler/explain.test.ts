import { describe, expect, it } from 'vitest';
import { Rng, seedRng } from '../engine/rng';
import { newNode, newPod } from '../testing/builders';
import { SchedulerCache } from './cache';
import { explainDecision } from './explain';
import { scheduleOne } from './framework';

describe('explainDecision', () => {
  const cluster = () => {
    const c = new SchedulerCache();
    c.setNode(
      newNode('control-plane', {
        taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      }),
    );
    c.setNode(newNode('worker-1'));
    c.setNode(newNode('worker-2'));
    c.addPod(newPod('busy', { nodeName: 'worker-1', cpu: '1', memory: '1Gi' }));
    return c;
  };

  it('explains a placement: chosen node first, scores with their breakdown, filtered nodes with reasons', () => {
    const r = scheduleOne(newPod('web', { cpu: '100m' }), cluster(), new Rng(seedRng(1)), {
      nextStartNodeIndex: 0,
    });
    const text = explainDecision(r, 'default/web');
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'Pod default/web was assigned to worker-2: 2 of 3 evaluated node(s) fit; highest total score wins (ties broken at random).',
    );
    expect(lines[1]).toMatch(
      /^ {2}worker-2 +score \d+ \(TaintToleration=300, NodeAffinity=0, NodeResourcesFit=\d+, .*ImageLocality=0\) {2}<- chosen$/,
    );
    expect(lines[2]).toMatch(/^ {2}worker-1 +score \d+ /);
    expect(lines[3]).toMatch(
      /^ {2}control-plane +filtered by TaintToleration: node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}$/,
    );
    expect(lines).toHaveLength(4);
  });

  it('marks nodes that tied with the chosen one', () => {
    const c = new SchedulerCache();
    c.setNode(newNode('a'));
    c.setNode(newNode('b'));
    const r = scheduleOne(newPod('web'), c, new Rng(seedRng(1)), { nextStartNodeIndex: 0 });
    const other = r.nodeName === 'a' ? 'b' : 'a';
    expect(explainDecision(r, 'web')).toContain(`  ${other}     score ${r.scores[other]!.total} `);
    expect(explainDecision(r, 'web').split('\n')[2]).toMatch(/\(tied\)$/);
  });

  it('explains a failure with the FailedScheduling message', () => {
    const r = scheduleOne(newPod('huge', { memory: '64Gi' }), cluster(), new Rng(seedRng(1)), {
      nextStartNodeIndex: 0,
    });
    const text = explainDecision(r, 'huge');
    expect(text.split('\n')[0]).toBe(`Pod huge could not be scheduled: ${r.message}`);
    expect(text).toContain('worker-1       filtered by NodeResourcesFit: Insufficient memory');
  });
});
