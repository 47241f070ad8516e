/**
 * The scheduler's cache (K:pkg/scheduler/backend/cache): NodeInfos kept up to date incrementally from Node and
 * bound-Pod events. Derived state only — the scheduler module rebuilds it from the store after a restore — so it
 * may live in memory outside `cluster.state`.
 *
 * Pods in phase Succeeded or Failed hold no resources (the real scheduler's informer filters them out), so
 * adding one removes it.
 */
import type { Node, Pod } from '../api/types';
import { NodeInfo } from './nodeInfo';
import { computePodInfo } from './podInfo';

export class SchedulerCache {
  private readonly byName = new Map<string, NodeInfo>();
  /** Nodes with a Node object, sorted by name; null after a node set change. */
  private sorted: NodeInfo[] | null = null;
  /** pod key (`namespace/name`) → node name it is accounted on. */
  private readonly podNode = new Map<string, string>();
  /** Normalized image → the nodes that have it, with its size there (ImageStateSummary). */
  private readonly imageNodes = new Map<string, Map<NodeInfo, number>>();
  /** Cluster-wide counts, so a cycle can skip InterPodAffinity without visiting every node. */
  private affinityTotal = 0;
  private requiredAntiAffinityTotal = 0;
  /** Nodes (with a Node object) cordoned, and with NoSchedule / NoExecute taints: filters skip when none are. */
  private cordoned = 0;
  private hardTainted = 0;
  private softTainted = 0;

  constructor() {}

  setNode(node: Node): void {
    const name = node.metadata.name;
    let ni = this.byName.get(name);
    if (!ni) {
      ni = new NodeInfo(name);
      this.byName.set(name, ni);
    }
    if (!ni.node) this.sorted = null;
    else this.countNode(ni, -1);
    const { removed } = ni.setNode(node);
    this.countNode(ni, 1);
    for (const img of removed) this.dropImage(img, ni);
    for (const [img, size] of ni.images) {
      let holders = this.imageNodes.get(img);
      if (!holders) this.imageNodes.set(img, (holders = new Map()));
      holders.set(ni, size);
    }
  }

  removeNode(name: string): void {
    const ni = this.byName.get(name);
    if (!ni) return;
    for (const img of ni.images.keys()) this.dropImage(img, ni);
    ni.images = new Map();
    if (ni.node) {
      this.sorted = null;
      this.countNode(ni, -1);
    }
    ni.node = undefined;
    // Pods still bound to a deleted node keep a ghost entry until they go (as the real cache does).
    if (ni.pods.size === 0) this.byName.delete(name);
  }

  private countNode(ni: NodeInfo, sign: 1 | -1): void {
    if (ni.unschedulable) this.cordoned += sign;
    if (ni.hardTaints.length) this.hardTainted += sign;
    if (ni.preferNoScheduleTaints.length) this.softTainted += sign;
  }

  /** Nodes cordoned (`spec.unschedulable`). */
  get cordonedNodes(): number {
    return this.cordoned;
  }

  /** Nodes with a NoSchedule or NoExecute taint. */
  get hardTaintedNodes(): number {
    return this.hardTainted;
  }

  /** Nodes with a PreferNoSchedule taint. */
  get softTaintedNodes(): number {
    return this.softTainted;
  }

  private dropImage(img: string, ni: NodeInfo): void {
    const holders = this.imageNodes.get(img);
    if (!holders) return;
    holders.delete(ni);
    if (holders.size === 0) this.imageNodes.delete(img);
  }

  /** Adds or updates a pod bound to `spec.nodeName` (assumed or confirmed). Unbound or terminal pods are removed. */
  addPod(pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    const phase = pod.status?.phase;
    if (!nodeName || phase === 'Succeeded' || phase === 'Failed') {
      this.removePod(pod);
      return;
    }
    const info = computePodInfo(pod);
    const prev = this.podNode.get(info.key);
    if (prev !== undefined) this.removeKey(info.key, prev);
    let ni = this.byName.get(nodeName);
    if (!ni) {
      ni = new NodeInfo(nodeName);
      this.byName.set(nodeName, ni);
    }
    const [a, r] = [ni.podsWithAffinity, ni.podsWithRequiredAntiAffinity];
    ni.addPod(info);
    this.affinityTotal += ni.podsWithAffinity - a;
    this.requiredAntiAffinityTotal += ni.podsWithRequiredAntiAffinity - r;
    this.podNode.set(info.key, nodeName);
  }

  /** Removes a pod, keyed by namespace/name. */
  removePod(pod: Pod): void {
    const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    const nodeName = this.podNode.get(key);
    if (nodeName !== undefined) this.removeKey(key, nodeName);
  }

  private removeKey(key: string, nodeName: string): void {
    this.podNode.delete(key);
    const ni = this.byName.get(nodeName);
    if (!ni) return;
    const [a, r] = [ni.podsWithAffinity, ni.podsWithRequiredAntiAffinity];
    ni.removePod(key);
    this.affinityTotal += ni.podsWithAffinity - a;
    this.requiredAntiAffinityTotal += ni.podsWithRequiredAntiAffinity - r;
    if (!ni.node && ni.pods.size === 0) this.byName.delete(nodeName);
  }

  /** Nodes known by a Node object, in stable order by name. The array is shared: do not mutate it. */
  nodeInfos(): NodeInfo[] {
    if (!this.sorted) {
      this.sorted = [...this.byName.values()]
        .filter((n) => n.node)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    return this.sorted;
  }

  get(name: string): NodeInfo | undefined {
    const ni = this.byName.get(name);
    return ni?.node ? ni : undefined;
  }

  /** Number of nodes that have the (normalized) image. */
  imageNodeCount(image: string): number {
    return this.imageNodes.get(image)?.size ?? 0;
  }

  /** The nodes that have the (normalized) image, with its size on each. Read-only view. */
  imageHolders(image: string): ReadonlyMap<NodeInfo, number> | undefined {
    return this.imageNodes.get(image);
  }

  /** Node the pod is accounted on, if any. */
  nodeOf(namespace: string, name: string): string | undefined {
    return this.podNode.get(`${namespace}/${name}`);
  }

  /** Pods in the cache with any inter-pod (anti-)affinity term. */
  get podsWithAffinity(): number {
    return this.affinityTotal;
  }

  /** Pods in the cache with a required anti-affinity term. */
  get podsWithRequiredAntiAffinity(): number {
    return this.requiredAntiAffinityTotal;
  }

  /** Pods accounted in the cache. */
  get podCount(): number {
    return this.podNode.size;
  }
}
