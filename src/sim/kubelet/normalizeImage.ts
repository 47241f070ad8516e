import { memoize } from '../util/memo';

/** Normalized image name as containerd reports it: `docker.io/library/nginx:1.27`. */
export const normalizeImage = memoize(normalizeImageText);

function normalizeImageText(image: string): string {
  let ref = image;
  const first = ref.split('/')[0]!;
  const hasRegistry =
    ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) ref = `docker.io/${ref.includes('/') ? '' : 'library/'}${ref}`;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  if (!last.includes(':') && !ref.includes('@')) ref += ':latest';
  return ref;
}
