/** The Docker daemon's networks and volumes: `docker network create/connect/rm`, volumes, name resolution. */
import type { DaemonCore } from './dockerTypes';
import { type DockerContainerMeta, type VolumeRecord, type Result } from './dockerTypes';

// ---- networks and volumes ------------------------------------------------------------------------------
export function networkCreate(daemon: DaemonCore, name: string, driver = 'bridge'): Result<{ id: string }> {
  if (daemon.st.networks[name])
    return { ok: false, error: `Error response from daemon: network with name ${name} already exists` };
  if (driver !== 'bridge')
    return { ok: false, error: `Error response from daemon: plugin "${driver}" not found` };
  const used = Object.values(daemon.st.networks).map((n) => n.subnet);
  let k = 18;
  while (used.includes(`172.${k}.0.0/16`)) k++;
  const id = daemon.cluster.rng.hex(64);
  daemon.st.networks[name] = {
    id,
    name,
    driver: 'bridge',
    subnet: `172.${k}.0.0/16`,
    gateway: `172.${k}.0.1`,
    created: daemon.cluster.now,
    userDefined: true,
  };
  daemon.hop('docker-cli', 'dockerd', 'POST', `/networks/create ${name}`);
  return { ok: true, id };
}

export function networkConnect(daemon: DaemonCore, net: string, ref: string): Result {
  const n = daemon.st.networks[net];
  if (!n) return { ok: false, error: `Error response from daemon: network ${net} not found` };
  const meta = daemon.find(ref);
  if (!meta) return { ok: false, error: `Error response from daemon: No such container: ${ref}` };
  if (net in meta.networks)
    return {
      ok: false,
      error: `Error response from daemon: endpoint with name ${meta.name} already exists in network ${net}`,
    };
  meta.networks[net] = '';
  const rec = daemon.rt.record(meta.id)!;
  if (rec.state === 'running' && n.driver === 'bridge') {
    const ip = daemon.allocateIp(net);
    meta.networks[net] = ip;
    if (!rec.ip) rec.ip = ip;
    else rec.ips = [...(rec.ips ?? []), ip];
    daemon.hop('dockerd', `container/${meta.id.slice(0, 12)}`, 'connect', `new interface ${ip} on ${net}`);
  }
  return { ok: true };
}

export function networkRm(daemon: DaemonCore, net: string): Result {
  const n = daemon.st.networks[net];
  if (!n) return { ok: false, error: `Error response from daemon: network ${net} not found` };
  if (!n.userDefined)
    return {
      ok: false,
      error: `Error response from daemon: ${net} is a pre-defined network and cannot be removed`,
    };
  const users = Object.values(daemon.st.containers).filter(
    (m) => net in m.networks && daemon.rt.record(m.id)?.state === 'running',
  );
  if (users.length)
    return {
      ok: false,
      error: `Error response from daemon: error while removing network: network ${net} id ${n.id} has active endpoints`,
    };
  delete daemon.st.networks[net];
  for (const m of Object.values(daemon.st.containers)) delete m.networks[net];
  return { ok: true };
}

export function ensureVolume(daemon: DaemonCore, name: string, anonymous = false): VolumeRecord {
  const v = (daemon.st.volumes[name] ??= { name, driver: 'local', created: daemon.cluster.now, anonymous });
  daemon.rt.volumeEnsure(`docker-volume:${name}`);
  return v;
}

export function volumeInUse(daemon: DaemonCore, name: string): DockerContainerMeta | undefined {
  return Object.values(daemon.st.containers).find((m) => m.volumes.includes(name));
}

export function removeVolume(daemon: DaemonCore, name: string): Result {
  if (!daemon.st.volumes[name])
    return { ok: false, error: `Error response from daemon: get ${name}: no such volume` };
  const user = daemon.volumeInUse(name);
  if (user) {
    return {
      ok: false,
      error: `Error response from daemon: remove ${name}: volume is in use - [${user.id}]`,
    };
  }
  delete daemon.st.volumes[name];
  daemon.rt.volumeRemove(`docker-volume:${name}`);
  return { ok: true };
}

export function volumeBytes(daemon: DaemonCore, name: string): number {
  const v = daemon.rt.volume(`docker-volume:${name}`);
  return v ? Object.values(v.files).reduce((n, c) => n + c.length, 0) : 0;
}

export function resolveName(daemon: DaemonCore, fromCid: string, name: string): string | undefined {
  const from = daemon.st.containers[fromCid];
  if (!from) return undefined;
  const target = Object.values(daemon.st.containers).find((m) => m.name === name || m.id.startsWith(name));
  if (!target) return undefined;
  for (const [net, ip] of Object.entries(target.networks)) {
    if (!ip || !daemon.st.networks[net]?.userDefined) continue;
    if (net in from.networks) return ip;
  }
  return undefined;
}
