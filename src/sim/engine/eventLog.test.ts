import { describe, expect, it } from 'vitest';
import { EventLog, kubeletOf, nodeComponent, type SimEvent, type SummaryFormat } from './eventLog';

const sees: SummaryFormat = (h, node) => `kubelet on ${node} sees new pod ${h.object!.name}`;

describe('EventLog', () => {
  it('formats a hop summary when it is read, and writes it in JSON like a given one', () => {
    const log = new EventLog({ nextSeq: 1 });
    const heard: SimEvent[] = [];
    log.subscribe((e) => heard.push(e));
    log.hop(5, 'watch', 'kube-apiserver', kubeletOf('w1'), 'ADDED', { kind: 'Pod', name: 'p' }, sees, 'w1');
    log.emit(6, { kind: 'fault', source: 'user', target: kubeletOf('w1'), verb: 'fail', summary: 'x' });
    const [a, b] = [log.at(0)!, log.at(1)!];
    expect(a.summary).toBe('kubelet on w1 sees new pod p');
    expect(b.summary).toBe('x');
    expect([a.seq, b.seq, log.state.nextSeq]).toEqual([1, 2, 3]);
    expect(heard.map((e) => e.summary)).toEqual([a.summary, b.summary]);
    expect(JSON.stringify(heard)).toBe(JSON.stringify([a, b]));
    expect(JSON.parse(JSON.stringify(log.all()))).toEqual([
      {
        seq: 1,
        time: 5,
        kind: 'watch',
        source: 'kube-apiserver',
        target: 'kubelet/w1',
        verb: 'ADDED',
        object: { kind: 'Pod', name: 'p' },
        summary: 'kubelet on w1 sees new pod p',
      },
      { seq: 2, time: 6, kind: 'fault', source: 'user', target: 'kubelet/w1', verb: 'fail', summary: 'x' },
    ]);
    // the words kept for the summary are not fields of the entry
    expect(Object.keys(a)).not.toContain('a');
  });

  it('keeps the newest entries up to its capacity, and drops the newer ones on a truncation', () => {
    const log = new EventLog({ nextSeq: 1 }, 3);
    const add = (i: number) =>
      log.emit(i, { kind: 'fault', source: 'user', target: 'etcd', verb: 'v', summary: `${i}` });
    for (let i = 0; i < 10; i++) add(i);
    expect(log.all().map((e) => e.summary)).toEqual(['7', '8', '9']);
    expect(log.since(8).map((e) => e.seq)).toEqual([9, 10]);
    expect([log.size, log.at(0)?.seq, log.at(3)]).toEqual([3, 8, undefined]);
    // a snapshot restore: back to seq 8, and on from there
    log.truncateAfter(8);
    log.state.nextSeq = 9;
    expect(log.all().map((e) => e.seq)).toEqual([8]);
    for (let i = 20; i < 24; i++) add(i);
    expect(log.all().map((e) => `${e.seq}:${e.summary}`)).toEqual(['10:21', '11:22', '12:23']);
    log.truncateAfter(0);
    expect(log.size).toBe(0);
  });

  it('names a node component with one string per node', () => {
    expect(nodeComponent('runtime', 'worker-2')).toBe('runtime/worker-2');
    expect(kubeletOf('worker-2')).toBe(kubeletOf('worker-2'));
  });
});
