/** Version of the share-link format (kept apart so the codec and fflate load only when sharing). */
export const SHARE_VERSION = 1;
