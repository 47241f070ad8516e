/**
 * Images off the lesson path, as a learner pastes them from the web: real published tags pull, tags and
 * repositories that do not exist fail with the real tools' texts, invalid references are never pulled.
 * Texts: docker 27 (daemon errors of distribution), kubelet 1.32 with containerd 1.7 (image_manager.go:
 * "Failed to apply default image tag", InspectFailed; "Failed to pull image" with the CRI's rpc error), the
 * official images' entrypoints (mariadb docker-entrypoint.sh docker_verify_minimum_env).
 */
import { describe, expect, it } from 'vitest';
import { newSession, sh } from './testing/harness';
import type { Pod } from '../sim/api/types';

const pod = (s: ReturnType<typeof newSession>, name: string) =>
  s.cluster.api.get<Pod>('Pod', 'default', name)!;
const waiting = (s: ReturnType<typeof newSession>, name: string) =>
  pod(s, name).status.containerStatuses?.[0]?.state.waiting;
const events = (s: ReturnType<typeof newSession>, name: string) =>
  s.cluster.api.eventsFor(pod(s, name)).map((e) => `${e.reason}: ${e.message}`);

describe('docker pull of published and unpublished tags', () => {
  it('pulls a published tag no lesson uses, sharing the base layer it really shares', () => {
    const s = newSession();
    sh(s, 'docker pull redis:7');
    const out = sh(s, 'docker pull nginx:1.25.3');
    expect(out).toMatch(/^1\.25\.3: Pulling from library\/nginx\n[0-9a-f]{12}: Already exists\n/);
    expect(out).toContain('Status: Downloaded newer image for nginx:1.25.3');
    expect(sh(s, 'docker run --rm nginx:1.25.3 nginx -v')).toContain('nginx version: nginx/1.25.3');
  });

  it('prints the registry errors for an unknown tag, an unknown repository and an invalid name', () => {
    const s = newSession();
    expect(sh(s, 'docker pull nginx:9.9')).toContain(
      'Error response from daemon: manifest for nginx:9.9 not found: manifest unknown: manifest unknown',
    );
    expect(sh(s, 'docker pull nosuchuser/nosuchimage')).toContain(
      "Error response from daemon: pull access denied for nosuchuser/nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    );
    expect(sh(s, 'docker pull Nginx')).toContain(
      'invalid reference format: repository name (library/Nginx) must be lowercase',
    );
  });
});

describe('the kubelet and the catalogue', () => {
  it('runs the liveness example image busybox:1.27.2 and postgres:16', () => {
    const s = newSession();
    sh(s, 'kubectl run bb --image=busybox:1.27.2 -- sleep 3600');
    sh(s, 'kubectl run db --image=postgres:16 --env=POSTGRES_PASSWORD=secret');
    s.cluster.advance(60_000);
    expect(pod(s, 'bb').status.phase).toBe('Running');
    expect(pod(s, 'db').status.phase).toBe('Running');
    expect(sh(s, 'kubectl logs db')).toContain('starting PostgreSQL 16.6');
  });

  it('reports a tag that was never published with containerd\'s "not found"', () => {
    const s = newSession();
    sh(s, 'kubectl run web --image=nginx:9.9');
    s.cluster.advance(10_000);
    expect(events(s, 'web')).toContain(
      'Failed: Failed to pull image "nginx:9.9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve reference "docker.io/library/nginx:9.9": docker.io/library/nginx:9.9: not found',
    );
  });

  it("does not pull an invalid reference: InvalidImageName, with the image manager's message", () => {
    const s = newSession();
    sh(s, 'kubectl run web --image=Nginx');
    s.cluster.advance(10_000);
    const msg =
      'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase';
    expect(waiting(s, 'web')).toEqual({ reason: 'InvalidImageName', message: msg });
    const ev = events(s, 'web');
    expect(ev).toContain(`InspectFailed: ${msg}`);
    expect(ev).toContain('Failed: Error: InvalidImageName');
    expect(ev.some((e) => e.startsWith('Pulling'))).toBe(false);
  });

  it("mariadb without a root password option exits 1 with the entrypoint's message", () => {
    const s = newSession();
    sh(s, 'kubectl run db --image=mariadb:11.4');
    s.cluster.advance(30_000);
    const logs = sh(s, 'kubectl logs db');
    expect(logs).toContain(
      '[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
    );
    expect(logs).toContain(
      '\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD',
    );
    const cs = pod(s, 'db').status.containerStatuses![0]!;
    expect(cs.lastState.terminated?.exitCode ?? cs.state.terminated?.exitCode).toBe(1);
  });

  it('pulls an image the learner built and pushed to the registry', () => {
    const s = newSession(1, { 'app/Dockerfile': 'FROM alpine:3.20\nCMD ["sleep", "3600"]\n' });
    sh(s, 'docker build -t learner/app:1 app');
    expect(sh(s, 'docker push learner/app:1')).toContain('1: digest: sha256:');
    sh(s, 'kubectl run app --image=learner/app:1');
    s.cluster.advance(30_000);
    expect(pod(s, 'app').status.phase).toBe('Running');
  });
});
