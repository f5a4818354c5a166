import { describe, expect, it } from 'vitest';
import type { StatusChangeRecord } from '../db/kiosk-db';
import { draftSyncView, NO_FACTS } from './draft-sync-view';

const change = (state: StatusChangeRecord['state']): StatusChangeRecord => ({
  hlc: '1749000000000:0000:pc1',
  draftId: 'd',
  expected: 'draft',
  next: 'ready',
  state,
});
const idle = { phase: 'idle', error: null } as const;
const pending = { syncState: 'pending', conflicted: false } as const;
const synced = { syncState: 'synced', conflicted: false } as const;

describe('draftSyncView', () => {
  it('shows what needs a person first: a conflict, a refused photo, an error retries cannot fix', () => {
    expect(draftSyncView({ ...synced, conflicted: true }, NO_FACTS, idle)).toBe('conflict');
    expect(draftSyncView(synced, { ...NO_FACTS, statusChanges: [change('ask')] }, idle)).toBe('conflict');
    expect(draftSyncView(pending, { ...NO_FACTS, attachments: 'refused' }, idle)).toBe('error');
    expect(draftSyncView(pending, NO_FACTS, { phase: 'waiting', error: 'CREDENTIAL_REVOKED' })).toBe('error');
  });

  it('then work on its way: a photo not yet uploaded, a cycle running, or waiting for the network', () => {
    expect(draftSyncView(pending, { ...NO_FACTS, attachments: 'pending' }, idle)).toBe('attachment-pending');
    expect(draftSyncView(pending, NO_FACTS, { phase: 'syncing', error: null })).toBe('syncing');
    expect(draftSyncView(pending, NO_FACTS, { phase: 'waiting', error: 'NETWORK' })).toBe('waiting');
    expect(draftSyncView(synced, { ...NO_FACTS, statusChanges: [change('pending')] }, idle)).toBe('waiting');
  });

  it('is synced when nothing of it waits, even while another draft syncs', () => {
    expect(draftSyncView(synced, NO_FACTS, { phase: 'syncing', error: null })).toBe('synced');
    expect(draftSyncView(synced, { ...NO_FACTS, statusChanges: [change('accepted')] }, idle)).toBe('synced');
  });
});
