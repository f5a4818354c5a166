import type { KioskDb } from '../db/kiosk-db';
import { AttachmentRepository } from './attachment-repository';
import { ChangeFeed } from './change-feed';
import { ClockStore } from './clock-store';
import { DraftRepository } from './draft-repository';
import { OutboxRepository } from './outbox-repository';
import { PublishedRepository } from './published-repository';
import { RecordRepository } from './record-repository';
import { StatusRepository } from './status-repository';
import { SyncStateRepository } from './sync-state-repository';
import { UploadUrlStorage } from './upload-url-storage';

export interface Repositories {
  readonly changes: ChangeFeed;
  readonly clock: ClockStore;
  readonly drafts: DraftRepository;
  readonly outbox: OutboxRepository;
  readonly syncState: SyncStateRepository;
  readonly records: RecordRepository;
  readonly published: PublishedRepository;
  readonly attachments: AttachmentRepository;
  readonly statuses: StatusRepository;
  readonly uploadUrls: UploadUrlStorage;
}

/** Wires the repositories of an enrolled device around one clock and one change feed. */
export async function openRepositories(
  db: KioskDb,
  key: CryptoKey,
  deviceId: string,
  now: () => number = () => Date.now(),
  /** The version of the catalog shipped with the app (`bundled:<hash>`), used until one has been pulled. */
  bundledCatalogVersion = 'bundled:unknown',
): Promise<Repositories> {
  const changes = new ChangeFeed();
  const clock = await ClockStore.load(db, deviceId, now);
  const syncState = new SyncStateRepository(db);
  const published = new PublishedRepository(db, syncState, bundledCatalogVersion);
  await published.load();
  return {
    changes,
    clock,
    drafts: new DraftRepository(db, key, clock, changes, now, () => published.catalogVersion()),
    outbox: new OutboxRepository(db, key, changes),
    syncState,
    records: new RecordRepository(db, key, clock, changes),
    published,
    attachments: new AttachmentRepository(db, key, changes),
    statuses: new StatusRepository(db, clock, changes),
    uploadUrls: new UploadUrlStorage(db),
  };
}
