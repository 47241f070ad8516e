/** The `Pod Template:` block shared by Deployment, ReplicaSet, DaemonSet… describe (DescribePodTemplate). */
import type { PodTemplateSpec } from '../../../sim/api/types';
import type { DescribeWriter } from './common';
import { describeContainers, describeTolerations, describeTopology, describeVolumes } from './podContainers';

export function describePodTemplate(w: DescribeWriter, t: PodTemplateSpec | undefined): void {
  w.line(0, 'Pod Template:');
  if (!t) return w.line(1, '<unset>');
  w.map(1, 'Labels', t.metadata?.labels);
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length)
    w.annotations(1, t.metadata.annotations);
  if (t.spec.serviceAccountName) w.line(1, `Service Account:\t${t.spec.serviceAccountName}`);
  if (t.spec.initContainers?.length)
    describeContainers(w, 'Init Containers', t.spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', t.spec.containers ?? [], undefined, '  ');
  describeVolumes(w, t.spec.volumes as Record<string, unknown>[] | undefined, '  ');
  describeTopology(w, t.spec.topologySpreadConstraints, '  ');
  if (t.spec.priorityClassName) w.line(1, `Priority Class Name:\t${String(t.spec.priorityClassName)}`);
  w.map(1, 'Node-Selectors', t.spec.nodeSelector);
  describeTolerations(w, 1, t.spec.tolerations);
}
