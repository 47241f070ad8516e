/** The kubelet's timings (sandbox, relist, back-off, manifest fetch); its messages' durations are util/duration's. */
export const SANDBOX_MS = 500;
/** PLEG relist: how soon the kubelet notices a container exit and acts on it. */
export const RELIST_MS = 1000;
export const BACKOFF_INITIAL_MS = 10_000;
/** Time to fetch a manifest from the registry. */
export const MANIFEST_MS = 400;

export const BACKOFF_MAX_MS = 300_000;

/**
 * The volume manager's retry of a failed mount: the operation executor's exponential back-off (500 ms, doubling,
 * at most 2m2s: pkg/util/goroutinemap/exponentialbackoff).
 */
export const MOUNT_BACKOFF_INITIAL_MS = 500;
export const MOUNT_BACKOFF_MAX_MS = 122_000;
