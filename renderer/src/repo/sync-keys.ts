/** Keys of the `syncState` table. */
export const SYNC_KEYS = {
  /** The HLC last issued or seen, so a restart never stamps an edit earlier than one already made. */
  clock: 'clock',
  /** Position in the point's log up to which pulled operations have been applied. */
  cursor: 'cursor',
} as const;
