/**
 * Every kind the API server serves. Adding a kind: write its file, add it here.
 */
import type { KindDef } from '../api/kinds';
import { podKind } from './pod';
import { namespaceKind } from './namespace';
import { nodeKind } from './node';
import { eventKind } from './event';
import { leaseKind } from './lease';
import { serviceAccountKind } from './serviceAccount';
import { replicaSetKind } from './replicaSet';
import { deploymentKind } from './deployment';
import { serviceKind } from './service';
import { endpointsKind } from './endpoints';
import { endpointSliceKind } from './endpointSlice';
import { ingressKind } from './ingress';
import { networkPolicyKind } from './networkPolicy';
import { ingressClassKind } from './ingressClass';
import { workloadKinds } from './workloadKinds';
import { clusterRoleBindingKind, clusterRoleKind, roleBindingKind, roleKind } from './rbac';
import { priorityClassKind } from './priorityClass';

export const coreKinds: KindDef[] = [
  podKind,
  namespaceKind,
  nodeKind,
  eventKind,
  leaseKind,
  serviceAccountKind,
  replicaSetKind,
  deploymentKind,
  serviceKind,
  endpointsKind,
  endpointSliceKind,
  ingressKind,
  networkPolicyKind,
  ingressClassKind,
  ...workloadKinds,
  roleKind,
  clusterRoleKind,
  roleBindingKind,
  clusterRoleBindingKind,
  priorityClassKind,
];
