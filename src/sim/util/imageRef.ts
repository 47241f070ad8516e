/**
 * Image references (`nginx`, `nginx:1.27`, `registry.k8s.io/pause:3.9`, `repo@sha256:…`) read as Docker
 * reads them: a first segment with a `.` or `:` or `localhost` is a registry, else `docker.io`; one-segment
 * names are official images under `library/`. One home for the scheduler, the kubelet and the process model.
 */
import { memoize } from './memo';

/**
 * Full image reference as containerd reports it, so `nginx`, `nginx:latest` and `docker.io/library/nginx:latest`
 * are one image: `docker.io` and `library/` added where Docker's defaults apply, `:latest` when there is no tag
 * or digest. (The scheduler's ImageLocality compares pods' images with nodes' this way; the real plugin only
 * appends `:latest`, but its kubelets report full names, which a pod rarely spells out.)
 */
function normalizeImageText(image: string): string {
  let name = image.trim();
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  if (slash < 0) name = `docker.io/library/${name}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') name = `docker.io/${name}`;
  if (!name.includes('@') && name.lastIndexOf(':') <= name.lastIndexOf('/')) name += ':latest';
  return name;
}

/** {@link normalizeImageText}, remembered: the scheduler and the kubelet ask for the same few images per pod. */
export const normalizeImage = memoize(normalizeImageText);

/**
 * An image reference's repository without registry and `library/` (`nginx`, `polinux/stress`), its last
 * segment (the family whose program the process model runs: `nginx`, `stress`) and its tag (`latest` when none).
 */
export function imageRepoTag(image: string): { repo: string; family: string; tag: string } {
  let ref = image.trim();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  let tag = 'latest';
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) {
    tag = ref.slice(colon + 1);
    ref = ref.slice(0, colon);
  }
  const segs = ref.split('/');
  if (segs.length > 1 && /[.:]|^localhost$/.test(segs[0]!)) segs.shift();
  if (segs[0] === 'library') segs.shift();
  const repo = segs.join('/');
  const family = segs[segs.length - 1] ?? repo;
  return { repo, family, tag };
}
