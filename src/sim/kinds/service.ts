/**
 * Service (v1): a stable virtual IP and DNS name in front of the pods its selector picks. The API server
 * allocates the ClusterIP (10.96.0.0/12) and NodePorts (30000-32767) on create, keeps them on update and
 * refuses taken or out-of-range values with the real messages.
 */
import type { KindDef, KindContext } from '../api/kinds';
import type { FieldError } from '../api/errors';
import type { KObject } from '../api/types';
import { any, arr, bool, int, ios, map, obj, str } from '../api/schema';
import { rootSchema } from './common';
import { validateDnsLabel, validateLabels, validatePort } from '../api/validation';
import {
  allocateClusterIP,
  allocateNodePort,
  clusterIPTaken,
  inServiceRange,
  nodePortTaken,
  SERVICE_RANGE_TEXT,
} from './serviceIpam';
import { isIPv4, NODE_PORT_MAX, NODE_PORT_MIN, type Service, type ServicePort } from '../api/networkTypes';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

const servicePort = obj(
  'ServicePort',
  {
    name: str(
      'The name of this port within the service. Must be a DNS_LABEL; required when there is more than one port. Matches the `name` field in EndpointPort.',
    ),
    protocol: str('The IP protocol for this port: "TCP", "UDP" or "SCTP". Default is TCP.', PROTOCOLS),
    appProtocol: str('The application protocol for this port, a hint for implementations.'),
    port: int('The port that will be exposed by this service.'),
    targetPort: ios(
      "Number or name of the port to access on the pods targeted by the service. A name is looked up in the target pod's container ports. Defaults to the value of `port`.",
    ),
    nodePort: int(
      'The port on each node on which this service is exposed when type is NodePort or LoadBalancer. Usually assigned by the system from 30000-32767.',
    ),
  },
  { required: ['port'] },
);

const serviceSchema = rootSchema(
  'Service',
  'Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.',
  {
    spec: obj(
      'ServiceSpec',
      {
        type: str(
          'How the Service is exposed: ClusterIP (default, a virtual IP inside the cluster), NodePort (also a port on every node), LoadBalancer (also an external load balancer of the cloud), ExternalName (a DNS CNAME, no proxying).',
          TYPES,
        ),
        selector: map(
          str(),
          'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints.',
        ),
        ports: arr(servicePort, 'The list of ports that are exposed by this service.'),
        clusterIP: str(
          'The IP address of the service, usually assigned randomly. "None" makes a headless service (no virtual IP; DNS returns the pod IPs).',
        ),
        clusterIPs: arr(str(), 'IP addresses assigned to this service; clusterIPs[0] equals clusterIP.'),
        externalIPs: arr(
          str(),
          'IP addresses for which nodes in the cluster will also accept traffic for this service.',
        ),
        externalName: str(
          'The external reference that discovery mechanisms will return as an alias for this service (a DNS CNAME record). Requires type ExternalName.',
        ),
        sessionAffinity: str('"ClientIP" sends all requests of one client to the same pod; default "None".', [
          'ClientIP',
          'None',
        ]),
        sessionAffinityConfig: any('Configurations of session affinity.'),
        externalTrafficPolicy: str(
          'How traffic from outside (NodePort, LoadBalancer) is routed: "Cluster" (any ready endpoint, source NAT) or "Local" (only endpoints on the receiving node).',
          ['Cluster', 'Local'],
        ),
        internalTrafficPolicy: str(
          'How traffic from inside the cluster is routed: "Cluster" or "Local" (endpoints on the same node only).',
          ['Cluster', 'Local'],
        ),
        ipFamilies: arr(str(), 'IP families (IPv4, IPv6) assigned to this service.'),
        ipFamilyPolicy: str(
          'Dual-stack-ness requested or required by this Service: SingleStack, PreferDualStack or RequireDualStack.',
          ['PreferDualStack', 'RequireDualStack', 'SingleStack'],
        ),
        publishNotReadyAddresses: bool(
          'When true, DNS and endpoints include pods that are not ready (for StatefulSet peer discovery).',
        ),
        allocateLoadBalancerNodePorts: bool(
          'Whether NodePorts are allocated for a LoadBalancer Service. Default true.',
        ),
        loadBalancerIP: str('Deprecated: the IP to ask the cloud load balancer for.'),
        loadBalancerClass: str('The class of the load balancer implementation.'),
        loadBalancerSourceRanges: arr(str(), 'Client IP ranges allowed through the cloud load balancer.'),
        healthCheckNodePort: int('The healthcheck nodePort for externalTrafficPolicy Local.'),
        trafficDistribution: str('Preference for how traffic is distributed to endpoints (PreferClose).'),
      },
      { description: 'Spec defines the behavior of a service.' },
    ),
    status: obj(
      'ServiceStatus',
      {
        loadBalancer: obj('LoadBalancerStatus', {
          ingress: arr(
            obj('LoadBalancerIngress', {
              ip: str('IP of the load balancer.'),
              hostname: str('Hostname of the load balancer.'),
              ipMode: str('How the load balancer IP behaves: VIP or Proxy.'),
              ports: arr(any()),
            }),
            'Ingress points of the load balancer.',
          ),
        }),
        conditions: arr(any(), 'Current service state.'),
      },
      { description: 'Most recently observed status of the service. Read-only.' },
    ),
  },
);

function portKey(p: ServicePort): string {
  return `${p.port}/${p.protocol ?? 'TCP'}`;
}

/**
 * The API server's dropTypeDependentFields: switching to a type that does not use a field clears it when the
 * client left it as it was (so `kubectl apply` from NodePort back to ClusterIP just works).
 */
function dropTypeDependentFields(spec: Service['spec'], old: Service['spec'] | undefined): void {
  if (!old) return;
  const needsNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (!needsNodePorts && (old.type === 'NodePort' || old.type === 'LoadBalancer')) {
    const oldPorts = new Map((old.ports ?? []).map((p) => [portKey(p), p.nodePort]));
    for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
      if (p && p.nodePort !== undefined && oldPorts.get(portKey(p)) === p.nodePort) delete p.nodePort;
    }
    if (spec.externalTrafficPolicy === old.externalTrafficPolicy) delete spec.externalTrafficPolicy;
    if (spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts)
      delete spec.allocateLoadBalancerNodePorts;
  }
  if (spec.type === 'ExternalName' && old.type !== 'ExternalName') {
    if (spec.clusterIP === old.clusterIP) delete spec.clusterIP;
    if (JSON.stringify(spec.clusterIPs) === JSON.stringify(old.clusterIPs)) delete spec.clusterIPs;
    if (JSON.stringify(spec.ipFamilies) === JSON.stringify(old.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === old.ipFamilyPolicy) delete spec.ipFamilyPolicy;
    if (spec.internalTrafficPolicy === old.internalTrafficPolicy) delete spec.internalTrafficPolicy;
  }
}

function defaults(o: KObject, ctx: KindContext): void {
  const svc = o as Service;
  if (!svc.spec || typeof svc.spec !== 'object') return;
  const spec = svc.spec;
  const old = ctx.old as Service | undefined;
  spec.type ??= 'ClusterIP';
  dropTypeDependentFields(spec, old?.spec);
  spec.sessionAffinity ??= 'None';
  const ports = Array.isArray(spec.ports) ? spec.ports : undefined;
  for (const p of ports ?? []) {
    if (!p || typeof p !== 'object') continue;
    p.protocol ??= 'TCP';
    if (spec.type !== 'ExternalName') p.targetPort ??= p.port;
  }
  if (spec.type === 'ExternalName') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    return;
  }
  // Keep what was allocated before (an apply or edit usually omits it).
  if (old?.spec && old.spec.type !== 'ExternalName') {
    if (spec.clusterIP === undefined && spec.clusterIPs === undefined) {
      if (old.spec.clusterIP !== undefined) spec.clusterIP = old.spec.clusterIP;
      if (old.spec.clusterIPs !== undefined) spec.clusterIPs = [...old.spec.clusterIPs];
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      const oldPorts = new Map((old.spec.ports ?? []).map((p) => [portKey(p), p.nodePort]));
      for (const p of ports ?? [])
        if (p && !p.nodePort && oldPorts.get(portKey(p))) p.nodePort = oldPorts.get(portKey(p));
    }
  }
  if (spec.clusterIP === undefined && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (spec.clusterIP === '') delete spec.clusterIP;
  if (spec.clusterIP === undefined) {
    const ip = allocateClusterIP(ctx.cluster, o);
    if (ip) spec.clusterIP = ip;
  }
  if (spec.clusterIP !== undefined && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  if (spec.clusterIP !== 'None') {
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  } else {
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }
  spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    spec.externalTrafficPolicy ??= 'Cluster';
    if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
    const wantsPorts = spec.type === 'NodePort' || spec.allocateLoadBalancerNodePorts !== false;
    if (wantsPorts) {
      const reserved = new Set<number>();
      for (const p of ports ?? []) if (p && typeof p.nodePort === 'number') reserved.add(p.nodePort);
      for (const p of ports ?? []) {
        if (!p || typeof p !== 'object' || p.nodePort) continue;
        const np = allocateNodePort(ctx.cluster, reserved, o);
        if (np) {
          p.nodePort = np;
          reserved.add(np);
        }
      }
    }
  }
}

function validate(o: KObject, ctx: KindContext): FieldError[] {
  const svc = o as Service;
  const errs: FieldError[] = [];
  const spec = svc.spec;
  if (!spec || typeof spec !== 'object') return [{ type: 'Required', field: 'spec', detail: '' }];
  const type = spec.type ?? 'ClusterIP';
  if (!TYPES.includes(type))
    errs.push({ type: 'Unsupported', field: 'spec.type', value: type, supported: TYPES });
  const headless = spec.clusterIP === 'None';
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  if (!ports.length && !headless && type !== 'ExternalName')
    errs.push({ type: 'Required', field: 'spec.ports', detail: '' });
  if (type === 'ExternalName') {
    if (!spec.externalName) errs.push({ type: 'Required', field: 'spec.externalName', detail: '' });
    else if (
      !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\.?$/.test(spec.externalName)
    ) {
      errs.push({
        type: 'Invalid',
        field: 'spec.externalName',
        value: spec.externalName,
        detail: 'should be a domain with at least two segments separated by dots',
      });
    }
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    if (!p || typeof p !== 'object') return;
    if (ports.length > 1 && !p.name) errs.push({ type: 'Required', field: `${f}.name`, detail: '' });
    if (p.name) {
      errs.push(...validateDnsLabel(p.name, `${f}.name`));
      if (names.has(p.name)) errs.push({ type: 'Duplicate', field: `${f}.name`, value: p.name });
      names.add(p.name);
    }
    if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) {
      errs.push({
        type: 'Invalid',
        field: `${f}.port`,
        value: p.port ?? 0,
        detail: 'must be between 1 and 65535, inclusive',
      });
    }
    const proto = p.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(proto))
      errs.push({ type: 'Unsupported', field: `${f}.protocol`, value: proto, supported: PROTOCOLS });
    const key = portKey(p);
    if (seen.has(key)) errs.push({ type: 'Duplicate', field: f, value: `${p.port}/${proto}` });
    seen.add(key);
    const tp = p.targetPort;
    if (typeof tp === 'number') errs.push(...validatePort(tp, `${f}.targetPort`));
    else if (typeof tp === 'string' && !/^\d+$/.test(tp)) {
      if (tp.length > 15)
        errs.push({
          type: 'Invalid',
          field: `${f}.targetPort`,
          value: tp,
          detail: 'must be no more than 15 characters',
        });
      else if (!IANA_SVC_NAME.test(tp) || tp.includes('--')) {
        errs.push({
          type: 'Invalid',
          field: `${f}.targetPort`,
          value: tp,
          detail: 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        });
      } else if (!/[a-z]/.test(tp))
        errs.push({
          type: 'Invalid',
          field: `${f}.targetPort`,
          value: tp,
          detail: 'must contain at least one letter (a-z)',
        });
    }
    if (p.nodePort !== undefined) {
      if (type === 'ClusterIP' || type === 'ExternalName') {
        errs.push({
          type: 'Forbidden',
          field: `${f}.nodePort`,
          detail: `may not be used when \`type\` is '${type}'`,
        });
      } else if (typeof p.nodePort !== 'number' || p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
        errs.push({
          type: 'Invalid',
          field: `${f}.nodePort`,
          value: p.nodePort,
          detail: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        });
      } else if (nodePortTaken(ctx.cluster, p.nodePort, o)) {
        errs.push({
          type: 'Invalid',
          field: `${f}.nodePort`,
          value: p.nodePort,
          detail: 'provided port is already allocated',
        });
      }
    }
  });
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const ip = spec.clusterIP;
  if (
    ip !== undefined &&
    ip !== 'None' &&
    type !== 'ExternalName' &&
    !(ctx.old && (ctx.old as Service).spec?.clusterIP === ip)
  ) {
    const val = spec.clusterIPs ?? [ip];
    if (!isIPv4(ip)) {
      errs.push({
        type: 'Invalid',
        field: 'spec.clusterIPs[0]',
        value: ip,
        detail: 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      });
    } else if (!inServiceRange(ip)) {
      errs.push({
        type: 'Invalid',
        field: 'spec.clusterIPs',
        value: val,
        detail: `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_RANGE_TEXT}`,
      });
    } else if (clusterIPTaken(ctx.cluster, ip, o)) {
      errs.push({
        type: 'Invalid',
        field: 'spec.clusterIPs',
        value: val,
        detail: `failed to allocate IP ${ip}: provided IP is already allocated`,
      });
    }
  }
  if (headless && type !== 'ClusterIP' && type !== 'ExternalName') {
    errs.push({
      type: 'Invalid',
      field: 'spec.clusterIPs[0]',
      value: 'None',
      detail: `may not be set to 'None' for ${type} services`,
    });
  }
  if (spec.sessionAffinity && !['None', 'ClientIP'].includes(spec.sessionAffinity)) {
    errs.push({
      type: 'Unsupported',
      field: 'spec.sessionAffinity',
      value: spec.sessionAffinity,
      supported: ['ClientIP', 'None'],
    });
  }
  return errs;
}

function validateUpdate(o: KObject, old: KObject): FieldError[] {
  const a = (o as Service).spec;
  const b = (old as Service).spec;
  if (!a || !b) return [];
  if (a.type !== 'ExternalName' && b.type !== 'ExternalName' && b.clusterIP && a.clusterIP !== b.clusterIP) {
    return [
      {
        type: 'Invalid',
        field: 'spec.clusterIPs[0]',
        value: a.clusterIPs ?? [a.clusterIP ?? ''],
        detail: 'may not change once set',
      },
    ];
  }
  return [];
}

export const serviceKind: KindDef = {
  kind: 'Service',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  namespaced: true,
  categories: ['all'],
  nameRule: 'label',
  hasStatus: true,
  schema: serviceSchema,
  defaults,
  validate,
  validateUpdate,
  initialStatus: () => ({ loadBalancer: {} }),
};
