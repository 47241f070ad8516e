/** The Docker daemon's container lifecycle: start, run, stop, kill, restart, rm, restart policies, host ports. */
import type { DaemonCore } from './dockerTypes';
import { laptopPortHolder, type LaptopPortHolder } from '../runtime/laptopPorts';
import { type DockerContainerMeta, type Result, type RunOptions } from './dockerTypes';

/** `docker start`: network interface, then the process. */
export function start(daemon: DaemonCore, ref: string): Result {
  const meta = daemon.find(ref);
  if (!meta) return daemon.noSuchContainer(ref);
  const rec = daemon.rt.record(meta.id)!;
  if (rec.state === 'running') return { ok: true };
  for (const b of meta.ports) {
    if (b.hostPort === 0) continue;
    const clash = Object.values(daemon.st.containers).find(
      (o) =>
        o.id !== meta.id &&
        daemon.rt.record(o.id)?.state === 'running' &&
        o.ports.some((p) => p.hostPort === b.hostPort && p.proto === b.proto),
    );
    if (clash) {
      return {
        ok: false,
        error: `Error response from daemon: driver failed programming external connectivity on endpoint ${meta.name} (${meta.id.slice(0, 64)}): Bind for ${b.hostIp || '0.0.0.0'}:${b.hostPort} failed: port is already allocated`,
      };
    }
    // Not another container but a listener on the laptop (kubectl port-forward): the daemon's allocator lets the
    // port go, the userland proxy's bind fails (docker-proxy listens tcp4 first).
    if (b.proto === 'tcp' && laptopPortHolder(daemon.cluster, b.hostPort)?.kind === 'port-forward') {
      return {
        ok: false,
        error: `Error response from daemon: driver failed programming external connectivity on endpoint ${meta.name} (${meta.id.slice(0, 64)}): Error starting userland proxy: listen tcp4 ${b.hostIp || '0.0.0.0'}:${b.hostPort}: bind: address already in use`,
      };
    }
  }
  for (const b of meta.ports) {
    if (b.hostPort === 0) b.hostPort = daemon.ephemeralPort();
  }
  daemon.hop('docker-cli', 'dockerd', 'POST', `/containers/${meta.name}/start`, 10);
  daemon.attachNetworks(meta);
  daemon.hop(
    'dockerd',
    `runtime/${daemon.host}`,
    'start',
    `start ${meta.name}: new pid, mount, uts, ipc, net, cgroup namespaces`,
    10,
    'runtime',
  );
  const r = daemon.rt.startContainer(meta.id);
  if (!r.ok) {
    meta.startError = r.message;
    for (const n of Object.keys(meta.networks)) meta.networks[n] = '';
    return {
      ok: false,
      error: `Error response from daemon: ${r.message}`,
      exitCode: /executable file not found|no such file or directory/.test(r.message)
        ? 127
        : /permission denied/.test(r.message)
          ? 126
          : 125,
    };
  }
  meta.manualStop = false;
  meta.hostPid = daemon.st.nextHostPid;
  daemon.st.nextHostPid += 37;
  return { ok: true };
}

/** The laptop ports running containers publish (an address-less publish holds IPv4 and IPv6). */
export function publishedClaims(daemon: DaemonCore): (port: number) => LaptopPortHolder | undefined {
  return (port) => {
    for (const m of Object.values(daemon.st.containers)) {
      const bs = m.ports.filter((p) => p.hostPort === port && p.proto === 'tcp');
      if (!bs.length || daemon.rt.record(m.id)?.state !== 'running') continue;
      const v6 = bs.some((b) => !b.hostIp || b.hostIp.includes(':'));
      const v4 = bs.some((b) => !b.hostIp.includes(':'));
      return { kind: 'docker', name: m.name, ipv4: v4, ipv6: v6 };
    }
    return undefined;
  };
}

/** `docker run`: pull if missing → create → read-write layer → network interface → start. */
export function run(
  daemon: DaemonCore,
  o: RunOptions,
): Result<{ id: string; lines: string[]; meta: DockerContainerMeta }> {
  const created = daemon.create(o, []);
  if (!created.ok) return created;
  const started = daemon.start(created.id);
  const meta = daemon.st.containers[created.id]!;
  if (!started.ok) return { ...started, created: { id: created.id, lines: created.lines } };
  return { ok: true, id: created.id, lines: created.lines, meta };
}

/** Lets virtual time pass until the container stops or `maxMs` elapse; returns whether it stopped. */
export function waitExit(daemon: DaemonCore, cid: string, maxMs: number): boolean {
  const until = daemon.cluster.now + maxMs;
  while (daemon.cluster.now < until) {
    const rec = daemon.rt.record(cid);
    if (!rec || rec.state !== 'running') return true;
    const next = daemon.cluster.clock.peek();
    const step =
      next === undefined
        ? until - daemon.cluster.now
        : Math.max(1, Math.min(next - daemon.cluster.now, until - daemon.cluster.now));
    daemon.cluster.advance(step);
  }
  const rec = daemon.rt.record(cid);
  return !rec || rec.state !== 'running';
}

/** `docker stop`: SIGTERM, then SIGKILL after the timeout (10 s by default). Blocks until it has stopped. */
export function stop(daemon: DaemonCore, ref: string, timeoutSec = 10): Result {
  const meta = daemon.find(ref);
  if (!meta) return daemon.noSuchContainer(ref);
  meta.manualStop = true;
  daemon.hop('docker-cli', 'dockerd', 'POST', `/containers/${meta.name}/stop`, 5);
  daemon.rt.stopContainer(meta.id, timeoutSec * 1000);
  daemon.waitExit(meta.id, timeoutSec * 1000 + 100);
  return { ok: true };
}

export function kill(daemon: DaemonCore, ref: string, signal: 'SIGTERM' | 'SIGKILL' = 'SIGKILL'): Result {
  const meta = daemon.find(ref);
  if (!meta) return daemon.noSuchContainer(ref);
  const rec = daemon.rt.record(meta.id)!;
  if (rec.state !== 'running')
    return {
      ok: false,
      error: `Error response from daemon: cannot kill container: ${ref}: container ${meta.id} is not running`,
    };
  meta.manualStop = true;
  daemon.hop('docker-cli', 'dockerd', 'POST', `/containers/${meta.name}/kill?signal=${signal}`, 5);
  daemon.rt.killContainer(meta.id, signal);
  daemon.cluster.advance(1);
  return { ok: true };
}

export function restart(daemon: DaemonCore, ref: string, timeoutSec = 10): Result {
  const stopped = daemon.stop(ref, timeoutSec);
  if (!stopped.ok) return stopped;
  return daemon.start(ref);
}

/** `docker rm`: the writable layer goes with the container; named volumes stay. */
export function rm(
  daemon: DaemonCore,
  ref: string,
  opts: { force?: boolean; volumes?: boolean } = {},
): Result {
  const meta = daemon.find(ref);
  if (!meta) return daemon.noSuchContainer(ref);
  const rec = daemon.rt.record(meta.id);
  if (rec?.state === 'running' && !opts.force) {
    return {
      ok: false,
      error: `Error response from daemon: cannot remove container "/${meta.name}": container is running: stop the container before removing or force remove`,
    };
  }
  daemon.hop('docker-cli', 'dockerd', 'DELETE', `/containers/${meta.name}`, 5);
  daemon.removeNow(meta, !!opts.volumes);
  return { ok: true };
}

/** Exit code of a container removed by `--rm` (kept for the client that waited on it). */
/** A container's log lines, also after `--rm` removed it (for the client that was attached). */
export function logsOf(daemon: DaemonCore, cid: string): string[] {
  return daemon.rt.record(cid) ? daemon.rt.logs(cid) : (daemon.st.lastLogs?.[cid] ?? []);
}

export function lastExit(daemon: DaemonCore, cid: string): number | undefined {
  return daemon.st.lastExit?.[cid];
}

export function removeNow(daemon: DaemonCore, meta: DockerContainerMeta, volumes: boolean): void {
  const rec = daemon.rt.record(meta.id);
  if (rec?.exitCode !== undefined && meta.autoRemove) {
    const last = (daemon.st.lastExit ??= {});
    last[meta.id] = rec.exitCode;
    const keys = Object.keys(last);
    if (keys.length > 20) delete last[keys[0]!];
    // The attached client streams the output as it comes; kept so it still gets what came just before the exit.
    const logs = (daemon.st.lastLogs ??= {});
    logs[meta.id] = [...daemon.rt.logs(meta.id)];
    const lk = Object.keys(logs);
    if (lk.length > 20) delete logs[lk[0]!];
  }
  daemon.rt.removeContainer(meta.id);
  delete daemon.st.containers[meta.id];
  const drop = volumes || meta.autoRemove ? meta.anonymousVolumes : [];
  for (const v of drop) daemon.removeVolume(v);
}

/**
 * A request to a published port of the Docker host (`curl localhost:8080` on the host, or a browser panel):
 * answered by the container the port maps to; undefined when nothing listens (connection refused).
 */
export function hostHttp(
  daemon: DaemonCore,
  hostPort: number,
  path = '/',
): { status: number; body: string; container: string } | undefined {
  for (const m of Object.values(daemon.st.containers)) {
    const b = m.ports.find((p) => p.hostPort === hostPort && p.proto === 'tcp');
    if (!b || daemon.rt.record(m.id)?.state !== 'running') continue;
    daemon.hop(
      'user',
      `container/${m.id.slice(0, 12)}`,
      'GET',
      `localhost:${hostPort}${path} → ${m.name}:${b.containerPort}`,
      0,
      'docker',
    );
    const r = daemon.rt.httpRequest(m.id, b.containerPort, path);
    return r ? { ...r, container: m.name } : undefined;
  }
  return undefined;
}

/**
 * A request from "your laptop" to localhost:port: Docker Desktop publishes a container's ports on the laptop's
 * loopback (0.0.0.0 and 127.0.0.1 bindings alike). Undefined when no running container publishes the port
 * (connection refused); a published port nothing listens on behind it resets the connection, as docker-proxy
 * accepts and then fails to reach the container.
 */
export function publishedHttp(
  daemon: DaemonCore,
  hostPort: number,
  path: string,
): { status: number; body: string; container: string } | { reset: true } | undefined {
  const bound = Object.values(daemon.st.containers).some(
    (m) =>
      daemon.rt.record(m.id)?.state === 'running' &&
      m.ports.some((p) => p.hostPort === hostPort && p.proto === 'tcp'),
  );
  if (!bound) return undefined;
  return hostHttp(daemon, hostPort, path) ?? { reset: true };
}

// ---- restart policies, --rm, name resolution -------------------------------------------------------------

/** Docker's restart delay: 100 ms doubling, capped at 1 min. */
export function restartDelay(daemon: DaemonCore, count: number): number {
  return Math.min(60_000, 100 * 2 ** count);
}

export function onExit(daemon: DaemonCore, cid: string, exitCode: number): void {
  const meta = daemon.st.containers[cid];
  if (!meta) return;
  for (const n of Object.keys(meta.networks)) meta.networks[n] = '';
  if (meta.autoRemove) {
    daemon.cluster.clock.after(0, 'docker.autoRemove', { cid }, `docker-rm:${cid}`);
    return;
  }
  const p = meta.restart;
  const wants =
    (p.name === 'always' && !meta.manualStop) ||
    (p.name === 'unless-stopped' && !meta.manualStop) ||
    (p.name === 'on-failure' &&
      exitCode !== 0 &&
      !meta.manualStop &&
      (p.max === 0 || meta.restartCount < p.max));
  if (wants) {
    daemon.cluster.clock.after(
      daemon.restartDelay(meta.restartCount),
      'docker.restart',
      { cid },
      `docker-restart:${cid}`,
    );
  }
}
