/** The `Pod Template:` block shared by Deployment, ReplicaSet, DaemonSet… describe (DescribePodTemplate). */
import type { PodTemplateSpec } from '../../../sim/api/types';
import type { DescribeWriter } from './common';

export function describePodTemplate(w: DescribeWriter, t: PodTemplateSpec | undefined): void {
  w.line(0, 'Pod Template:');
  if (!t) return w.line(1, '<no template>');
  w.map(1, 'Labels', t.metadata?.labels);
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length)
    w.annotations(1, t.metadata.annotations);
  if (t.spec.serviceAccountName) w.kv(1, 'Service Account', t.spec.serviceAccountName);
  const block = (title: string, cs: PodTemplateSpec['spec']['containers']): void => {
    w.line(1, `${title}:`);
    for (const c of cs) {
      w.line(1, ` ${c.name}:`);
      w.kv(2, 'Image', c.image);
      const ports = c.ports ?? [];
      const p = ports[0];
      if (ports.length <= 1) {
        w.kv(2, 'Port', p ? `${p.containerPort}/${p.protocol ?? 'TCP'}` : '<none>');
        w.kv(2, 'Host Port', p ? `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}` : '<none>');
      } else {
        w.kv(2, 'Ports', ports.map((x) => `${x.containerPort}/${x.protocol ?? 'TCP'}`).join(', '));
        w.kv(2, 'Host Ports', ports.map((x) => `${x.hostPort ?? 0}/${x.protocol ?? 'TCP'}`).join(', '));
      }
      if (c.command?.length) {
        w.line(2, 'Command:');
        for (const x of c.command) w.line(3, x);
      }
      if (c.args?.length) {
        w.line(2, 'Args:');
        for (const x of c.args) w.line(3, x);
      }
      const res = c.resources ?? {};
      if (res.limits && Object.keys(res.limits).length) {
        w.line(2, 'Limits:');
        for (const k of Object.keys(res.limits).sort()) w.kv(3, k, res.limits[k]);
      }
      if (res.requests && Object.keys(res.requests).length) {
        w.line(2, 'Requests:');
        for (const k of Object.keys(res.requests).sort()) w.kv(3, k, res.requests[k]);
      }
      const env = c.env ?? [];
      if (!env.length) w.kv(2, 'Environment', '<none>');
      else {
        w.line(2, 'Environment:');
        for (const e of env) w.line(3, `${e.name}:\t${e.value ?? ''}`);
      }
      const mounts = c.volumeMounts ?? [];
      if (!mounts.length) w.kv(2, 'Mounts', '<none>');
      else {
        w.line(2, 'Mounts:');
        for (const m of mounts) w.line(3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})`);
      }
    }
  };
  if (t.spec.initContainers?.length) block('Init Containers', t.spec.initContainers);
  block('Containers', t.spec.containers ?? []);
  const vols = (t.spec.volumes ?? []) as { name: string }[];
  if (!vols.length) w.kv(1, 'Volumes', '<none>');
  else {
    w.line(1, 'Volumes:');
    for (const v of vols) w.line(2, `${v.name}:`);
  }
  const ns = Object.keys(t.spec.nodeSelector ?? {}).sort();
  w.kv(
    1,
    'Node-Selectors',
    ns.length ? ns.map((k) => `${k}=${t.spec.nodeSelector![k]}`).join(',') : '<none>',
  );
  const tols = t.spec.tolerations ?? [];
  w.kv(
    1,
    'Tolerations',
    tols.length
      ? tols
          .map(
            (x) =>
              `${x.key ?? ''}${x.value ? '=' + x.value : ''}${x.effect ? ':' + x.effect : ''}${x.operator === 'Exists' ? ' op=Exists' : ''}`,
          )
          .join(', ')
      : '<none>',
  );
}
