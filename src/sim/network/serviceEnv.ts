/**
 * Service environment variables (docker links style) the kubelet injects at container start for the Services
 * that exist in the pod's namespace at that moment: `WEB_SERVICE_HOST`, `WEB_SERVICE_PORT`, `WEB_PORT=tcp://…`…
 */
import type { Cluster } from '../cluster';
import type { Service } from '../api/networkTypes';

export function serviceEnvName(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

export function serviceEnv(c: Cluster, namespace: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const svc of c.api.list<Service>('Service', namespace)) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None' || svc.spec.type === 'ExternalName') continue;
    // The kubelet adds the master service (`kubernetes`) itself.
    if (namespace === 'default' && svc.metadata.name === 'kubernetes') continue;
    const ports = svc.spec.ports ?? [];
    const first = ports[0];
    if (!first) continue;
    const n = serviceEnvName(svc.metadata.name);
    env[`${n}_SERVICE_HOST`] = ip;
    env[`${n}_SERVICE_PORT`] = String(first.port);
    for (const p of ports) if (p.name) env[`${n}_SERVICE_PORT_${serviceEnvName(p.name)}`] = String(p.port);
    const proto = (p: (typeof ports)[number]) => (p.protocol ?? 'TCP').toLowerCase();
    env[`${n}_PORT`] = `${proto(first)}://${ip}:${first.port}`;
    for (const p of ports) {
      const k = `${n}_PORT_${p.port}_${(p.protocol ?? 'TCP').toUpperCase()}`;
      env[k] = `${proto(p)}://${ip}:${p.port}`;
      env[`${k}_PROTO`] = proto(p);
      env[`${k}_PORT`] = String(p.port);
      env[`${k}_ADDR`] = ip;
    }
  }
  return env;
}
