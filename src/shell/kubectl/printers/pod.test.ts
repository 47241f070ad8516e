import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '../../../sim/api/types';
import { newPod } from '../../../sim/testing/builders';
import type { PrintContext } from './common';
import { podSummary } from './pod';

const EPOCH = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(EPOCH + ms).toISOString().replace('.000Z', 'Z');
const pc: PrintContext = { now: 600_000, fromIso: (ts) => (ts ? Date.parse(ts) - EPOCH : 0), list: () => [] };

function cs(
  name: string,
  state: ContainerStatus['state'],
  extra: Partial<ContainerStatus> = {},
): ContainerStatus {
  return { name, state, lastState: {}, ready: false, restartCount: 0, image: 'nginx', imageID: '', ...extra };
}

function pod(mut: (p: Pod) => void): Pod {
  const p = newPod('web');
  p.status = { phase: 'Pending' };
  mut(p);
  return p;
}

describe('podSummary (printPod)', () => {
  it('a running ready pod', () => {
    const p = pod((p) => {
      p.status = {
        phase: 'Running',
        containerStatuses: [cs('app', { running: { startedAt: iso(0) } }, { ready: true })],
      };
    });
    expect(podSummary(p, pc)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('a waiting reason wins over the phase, restarts show when the last one ended', () => {
    const p = pod((p) => {
      p.status = {
        phase: 'Running',
        containerStatuses: [
          cs(
            'app',
            { waiting: { reason: 'CrashLoopBackOff' } },
            {
              restartCount: 4,
              lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: iso(600_000 - 150_000) } },
            },
          ),
        ],
      };
    });
    expect(podSummary(p, pc)).toEqual({
      ready: '0/1',
      status: 'CrashLoopBackOff',
      restarts: '4 (2m30s ago)',
    });
  });

  it('terminated without a reason prints ExitCode:N; with one prints it', () => {
    const a = pod((p) => {
      p.status = { phase: 'Failed', containerStatuses: [cs('app', { terminated: { exitCode: 3 } })] };
    });
    expect(podSummary(a, pc).status).toBe('ExitCode:3');
    const b = pod((p) => {
      p.status = {
        phase: 'Failed',
        containerStatuses: [cs('app', { terminated: { exitCode: 137, reason: 'OOMKilled' } })],
      };
    });
    expect(podSummary(b, pc).status).toBe('OOMKilled');
  });

  it('init containers: Init:i/n, Init:<reason>, Init:ExitCode:N', () => {
    const mk = (st: ContainerStatus['state']) =>
      pod((p) => {
        p.spec.initContainers = [
          { name: 'a', image: 'busybox' },
          { name: 'b', image: 'busybox' },
        ];
        p.status = {
          phase: 'Pending',
          initContainerStatuses: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } }), cs('b', st)],
          containerStatuses: [cs('app', { waiting: { reason: 'PodInitializing' } })],
        };
      });
    expect(podSummary(mk({ running: {} }), pc).status).toBe('Init:1/2');
    expect(podSummary(mk({ waiting: { reason: 'ImagePullBackOff' } }), pc).status).toBe(
      'Init:ImagePullBackOff',
    );
    expect(podSummary(mk({ terminated: { exitCode: 2 } }), pc).status).toBe('Init:ExitCode:2');
  });

  it('Completed with a container still running shows Running or NotReady', () => {
    const mk = (ready: boolean) =>
      pod((p) => {
        p.spec.containers = [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'y' },
        ];
        p.status = {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
          containerStatuses: [
            cs('a', { running: {} }, { ready: true }),
            cs('b', { terminated: { exitCode: 0, reason: 'Completed' } }),
          ],
        };
      });
    expect(podSummary(mk(true), pc).status).toBe('Running');
    expect(podSummary(mk(false), pc).status).toBe('NotReady');
  });

  it('deletionTimestamp: Terminating, or Unknown when the node was lost', () => {
    const t = pod((p) => {
      p.metadata.deletionTimestamp = iso(0);
      p.status = { phase: 'Running' };
    });
    expect(podSummary(t, pc).status).toBe('Terminating');
    const u = pod((p) => {
      p.metadata.deletionTimestamp = iso(0);
      p.status = { phase: 'Running', reason: 'NodeLost' };
    });
    expect(podSummary(u, pc).status).toBe('Unknown');
    const done = pod((p) => {
      p.metadata.deletionTimestamp = iso(0);
      p.status = {
        phase: 'Succeeded',
        containerStatuses: [cs('app', { terminated: { exitCode: 0, reason: 'Completed' } })],
      };
    });
    expect(podSummary(done, pc).status).toBe('Completed');
  });

  it('status.reason overrides the phase (Evicted)', () => {
    const p = pod((p) => {
      p.status = { phase: 'Failed', reason: 'Evicted' };
    });
    expect(podSummary(p, pc).status).toBe('Evicted');
  });
});
