import { useEffect } from 'react';
import { getHost } from '../../state/host';
import { useStudio } from '../../state/store';
import type { SimEvent } from '../../sim/engine/eventLog';
import type { CatalogStatus } from '../../sim/runtime/catalog';

/**
 * The image whose pull failed, from the event log: a kubelet's pull failure event (`Failed to pull image "x"`,
 * `default image tag "x"`), or the registry refusing the Docker daemon (its `denied` / `not found` answer to a
 * `docker pull` or `docker run`, which makes no Kubernetes event).
 */
export function failedImage(
  e: Pick<SimEvent, 'kind' | 'source' | 'target' | 'verb' | 'summary'>,
): string | undefined {
  if (e.kind === 'pull')
    return e.source === 'registry' &&
      e.target === 'dockerd' &&
      (e.verb === 'denied' || e.verb === 'not found')
      ? e.summary
      : undefined;
  if (e.kind !== 'event') return undefined;
  return /^Warning (?:Failed|InspectFailed): Failed to (?:pull image|apply default image tag) "([^"]+)"/.exec(
    e.summary,
  )?.[1];
}

/** The notice (key and values) for an image beyond the catalogue; none for one it holds. */
export function catalogNotice(
  image: string,
  s: CatalogStatus,
): { key: string; values: Record<string, string> } | undefined {
  if (s.kind === 'unknown-tag' || s.kind === 'unknown-repo')
    return {
      key: `catalog.${s.kind === 'unknown-tag' ? 'unknownTag' : 'unknownRepo'}`,
      // as the learner wrote it, and the repository as they would write it
      values: { image, repo: s.repo.replace(/^docker\.io\/(library\/)?/, '') },
    };
  if (s.kind === 'invalid') return { key: 'catalog.invalid', values: { image, message: s.message } };
  return undefined;
}

/**
 * When an image pull fails because the image is beyond Kubelab's catalogue (a tag or repository its tables do not
 * hold, or no valid reference at all), the studio says so once per image, in a notice outside kubectl's and
 * docker's output (which stay exactly as the real tools print them). The catalogue is looked up lazily: it lives
 * in the simulation's chunk.
 */
export function useCatalogNotice(): void {
  // the bar mounts before the simulation's chunk has loaded: listen once the host runs
  const ready = useStudio((s) => s.ready);
  useEffect(() => {
    const host = ready === 'yes' ? getHost() : undefined;
    if (!host) return;
    const told = new Set<string>();
    let alive = true;
    const off = host.onEvent((e) => {
      const image = failedImage(e);
      if (!image || told.has(image)) return;
      told.add(image);
      void import('../../sim/runtime/catalog').then(({ catalogStatus }) => {
        const n = alive ? catalogNotice(image, catalogStatus(image)) : undefined;
        if (n) useStudio.getState().notify('info', n.key, n.values);
      });
    });
    return () => {
      alive = false;
      off();
    };
  }, [ready]);
}
