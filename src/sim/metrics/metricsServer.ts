/**
 * The resource metrics pipeline: metrics-server (a Deployment in kube-system) scrapes every kubelet each
 * `--metric-resolution` (15 s) and serves the latest CPU and memory usage of pods and nodes — what
 * `kubectl top` prints and the HPA controller reads. Usage comes from the container runtime's `stats(cid)`
 * (the process model's CPU and memory, e.g. per request it serves) plus the load set by `sim load`, spread
 * over the target's ready pods and throttled at each container's CPU limit.
 */
import type { Cluster, SimModule } from '../cluster';
import type { KObject, Node, Pod } from '../api/types';
import { fromLabelSelector, matches } from '../api/labels';
import { parseBytes, parseCpuMillis } from '../api/quantity';
import { isPodReady } from '../api/podReady';

export const METRICS = 'metrics';
export const RESOLUTION_MS = 15_000;
const NS = 'kube-system';
const APP = 'metrics-server';
export const METRICS_SERVER_IMAGE = 'registry.k8s.io/metrics-server/metrics-server:v0.7.1';

export interface ContainerUsage {
  name: string;
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
}
export interface PodMetrics {
  timestamp: string;
  window: string;
  containers: ContainerUsage[];
}
export interface NodeMetrics {
  timestamp: string;
  window: string;
  cpu: number;
  memory: number;
}

export interface MetricsState {
  /** `ns/kind/name` → total CPU demand in millicores (`sim load`). */
  loads: Record<string, number>;
  /** `ns/name` → latest pod metrics. */
  pods: Record<string, PodMetrics>;
  nodes: Record<string, NodeMetrics>;
  /** Whether metrics-server has served at least one scrape. */
  available: boolean;
  /** Container id → CPU-milliseconds spent serving requests, at the last scrape. */
  hits?: Record<string, number>;
  lastScrape?: number;
}

export function metricsState(c: Cluster): MetricsState {
  return c.ext<MetricsState>(METRICS);
}

/**
 * CPU time one HTTP request costs a modelled server, in CPU-milliseconds (php-apache's index.php runs a million
 * sqrt() calls; the others answer from memory). Kept in line with the process model's HTTP answers.
 */
const REQUEST_CPU_MS: Record<string, number> = { 'php-apache': 40, app: 2, 'hello-app': 1 };

interface ProcView {
  servers?: { kind: string; hits: number }[];
}

/** Requests served by a container so far, by server kind. */
function servedRequests(c: Cluster, cid: string): { hits: number; cpuMs: number } {
  const procs = (c.state.ext.process as { procs?: Record<string, ProcView> } | undefined)?.procs;
  let hits = 0;
  let cpuMs = 0;
  for (const srv of procs?.[cid]?.servers ?? []) {
    hits += srv.hits;
    cpuMs += srv.hits * (REQUEST_CPU_MS[srv.kind] ?? 1);
  }
  return { hits, cpuMs };
}

/** System daemons outside pods (kubelet, containerd, the OS): a constant floor per node. */
const NODE_OVERHEAD = {
  controlPlane: { cpu: 90, memory: 520 * 2 ** 20 },
  worker: { cpu: 25, memory: 310 * 2 ** 20 },
};

function metricsServerReady(c: Cluster): boolean {
  for (const p of c.api.byIndex<Pod>('Pod', 'namespace', NS)) {
    if (p.metadata.labels?.['k8s-app'] === APP && isPodReady(p) && !p.metadata.deletionTimestamp) return true;
  }
  return false;
}

/** Pods a `sim load` target spreads over: the workload's selector, or one pod. */
function targetPods(c: Cluster, ns: string, kind: string, name: string): Pod[] {
  if (kind === 'Pod') {
    const p = c.api.get<Pod>('Pod', ns, name);
    return p ? [p] : [];
  }
  const o = c.api.get(kind, ns, name);
  if (!o) return [];
  const sel =
    kind === 'Service'
      ? o.spec?.selector
        ? fromLabelSelector({ matchLabels: o.spec.selector })
        : null
      : fromLabelSelector(o.spec?.selector);
  if (!sel) return [];
  return c.api.byIndex<Pod>('Pod', 'namespace', ns).filter((p) => matches(sel, p.metadata.labels));
}

/** Extra CPU per pod (`ns/name` → millicores) from the active loads. */
function loadShares(c: Cluster): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, millis] of Object.entries(metricsState(c).loads)) {
    const [ns, kind, name] = key.split('/') as [string, string, string];
    const ready = targetPods(c, ns, kind, name).filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp);
    if (!ready.length) continue;
    const share = millis / ready.length;
    for (const p of ready)
      out.set(`${ns}/${p.metadata.name}`, (out.get(`${ns}/${p.metadata.name}`) ?? 0) + share);
  }
  return out;
}

/** One scrape of every kubelet (also used directly by tests). */
export function scrape(c: Cluster): void {
  const s = metricsState(c);
  if (!metricsServerReady(c)) {
    s.available = false;
    s.pods = {};
    s.nodes = {};
    return;
  }
  const ts = c.iso();
  const shares = loadShares(c);
  const prevHits = s.hits ?? {};
  const hits: Record<string, number> = {};
  const elapsedS = Math.max(1, (c.now - (s.lastScrape ?? c.now - RESOLUTION_MS)) / 1000);
  const pods: Record<string, PodMetrics> = {};
  const perNode = new Map<string, { cpu: number; memory: number }>();
  c.store.each('Pod', (o) => {
    const p = o as Pod;
    if (
      p.status?.phase !== 'Running' ||
      !p.spec.nodeName ||
      p.metadata.annotations?.['kubernetes.io/config.mirror']
    )
      return;
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    let extra = shares.get(key) ?? 0;
    const containers: ContainerUsage[] = [];
    for (const cs of p.status.containerStatuses ?? []) {
      if (!cs.state.running || !cs.containerID) continue;
      const cid = cs.containerID.replace(/^[a-z]+:\/\//, '');
      const st = c.runtime.stats(cid);
      // CPU spent serving requests since the last scrape (e.g. a busybox wget loop through the Service).
      const served = servedRequests(c, cid);
      hits[cid] = served.cpuMs;
      const serving = prevHits[cid] !== undefined ? Math.max(0, served.cpuMs - prevHits[cid]!) / elapsedS : 0;
      extra += serving;
      const spec = p.spec.containers.find((x) => x.name === cs.name);
      const limit =
        spec?.resources?.limits?.cpu !== undefined ? parseCpuMillis(spec.resources.limits.cpu) : Infinity;
      const cpu = Math.min(limit, st.cpuMillis + extra);
      extra = 0;
      containers.push({ name: cs.name, cpu: Math.max(0, Math.round(cpu)), memory: st.memoryBytes });
    }
    if (!containers.length) return;
    pods[key] = { timestamp: ts, window: '15s', containers };
    const n = perNode.get(p.spec.nodeName) ?? { cpu: 0, memory: 0 };
    for (const ct of containers) {
      n.cpu += ct.cpu;
      n.memory += ct.memory;
    }
    perNode.set(p.spec.nodeName, n);
  });
  const nodes: Record<string, NodeMetrics> = {};
  for (const node of c.api.list<Node>('Node')) {
    const ready = node.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True';
    if (!ready) continue;
    const cp = 'node-role.kubernetes.io/control-plane' in (node.metadata.labels ?? {});
    const base = cp ? NODE_OVERHEAD.controlPlane : NODE_OVERHEAD.worker;
    const u = perNode.get(node.metadata.name) ?? { cpu: 0, memory: 0 };
    // Static control-plane pods have no modelled process: count their requests as their usage.
    let staticCpu = 0;
    let staticMem = 0;
    if (cp) {
      for (const p of c.api.byIndex<Pod>('Pod', 'node', node.metadata.name)) {
        if (!p.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
        for (const ct of p.spec.containers) {
          staticCpu += parseCpuMillis(ct.resources?.requests?.cpu ?? '0') / 2;
          staticMem += parseBytes(ct.resources?.requests?.memory ?? '0') + 60 * 2 ** 20;
        }
      }
    }
    nodes[node.metadata.name] = {
      timestamp: ts,
      window: '20s',
      cpu: Math.round(base.cpu + u.cpu + staticCpu),
      memory: base.memory + u.memory + staticMem,
    };
  }
  s.pods = pods;
  s.nodes = nodes;
  s.available = true;
  s.hits = hits;
  s.lastScrape = c.now;
}

/** `sim load <kind>/<name> --cpu <q>`: total CPU demand spread over the target's ready pods. */
export function setLoad(c: Cluster, ns: string, target: string, cpu: string): string | undefined {
  const i = target.indexOf('/');
  const def = c.api.kinds.resolve(target.slice(0, i));
  const name = target.slice(i + 1);
  if (!def) return `the server doesn't have a resource type "${target.slice(0, i)}"`;
  if (!c.api.get(def.kind, ns, name))
    return `${def.plural}${def.group ? `.${def.group}` : ''} "${name}" not found`;
  const millis = parseCpuMillis(cpu);
  if (!Number.isFinite(millis) || millis < 0) return `invalid CPU quantity "${cpu}"`;
  const key = `${ns}/${def.kind}/${name}`;
  const s = metricsState(c);
  if (millis === 0) delete s.loads[key];
  else s.loads[key] = millis;
  c.log.emit(c.now, {
    kind: 'fault',
    source: 'user',
    target: 'kube-apiserver',
    verb: 'load',
    object: { kind: def.kind, namespace: ns, name },
    summary: `load ${def.kind.toLowerCase()}/${name}: ${millis}m CPU demand`,
  });
  return undefined;
}

function metricsServerDeployment(): KObject {
  const labels = { 'k8s-app': APP };
  const probe = (path: string, delay: number) => ({
    httpGet: { path, port: 'https', scheme: 'HTTPS' },
    periodSeconds: 10,
    failureThreshold: 3,
    ...(delay ? { initialDelaySeconds: delay } : {}),
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: APP, namespace: NS, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      strategy: { rollingUpdate: { maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'default',
          // Kubelab pins the add-on to the control plane so the workers keep the capacity a lesson configures.
          nodeSelector: { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': '' },
          tolerations: [
            { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
          ],
          containers: [
            {
              name: APP,
              image: METRICS_SERVER_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              args: [
                '--cert-dir=/tmp',
                '--secure-port=10250',
                '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
                '--kubelet-use-node-status-port',
                '--metric-resolution=15s',
              ],
              ports: [{ containerPort: 10250, name: 'https', protocol: 'TCP' }],
              readinessProbe: probe('/readyz', 20),
              livenessProbe: probe('/livez', 0),
              resources: { requests: { cpu: '100m', memory: '200Mi' } },
            },
          ],
        },
      },
    },
  };
}

export const metricsModule: SimModule = {
  name: METRICS,
  initState: (): MetricsState => ({ loads: {}, pods: {}, nodes: {}, available: false }),
  install(c) {
    c.clock.on('metrics.scrape', () => {
      scrape(c);
      c.clock.after(RESOLUTION_MS, 'metrics.scrape', null, 'metrics.scrape');
    });
  },
  bootstrap(c) {
    if (c.options.minimal) return;
    c.api.create(metricsServerDeployment(), { actor: 'kube-apiserver' });
    c.clock.after(RESOLUTION_MS, 'metrics.scrape', null, 'metrics.scrape');
  },
};

// ---------------------------------------------------------------------------------------------- Metrics API

/** Whether the Metrics API answers (metrics-server ready and scraped once). */
export function metricsApiAvailable(c: Cluster): boolean {
  return metricsState(c)?.available ?? false;
}

/** metrics.k8s.io PodMetrics of one pod, if scraped. */
export function podMetricsOf(c: Cluster, namespace: string, name: string): PodMetrics | undefined {
  return metricsState(c)?.pods[`${namespace}/${name}`];
}

/** metrics.k8s.io NodeMetrics of one node, if scraped. */
export function nodeMetricsOf(c: Cluster, name: string): NodeMetrics | undefined {
  return metricsState(c)?.nodes[name];
}
