import { LeaseState } from '#shared/protocol/live';
import { Store } from '../state/store';
import type { ServerClock } from '../sync/server-clock';
import { realTimers, type Timers } from '../sync/timers';

export interface LeaseHolder {
  readonly deviceId: string;
  readonly label: string | null;
}

export interface LeaseBoardState {
  /** Drafts another device of the point is editing now, by draft id. */
  readonly others: Readonly<Record<string, LeaseHolder>>;
}

/**
 * Who else is editing which draft, from the server's `lease` events and lease answers. A lease shows
 * until it is released or its expiry passes on the server's clock (estimated from the server times seen,
 * so a kiosk whose clock is a day off still hides a lapsed lease on time). It never blocks editing.
 */
export class LeaseBoard {
  readonly state = new Store<LeaseBoardState>({ others: {} });
  private readonly timers: Timers;
  private readonly expiries = new Map<string, unknown>();

  constructor(
    private readonly myDeviceId: () => string | null,
    private readonly serverClock: ServerClock,
    timers?: Timers,
  ) {
    this.timers = timers ?? realTimers;
  }

  /** Takes a lease event's data (unchecked JSON) or a lease answer. */
  apply(data: unknown): void {
    const parsed = LeaseState.safeParse(data);
    if (!parsed.success) return;
    const { draftId, holder, expiresAt } = parsed.data;
    const serverNow = this.serverClock.now();
    const mine = holder?.deviceId === this.myDeviceId();
    if (!holder || mine || (expiresAt !== null && expiresAt <= serverNow)) return this.remove(draftId);
    this.state.set({
      others: { ...this.state.get().others, [draftId]: { deviceId: holder.deviceId, label: holder.label } },
    });
    this.cancelExpiry(draftId);
    if (expiresAt !== null) {
      this.expiries.set(
        draftId,
        this.timers.setTimeout(() => this.remove(draftId), expiresAt - serverNow),
      );
    }
  }

  private remove(draftId: string): void {
    this.cancelExpiry(draftId);
    const { others } = this.state.get();
    if (!(draftId in others)) return;
    const { [draftId]: _gone, ...rest } = others;
    this.state.set({ others: rest });
  }

  private cancelExpiry(draftId: string): void {
    const handle = this.expiries.get(draftId);
    if (handle !== undefined) this.timers.clearTimeout(handle);
    this.expiries.delete(draftId);
  }
}
