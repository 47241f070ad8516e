/**
 * API discovery as kube-apiserver serves it: the legacy documents (`/api`, `/apis`, `/api/v1`,
 * `/apis/<group>/<version>`) and the aggregated form (`apidiscovery.k8s.io` v2 and v2beta1) that kubectl asks
 * for first and recognises by the response's Content-Type. Everything comes from the kinds our API server
 * registers, plus the few virtual resources the serve layer answers itself.
 */
import type { KindDef } from '../sim/api/kinds';

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS_VERBS = ['get', 'patch', 'update'];

/** One resource as discovery lists it. */
export interface ResourceInfo {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  subresources: { name: string; kind: string; group: string; version: string; verbs: string[] }[];
  /** The in-app kind, when our API server stores it. */
  def?: KindDef;
}

/** Subresources beyond `status` (kubectl scale, logs, exec, drain). */
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

/** Every resource served: the registered kinds and the virtual ones (reviews, metrics). */
export function resourceTable(defs: readonly KindDef[]): ResourceInfo[] {
  const out: ResourceInfo[] = defs.map((d) => {
    const subs: ResourceInfo['subresources'] = [];
    if (d.hasStatus)
      subs.push({ name: 'status', kind: d.kind, group: d.group, version: d.version, verbs: STATUS_VERBS });
    if (SCALABLE.has(d.kind))
      subs.push({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: STATUS_VERBS });
    if (d.kind === 'Pod') {
      subs.push({ name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] });
      subs.push({ name: 'exec', kind: 'PodExecOptions', group: '', version: 'v1', verbs: ['create', 'get'] });
      subs.push({ name: 'log', kind: 'Pod', group: '', version: 'v1', verbs: ['get'] });
      subs.push({
        name: 'portforward',
        kind: 'PodPortForwardOptions',
        group: '',
        version: 'v1',
        verbs: ['create', 'get'],
      });
    }
    return {
      group: d.group,
      version: d.version,
      plural: d.plural,
      singular: d.singular,
      kind: d.kind,
      namespaced: d.namespaced,
      verbs: RW,
      shortNames: d.shortNames,
      categories: d.categories ?? [],
      subresources: subs,
      def: d,
    };
  });
  const virtual = (
    group: string,
    version: string,
    plural: string,
    kind: string,
    namespaced: boolean,
    verbs: string[],
  ): ResourceInfo => ({
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    verbs,
    shortNames: [],
    categories: [],
    subresources: [],
  });
  out.push(
    virtual('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, [
      'create',
    ]),
    virtual('authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, [
      'create',
    ]),
    virtual('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false, ['get', 'list']),
    virtual('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true, ['get', 'list']),
  );
  return out;
}

/** Group names in the order kube-apiserver lists them (core first, then as registered). */
export function groupsOf(res: ResourceInfo[]): { name: string; version: string }[] {
  const seen = new Map<string, string>();
  for (const r of res) if (r.group && !seen.has(r.group)) seen.set(r.group, r.version);
  return [...seen].map(([name, version]) => ({ name, version }));
}

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function apiGroupList(res: ResourceInfo[]): unknown {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groupsOf(res).map((g) => {
      const gv = { groupVersion: `${g.name}/${g.version}`, version: g.version };
      return { name: g.name, versions: [gv], preferredVersion: gv };
    }),
  };
}

/** `/api/v1` or `/apis/<group>/<version>`; undefined when no such group-version is served. */
export function apiResourceList(res: ResourceInfo[], group: string, version: string): unknown {
  const mine = res.filter((r) => r.group === group && r.version === version);
  if (!mine.length) return undefined;
  const resources: unknown[] = [];
  for (const r of [...mine].sort((a, b) => (a.plural < b.plural ? -1 : 1))) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
    });
    for (const s of r.subresources) {
      resources.push({
        name: `${r.plural}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(s.group !== group ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

/** The aggregated discovery version a client accepts (`v2` or `v2beta1`), if any. */
export function aggregatedVersion(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    if (!/g=apidiscovery\.k8s\.io/.test(part) || !/as=APIGroupDiscoveryList/.test(part)) continue;
    if (/v=v2(;|$|\s)/.test(part)) return 'v2';
    if (/v=v2beta1/.test(part)) return 'v2beta1';
  }
  return undefined;
}

export function aggregatedContentType(v: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;
}

/** The aggregated document for `/api` (core) or `/apis` (the named groups). */
export function aggregatedList(res: ResourceInfo[], core: boolean, v: 'v2' | 'v2beta1'): unknown {
  const groups = core ? [{ name: '', version: 'v1' }] : groupsOf(res);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${v}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: g.name ? { name: g.name, creationTimestamp: null } : { creationTimestamp: null },
      versions: [
        {
          version: g.version,
          resources: res
            .filter((r) => r.group === g.name && r.version === g.version)
            .sort((a, b) => (a.plural < b.plural ? -1 : 1))
            .map((r) => ({
              resource: r.plural,
              responseKind: { group: r.group, version: r.version, kind: r.kind },
              scope: r.namespaced ? 'Namespaced' : 'Cluster',
              singularResource: r.singular,
              verbs: r.verbs,
              ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
              ...(r.categories.length ? { categories: r.categories } : {}),
              ...(r.subresources.length
                ? {
                    subresources: r.subresources.map((s) => ({
                      subresource: s.name,
                      responseKind: { group: s.group, version: s.version, kind: s.kind },
                      verbs: s.verbs,
                    })),
                  }
                : {}),
            })),
          freshness: 'Current',
        },
      ],
    })),
  };
}
