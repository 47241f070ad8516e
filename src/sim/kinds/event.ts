import type { KindDef } from '../api/kinds';
import { any, int, obj, str } from '../api/schema';
import { rootSchema } from './common';

export const eventKind: KindDef = {
  kind: 'Event',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema('Event', 'Event is a report of an event somewhere in the cluster.', {
    involvedObject: obj('ObjectReference', {
      kind: str(),
      namespace: str(),
      name: str(),
      uid: str(),
      apiVersion: str(),
      resourceVersion: str(),
      fieldPath: str(),
    }),
    reason: str(
      "A short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    message: str('A human-readable description of the status of this operation.'),
    source: obj('EventSource', { component: str(), host: str() }),
    firstTimestamp: str(),
    lastTimestamp: str(),
    count: int(),
    type: str('Normal or Warning.'),
    eventTime: any(),
    series: any(),
    action: str(),
    related: any(),
    reportingComponent: str(),
    reportingInstance: str(),
  }),
};
