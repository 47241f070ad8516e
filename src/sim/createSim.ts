/**
 * The composition root: the one file that knows every module of the simulation. It builds a cluster's parts in
 * install order (runtime → Docker host → nodes → kubelets → network → controllers), gives each the others it
 * needs as explicit arguments, and hands the list to the cluster core, which imports none of them.
 *
 * Install order is behaviour: modules that draw from the seeded generator or log events at install or bootstrap
 * do so in this order, and queues drain in it. Keep it when adding a module (append unless there is a reason).
 */
import { Cluster, type ClusterOptions, type SimModule } from './cluster';
import { runtimeModule, type RuntimeModule } from './runtime/runtime';
import { dockerModule, type DockerModule } from './docker/daemon';
import { addNode, failNode, nodesModule, recoverNode, type NodeHooks } from './nodes/nodeModule';
import { kubeletModule, type KubeletModule } from './kubelet/kubelet';
import { serviceEnv } from './network/serviceEnv';
import { schedulerModule, whyText, type SchedulerModule } from './scheduler/schedulerModule';
import { replicaSetController } from './controllers/replicaSetController';
import { deploymentController } from './controllers/deploymentController';
import { garbageCollector } from './controllers/garbageCollector';
import { namespaceController } from './controllers/namespaceController';
import { serviceAccountController } from './controllers/serviceAccountController';
import { nodeLifecycleController } from './controllers/nodeLifecycleController';
import { eventTtl } from './controllers/eventTtl';
import { endpointSliceController } from './controllers/endpointSliceController';
import { endpointsController } from './controllers/endpointsController';
import { disruptionController } from './controllers/disruptionController';
import { endpointSliceMirroringController } from './controllers/endpointSliceMirroringController';
import { serviceController } from './controllers/serviceController';
import { networkModule, networkNodeHooks } from './network/networkModule';
import { iptablesText, kubeProxyModule } from './network/kubeProxy';
import { simFaults } from './faults';
import { jobController } from './controllers/jobController';
import { cronJobController } from './controllers/cronJobController';
import { daemonSetController } from './controllers/daemonSetController';
import { statefulSetController } from './controllers/statefulSetController';
import { claimVolume, pvController } from './controllers/pvController';
import { resourceQuotaController } from './controllers/resourceQuotaController';
import { hpaController } from './controllers/hpaController';
import { metricsModule, metricsState, setLoad } from './metrics/metricsServer';
import { configVolumeSync, type ConfigVolumeSync } from './controllers/configVolumeSync';
import { OwnedPodWatch } from './controllers/ownedPodWatch';
import { rootCaPublisher } from './controllers/rootCaPublisher';

/**
 * The parts of one cluster that keep in-memory state of their own (caches, indexes), made fresh for each cluster.
 * A test that wants to look inside one builds the parts, passes them to {@link createSim} and keeps the handle.
 */
export interface SimParts {
  runtime: RuntimeModule;
  docker: DockerModule;
  scheduler: SchedulerModule;
  kubelet: KubeletModule;
  configVolumes: ConfigVolumeSync;
  /** The pod watch the StatefulSet, DaemonSet and Job controllers share. */
  ownedPods: OwnedPodWatch;
}

/** Fresh parts for one cluster. */
export function simParts(): SimParts {
  const runtime = runtimeModule();
  const configVolumes = configVolumeSync(runtime);
  return {
    runtime,
    docker: dockerModule(runtime),
    scheduler: schedulerModule(),
    // The kubelet's Service environment comes from the network, PVC volumes from the PV controller and the
    // ConfigMap/Secret volumes that follow updates from configVolumeSync.
    kubelet: kubeletModule({ serviceEnv, pvcVolume: claimVolume, configVolume: configVolumes.configVolume }),
    configVolumes,
    ownedPods: new OwnedPodWatch(),
  };
}

/** What runs on a node's boot and power loss, in this order: its kubelet, then kube-proxy's part. */
function nodeHooks(parts: SimParts): NodeHooks[] {
  return [parts.kubelet.nodeHooks, networkNodeHooks];
}

/** The simulation's modules for one cluster, in install order. */
export function simModules(parts: SimParts = simParts()): SimModule[] {
  return [
    parts.runtime,
    parts.docker,
    serviceAccountController,
    namespaceController,
    garbageCollector(),
    deploymentController,
    replicaSetController,
    endpointSliceController,
    endpointsController,
    endpointSliceMirroringController,
    disruptionController,
    serviceController,
    parts.scheduler,
    nodesModule(nodeHooks(parts)),
    parts.kubelet,
    kubeProxyModule(),
    networkModule,
    nodeLifecycleController,
    eventTtl,
    // configuration, storage, batch, daemon and stateful workloads, autoscaling and quotas
    pvController,
    statefulSetController(parts.ownedPods),
    daemonSetController(parts.ownedPods),
    jobController(parts.ownedPods),
    cronJobController,
    resourceQuotaController,
    metricsModule,
    hpaController({
      available: (c) => metricsState(c).available,
      podContainers: (c, namespace, name) => metricsState(c).pods[`${namespace}/${name}`]?.containers,
    }),
    parts.configVolumes,
    rootCaPublisher,
  ];
}

/** Builds a cluster with every module: `control-plane` (tainted NoSchedule) plus `worker-1…N`, seeded. */
export function createSim(options: ClusterOptions = {}, parts: SimParts = simParts()): Cluster {
  const c = new Cluster(options, simModules(parts));
  const onNodes = nodeHooks(parts);
  c.faults = simFaults(c, {
    addNode: (name, o) => addNode(c, onNodes, name, o),
    failNode: (name) => failNode(c, onNodes, name),
    recoverNode: (name) => recoverNode(c, onNodes, name),
    crash: (namespace, pod, container, exitCode) =>
      parts.kubelet.kubelets.crash(namespace, pod, container, (cid) =>
        parts.runtime.runtime.exited(cid, exitCode),
      ),
    why: (namespace, pod) => whyText(c, namespace, pod),
    load: (namespace, target, cpu) => setLoad(c, namespace, target, cpu),
    iptables: (node) => iptablesText(c, node),
  });
  return c;
}
