import type { EntityTypeName } from '#shared/entities/registry';
import type { PublishedScope } from '#shared/entities/scopes';
import type { UploadMetadata } from '#shared/protocol/attachments';
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

/**
 * Only what the list screen needs is clear; the draft's fields live in the ciphertext. Whether it waits
 * for the server is not stored: it is whether the outbox holds any of its operations.
 */
export interface DraftRecord extends SealedColumns {
  readonly id: string;
  readonly procedureId: string;
  readonly status: DraftStatus;
  readonly updatedAt: number;
  /** Some field holds values from both PCs that a person must settle (says nothing about the resident). */
  readonly conflicted?: boolean;
  /** Server time (ms) at which the current status was accepted; drives local erasure. */
  readonly statusAt?: number;
}

/**
 * One operation waiting for the server; its HLC is its id and its order. The ciphertext holds the operation
 * envelope (`#shared/entities/registry` Operation); rows written before entity types (`legacy`) hold the bare
 * draft op, which the outbox wraps on reading.
 */
export interface OutboxRecord extends SealedColumns {
  readonly hlc: string;
  readonly type: EntityTypeName;
  readonly entityId: string;
  /** The dossier the operation belongs to (dossier operations only): its sync state is read off the outbox. */
  readonly draftId?: string;
  /** SHA-256 of the attachment the operation references: it is held back until the server has that blob. */
  readonly blob?: string;
  readonly legacy?: true;
}

/** The merged state of a record of the point's log that is not a dossier (a visit, a review note, ...). */
export interface EntityRecord extends SealedColumns {
  readonly type: EntityTypeName;
  readonly id: string;
}

/** The latest version of a published record (catalog, guides, roster, administrative units): public, clear. */
export interface PublishedRecordRow {
  readonly scope: PublishedScope;
  readonly type: EntityTypeName;
  readonly id: string;
  readonly hlc: string;
  readonly version: number;
  readonly retired: boolean;
  readonly body: unknown;
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

/**
 * 'local': only on this device (to upload); 'uploaded': the server has it; 'too-large': the server's limit
 * refuses it; 'failed': the server refused it for another reason (e.g. the bytes did not match the hash).
 */
export type AttachmentState = 'local' | 'uploaded' | 'too-large' | 'failed';

/** Attachments are content-addressed: the same scan stored twice is one row, shared by the drafts using it. */
export interface AttachmentRecord extends SealedColumns {
  readonly sha256: string;
  readonly draftIds: readonly string[];
  readonly contentType: UploadMetadata['contentType'];
  /** Bytes of the plain content (what the server's limit applies to). */
  readonly size: number;
  readonly state: AttachmentState;
}

/** tus resume records (tus-js-client's URL storage): where a cut upload continues. */
export interface UploadRecord {
  readonly key: string;
  readonly fingerprint: string;
  readonly upload: StoredUpload;
}

export interface StoredUpload {
  readonly size: number | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly creationTime: string;
  readonly uploadUrl: string | null;
  readonly parallelUploadUrls: string[] | null;
}

/**
 * A status change asked for on this device. 'pending' until the server answers; 'ask' when it was refused
 * as stale and a person must choose (`server` holds the status found); 'accepted' until the pull brings the
 * server's status operation.
 */
export interface StatusChangeRecord {
  readonly hlc: string;
  readonly draftId: string;
  readonly expected: Status;
  readonly next: Status;
  readonly state: 'pending' | 'ask' | 'accepted';
  readonly server?: Status;
}

/** A draft erased from this device after its retention period: operations pulled for it later are ignored. */
export interface ErasedRecord {
  readonly draftId: string;
  readonly erasedAt: number;
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
  declare uploads: Table<UploadRecord, string>;
  declare statusChanges: Table<StatusChangeRecord, string>;
  declare erased: Table<ErasedRecord, string>;
  declare records: Table<EntityRecord, [string, string]>;
  declare published: Table<PublishedRecordRow, [string, string, string]>;

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
    // Attachments become encrypted and shared between drafts; no release stored any before, so none is lost.
    this.version(2)
      .stores({
        outbox: 'hlc, draftId, blob',
        attachments: 'sha256, *draftIds, state',
        uploads: 'key, fingerprint',
        statusChanges: 'hlc, draftId, state',
        erased: 'draftId',
      })
      .upgrade((tx) => tx.table('attachments').clear());
    // A draft's sync state is read off the outbox instead of being rewritten with the draft on each ack.
    this.version(3)
      .stores({ drafts: 'id, procedureId, status, updatedAt' })
      .upgrade((tx) =>
        tx
          .table('drafts')
          .toCollection()
          .modify((draft: Record<string, unknown>) => {
            delete draft.syncState;
          }),
      );
    // Entity-typed operations and published scopes. Waiting operations keep their ciphertext (re-sealing
    // needs the device key, which an upgrade transaction cannot wait for): they are marked `legacy` and
    // wrapped in the dossier envelope when read. The point log's position moves to its scope's keys.
    this.version(4)
      .stores({
        outbox: 'hlc, draftId, blob, [type+entityId]',
        records: '[type+id], type',
        published: '[scope+type+id], [scope+type]',
      })
      .upgrade(async (tx) => {
        await tx
          .table('outbox')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            row.type = 'dossier';
            row.entityId = row.draftId;
            row.legacy = true;
          });
        const state = tx.table('syncState');
        for (const [from, to] of [
          ['cursor', 'cursor:point'],
          ['digest', 'digest:point'],
        ] as const) {
          const row = (await state.get(from)) as KeyValueRecord | undefined;
          if (row === undefined) continue;
          await state.put({ key: to, value: row.value });
          await state.delete(from);
        }
      });
  }
}
