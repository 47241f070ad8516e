/**
 * The kinds of configuration, storage, workload controllers, autoscaling and quotas (one list, one line in
 * index.ts).
 */
import type { KindDef } from '../api/kinds';
import { configMapKind } from './configMap';
import { secretKind } from './secret';
import { persistentVolumeClaimKind, persistentVolumeKind, storageClassKind } from './storage';
import { daemonSetKind } from './daemonSet';
import { statefulSetKind } from './statefulSet';
import { jobKind } from './job';
import { cronJobKind } from './cronJob';
import { hpaKind } from './horizontalPodAutoscaler';
import { limitRangeKind, resourceQuotaKind } from './resourceQuota';
import { controllerRevisionKind } from './controllerRevision';

import { podDisruptionBudgetKind } from './podDisruptionBudget';

export const workloadKinds: KindDef[] = [
  configMapKind,
  secretKind,
  persistentVolumeKind,
  persistentVolumeClaimKind,
  storageClassKind,
  daemonSetKind,
  statefulSetKind,
  jobKind,
  cronJobKind,
  hpaKind,
  resourceQuotaKind,
  limitRangeKind,
  controllerRevisionKind,
  podDisruptionBudgetKind,
];
