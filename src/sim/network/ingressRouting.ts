/**
 * The simulated ingress controller (ingress-nginx, IngressClass `nginx`): picks the Ingress rule for a request's
 * Host header and path — exact hosts before wildcards before host-less rules, Exact paths before Prefix, longer
 * prefixes (by path element) first — and names the Service port behind it.
 */
import type { Cluster } from '../cluster';
import type { Ingress, IngressBackend, Service } from '../api/networkTypes';

export const INGRESS_CLASS = 'nginx';

export function servedByController(ing: Ingress): boolean {
  const cls = ing.spec?.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'];
  return cls === undefined || cls === INGRESS_CLASS;
}

/** Prefix match by path elements: `/foo` matches `/foo`, `/foo/` and `/foo/bar`, not `/foobar`. */
export function prefixMatches(rule: string, path: string): boolean {
  const r = rule.replace(/\/+$/, '');
  if (r === '') return true;
  return path === r || path.startsWith(r + '/');
}

function hostScore(ruleHost: string | undefined, host: string): number {
  if (!ruleHost) return 0;
  const h = host.toLowerCase();
  if (ruleHost === h) return 2;
  if (ruleHost.startsWith('*.')) {
    const suffix = ruleHost.slice(1);
    const first = h.slice(0, h.length - suffix.length);
    if (h.endsWith(suffix) && first.length > 0 && !first.includes('.')) return 1;
  }
  return -1;
}

export interface IngressMatch {
  ingress?: Ingress;
  backend?: { service: Service; port: number };
}

function resolveBackend(c: Cluster, ns: string, b: IngressBackend | undefined): IngressMatch['backend'] {
  const ref = b?.service;
  if (!ref) return undefined;
  const svc = c.api.get<Service>('Service', ns, ref.name);
  if (!svc) return undefined;
  const sp = (svc.spec.ports ?? []).find((p) =>
    ref.port?.name !== undefined ? p.name === ref.port.name : p.port === ref.port?.number,
  );
  return sp ? { service: svc, port: sp.port } : undefined;
}

export function routeIngress(c: Cluster, hostHeader: string, rawPath: string): IngressMatch {
  const host = hostHeader.replace(/:\d+$/, '');
  const path = rawPath.replace(/[?#].*$/, '') || '/';
  let best: { score: number[]; ing: Ingress; backend: IngressBackend } | undefined;
  const ingresses = c.api.list<Ingress>('Ingress').filter(servedByController);
  for (const ing of ingresses) {
    for (const rule of ing.spec.rules ?? []) {
      const hs = hostScore(rule.host, host);
      if (hs < 0) continue;
      for (const p of rule.http?.paths ?? []) {
        const rp = p.path ?? '/';
        const exact = p.pathType === 'Exact';
        const ok = exact ? rp === path : prefixMatches(rp, path);
        if (!ok) continue;
        const score = [hs, exact ? 1 : 0, rp.replace(/\/+$/, '').length];
        if (!best || (score.some((s, i) => s !== best!.score[i]) && compare(score, best.score) > 0))
          best = { score, ing, backend: p.backend };
      }
    }
  }
  if (best) {
    const backend = resolveBackend(c, best.ing.metadata.namespace!, best.backend);
    return { ingress: best.ing, ...(backend ? { backend } : {}) };
  }
  const withDefault = ingresses.find((i) => i.spec.defaultBackend);
  if (withDefault) {
    const backend = resolveBackend(c, withDefault.metadata.namespace!, withDefault.spec.defaultBackend);
    return { ingress: withDefault, ...(backend ? { backend } : {}) };
  }
  return {};
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Host names the ingress controller serves, with the address it publishes (for the laptop's resolver). */
export function ingressHostAddress(c: Cluster, host: string): string | undefined {
  for (const ing of c.api.list<Ingress>('Ingress').filter(servedByController)) {
    const ip = ing.status?.loadBalancer?.ingress?.[0]?.ip;
    if (!ip) continue;
    if ((ing.spec.rules ?? []).some((r) => r.host && hostScore(r.host, host) > 0)) return ip;
  }
  return undefined;
}
