/** The kubelet's timings (sandbox, relist, back-off, manifest fetch); its messages' durations are util/duration's. */
export const SANDBOX_MS = 500;
/** PLEG relist: how soon the kubelet notices a container exit and acts on it. */
export const RELIST_MS = 1000;
export const BACKOFF_INITIAL_MS = 10_000;
/** Time to fetch a manifest from the registry. */
export const MANIFEST_MS = 400;

export const BACKOFF_MAX_MS = 300_000;
