import type { Status } from '#shared/status/status';
import type { StatusChangeRecord } from '../db/kiosk-db';

export interface ShownStatus {
  /** What the person sees: the latest change asked for here, else the status the server accepted. */
  readonly status: Status;
  /** A change asked for here is not yet confirmed by the server. */
  readonly unconfirmed: boolean;
  /** A change the server refused as stale, waiting for a person's choice. */
  readonly ask: StatusChangeRecord | null;
}

/** Overlays this device's queued changes (oldest first) on the status the server accepted. */
export function shownStatus(accepted: Status, changes: readonly StatusChangeRecord[]): ShownStatus {
  const ask = changes.find((c) => c.state === 'ask') ?? null;
  const latest = changes.filter((c) => c.state !== 'ask').at(-1);
  return { status: latest?.next ?? accepted, unconfirmed: latest?.state === 'pending', ask };
}
