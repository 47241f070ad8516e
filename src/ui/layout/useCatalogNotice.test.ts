import { describe, expect, it } from 'vitest';
import { Cluster } from '../../sim/cluster';
import { runtimeModule } from '../../sim/runtime/runtime';
import { dockerModule } from '../../sim/docker/daemon';
import { catalogStatus } from '../../sim/runtime/catalog';
import type { SimEvent } from '../../sim/engine/eventLog';
import { catalogNotice, failedImage } from './useCatalogNotice';

const ev = (summary: string): Pick<SimEvent, 'kind' | 'source' | 'target' | 'verb' | 'summary'> => ({
  kind: 'event',
  source: 'kubelet/worker-1',
  target: 'kube-apiserver',
  verb: 'event',
  summary,
});

describe('failedImage', () => {
  it("reads the image from the kubelet's pull failure events, and nothing else", () => {
    expect(
      failedImage(
        ev(
          'Warning Failed: Failed to pull image "nginx:9.9.9": rpc error: code = NotFound desc = failed to pull and unpack image',
        ),
      ),
    ).toBe('nginx:9.9.9');
    expect(
      failedImage(
        ev(
          'Warning InspectFailed: Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx"',
        ),
      ),
    ).toBe('Nginx');
    expect(failedImage(ev('Warning Failed: Error: ImagePullBackOff'))).toBeUndefined();
    expect(failedImage(ev('Normal Pulling: Pulling image "nginx"'))).toBeUndefined();
  });

  it("reads the registry's refusal of a docker pull or run (no Kubernetes event is made for those)", () => {
    const runtime = runtimeModule();
    const docker = dockerModule(runtime);
    const c = new Cluster({ seed: 1 }, [runtime, docker]);
    const seq = c.log.state.nextSeq;
    expect(docker.daemon.pull('nginx:9.9').ok).toBe(false);
    expect(docker.daemon.run({ image: 'myorg/app:1', detach: true }).ok).toBe(false);
    expect(docker.daemon.pull('nginx:1.27').ok).toBe(true);
    const images = c.log
      .since(seq - 1)
      .map(failedImage)
      .filter((x) => x !== undefined);
    expect(images).toEqual(['nginx:9.9', 'myorg/app:1']);
  });
});

describe('catalogNotice', () => {
  it('names an unpublished tag, an unknown repository and an invalid reference; nothing for a catalogued one', () => {
    expect(catalogNotice('nginx:9.9', catalogStatus('nginx:9.9'))).toEqual({
      key: 'catalog.unknownTag',
      values: { image: 'nginx:9.9', repo: 'nginx' },
    });
    expect(catalogNotice('myorg/app:1', catalogStatus('myorg/app:1'))?.key).toBe('catalog.unknownRepo');
    expect(catalogNotice('Nginx', catalogStatus('Nginx'))?.key).toBe('catalog.invalid');
    expect(catalogNotice('nginx:1.25.3', catalogStatus('nginx:1.25.3'))).toBeUndefined();
  });
});
