/**
 * The default module set of a cluster, in install order (the runtime before the kubelets that use it).
 */
import type { SimModule } from './cluster';
import { runtimeModule } from './runtime/runtime';
import { dockerModule } from './docker/daemon';
import { nodesModule } from './nodes/nodeModule';
import { kubeletModule } from './kubelet/kubelet';
import { schedulerModule } from './scheduler/schedulerModule';
import { replicaSetController } from './controllers/replicaSetController';
import { deploymentController } from './controllers/deploymentController';
import { garbageCollector } from './controllers/garbageCollector';
import { namespaceController } from './controllers/namespaceController';
import { serviceAccountController } from './controllers/serviceAccountController';
import { nodeLifecycleController } from './controllers/nodeLifecycleController';
import { eventTtl } from './controllers/eventTtl';
import { endpointSliceController } from './controllers/endpointSliceController';
import { endpointsController } from './controllers/endpointsController';
import { endpointSliceMirroringController } from './controllers/endpointSliceMirroringController';
import { serviceController } from './controllers/serviceController';
import { networkModule } from './network/networkModule';
import { workloadModules } from './controllers/workloadModules';

export function defaultModules(): SimModule[] {
  return [
    runtimeModule,
    dockerModule,
    serviceAccountController,
    namespaceController,
    garbageCollector,
    deploymentController,
    replicaSetController,
    endpointSliceController,
    endpointsController,
    endpointSliceMirroringController,
    serviceController,
    schedulerModule,
    nodesModule,
    kubeletModule,
    networkModule,
    nodeLifecycleController,
    eventTtl,
    ...workloadModules,
  ];
}
