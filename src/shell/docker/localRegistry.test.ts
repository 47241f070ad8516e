/**
 * A registry on the Docker host, as the Distribution docs' first steps use it (`docker run -d -p 5000:5000
 * --name registry registry:2`, tag, push, pull): the daemon reaches `localhost:5000` through the published
 * port, pings `/v2/` and fails with moby's dial error when nothing listens; the registry's storage is its
 * container's, listed by its HTTP API. A cluster node's localhost is the node: containerd's dial is refused
 * (the text of a real ErrImagePull for localhost:5000).
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../session';
import { memoryFs } from '../memoryFs';

function shell() {
  const s = createSession({ mode: 'script', seed: 4, fs: memoryFs({}) });
  return (line: string) => {
    const r = s.exec(line);
    return { out: r.output, code: r.exitCode };
  };
}

describe('registry:2 on the Docker host', () => {
  it('is catalogued with its 2.x tags; latest, 2, 2.8 and 2.8.3 are one image', () => {
    const sh = shell();
    for (const t of ['2', '2.8', '2.8.3', 'latest', '2.7', '2.6.2'])
      expect(sh(`docker pull -q registry:${t}`).code).toBe(0);
    const id = (t: string) => sh(`docker images -q registry:${t}`).out;
    expect(new Set(['2', '2.8', '2.8.3', 'latest'].map(id)).size).toBe(1);
    expect(id('2.7')).not.toBe(id('2'));
    expect(sh('docker pull registry:2.9').out).toBe(
      'Error response from daemon: manifest for registry:2.9 not found: manifest unknown: manifest unknown\n',
    );
  });

  it('push fails with the dial error until a registry listens, then push, catalog, pull work', () => {
    const sh = shell();
    sh('docker pull busybox');
    sh('docker tag busybox localhost:5000/my-busybox');
    expect(sh('docker push localhost:5000/my-busybox')).toEqual({
      out:
        'Using default tag: latest\nThe push refers to repository [localhost:5000/my-busybox]\n' +
        'Get "http://localhost:5000/v2/": dial tcp [::1]:5000: connect: connection refused\n',
      code: 1,
    });
    expect(sh('docker run -d -p 5000:5000 --name registry registry:2').code).toBe(0);
    expect(sh('docker logs registry').out).toMatch(
      /level=info msg="listening on \[::\]:5000" .*version=2\.8\.3\n$/,
    );
    const push = sh('docker push localhost:5000/my-busybox');
    expect(push.code).toBe(0);
    expect(push.out).toMatch(
      /^Using default tag: latest\nThe push refers to repository \[localhost:5000\/my-busybox\]\n[0-9a-f]{12}: Pushed\nlatest: digest: sha256:[0-9a-f]{64} size: \d+\n$/,
    );
    expect(sh('curl -s localhost:5000/v2/').out).toBe('{}');
    expect(sh('curl -s localhost:5000/v2/_catalog').out).toBe('{"repositories":["my-busybox"]}\n');
    expect(sh('curl -s localhost:5000/v2/my-busybox/tags/list').out).toBe(
      '{"name":"my-busybox","tags":["latest"]}\n',
    );
    // a second repository mounts the layer it shares with the first
    sh('docker tag busybox localhost:5000/team/bb:1.0');
    expect(sh('docker push localhost:5000/team/bb:1.0').out).toMatch(/: Mounted from my-busybox\n/);
    expect(sh('curl -s localhost:5000/v2/_catalog').out).toBe('{"repositories":["my-busybox","team/bb"]}\n');
    // pushed again: the registry has the layer
    expect(sh('docker push localhost:5000/my-busybox').out).toMatch(/: Layer already exists\n/);
    sh('docker rmi localhost:5000/my-busybox');
    const pull = sh('docker pull localhost:5000/my-busybox');
    expect(pull.out).toMatch(
      /^latest: Pulling from localhost:5000\/my-busybox\n[0-9a-f]{12}: Already exists\nDigest: /,
    );
    expect(sh('docker pull localhost:5000/my-busybox:v9').out).toBe(
      'Error response from daemon: manifest for localhost:5000/my-busybox:v9 not found: manifest unknown: manifest unknown\n',
    );
    expect(sh('docker pull localhost:5000/nope').out).toBe(
      'Error response from daemon: repository localhost:5000/nope not found: name unknown: repository name not known to registry\n',
    );
  });

  it("keeps its repositories in the container's volume: a new registry container starts empty", () => {
    const sh = shell();
    sh('docker run -d -p 5000:5000 --name registry registry:2');
    sh('docker pull busybox');
    sh('docker tag busybox localhost:5000/bb');
    sh('docker push localhost:5000/bb');
    expect(sh('docker exec registry ls /var/lib/registry/docker/registry/v2/repositories').out).toBe('bb\n');
    sh('docker rm -f -v registry');
    expect(sh('docker pull 127.0.0.1:5000/bb').out).toBe(
      'Error response from daemon: Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused\n',
    );
    sh('docker run -d -p 5000:5000 --name registry2 registry:2');
    expect(sh('curl -s localhost:5000/v2/_catalog').out).toBe('{"repositories":[]}\n');
  });

  it("is not the nodes' localhost: a pod's pull of localhost:5000/… is refused (ErrImagePull)", () => {
    const sh = shell();
    sh('docker run -d -p 5000:5000 --name registry registry:2');
    sh('docker pull busybox');
    sh('docker tag busybox localhost:5000/bb');
    sh('docker push localhost:5000/bb');
    sh('kubectl run bb --image=localhost:5000/bb -- sleep 3600');
    sh('sim advance 20s');
    expect(sh('kubectl get pod bb').out).toMatch(/bb +0\/1 +(ErrImagePull|ImagePullBackOff) /);
    expect(
      sh('kubectl get events --field-selector reason=Failed -o custom-columns=M:.message').out,
    ).toContain(
      'Failed to pull image "localhost:5000/bb": rpc error: code = Unknown desc = failed to pull and unpack image ' +
        '"localhost:5000/bb:latest": failed to resolve reference "localhost:5000/bb:latest": failed to do request: ' +
        'Head "http://localhost:5000/v2/bb/manifests/latest": dial tcp 127.0.0.1:5000: connect: connection refused',
    );
  });

  it('push -a pushes every tag of the repository, -q prints only the reference', () => {
    const sh = shell();
    sh('docker run -d -p 5000:5000 --name registry registry:2');
    sh('docker pull busybox');
    sh('docker tag busybox localhost:5000/bb:1');
    sh('docker tag busybox localhost:5000/bb:2');
    const all = sh('docker push -a localhost:5000/bb').out.split('\n');
    expect(all.filter((l) => l.startsWith('The push refers'))).toEqual([
      'The push refers to repository [localhost:5000/bb]',
    ]);
    expect(all.filter((l) => /^\d: digest: /.test(l)).map((l) => l[0])).toEqual(['1', '2']);
    expect(sh('curl -s localhost:5000/v2/bb/tags/list').out).toBe('{"name":"bb","tags":["1","2"]}\n');
    expect(sh('docker push -a localhost:5000/bb:1').out).toBe("tag can't be used with --all-tags/-a\n");
    expect(sh('docker push -q localhost:5000/bb:1')).toEqual({ out: 'localhost:5000/bb:1\n', code: 0 });
  });
});
