import 'fake-indexeddb/auto';
import { setImmediate as tick } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { KioskDb } from '../db/kiosk-db';
import { openRepositories } from './open-repositories';

// Just after the app starts nothing is decrypted yet; a volunteer opening a draft while a pull merges into
// it must not bring the older copy back over the pulled write, or the next edit would save it for good.
it('a draft opened while a pull is applied to it keeps the pulled write', async () => {
  const db = new KioskDb(`race-${crypto.randomUUID()}`);
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const draftId = await (await openRepositories(db, key, 'pc1')).drafts.createDraft('dang-ky-tam-tru');
  const lost: string[] = [];
  for (let i = 0; i < 300; i++) {
    const app = await openRepositories(db, key, 'pc1');
    const hlc = `${Date.now() + 60_000 + i}:0000:pc2`;
    const pulled = app.drafts.applyRemote([
      { kind: 'set', hlc, draftId, field: 'fullName', value: `Trần Thị Bình ${i}`, prev: null },
    ]);
    for (let k = 0; k < i % 15; k++) await tick();
    const opened = app.drafts.load(draftId);
    await Promise.all([pulled, opened]);
    await app.drafts.setField(draftId, 'phone', `09012345${i % 100}`);
    const stored = (await (await openRepositories(db, key, 'pc1')).drafts.load(draftId))!.state;
    if (stored.fields.fullName?.hlc !== hlc) lost.push(hlc);
  }
  expect(lost).toEqual([]);
}, 120_000);
