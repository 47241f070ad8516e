/**
 * Field selectors as kube-apiserver supports them: `metadata.name`, `metadata.namespace` for every kind, and
 * the kind-specific fields the real registries index (pods' `spec.nodeName`, `status.phase`…, events'
 * `involvedObject.*`). Other fields are refused with the real message.
 */
import type { KObject } from '../sim/api/types';

export interface FieldRequirement {
  field: string;
  equals: boolean;
  value: string;
}

const get = (o: unknown, path: string): string => {
  let cur: unknown = o;
  for (const p of path.split('.'))
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
};

const KIND_FIELDS: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

/** Parses a field selector; throws Error with the API server's message on a bad one. */
export function parseFieldSelector(text: string, kind: string): FieldRequirement[] {
  if (!text) return [];
  const out: FieldRequirement[] = [];
  for (const part of text.split(',')) {
    if (!part) continue;
    const m = /^([^=!]+?)(==|=|!=)(.*)$/.exec(part);
    if (!m) throw new Error(`invalid selector: '${text}'; can't understand '${part}'`);
    const field = m[1]!.trim();
    if (field !== 'metadata.name' && field !== 'metadata.namespace' && !KIND_FIELDS[kind]?.includes(field))
      throw new Error(`field label not supported: ${field}`);
    out.push({ field, equals: m[2] !== '!=', value: m[3]!.trim() });
  }
  return out;
}

export function fieldsMatch(o: KObject, reqs: FieldRequirement[]): boolean {
  for (const r of reqs) {
    const v = r.field === 'source' ? get(o, 'source.component') : get(o, r.field);
    if ((v === r.value) !== r.equals) return false;
  }
  return true;
}
