/**
 * Requests from "your laptop" (the terminal's `curl` / `wget`): localhost reaches `kubectl port-forward`
 * tunnels; node IPs reach NodePorts and, on 80/443, the ingress controller; LoadBalancer IPs reach their
 * Service; Ingress host names resolve to the ingress address. ClusterIPs and pod IPs are not routed here.
 */
import type { Cluster } from '../cluster';
import { parseUrl } from '../process/netCommands';
import { forwardHttp } from './portForward';
import { ingressHostAddress } from './ingressRouting';
import { httpGet, type HttpOutcome } from './traffic';
import { isIPv4, LAPTOP_IP } from '../api/networkTypes';

export type LaptopOutcome = HttpOutcome | { resolveError: string };

export function laptopHttp(c: Cluster, url: string, hostHeader?: string): LaptopOutcome {
  const u = parseUrl(url);
  if (!u) return { resolveError: url };
  const local = u.host === 'localhost' || u.host === '127.0.0.1' || u.host === '[::1]';
  if (local) return forwardHttp(c, u.port, u.path);
  let ip = u.host;
  if (!isIPv4(ip)) {
    const a = ingressHostAddress(c, u.host);
    if (!a) return { resolveError: u.host };
    ip = a;
  }
  const host = hostHeader ?? u.host;
  const r = httpGet(
    c,
    { ip: LAPTOP_IP, component: 'user', label: 'your laptop' },
    ip,
    u.port,
    u.path,
    host,
    true,
  );
  return r ?? { error: 'Connection timed out', latencyMs: 10_000 };
}
