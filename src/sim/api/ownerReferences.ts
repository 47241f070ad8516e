/**
 * Owner references: the controller reference of an object and a reference to an owner
 * (K:staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go).
 */
import type { KObject, OwnerReference } from './types';

/** The owner reference with `controller: true`, if any (GetControllerOf). */
export function controllerRef(o: KObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

/** A controller reference to `owner` that blocks its deletion in the foreground (NewControllerRef). */
export function ownerRefTo(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}
