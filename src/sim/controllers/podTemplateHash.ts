/**
 * The pod-template-hash of Deployments and the canonical template form it hashes (K:pkg/controller/controller_utils.go
 * ComputeHash), also used to compare templates of revisions.
 */
import type { PodTemplateSpec } from '../api/types';

/** Canonical JSON with sorted keys (for template hashing and comparison). */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** pod-template-hash: FNV-32a of the template (+ collision count), as rand.SafeEncodeString of its decimal form. */
export function podTemplateHash(t: PodTemplateSpec, collisionCount = 0): string {
  let h = 0x811c9dc5;
  const s = canonical(t) + (collisionCount ? String(collisionCount) : '');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h >>> 0)].map((ch) => SAFE[ch.charCodeAt(0) % SAFE.length]).join('');
}

const canonicalTemplates = new WeakMap<object, string>();
/** canonical(templateWithoutHash(t)), memoized per (immutable) stored template object. */
export function templateKey(t: PodTemplateSpec): string {
  let k = canonicalTemplates.get(t);
  if (k === undefined) {
    k = canonical(templateWithoutHash(t));
    canonicalTemplates.set(t, k);
  }
  return k;
}

/** Template without the pod-template-hash label (to compare a Deployment's template with its ReplicaSets'). */
export function templateWithoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const copy = structuredClone(t);
  if (copy.metadata?.labels) {
    delete copy.metadata.labels['pod-template-hash'];
  }
  return copy;
}
