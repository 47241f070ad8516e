import { useEffect } from 'react';
import { getHost } from '../../state/host';
import { useStudio } from '../../state/store';

/** The image named by a kubelet's pull failure event (`Failed to pull image "x"`, `default image tag "x"`). */
export function failedImage(summary: string): string | undefined {
  return /^Warning (?:Failed|InspectFailed): Failed to (?:pull image|apply default image tag) "([^"]+)"/.exec(
    summary,
  )?.[1];
}

/**
 * When a pod's image pull fails because the image is beyond Kubelab's catalogue (a tag or repository its tables
 * do not hold, or no valid reference at all), the studio says so once per image, in a notice outside kubectl's
 * output (which stays exactly as a real cluster prints it). The catalogue is looked up lazily: it lives in the
 * simulation's chunk.
 */
export function useCatalogNotice(): void {
  useEffect(() => {
    const host = getHost();
    if (!host) return;
    const told = new Set<string>();
    let alive = true;
    const off = host.onEvent((e) => {
      if (e.kind !== 'event') return;
      const image = failedImage(e.summary);
      if (!image || told.has(image)) return;
      told.add(image);
      void import('../../sim/runtime/catalog').then(({ catalogStatus }) => {
        if (!alive) return;
        const s = catalogStatus(image);
        const notify = useStudio.getState().notify;
        if (s.kind === 'unknown-tag' || s.kind === 'unknown-repo')
          notify('info', `catalog.${s.kind === 'unknown-tag' ? 'unknownTag' : 'unknownRepo'}`, {
            // as the learner wrote it, and the repository as they would write it
            image,
            repo: s.repo.replace(/^docker\.io\/(library\/)?/, ''),
          });
        else if (s.kind === 'invalid') notify('info', 'catalog.invalid', { image, message: s.message });
      });
    });
    return () => {
      alive = false;
      off();
    };
  }, []);
}
