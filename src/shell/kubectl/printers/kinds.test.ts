import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../sim/api/types';
import type { PrintContext } from './common';
import { printerFor } from './index';
import { hpaTargets } from './workloads';

const pc: PrintContext = { now: 120_000, fromIso: () => 0, list: () => [] };
const obj = (kind: string, rest: Partial<KObject>): KObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name: 'x', creationTimestamp: 't' },
  ...rest,
});
const row = (o: KObject, wide = false) => printerFor(o.kind)!.row(o, pc, wide);

describe('printers of other kinds', () => {
  it('Service: type, IPs, ports with node ports', () => {
    expect(
      row(
        obj('Service', {
          spec: {
            type: 'NodePort',
            clusterIP: '10.96.0.12',
            ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
            selector: { app: 'web' },
          },
        }),
        true,
      ),
    ).toEqual(['x', 'NodePort', '10.96.0.12', '<none>', '80:30080/TCP', '2m', 'app=web']);
    expect(
      row(
        obj('Service', { spec: { type: 'LoadBalancer', clusterIP: '10.96.0.13', ports: [{ port: 443 }] } }),
      )[3],
    ).toBe('<pending>');
    expect(row(obj('Service', { spec: { clusterIP: 'None', ports: [] } }))[4]).toBe('<none>');
  });

  it('Job status and completions, CronJob schedule', () => {
    const job = obj('Job', {
      spec: { completions: 3 },
      status: {
        succeeded: 3,
        startTime: 'a',
        completionTime: 'b',
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    });
    expect(row(job).slice(0, 3)).toEqual(['x', 'Complete', '3/3']);
    expect(row(obj('CronJob', { spec: { schedule: '*/1 * * * *' }, status: {} })).slice(1, 6)).toEqual([
      '*/1 * * * *',
      '<none>',
      '<unset>',
      '0',
      '<none>',
    ]);
    // SUSPEND is printBoolPtr in kubectl's printers: True / False, <unset> for nil.
    const suspend = (v: boolean) =>
      row(obj('CronJob', { spec: { schedule: '@daily', suspend: v }, status: {} }))[3];
    expect([suspend(false), suspend(true)]).toEqual(['False', 'True']);
  });

  it('HPA targets', () => {
    const hpa = obj('HorizontalPodAutoscaler', {
      spec: {
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
        ],
      },
      status: {},
    });
    expect(hpaTargets(hpa)).toBe('cpu: <unknown>/50%');
    hpa.status = {
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 250 } } }],
    };
    expect(hpaTargets(hpa)).toBe('cpu: 250%/50%');
  });

  it('ConfigMap and Secret data counts', () => {
    expect(row(obj('ConfigMap', { data: { a: '1', b: '2' } }))).toEqual(['x', '2', '2m']);
    expect(row(obj('Secret', { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }))).toEqual(
      ['x', 'kubernetes.io/tls', '2', '2m'],
    );
  });

  it('claims and volumes show Terminating once deleted', () => {
    const pvc = obj('PersistentVolumeClaim', {
      spec: { volumeName: 'pv1', storageClassName: 'manual' },
      status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] },
    });
    expect(row(pvc)).toEqual(['x', 'Bound', 'pv1', '1Gi', 'RWO', 'manual', '<unset>', '2m']);
    pvc.metadata.deletionTimestamp = 't';
    expect(row(pvc)[1]).toBe('Terminating');
    const pv = obj('PersistentVolume', {
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        claimRef: { namespace: 'default', name: 'c' },
        storageClassName: 'manual',
      },
      status: { phase: 'Released' },
    });
    expect(row(pv).slice(0, 7)).toEqual(['x', '10Gi', 'RWO', 'Retain', 'Released', 'default/c', 'manual']);
  });
});
