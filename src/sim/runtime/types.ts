/**
 * The runtime's shapes. They live in api/runtimeTypes.ts, a tier below the cluster core, so the Cluster can type
 * its `runtime` field without importing the runtime; re-exported here for the runtime's own parts.
 */
export type * from '../api/runtimeTypes';
