/**
 * kubectl port-forward: tunnels a local port of "your laptop" to a pod (chosen through `svc/`, `deploy/`…
 * like kubectl does). The forward stays registered for the session; the terminal's `curl localhost:<port>`
 * goes through it.
 */
import type { Pod } from '../../sim/api/types';
import { addForward, forwards, removeForward } from '../../sim/network/portForward';
import { resolveTargetPort, type Service } from '../../sim/api/networkTypes';
import { fail, KubectlError } from './errors';
import { pickPod } from './podPick';
import { flag, str, type VerbDef } from './verb';

function parsePorts(specs: string[], pickLocal: () => number): { local: number; remote: string }[] {
  return specs.map((s) => {
    const m = /^(\d*)(?::(.+))?$/.exec(s);
    if (!m) fail(`Invalid port spec: ${s}`);
    if (m[2] === undefined) {
      if (!m[1]) fail(`Invalid port spec: ${s}`);
      return { local: Number(m[1]), remote: m[1] };
    }
    return { local: m[1] ? Number(m[1]) : pickLocal(), remote: m[2] };
  });
}

export const portForward: VerbDef = {
  name: 'port-forward',
  summary: { en: 'Forward one or more local ports to a pod', zh: '将一个或多个本地端口转发到 Pod' },
  usage:
    'kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  long: "Forward one or more local ports to a pod.\n\n Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.\n\n If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates.",
  examples: `  # Listen on port 8888 locally, forwarding to 5000 in the pod
  kubectl port-forward pod/mypod 8888:5000

  # Listen on port 8443 locally, forwarding to the targetPort of the service's port named "https" in a pod selected by the service
  kubectl port-forward service/myservice 8443:https

  # Listen on a random port locally, forwarding to 5000 in the pod
  kubectl port-forward pod/mypod :5000`,
  flags: [
    flag(
      'address',
      'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value.',
    ),
    flag(
      'pod-running-timeout',
      'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
    ),
  ],
  run(k, p) {
    const [target, ...specs] = p.args;
    if (!target || !specs.length) fail('TYPE/NAME and list of ports are required for port-forward');
    const address = str(p, 'address') ?? 'localhost';
    if (
      !address
        .split(',')
        .every((a) => a === 'localhost' || a === '127.0.0.1' || a === '0.0.0.0' || a === '::1')
    ) {
      fail(`${address} is not a valid IP`);
    }
    const slash = target.indexOf('/');
    const def = slash >= 0 ? k.cluster.api.kinds.resolve(target.slice(0, slash)) : undefined;
    const svc =
      def?.kind === 'Service'
        ? k.cluster.api.get<Service>('Service', k.namespace, target.slice(slash + 1))
        : undefined;
    const pod: Pod = pickPod(k, target);
    if (pod.status?.phase !== 'Running') {
      throw new KubectlError(
        `error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`,
      );
    }
    const taken = new Set(forwards(k.cluster).map((f) => f.localPort));
    const pickLocal = () => {
      for (;;) {
        const port = 32768 + k.cluster.rng.int(28232);
        if (!taken.has(port)) return port;
      }
    };
    const ports = parsePorts(specs, pickLocal);
    const resolved = ports.map(({ local, remote }) => {
      let podPort: number | undefined;
      if (svc) {
        const sp = (svc.spec.ports ?? []).find((x) =>
          /^\d+$/.test(remote) ? x.port === Number(remote) : x.name === remote,
        );
        if (!sp)
          throw new KubectlError(
            `error: Service ${svc.metadata.name} does not have a service port ${remote}`,
          );
        podPort = resolveTargetPort(pod, sp);
        if (podPort === undefined)
          throw new KubectlError(
            `error: Pod '${pod.metadata.name}' does not have a named port '${String(sp.targetPort)}'`,
          );
      } else if (/^\d+$/.test(remote)) podPort = Number(remote);
      else {
        for (const ct of pod.spec.containers)
          for (const cp of ct.ports ?? [])
            if (cp.name === remote && podPort === undefined) podPort = cp.containerPort;
        if (podPort === undefined)
          throw new KubectlError(`error: Pod '${pod.metadata.name}' does not have a named port '${remote}'`);
      }
      return { local, podPort };
    });
    for (const r of resolved) {
      const prev = forwards(k.cluster).find((f) => f.localPort === r.local);
      // Running the same forward again replaces it; another target on a taken port fails like a busy socket.
      if (
        prev &&
        prev.namespace === pod.metadata.namespace &&
        prev.pod === pod.metadata.name &&
        prev.podPort === r.podPort
      )
        removeForward(k.cluster, r.local);
      const e = addForward(k.cluster, {
        localPort: r.local,
        namespace: pod.metadata.namespace!,
        pod: pod.metadata.name,
        podPort: r.podPort,
      });
      if (typeof e === 'string') throw new KubectlError(e);
      if (e.ipv4) k.out(`Forwarding from 127.0.0.1:${r.local} -> ${r.podPort}\n`);
      if (e.ipv6) k.out(`Forwarding from [::1]:${r.local} -> ${r.podPort}\n`);
    }
    return 0;
  },
};
