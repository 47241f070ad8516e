/**
 * The container runtime: one model for the cluster's nodes (the kubelet calls it through CRI-like methods) and
 * the Docker host (the daemon calls it). Each host has its own image cache of content-addressed layers; each
 * container gets namespaces, a cgroup, a writable layer over its image's layers, and a process run by the
 * process model, for which this module implements the {@link ProcessIO}.
 *
 * All state is JSON under `cluster.state.ext.runtime`; timers are data (`runtime.*`).
 *
 * The runtime is one object built in layers, one file each, each extending the one below: the image store
 * (imageStore.ts) → containers (containers.ts) → exits (exits.ts) → network (network.ts) → this file, which wires
 * the process model's IO and installs the module.
 */
import { appended } from '../util/shapes';
import type { SimModule } from '../cluster';
import { installProcessModel, type ProcessIO } from '../process/processModel';
import { shortId } from './digest';
import * as ufs from './unionFs';
import type { RuntimeApi } from './types';
import { appendLog } from './containers';
import { RuntimeNetwork } from './network';
import { initRuntimeState } from './runtimeState';

/** The runtime: every layer, the process model's IO, and the module install. */
export class Runtime extends RuntimeNetwork implements RuntimeApi {
  // ---- the process model's IO ---------------------------------------------------------------------------

  processIo(): ProcessIO {
    const view = (cid: string) => {
      const c = this.st.containers[cid];
      return c ? this.fsView(c) : undefined;
    };
    return {
      readFile: (cid, path) => {
        const v = view(cid);
        return v ? ufs.readFile(v, path) : undefined;
      },
      writeFile: (cid, path, content) => {
        const v = view(cid);
        return v ? ufs.writeFile(v, path, content) : false;
      },
      removeFile: (cid, path, recursive) => {
        const v = view(cid);
        return v ? ufs.removeFile(v, path, recursive) : false;
      },
      isDir: (cid, path) => {
        const v = view(cid);
        return v ? ufs.isDir(v, path) : false;
      },
      listDir: (cid, path) => {
        const v = view(cid);
        return v ? ufs.listDir(v, path) : undefined;
      },
      mkdir: (cid, path) => {
        const v = view(cid);
        return v ? ufs.mkdir(v, path) : false;
      },
      stdout: (cid, text) => {
        const c = this.st.containers[cid];
        if (!c) return;
        appendLog(c, this.cluster.now, text);
      },
      exited: (cid, code, reason) => this.exited(cid, code, reason),
      setMemory: (cid, bytes) => this.setMemory(cid, bytes),
      setCpu: (cid, millis) => {
        const c = this.st.containers[cid];
        if (!c || c.state !== 'running') return;
        c.demandMillis = millis;
        c.cpuMillis = c.cpuLimitMillis ? Math.min(millis, c.cpuLimitMillis) : millis;
      },
      listen: (cid, port) => {
        const c = this.st.containers[cid];
        if (c && !c.ports.includes(port)) c.ports = appended(c.ports, port);
      },
      http: (cid, url, timeoutMs) => this.netHttp(cid, url, timeoutMs),
      resolve: (cid, name) => this.netResolve(cid, name),
      tcp: (cid, host, port) => this.netTcp(cid, host, port),
      env: (cid) => ({ ...(this.st.containers[cid]?.env ?? {}) }),
      hostname: (cid) => this.st.containers[cid]?.hostname ?? '',
    };
  }

  install(): void {
    this.installExitTimers();
    this.process = installProcessModel(this.cluster, this.processIo());
  }
}

/** The runtime as a module; the composition root hands it to the parts that need the full runtime. */
export interface RuntimeModule extends SimModule {
  /** The cluster's runtime (throws before the module is installed). */
  readonly runtime: Runtime;
}

/**
 * The runtime as a module: attaches `cluster.runtime` (the CRI-like face the kubelets use) and keeps the full
 * runtime for the Docker host, the config volumes and the faults. Must come before the kubelets and the Docker host.
 */
export function runtimeModule(): RuntimeModule {
  let rt: Runtime | undefined;
  return {
    name: 'runtime',
    initState: () => initRuntimeState(),
    install(c) {
      rt = new Runtime(c);
      c.runtime = rt;
      rt.install();
    },
    get runtime(): Runtime {
      if (!rt) throw new Error('runtime module not installed');
      return rt;
    },
  };
}

export { shortId };
