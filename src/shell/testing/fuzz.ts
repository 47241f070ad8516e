/**
 * Seeded fuzz runs (tldraw-style): random applies, deletes, scales, node failures and crashes, then time passes
 * without faults and the invariants must hold. On failure it prints the operation log; failing seeds are pinned
 * in PINNED as regression tests.
 */
import { createSession, type Session } from '../session';
import { Rng, seedRng } from '../../sim/engine/rng';
import type { Deployment, Node, Pod } from '../../sim/api/types';
import { parseBytes, parseCpuMillis } from '../../sim/api/quantity';
import { selectorMatches } from '../../sim/api/labels';
import { deploymentYaml } from './harness';

function deployment(name: string, replicas: number, image: string, cpu: number): string {
  const containerLines = `resources:\n  requests:\n    cpu: ${cpu}m\n    memory: 64Mi`;
  return deploymentYaml(name, { replicas, container: 'main', image, containerLines }).trimEnd();
}

export function fuzzRun(seed: number, steps = 30): { session: Session; log: string[] } {
  const rng = new Rng(seedRng(seed));
  const s = createSession({ mode: 'script', seed });
  const log: string[] = [];
  const names = ['a', 'b', 'c'];
  const images = ['nginx:1.14.2', 'nginx:1.16.1', 'httpd:2.4', 'redis:7'];
  const workers = ['worker-1', 'worker-2'];
  const run = (cmd: string) => {
    log.push(cmd.split('\n')[0]!);
    s.exec(cmd);
  };
  for (let i = 0; i < steps; i++) {
    const op = rng.int(9);
    const name = rng.pick(names)!;
    switch (op) {
      case 0:
      case 1:
        run(
          `kubectl apply -f - <<EOF\n${deployment(name, rng.int(6), rng.pick(images)!, 50 + rng.int(4) * 50)}\nEOF`,
        );
        break;
      case 2:
        run(
          `kubectl delete deployment ${name} --cascade=${rng.pick(['background', 'foreground', 'orphan'])} --wait=false`,
        );
        break;
      case 3:
        run(`kubectl scale deployment ${name} --replicas=${rng.int(6)}`);
        break;
      case 4:
        run(`sim node ${rng.int(2) ? 'fail' : 'recover'} ${rng.pick(workers)}`);
        break;
      case 5: {
        const ps = s.cluster.api.list<Pod>('Pod', 'default').filter((p) => p.status.phase === 'Running');
        const p = rng.pick(ps);
        if (p) run(`sim crash ${p.metadata.name} --exit-code ${1 + rng.int(3)}`);
        break;
      }
      case 6: {
        const p = rng.pick(s.cluster.api.list<Pod>('Pod', 'default'));
        if (p) run(`kubectl delete pod ${p.metadata.name} --wait=false`);
        break;
      }
      default:
        run(`sim advance ${1 + rng.int(90)}s`);
    }
  }
  // Faults stop: every node comes back, time passes.
  for (const w of workers) run(`sim node recover ${w}`);
  run('sim advance 15m');
  return { session: s, log };
}

/** Every invariant that must hold once faults stop; returns the broken ones. */
export function checkInvariants(s: Session): string[] {
  const c = s.cluster;
  const problems: string[] = [];
  const nodes = new Map(c.api.list<Node>('Node').map((n) => [n.metadata.name, n]));
  const used = new Map<string, { cpu: number; mem: number; pods: number }>();
  for (const p of c.api.list<Pod>('Pod')) {
    if (!p.spec.nodeName) continue;
    if (!nodes.has(p.spec.nodeName))
      problems.push(`pod ${p.metadata.name} bound to missing node ${p.spec.nodeName}`);
    if (p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
    const u = used.get(p.spec.nodeName) ?? { cpu: 0, mem: 0, pods: 0 };
    for (const ct of p.spec.containers) {
      u.cpu += parseCpuMillis(ct.resources?.requests?.cpu ?? '0');
      u.mem += parseBytes(ct.resources?.requests?.memory ?? '0');
    }
    u.pods++;
    used.set(p.spec.nodeName, u);
  }
  for (const [name, u] of used) {
    const a = nodes.get(name)?.status.allocatable;
    if (!a) continue;
    if (u.cpu > parseCpuMillis(a.cpu)) problems.push(`node ${name} over its CPU: ${u.cpu}m`);
    if (u.mem > parseBytes(a.memory)) problems.push(`node ${name} over its memory`);
    if (u.pods > Number(a.pods)) problems.push(`node ${name} over its pod count`);
  }
  for (const d of c.api.list<Deployment>('Deployment')) {
    const want = d.spec.replicas ?? 1;
    const active = c.api
      .list<Pod>('Pod', d.metadata.namespace)
      .filter(
        (p) =>
          selectorMatches(d.spec.selector, p.metadata.labels) &&
          !p.metadata.deletionTimestamp &&
          p.status.phase === 'Running' &&
          p.metadata.ownerReferences?.length,
      );
    if ((d.status.availableReplicas ?? 0) !== want)
      problems.push(`deployment ${d.metadata.name}: ${d.status.availableReplicas ?? 0}/${want} available`);
    if ((d.status.updatedReplicas ?? 0) !== want)
      problems.push(`deployment ${d.metadata.name}: ${d.status.updatedReplicas ?? 0}/${want} updated`);
    if (active.length !== want)
      problems.push(`deployment ${d.metadata.name}: ${active.length} running pods, want ${want}`);
  }
  problems.push(...c.store.verifyIndexes());
  return problems;
}
