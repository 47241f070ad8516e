import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import type { Pod } from '../api/types';
import { any } from '../api/schema';
import { podSpec, rootSchema } from './common';
import { defaultPodSpec, qosClass, validatePodSpec } from './podSpecRules';

// Status is the kubelet's to write; clients' status is dropped on create.
const podStatus = any('Most recently observed status of the pod. Read-only. Populated by the system.');

/** Fields a Pod update may change (pkg/apis/core/validation ValidatePodUpdate). */
const MUTABLE_MSG =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function stripMutable(p: Pod): unknown {
  // An update without a spec (a bare metadata PUT) is an immutable-spec change, not a crash.
  const spec = structuredClone(p.spec ?? {}) as Pod['spec'];
  for (const c of spec.containers ?? []) c.image = '';
  for (const c of spec.initContainers ?? []) c.image = '';
  delete spec.activeDeadlineSeconds;
  delete spec.tolerations;
  delete spec.terminationGracePeriodSeconds;
  delete spec.nodeName;
  return spec;
}

export const podKind: KindDef = {
  kind: 'Pod',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  namespaced: true,
  categories: ['all'],
  nameRule: 'subdomain',
  hasStatus: true,
  schema: rootSchema(
    'Pod',
    'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.',
    { spec: podSpec, status: podStatus },
  ),
  defaults(o) {
    const p = o as Pod;
    if (p.spec && typeof p.spec === 'object') defaultPodSpec(p.spec);
  },
  validate(o) {
    return validatePodSpec((o as Pod).spec, 'spec');
  },
  validateUpdate(o, old) {
    const errs: FieldError[] = [];
    if (JSON.stringify(stripMutable(o as Pod)) !== JSON.stringify(stripMutable(old as Pod))) {
      errs.push({ type: 'Forbidden', field: 'spec', detail: MUTABLE_MSG });
    }
    const oldNode = (old as Pod).spec.nodeName;
    if (oldNode && (o as Pod).spec?.nodeName !== oldNode)
      errs.push({ type: 'Forbidden', field: 'spec', detail: MUTABLE_MSG });
    return errs;
  },
  initialStatus(o) {
    return { phase: 'Pending', qosClass: qosClass((o as Pod).spec) };
  },
};
