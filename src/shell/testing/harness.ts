/**
 * Test harness: runs command-language scripts against a fresh cluster and reads state back.
 */
import { createSession, memoryFs, type Session } from '../session';
import type { Pod } from '../../sim/api/types';

export function newSession(seed = 1, files: Record<string, string> = {}): Session {
  return createSession({ mode: 'script', seed, fs: memoryFs(files) });
}

/** Runs lines, returns their combined output. */
export function sh(s: Session, text: string): string {
  return s.exec(text).output;
}

export function pods(s: Session, ns = 'default'): Pod[] {
  return s.cluster.api.list<Pod>('Pod', ns);
}

export function podStatusWord(p: Pod): string {
  const cs = p.status.containerStatuses?.[0];
  if (p.metadata.deletionTimestamp) return 'Terminating';
  if (cs?.state.waiting?.reason) return cs.state.waiting.reason;
  if (cs?.state.terminated?.reason) return cs.state.terminated.reason;
  return p.status.phase ?? 'Unknown';
}

/**
 * A Deployment manifest with one container; `containerLines` follow `image:` (already indented under the
 * container), `extra` follows the template (e.g. more pod spec fields).
 */
export function deploymentYaml(
  name: string,
  o: { replicas: number; container?: string; image?: string; containerLines?: string; extra?: string },
): string {
  const more = o.containerLines ? `\n${o.containerLines.replace(/^/gm, '        ')}` : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${o.replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: ${o.container ?? 'nginx'}
        image: ${o.image ?? 'nginx:1.14.2'}${more}
${o.extra ?? ''}`;
}

export const NGINX_DEPLOY = (name: string, replicas: number, image = 'nginx:1.14.2', extra = '') =>
  deploymentYaml(name, { replicas, image, containerLines: 'ports:\n- containerPort: 80', extra });
