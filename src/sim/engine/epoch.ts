/** Virtual time 0 as Unix milliseconds: the cluster's clock starts on 2026-01-01T00:00:00Z. */
export const EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);
