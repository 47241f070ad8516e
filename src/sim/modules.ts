/**
 * The default module set of a cluster, in install order (the runtime before the kubelets that use it).
 */
import type { SimModule } from './cluster';
import { runtimeModule } from './runtime/runtime';
import { dockerModule } from './docker/daemon';

export function defaultModules(): SimModule[] {
  return [runtimeModule, dockerModule];
}
