/**
 * Controllers for configuration, storage, batch, daemon and stateful workloads, autoscaling and quotas
 * (one list, one line in modules.ts; install order = queue drain order).
 */
import type { SimModule } from '../cluster';
import { jobController } from './jobController';
import { cronJobController } from './cronJobController';
import { daemonSetController } from './daemonSetController';
import { statefulSetController } from './statefulSetController';
import { pvController } from './pvController';
import { resourceQuotaController } from './resourceQuotaController';
import { hpaController } from './hpaController';
import { metricsModule } from '../metrics/metricsServer';
import { configVolumeSync } from './configVolumeSync';
import { rootCaPublisher } from './rootCaPublisher';

export const workloadModules: SimModule[] = [
  pvController,
  statefulSetController,
  daemonSetController,
  jobController,
  cronJobController,
  resourceQuotaController,
  metricsModule,
  hpaController,
  configVolumeSync,
  rootCaPublisher,
];
