/**
 * RBAC objects (rbac.authorization.k8s.io/v1): Role, ClusterRole, RoleBinding, ClusterRoleBinding. The
 * simulation stores and serves them (so `kubectl create role|rolebinding` and manifests work); nothing
 * enforces them yet: every actor is allowed, as with a cluster-admin kubeconfig.
 */
import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import type { KObject } from '../api/types';
import { arr, obj, str, type Schema } from '../api/schema';
import { labelSelector, rootSchema } from './common';

const GROUP = 'rbac.authorization.k8s.io';

const policyRule = obj('PolicyRule', {
  verbs: arr(str(), 'Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule.'),
  apiGroups: arr(str(), 'APIGroups is the name of the APIGroup that contains the resources.'),
  resources: arr(str(), 'Resources is a list of resources this rule applies to.'),
  resourceNames: arr(str(), 'ResourceNames is an optional white list of names that the rule applies to.'),
  nonResourceURLs: arr(str(), 'NonResourceURLs is a set of partial urls that a user should have access to.'),
});

const subject = obj('Subject', {
  kind: str('Kind of object being referenced: "User", "Group", or "ServiceAccount".'),
  apiGroup: str('APIGroup holds the API group of the referenced subject.'),
  name: str('Name of the object being referenced.'),
  namespace: str('Namespace of the referenced object (ServiceAccount only).'),
});

const roleRef = obj('RoleRef', {
  apiGroup: str('APIGroup is the group for the resource being referenced.'),
  kind: str('Kind is the type of resource being referenced.'),
  name: str('Name is the name of resource being referenced.'),
});

function kindDef(
  kind: string,
  plural: string,
  namespaced: boolean,
  description: string,
  fields: Record<string, Schema>,
  validate?: (o: KObject) => FieldError[],
): KindDef {
  return {
    kind,
    apiVersion: `${GROUP}/v1`,
    group: GROUP,
    version: 'v1',
    plural,
    singular: kind.toLowerCase(),
    shortNames: [],
    namespaced,
    nameRule: 'none',
    hasStatus: false,
    schema: rootSchema(kind, description, fields),
    ...(validate ? { validate } : {}),
  };
}

function validateRules(o: KObject): FieldError[] {
  const rules = (o as { rules?: { verbs?: string[] }[] }).rules ?? [];
  return rules.flatMap((r, i) =>
    r.verbs?.length ? [] : [{ type: 'Required' as const, field: `rules[${i}].verbs`, detail: '' }],
  );
}

/** A binding's roleRef needs a name and a kind among `kinds` (a ClusterRoleBinding can only name a ClusterRole). */
function bindingValidator(kinds: string[]): (o: KObject) => FieldError[] {
  return (o) => {
    const ref = (o as { roleRef?: { kind?: string; name?: string } }).roleRef;
    const errs: FieldError[] = [];
    if (!ref?.name) errs.push({ type: 'Required', field: 'roleRef.name', detail: '' });
    if (!kinds.includes(ref?.kind ?? ''))
      errs.push({ type: 'Unsupported', field: 'roleRef.kind', value: ref?.kind ?? '', supported: kinds });
    return errs;
  };
}

export const roleKind = kindDef(
  'Role',
  'roles',
  true,
  'Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.',
  { rules: arr(policyRule, 'Rules holds all the PolicyRules for this Role') },
  validateRules,
);

export const clusterRoleKind = kindDef(
  'ClusterRole',
  'clusterroles',
  false,
  'ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.',
  {
    rules: arr(policyRule, 'Rules holds all the PolicyRules for this ClusterRole'),
    aggregationRule: obj('AggregationRule', { clusterRoleSelectors: arr(labelSelector) }),
  },
  validateRules,
);

export const roleBindingKind = kindDef(
  'RoleBinding',
  'rolebindings',
  true,
  'RoleBinding references a role, but does not contain it. It adds who information via Subjects and namespace information by which namespace it exists in.',
  { subjects: arr(subject), roleRef },
  bindingValidator(['Role', 'ClusterRole']),
);

export const clusterRoleBindingKind = kindDef(
  'ClusterRoleBinding',
  'clusterrolebindings',
  false,
  'ClusterRoleBinding references a ClusterRole, but not contain it. It can reference a ClusterRole in the global namespace, and adds who information via Subject.',
  { subjects: arr(subject), roleRef },
  bindingValidator(['ClusterRole']),
);
