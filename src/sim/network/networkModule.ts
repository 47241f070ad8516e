/**
 * The network module: the `kubernetes` Service, CoreDNS (a real Deployment in kube-system behind kube-dns
 * 10.96.0.10), kube-proxy on every node, the ingress controller's address, Service env vars, and the
 * container network hook that sends pods' requests through DNS, kube-proxy and NetworkPolicies.
 */
import type { Cluster, SimModule } from '../cluster';
import type { Pod } from '../api/types';
import { nodesState, type NodeHooks } from '../nodes/nodeModule';
import { createKubeProxyAddon, KUBE_PROXY_IMAGE } from './kubeProxyAddon';
import { externalAddress, externalPage, parseUrl } from '../process/netCommands';
import { ensureServiceIndexes } from '../kinds/serviceIpam';
import { proxyRules } from './kubeProxy';
import { ensureSliceIndex } from '../kinds/endpointSlice';
import { dnsServers, resolveFromPod } from './dns';
import { connectionAllowed } from './policy';
import { containerComponent, ensurePodIpIndex, httpGet, podByIp, tcpConnect, type Client } from './traffic';
import { forwardClaims, netState, type NetworkState } from './portForward';
import { claimLaptopPorts } from '../runtime/laptopPorts';
import type { ProxyRules } from './iptables';
import { INGRESS_CLASS, servedByController } from './ingressRouting';
import {
  API_SERVER_ENDPOINT,
  DNS_SERVICE_IP,
  isIPv4,
  KUBERNETES_SERVICE_IP,
  type Ingress,
} from '../api/networkTypes';

export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.1';
const INGRESS_NAME = 'ingress-nginx-controller';
/** How long the ingress controller takes to publish an Ingress's address. */
export const INGRESS_SYNC_MS = 2000;

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

const ACTOR = 'kube-apiserver' as const;

function createKubernetesService(c: Cluster): void {
  c.api.create(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: KUBERNETES_SERVICE_IP,
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
      },
    },
    { actor: ACTOR },
  );
  c.api.create(
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [
        { addresses: [{ ip: API_SERVER_ENDPOINT }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
      ],
    },
    { actor: ACTOR },
  );
  c.api.create(
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'kubernetes.io/service-name': 'kubernetes' },
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: [API_SERVER_ENDPOINT], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    },
    { actor: ACTOR },
  );
}

function createCoreDns(c: Cluster): void {
  if (c.api.kinds.byKind('ConfigMap')) {
    c.api.create(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'coredns', namespace: 'kube-system' },
        data: { Corefile: COREFILE },
      },
      { actor: ACTOR },
    );
  }
  c.api.create(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: {
          'k8s-app': 'kube-dns',
          'kubernetes.io/cluster-service': 'true',
          'kubernetes.io/name': 'CoreDNS',
        },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        selector: { 'k8s-app': 'kube-dns' },
        clusterIP: DNS_SERVICE_IP,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
    { actor: ACTOR },
  );
  c.api.create(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            dnsPolicy: 'Default',
            containers: [
              {
                name: 'coredns',
                image: COREDNS_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                args: ['-conf', '/etc/coredns/Corefile'],
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                ports: [
                  { name: 'dns', containerPort: 53, protocol: 'UDP' },
                  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                  { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
                ],
                livenessProbe: {
                  httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
                  initialDelaySeconds: 60,
                  timeoutSeconds: 5,
                  successThreshold: 1,
                  failureThreshold: 5,
                },
                readinessProbe: {
                  httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' },
                  periodSeconds: 10,
                  timeoutSeconds: 1,
                  successThreshold: 1,
                  failureThreshold: 3,
                },
              },
            ],
          },
        },
      },
    },
    { actor: ACTOR },
  );
}

/** The pod behind a container, as a traffic client. */
function podClient(c: Cluster, cid: string): Client | undefined {
  const info = c.runtime.record(cid);
  const ns = info?.labels['io.kubernetes.pod.namespace'];
  const name = info?.labels['io.kubernetes.pod.name'];
  if (!info || !ns || !name) return undefined;
  const pod = c.api.get<Pod>('Pod', ns, name);
  if (!pod) return undefined;
  return {
    ip: pod.status?.podIP ?? info.ip,
    pod,
    node: info.host,
    component: containerComponent(c, cid),
    label: `pod ${ns}/${name}`,
  };
}

function usesClusterDns(pod: Pod): boolean {
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'Default' || policy === 'None') return false;
  return !pod.spec.hostNetwork || policy === 'ClusterFirstWithHostNet';
}

/** DNS queries leave the pod too: egress policies must allow UDP 53 to a CoreDNS pod. */
function dnsAllowed(c: Cluster, client: Client): boolean {
  if (!client.pod) return true;
  return dnsServers(c).some((s) => {
    const target = podByIp(c, s.ip);
    return connectionAllowed(
      c,
      { ip: client.ip, pod: client.pod },
      { ip: s.ip, ...(target ? { pod: target } : {}) },
      53,
      'UDP',
    ).allowed;
  });
}

type Lookup = { ip: string; cname?: string } | { error: 'bad address' | 'timeout' } | 'external';

function lookup(c: Cluster, client: Client, host: string): Lookup {
  const pod = client.pod!;
  if (host === (pod.spec.hostname ?? pod.metadata.name) && client.ip) return { ip: client.ip };
  if (!usesClusterDns(pod)) return 'external';
  const r = resolveFromPod(c, pod.metadata.namespace!, host);
  if (r.kind === 'external') return 'external';
  if (!dnsAllowed(c, client)) return { error: 'timeout' };
  if (r.kind === 'unreachable') return { error: 'timeout' };
  if (r.kind === 'nxdomain') return { error: 'bad address' };
  c.log.emit(c.now, {
    kind: 'traffic',
    source: client.component,
    target: `kube-proxy/${client.node ?? ''}`,
    verb: 'dns',
    object: { kind: 'Service', namespace: 'kube-system', name: 'kube-dns' },
    summary: `DNS ${host} → ${r.answer.fqdn} ${r.answer.addresses.join(', ')}`,
  });
  return { ip: r.answer.addresses[0]!, ...(r.answer.cname ? { cname: r.answer.cname } : {}) };
}

function installNetwork(c: Cluster): void {
  c.runtime.setNetwork({
    http(cid, url, timeoutMs) {
      const client = podClient(c, cid);
      const u = parseUrl(url);
      if (!client || !u) return undefined;
      if (u.host === 'localhost' || u.host === '127.0.0.1') return undefined;
      let ip = u.host;
      if (!isIPv4(ip)) {
        const l = lookup(c, client, u.host);
        if (l === 'external') {
          // Outside the cluster: the simulated internet answers if DNS and egress policies let the pod out.
          if (!u.host.includes('.') || !client.pod) return undefined;
          if (!dnsAllowed(c, client))
            return { error: `bad address '${u.host}'`, latencyMs: Math.min(10_000, timeoutMs) };
          const out = connectionAllowed(
            c,
            { ip: client.ip, pod: client.pod },
            { ip: externalAddress(u.host) },
            u.port,
          );
          if (!out.allowed) return { error: 'download timed out', latencyMs: timeoutMs };
          return undefined;
        }
        if ('error' in l)
          return l.error === 'timeout'
            ? { error: `bad address '${u.host}'`, latencyMs: 10_000 }
            : { error: `bad address '${u.host}'`, latencyMs: 5 };
        if (l.cname) return externalPage(`${u.scheme}://${l.cname}${u.path}`);
        ip = l.ip;
      }
      const r = httpGet(c, client, ip, u.port, u.path, u.host, false);
      if (!r) return undefined;
      if ('error' in r) return { error: r.error, latencyMs: Math.min(r.latencyMs, timeoutMs) };
      return { status: r.status, body: r.body, latencyMs: r.latencyMs };
    },
    resolve(cid, name) {
      // /etc/hosts answers localhost before any DNS server is asked.
      if (name === 'localhost') return undefined;
      const client = podClient(c, cid);
      if (!client?.pod) return undefined;
      const pod = client.pod;
      if (name === (pod.spec.hostname ?? pod.metadata.name) && client.ip)
        return { name, addresses: [client.ip], server: DNS_SERVICE_IP };
      if (!usesClusterDns(pod)) return undefined;
      const r = resolveFromPod(c, pod.metadata.namespace!, name);
      if (r.kind === 'answer')
        return {
          name: r.answer.cname ?? r.answer.fqdn,
          addresses: r.answer.addresses,
          server: DNS_SERVICE_IP,
        };
      if (r.kind === 'external')
        return dnsAllowed(c, client)
          ? { name, addresses: [externalAddress(name)], server: DNS_SERVICE_IP }
          : { name, addresses: [], server: DNS_SERVICE_IP };
      return { name, addresses: [], server: DNS_SERVICE_IP };
    },
    tcp(cid, host, port) {
      const client = podClient(c, cid);
      if (!client) return undefined;
      if (host === 'localhost' || host === '127.0.0.1') return undefined;
      let ip = host;
      if (!isIPv4(ip)) {
        const l = lookup(c, client, host);
        if (l === 'external') return undefined;
        if ('error' in l) return false;
        if (l.cname) return undefined;
        ip = l.ip;
      }
      return tcpConnect(c, client, ip, port);
    },
  });
}

function ingressReconcile(c: Cluster, key: string): void {
  const i = key.indexOf('/');
  const ing = c.api.get<Ingress>('Ingress', key.slice(0, i), key.slice(i + 1));
  const st = netState(c);
  if (!ing) {
    delete st.ingressPending[key];
    return;
  }
  const has = (ing.status?.loadBalancer?.ingress ?? []).length > 0;
  if (!servedByController(ing)) {
    delete st.ingressPending[key];
    if (has)
      c.api.updateStatus({ ...ing, status: { loadBalancer: {} } }, { actor: 'kube-controller-manager' });
    return;
  }
  if (has) return;
  const due = st.ingressPending[key];
  if (due === undefined || c.now < due) {
    if (due === undefined) st.ingressPending[key] = c.now + INGRESS_SYNC_MS;
    c.enqueueAfter(INGRESS_NAME, key, (st.ingressPending[key] ?? c.now) - c.now);
    return;
  }
  delete st.ingressPending[key];
  c.api.updateStatus(
    { ...ing, status: { loadBalancer: { ingress: [{ ip: API_SERVER_ENDPOINT }] } } },
    { actor: 'kube-controller-manager' },
  );
  c.api.recordEvent(ing, 'Normal', 'Sync', 'Scheduled for sync', 'nginx-ingress-controller');
}

/** What the network does when a node boots (kube-proxy and CoreDNS's image) or loses power (tables freeze). */
export const networkNodeHooks: NodeHooks = {
  booted(cl, node) {
    if (netState(cl).frozen?.[node]) delete netState(cl).frozen[node];
    if (cl.options.minimal) return;
    cl.runtime.commitPull(node, COREDNS_IMAGE);
    cl.runtime.commitPull(node, KUBE_PROXY_IMAGE);
  },
  poweredOff(cl, node) {
    // kube-proxy dies with its node: the node's tables stay as they were at this last sync.
    netState(cl).frozen = {
      ...(netState(cl).frozen ?? {}),
      [node]: JSON.parse(JSON.stringify(proxyRules(cl, node))) as ProxyRules,
    };
  },
};

export const networkModule: SimModule = {
  name: 'network',
  initState: (): NetworkState => ({ affinity: {}, forwards: [], ingressPending: {}, frozen: {} }),
  install(c) {
    ensureServiceIndexes(c);
    ensureSliceIndex(c);
    ensurePodIpIndex(c);
    installNetwork(c);
    claimLaptopPorts(c, 'port-forward', forwardClaims(c));
    // DefaultIngressClass admission: an Ingress that names no class gets the default one.
    c.api.admission.push({
      name: 'DefaultIngressClass',
      admit(op, obj, _old, api) {
        if (op !== 'CREATE' || obj.kind !== 'Ingress' || !obj.spec || typeof obj.spec !== 'object')
          return undefined;
        if (obj.spec.ingressClassName || obj.metadata.annotations?.['kubernetes.io/ingress.class'])
          return undefined;
        const def = api
          .list('IngressClass')
          .find((ic) => ic.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
        if (def) obj.spec.ingressClassName = def.metadata.name;
        return undefined;
      },
    });
    c.registerReconciler(INGRESS_NAME, (key) => ingressReconcile(c, key));
    c.api.watch('Ingress', (_t, o) => c.enqueue(INGRESS_NAME, `${o.metadata.namespace}/${o.metadata.name}`));
  },
  bootstrap(c) {
    createKubernetesService(c);
    if (!c.options.minimal) {
      createKubeProxyAddon(c);
      createCoreDns(c);
      c.api.create(
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'IngressClass',
          metadata: {
            name: INGRESS_CLASS,
            labels: {
              'app.kubernetes.io/component': 'controller',
              'app.kubernetes.io/name': 'ingress-nginx',
            },
            annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
          },
          spec: { controller: 'k8s.io/ingress-nginx' },
        },
        { actor: ACTOR },
      );
      // Nodes registered before this module's hooks existed.
      for (const node of Object.keys(nodesState(c).nodes).sort()) {
        c.runtime.commitPull(node, COREDNS_IMAGE);
        c.runtime.commitPull(node, KUBE_PROXY_IMAGE);
      }
    }
  },
};
