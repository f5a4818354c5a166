/** Bounds shared by client and server, so neither sends what the other will refuse. */
export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_PAGE = 500;
export const DEFAULT_PULL_PAGE = 200;
