/**
 * The default module set of a cluster, in install order (the runtime before the kubelets that use it).
 */
import type { SimModule } from './cluster';

export function defaultModules(): SimModule[] {
  return [];
}
