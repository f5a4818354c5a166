import type { Status } from '#shared/status/status';
import Dexie, { type Table } from 'dexie';

/** Encrypted payload columns shared by every record that holds personal data. */
interface SealedColumns {
  readonly iv: Uint8Array;
  readonly ciphertext: ArrayBuffer;
}

/** The dossier status the server accepted, or 'deleted' for a draft deleted on some device. */
export type DraftStatus = Status | 'deleted';
/** 'pending' while the draft has operations in the outbox the server has not acknowledged. */
export type DraftSyncState = 'pending' | 'synced';

/** Only what the list screen needs is clear; the draft's fields live in the ciphertext. */
export interface DraftRecord extends SealedColumns {
  readonly id: string;
  readonly procedureId: string;
  readonly status: DraftStatus;
  readonly syncState: DraftSyncState;
  readonly updatedAt: number;
}

/** One operation waiting for the server; its HLC is its id and its order. */
export interface OutboxRecord extends SealedColumns {
  readonly hlc: string;
  readonly draftId: string;
}

export interface AccountGuideRecord extends SealedColumns {
  readonly id: string;
  readonly status: string;
  readonly syncState: DraftSyncState;
  readonly updatedAt: number;
}

export interface VisitRecord extends SealedColumns {
  readonly id: string;
  readonly sessionId: string;
  readonly startedAt: number;
}

export interface SessionRecord {
  readonly id: string;
  readonly startsAt: number;
  readonly endsAt: number;
}

/** Attachments are content-addressed: the same scan stored twice is one row. */
export interface AttachmentRecord {
  readonly sha256: string;
  readonly draftId: string;
  readonly state: 'local' | 'uploaded';
  readonly blob: Blob;
}

export interface CatalogRecord {
  readonly id: string;
  readonly kind: 'procedure';
  readonly version: string;
  readonly data: unknown;
}

export interface KeyValueRecord {
  readonly key: string;
  readonly value: unknown;
}

export const KIOSK_DB_NAME = 'dvc-kiosk';

/** The device's one database. Every transaction is 'strict': committed means on disk, not in an OS buffer. */
export class KioskDb extends Dexie {
  declare drafts: Table<DraftRecord, string>;
  declare accountGuides: Table<AccountGuideRecord, string>;
  declare visits: Table<VisitRecord, string>;
  declare sessions: Table<SessionRecord, string>;
  declare outbox: Table<OutboxRecord, string>;
  declare attachments: Table<AttachmentRecord, string>;
  declare catalog: Table<CatalogRecord, string>;
  declare config: Table<KeyValueRecord, string>;
  declare syncState: Table<KeyValueRecord, string>;

  constructor(name = KIOSK_DB_NAME) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      drafts: 'id, procedureId, status, syncState, updatedAt',
      accountGuides: 'id, status, syncState, updatedAt',
      visits: 'id, sessionId, startedAt',
      sessions: 'id, startsAt',
      outbox: 'hlc, draftId',
      attachments: 'sha256, draftId, state',
      catalog: 'id, kind',
      config: 'key',
      syncState: 'key',
    });
  }
}
