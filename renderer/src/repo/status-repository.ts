import { canTransition, type Status } from '#shared/status/status';
import type { KioskDb, StatusChangeRecord } from '../db/kiosk-db';
import { guardQuota } from '../db/storage-errors';
import type { ChangeFeed } from './change-feed';
import type { ClockStore } from './clock-store';
import { deviceWriteLock, withDeviceLock } from './device-lock';

/** What the server's answer (or a person) decided about a queued status change. */
export type StatusOutcome =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'retry'; readonly expected: Status }
  | { readonly kind: 'ask'; readonly server: Status };

/**
 * Status changes asked for on this device, kept until the server has decided them, so one made offline is
 * sent when the network is back and never lost. Each has a client-made id (an HLC stamp): a retry after a
 * lost answer is recognised by the server.
 */
export class StatusRepository {
  constructor(
    private readonly db: KioskDb,
    private readonly clock: ClockStore,
    private readonly changes: ChangeFeed,
  ) {}

  /** Queues `expected → next` for the draft; the sync engine sends it. */
  async request(draftId: string, expected: Status, next: Status): Promise<void> {
    if (!canTransition(expected, next)) throw new RangeError(`no status edge ${expected} -> ${next}`);
    await withDeviceLock(deviceWriteLock(this.clock.deviceId), async () => {
      await this.clock.catchUp();
      const record: StatusChangeRecord = {
        hlc: this.clock.tick(),
        draftId,
        expected,
        next,
        state: 'pending',
      };
      await guardQuota(() =>
        this.db.transaction('rw', [this.db.statusChanges, this.db.syncState], async () => {
          await this.db.statusChanges.put(record);
          await this.db.syncState.put(this.clock.record());
        }),
      );
    });
    this.changes.emit([draftId], 'local');
  }

  /** Changes still to send, oldest first. */
  async pending(): Promise<StatusChangeRecord[]> {
    return (await this.db.statusChanges.orderBy('hlc').toArray()).filter((c) => c.state === 'pending');
  }

  /** A draft's changes not yet reflected by a pulled status, oldest first. */
  async forDraft(draftId: string): Promise<StatusChangeRecord[]> {
    return this.db.statusChanges.where('draftId').equals(draftId).sortBy('hlc');
  }

  /** Every draft's changes not yet reflected by a pulled status, by draft. */
  async byDraft(): Promise<Map<string, StatusChangeRecord[]>> {
    const out = new Map<string, StatusChangeRecord[]>();
    for (const c of await this.db.statusChanges.orderBy('hlc').toArray()) {
      out.set(c.draftId, [...(out.get(c.draftId) ?? []), c]);
    }
    return out;
  }

  async settle(change: StatusChangeRecord, outcome: StatusOutcome): Promise<void> {
    const table = this.db.statusChanges;
    await guardQuota(async () => {
      if (outcome.kind === 'drop') await table.delete(change.hlc);
      else if (outcome.kind === 'accepted') await table.update(change.hlc, { state: 'accepted' });
      else if (outcome.kind === 'retry')
        await table.update(change.hlc, { expected: outcome.expected, state: 'pending' });
      else await table.update(change.hlc, { state: 'ask', server: outcome.server });
    });
    this.changes.emit([change.draftId], outcome.kind === 'retry' ? 'local' : 'remote');
  }

  /**
   * A person's answer to a refused change: keep the status the server holds, or apply this device's change
   * on top of it (only offered when that edge exists).
   */
  async choose(change: StatusChangeRecord, choice: 'keep-server' | 'apply-mine'): Promise<void> {
    if (change.state !== 'ask' || !change.server) return;
    if (choice === 'apply-mine' && canTransition(change.server, change.next)) {
      await this.settle(change, { kind: 'retry', expected: change.server });
    } else {
      await this.settle(change, { kind: 'drop' });
    }
  }
}
