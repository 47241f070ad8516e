/**
 * How the runtime's containers end: SIGTERM then SIGKILL after the grace period, kills, the cgroup and host OOM
 * killers, and the exit every listener (kubelet, Docker daemon) hears about. The third layer of the runtime.
 */
import type { ContainerRecord, ExitEvent, ExitReason } from './types';
import { RuntimeContainers } from './containers';
import { Listeners } from '../util/listeners';

/** Signals, OOM kills and exits of the containers below; the network layer comes above. */
export abstract class RuntimeExits extends RuntimeContainers {
  private exitListeners = new Listeners<[e: ExitEvent]>();

  onExit(listener: (e: ExitEvent) => void): void {
    this.exitListeners.add(listener);
  }

  stopContainer(cid: string, graceMs: number): void {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running') return;
    c.stopping = true;
    this.cluster.log.emit(this.cluster.now, {
      kind: 'runtime',
      source: `runtime/${c.host}`,
      target: `container/${cid.slice(0, 12)}`,
      verb: 'stop',
      summary: `SIGTERM to ${c.name}, SIGKILL after ${Math.round(graceMs / 1000)}s`,
    });
    this.signal(c, 'SIGTERM');
    if (this.st.containers[cid]?.state === 'running') {
      this.cluster.clock.after(graceMs, 'runtime.stopKill', { cid, starts: c.starts }, `rt-stop:${cid}`);
    }
  }

  killContainer(cid: string, signal: 'SIGTERM' | 'SIGKILL'): void {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running') return;
    this.cluster.log.emit(this.cluster.now, {
      kind: 'runtime',
      source: `runtime/${c.host}`,
      target: `container/${cid.slice(0, 12)}`,
      verb: 'kill',
      summary: `${signal} to ${c.name}`,
    });
    this.signal(c, signal);
  }

  private signal(c: ContainerRecord, signal: 'SIGTERM' | 'SIGKILL'): void {
    if (signal === 'SIGKILL') this.st.killed[c.id] = true;
    if (this.st.containers[c.id]?.state !== 'running') return;
    if (this.process.running(c.id)) this.process.kill(c.id, signal);
    else if (signal === 'SIGKILL' || c.imageId === '') this.exited(c.id, 137);
    // A container whose process already ended (exec format error) exits through its pending timer.
    const still = this.st.containers[c.id];
    if (still?.state === 'running' && signal === 'SIGKILL') this.exited(c.id, 137);
  }

  // ---- exits ----------------------------------------------------------------------------------------------

  /** The main process ended (or was killed): record it and tell the listeners (kubelet, Docker daemon). */
  exited(cid: string, exitCode: number, why?: string): void {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running') return;
    if (why === 'StartError') {
      // The process model found no such program: the start fails (reported by startContainer), no exit event.
      c.state = 'created';
      c.exitCode = 128;
      c.startFailed = true;
      return;
    }
    let reason: ExitReason;
    if (this.st.oomPending[cid] || why === 'OOMKilled') reason = 'OOMKilled';
    else if (this.st.killed[cid] && exitCode === 137) reason = 'Killed';
    else reason = exitCode === 0 ? 'Completed' : 'Error';
    c.state = 'exited';
    c.exitCode = exitCode;
    c.reason = reason;
    c.oomKilled = reason === 'OOMKilled';
    c.finishedAt = this.cluster.now;
    c.memoryBytes = 0;
    c.cpuMillis = 0;
    c.demandMillis = 0;
    c.ports = [];
    c.stopping = false;
    delete this.st.oomPending[cid];
    delete this.st.killed[cid];
    this.cluster.clock.cancel(`rt-stop:${cid}`);
    this.cluster.clock.cancel(`rt-oom:${cid}`);
    this.cluster.log.emit(this.cluster.now, {
      kind: 'runtime',
      source: `container/${cid.slice(0, 12)}`,
      target: `runtime/${c.host}`,
      verb: 'exit',
      summary: `${c.name} exited with code ${exitCode} (${reason})`,
    });
    this.exitListeners.emit({ cid, host: c.host, exitCode, reason });
  }

  private oomKill(cid: string): void {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running') return;
    this.st.oomPending[cid] = true;
    this.cluster.log.emit(this.cluster.now, {
      kind: 'runtime',
      source: `runtime/${c.host}`,
      target: `container/${cid.slice(0, 12)}`,
      verb: 'oom-kill',
      summary: `Memory cgroup out of memory: Killed process 1 (${c.argv[0] ?? c.name})`,
    });
    if (this.process.running(cid)) this.process.kill(cid, 'SIGKILL');
    if (this.st.containers[cid]?.state === 'running') this.exited(cid, 137, 'OOMKilled');
  }

  protected setMemory(cid: string, bytes: number): void {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running') return;
    c.memoryBytes = bytes;
    if (c.memoryLimitBytes && bytes > c.memoryLimitBytes) {
      // cgroup memory.max exceeded: the kernel's OOM killer ends the process (delivered on the clock, not re-entrantly).
      c.memoryBytes = c.memoryLimitBytes;
      if (!this.st.oomPending[cid]) {
        this.st.oomPending[cid] = true;
        this.cluster.clock.after(0, 'runtime.oom', { cid }, `rt-oom:${cid}`);
      }
      return;
    }
    const cap = this.st.hostMemory[c.host];
    if (cap !== undefined && this.hostMemoryUsed(c.host) > cap) {
      // The host ran out: the global OOM killer picks the biggest process on the host.
      let victim: ContainerRecord | undefined;
      for (const o of Object.values(this.st.containers)) {
        if (o.host === c.host && o.state === 'running' && (!victim || o.memoryBytes > victim.memoryBytes))
          victim = o;
      }
      if (victim && !this.st.oomPending[victim.id]) {
        this.st.oomPending[victim.id] = true;
        this.cluster.clock.after(0, 'runtime.oom', { cid: victim.id }, `rt-oom:${victim.id}`);
      }
    }
  }

  /** The timers of exits: OOM kills delivered on the clock, SIGKILL after a stop's grace period, exits. */
  protected installExitTimers(): void {
    const clock = this.cluster.clock;
    clock.on<{ cid: string }>('runtime.oom', ({ cid }) => {
      delete this.st.oomPending[cid];
      this.oomKill(cid);
    });
    clock.on<{ cid: string; starts: number }>('runtime.stopKill', ({ cid, starts }) => {
      const c = this.st.containers[cid];
      if (!c || c.state !== 'running' || c.starts !== starts) return;
      this.st.killed[cid] = true;
      if (this.process.running(cid)) this.process.kill(cid, 'SIGKILL');
      if (this.st.containers[cid]?.state === 'running') this.exited(cid, 137);
    });
    clock.on<{ cid: string; code: number; starts: number }>('runtime.exit', ({ cid, code, starts }) => {
      const c = this.st.containers[cid];
      if (c && c.starts === starts) this.exited(cid, code);
    });
  }
}
