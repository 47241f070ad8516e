/** The kubelet's prober: startup, liveness and readiness probes on their periods, and kills on failure. */
import type { Container, Pod, Probe } from '../api/types';
import { isNodeUp } from '../nodes/nodeModule';
import type { ContainerWorker, PodWorker } from './types';
import { KubeletStatus } from './status';
import { kubeletState } from './workers';

/** Probes, above the status manager. */
export abstract class KubeletProber extends KubeletStatus {
  protected startLiveReady(w: PodWorker, cw: ContainerWorker, spec: Container): void {
    if (spec.livenessProbe) this.scheduleProbe(w, cw, 'liveness', spec.livenessProbe, true);
    if (spec.readinessProbe) this.scheduleProbe(w, cw, 'readiness', spec.readinessProbe, true);
    else cw.ready = true;
  }

  protected scheduleProbe(
    w: PodWorker,
    cw: ContainerWorker,
    kind: 'liveness' | 'readiness' | 'startup',
    p: Probe,
    first: boolean,
  ): void {
    const ms = first ? (p.initialDelaySeconds ?? 0) * 1000 : (p.periodSeconds ?? 10) * 1000;
    // The first probe of a period runs at a small offset, as the kubelet's probe workers start jittered.
    this.c.clock.after(
      first ? Math.max(ms, 1) : ms,
      'kubelet.probe',
      { uid: w.uid, container: cw.name, cid: cw.cid!, kind },
      `probe:${cw.cid}:${kind}`,
    );
  }

  /** Stops a container's probe timers. */
  protected cancelProbes(cid: string): void {
    for (const kind of ['liveness', 'readiness', 'startup']) this.c.clock.cancel(`probe:${cid}:${kind}`);
  }

  protected probe(p: {
    uid: string;
    container: string;
    cid: string;
    kind: 'liveness' | 'readiness' | 'startup';
  }): void {
    const c = this.c;
    const w = kubeletState(c).pods[p.uid];
    const cw = w?.containers[p.container];
    if (
      !w ||
      !cw ||
      cw.cid !== p.cid ||
      cw.state !== 'running' ||
      !isNodeUp(c, w.node) ||
      w.stage === 'terminating'
    )
      return;
    const pod = c.api.get<Pod>('Pod', w.namespace, w.name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const spec = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find(
      (x) => x.name === cw.name,
    )!;
    const probe = spec[`${p.kind}Probe`];
    if (!probe) return;
    const result = this.runProbe(w, cw, spec, probe);
    c.log.emit(c.now, {
      kind: 'probe',
      source: `kubelet/${w.node}`,
      target: `container/${cw.cid!.slice(0, 12)}`,
      verb: p.kind,
      object: { kind: 'Pod', namespace: w.namespace, name: w.name },
      summary: `${p.kind} probe ${cw.name}: ${result.ok ? 'success' : 'failure'}`,
    });
    const counters = (cw.probes[p.kind] ??= { fails: 0, successes: 0 });
    const label = p.kind[0]!.toUpperCase() + p.kind.slice(1);
    if (result.ok) {
      counters.successes++;
      counters.fails = 0;
    } else {
      counters.fails++;
      counters.successes = 0;
      c.api.recordEvent(
        pod,
        'Warning',
        'Unhealthy',
        `${label} probe failed: ${result.output}`,
        'kubelet',
        w.node,
      );
    }
    let changed = false;
    if (p.kind === 'readiness') {
      if (result.ok && !cw.ready && counters.successes >= (probe.successThreshold ?? 1)) {
        cw.ready = true;
        changed = true;
      } else if (!result.ok && cw.ready && counters.fails >= (probe.failureThreshold ?? 3)) {
        cw.ready = false;
        changed = true;
      }
    } else if (p.kind === 'startup') {
      if (result.ok) {
        cw.started = true;
        this.startLiveReady(w, cw, spec);
        this.writeStatus(w, pod);
        return;
      }
      if (counters.fails >= (probe.failureThreshold ?? 3)) {
        this.killForProbe(w, pod, cw, 'startup', probe);
        return;
      }
    } else if (!result.ok && counters.fails >= (probe.failureThreshold ?? 3)) {
      this.killForProbe(w, pod, cw, 'liveness', probe);
      return;
    }
    this.scheduleProbe(w, cw, p.kind, probe, false);
    if (changed) this.writeStatus(w, pod);
  }

  private killForProbe(
    w: PodWorker,
    pod: Pod,
    cw: ContainerWorker,
    kind: 'liveness' | 'startup',
    probe: Probe,
  ): void {
    const c = this.c;
    c.api.recordEvent(
      pod,
      'Normal',
      'Killing',
      `Container ${cw.name} failed ${kind} probe, will be restarted`,
      'kubelet',
      w.node,
    );
    cw.killedBy = kind;
    cw.stopping = true;
    const grace =
      (probe.terminationGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    c.runtime.stopContainer(cw.cid!, grace);
  }

  private runProbe(
    w: PodWorker,
    cw: ContainerWorker,
    spec: Container,
    p: Probe,
  ): { ok: boolean; output: string } {
    const c = this.c;
    const cid = cw.cid!;
    const resolvePort = (port: number | string): number => {
      if (typeof port === 'number') return port;
      const named = (spec.ports ?? []).find((x) => x.name === port);
      return named ? named.containerPort : Number(port);
    };
    if (p.exec) {
      const r = c.runtime.exec(cid, p.exec.command);
      return { ok: r.exitCode === 0, output: (r.stdout + r.stderr).trimEnd() };
    }
    if (p.httpGet) {
      const port = resolvePort(p.httpGet.port);
      const path = p.httpGet.path ?? '/';
      const url = `${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${w.ip}:${port}${path}`;
      const r = c.runtime.httpRequest(cid, port, path);
      if (!r)
        return { ok: false, output: `Get "${url}": dial tcp ${w.ip}:${port}: connect: connection refused` };
      if (r.status >= 200 && r.status < 400) return { ok: true, output: '' };
      return { ok: false, output: `HTTP probe failed with statuscode: ${r.status}` };
    }
    if (p.tcpSocket) {
      const port = resolvePort(p.tcpSocket.port);
      return c.runtime.listening(cid, port)
        ? { ok: true, output: '' }
        : { ok: false, output: `dial tcp ${w.ip}:${port}: connect: connection refused` };
    }
    if (p.grpc) {
      const ok = c.runtime.listening(cid, p.grpc.port);
      return {
        ok,
        output: ok
          ? ''
          : `timeout: failed to connect service ":${p.grpc.port}" within 1s: context deadline exceeded`,
      };
    }
    return { ok: true, output: '' };
  }
}
