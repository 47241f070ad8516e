/**
 * `kubectl create serviceaccount|role|clusterrole|rolebinding|clusterrolebinding`: kubectl's generators for
 * identities and RBAC objects. Shapes, subject order (users, groups, service accounts), rule grouping (one
 * rule per API group, groups sorted) and error texts follow kubectl's create_role.go / create_rolebinding.go.
 */
import type { KObject } from '../../sim/api/types';
import { fail, KubectlError } from './errors';
import { addCreateGenerator, requireOneName, submitGenerated } from './create';
import {
  boolFlag,
  DRY_RUN_FLAG,
  flag,
  OUTPUT_FLAG,
  str,
  type KubectlContext,
  type Parsed,
  type VerbDef,
} from './verb';

const RBAC = 'rbac.authorization.k8s.io';
const GEN = [
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  boolFlag('save-config', 'If true, the configuration of current object will be saved in its annotation.'),
];

const meta = (k: KubectlContext, name: string, namespaced: boolean) => ({
  name,
  ...(namespaced && k.namespaceSet ? { namespace: k.namespace } : {}),
  creationTimestamp: null as unknown as string,
});

const createServiceAccount: VerbDef = {
  name: 'serviceaccount',
  aliases: ['sa'],
  summary: { en: 'Create a service account with the specified name', zh: '创建指定名称的服务账号' },
  usage: 'kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]',
  long: 'Create a service account with the specified name.',
  examples:
    '  # Create a new service account named my-service-account\n  kubectl create serviceaccount my-service-account',
  flags: GEN,
  run(k, p) {
    const name = requireOneName(p, 'serviceaccount');
    return submitGenerated(
      k,
      p,
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(k, name, true) },
      'created',
      'failed to create serviceaccount: ',
    );
  },
};

/** `--user`, `--group`, `--serviceaccount` → subjects in kubectl's order. */
function subjects(p: Parsed): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const u of p.all.get('user') ?? []) out.push({ kind: 'User', apiGroup: RBAC, name: u });
  for (const g of p.all.get('group') ?? []) out.push({ kind: 'Group', apiGroup: RBAC, name: g });
  for (const sa of p.all.get('serviceaccount') ?? []) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) fail('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out;
}

const SUBJECT_FLAGS = [
  flag('user', 'Usernames to bind to the role. The flag can be repeated to add multiple users.'),
  flag('group', 'Groups to bind to the role. The flag can be repeated to add multiple groups.'),
  flag(
    'serviceaccount',
    'Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.',
  ),
];

function binding(k: KubectlContext, p: Parsed, kind: string, roleKind: string, role: string): KObject {
  const subs = subjects(p);
  return {
    apiVersion: `${RBAC}/v1`,
    kind,
    metadata: meta(k, p.args[0]!, kind === 'RoleBinding'),
    ...(subs.length ? { subjects: subs } : {}),
    roleRef: { apiGroup: RBAC, kind: roleKind, name: role },
  } as KObject;
}

const createRoleBinding: VerbDef = {
  name: 'rolebinding',
  summary: {
    en: 'Create a role binding for a particular role or cluster role',
    zh: '为 Role 或 ClusterRole 创建 RoleBinding',
  },
  usage:
    'kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  long: 'Create a role binding for a particular role or cluster role.',
  examples: `  # Create a role binding for user1, user2, and group1 using the admin cluster role
  kubectl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1

  # Create a role binding for serviceaccount monitoring:sa-dev using the admin role
  kubectl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev`,
  flags: [
    ...GEN,
    flag('role', 'Role this RoleBinding should reference'),
    flag('clusterrole', 'ClusterRole this RoleBinding should reference'),
    ...SUBJECT_FLAGS,
  ],
  run(k, p) {
    requireOneName(p, 'rolebinding');
    const role = str(p, 'role');
    const clusterRole = str(p, 'clusterrole');
    if (!role === !clusterRole) fail('exactly one of clusterrole or role must be specified');
    const obj = role
      ? binding(k, p, 'RoleBinding', 'Role', role)
      : binding(k, p, 'RoleBinding', 'ClusterRole', clusterRole!);
    return submitGenerated(k, p, obj, 'created', 'failed to create rolebinding: ');
  },
};

const createClusterRoleBinding: VerbDef = {
  name: 'clusterrolebinding',
  summary: {
    en: 'Create a cluster role binding for a particular cluster role',
    zh: '为 ClusterRole 创建 ClusterRoleBinding',
  },
  usage:
    'kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  long: 'Create a cluster role binding for a particular cluster role.',
  examples: `  # Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role
  kubectl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1`,
  flags: [
    ...GEN,
    flag('clusterrole', 'ClusterRole this ClusterRoleBinding should reference'),
    ...SUBJECT_FLAGS,
  ],
  run(k, p) {
    requireOneName(p, 'clusterrolebinding');
    const clusterRole = str(p, 'clusterrole');
    if (!clusterRole) fail('required flag(s) "clusterrole" not set');
    return submitGenerated(
      k,
      p,
      binding(k, p, 'ClusterRoleBinding', 'ClusterRole', clusterRole),
      'created',
      'failed to create clusterrolebinding: ',
    );
  },
};

const VALID_VERBS = [
  '*',
  'get',
  'delete',
  'list',
  'create',
  'update',
  'patch',
  'watch',
  'proxy',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
];

/** `--resource=pods,deployments.apps,pods/log` → rules, one per API group (groups sorted). */
function resourceRules(k: KubectlContext, p: Parsed, verbs: string[]): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const spec of (p.all.get('resource') ?? []).flatMap((r) => r.split(',')).filter(Boolean)) {
    const [res, sub] = spec.split('/') as [string, string | undefined];
    const dot = res.indexOf('.');
    const [name, group] = dot >= 0 ? [res.slice(0, dot), res.slice(dot + 1)] : [res, undefined];
    const def = k.cluster.api.kinds
      .all()
      .find(
        (d) =>
          (d.plural === name ||
            d.singular === name ||
            d.shortNames.includes(name) ||
            d.kind.toLowerCase() === name) &&
          (group === undefined || d.group === group),
      );
    if (!def) throw new KubectlError(`the server doesn't have a resource type "${name}"`);
    const full = sub ? `${def.plural}/${sub}` : def.plural;
    const list = byGroup.get(def.group) ?? [];
    if (!list.includes(full)) list.push(full);
    byGroup.set(def.group, list);
  }
  const names = (p.all.get('resource-name') ?? []).flatMap((r) => r.split(',')).filter(Boolean);
  return [...byGroup.keys()].sort().map((g) => ({
    verbs,
    apiGroups: [g],
    resources: byGroup.get(g),
    ...(names.length ? { resourceNames: names } : {}),
  }));
}

function roleVerb(kind: 'Role' | 'ClusterRole'): VerbDef {
  const cmd = kind.toLowerCase();
  return {
    name: cmd,
    summary:
      kind === 'Role'
        ? { en: 'Create a role with single rule', zh: '创建带单条规则的 Role' }
        : { en: 'Create a cluster role', zh: '创建 ClusterRole' },
    usage: `kubectl create ${cmd} NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]`,
    long: kind === 'Role' ? 'Create a role with single rule.' : 'Create a cluster role.',
    examples: `  # Create a ${kind} named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
  kubectl create ${cmd} pod-reader --verb=get --verb=list --verb=watch --resource=pods`,
    flags: [
      ...GEN,
      flag('verb', 'Verb that applies to the resources contained in the rule'),
      flag('resource', 'Resource that the rule applies to'),
      flag(
        'resource-name',
        'Resource in the white list that the rule applies to, repeat this flag for multiple items',
      ),
    ],
    run(k, p) {
      const name = requireOneName(p, cmd);
      const verbs = (p.all.get('verb') ?? []).flatMap((v) => v.split(',')).filter(Boolean);
      if (!verbs.length) fail('at least one verb must be specified');
      if (!(p.all.get('resource') ?? []).some(Boolean)) fail('at least one resource must be specified');
      // Non-standard verbs are allowed (webhooks may authorize them); kubectl only warns.
      for (const v of verbs)
        if (!VALID_VERBS.includes(v)) k.err(`Warning: '${v}' is not a standard resource verb\n`);
      return submitGenerated(k, p, {
        apiVersion: `${RBAC}/v1`,
        kind,
        metadata: meta(k, name, kind === 'Role'),
        rules: resourceRules(k, p, verbs),
      } as KObject);
    },
  };
}

addCreateGenerator(createServiceAccount);
addCreateGenerator(createRoleBinding);
addCreateGenerator(createClusterRoleBinding);
addCreateGenerator(roleVerb('Role'));
addCreateGenerator(roleVerb('ClusterRole'));
