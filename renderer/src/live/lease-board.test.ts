import { describe, expect, it } from 'vitest';
import { ServerClock } from '../sync/server-clock';
import { RecordingTimers } from '../sync/testing/recording-timers';
import { LeaseBoard } from './lease-board';

const DRAFT = '6f1c2a3e-0d4b-4c8e-9a1f-2b3c4d5e6f70';
const DAY = 86_400_000;

function board() {
  // This kiosk's clock is a day behind the server's.
  const timers = new RecordingTimers(1_000_000);
  const serverClock = new ServerClock(timers);
  serverClock.observe(1_000_000 + DAY);
  return { timers, leases: new LeaseBoard(() => 'pc1', serverClock, timers) };
}

describe('LeaseBoard', () => {
  it('shows another PC’s lease until it lapses on the server’s clock, whatever this PC’s clock says', () => {
    const { timers, leases } = board();
    const serverNow = 1_000_000 + DAY;
    leases.apply({
      draftId: DRAFT,
      holder: { deviceId: 'pc2', label: 'PC 2' },
      expiresAt: serverNow + 30_000,
    });
    expect(leases.state.get().others[DRAFT]).toEqual({ deviceId: 'pc2', label: 'PC 2' });
    timers.advance(29_000);
    expect(leases.state.get().others[DRAFT]).toBeDefined();
    timers.advance(1_000);
    expect(leases.state.get().others[DRAFT]).toBeUndefined();

    // A lease that had lapsed by the time it arrived is not shown at all.
    leases.apply({ draftId: DRAFT, holder: { deviceId: 'pc2', label: null }, expiresAt: serverNow - 1 });
    expect(leases.state.get().others).toEqual({});
  });

  it('renewals push the expiry back; a release or this PC’s own lease shows nothing; junk is ignored', () => {
    const { timers, leases } = board();
    const serverNow = 1_000_000 + DAY;
    leases.apply({
      draftId: DRAFT,
      holder: { deviceId: 'pc2', label: 'PC 2' },
      expiresAt: serverNow + 30_000,
    });
    timers.advance(20_000);
    leases.apply({
      draftId: DRAFT,
      holder: { deviceId: 'pc2', label: 'PC 2' },
      expiresAt: serverNow + 50_000,
    });
    timers.advance(20_000);
    expect(leases.state.get().others[DRAFT]).toBeDefined();
    leases.apply({ draftId: DRAFT, holder: null, expiresAt: null });
    expect(leases.state.get().others).toEqual({});
    leases.apply({
      draftId: DRAFT,
      holder: { deviceId: 'pc1', label: 'PC 1' },
      expiresAt: serverNow + 90_000,
    });
    leases.apply({ draftId: 'not-a-draft', holder: 'x' });
    expect(leases.state.get().others).toEqual({});
  });
});
