import type { UploadMetadata } from '#shared/protocol/attachments';
import { openBytes, sealBytes, sha256Hex } from '../crypto/record-cipher';
import type { AttachmentRecord, AttachmentState, KioskDb } from '../db/kiosk-db';
import { guardQuota } from '../db/storage-errors';
import type { ChangeFeed } from './change-feed';
import { uploadFingerprint } from './blob-refs';
import { attachmentContext } from './seal-contexts';

export type AttachmentContentType = UploadMetadata['contentType'];
export type AttachmentInfo = Omit<AttachmentRecord, 'iv' | 'ciphertext'>;

/** The bytes pulled from the server do not hash to the name they were asked by. */
export class AttachmentIntegrityError extends Error {
  override readonly name = 'AttachmentIntegrityError';
}

/**
 * Photos of documents, encrypted at rest like every record with personal data, named by the SHA-256 of
 * their plain bytes. One row may serve several drafts (the same scan attached twice is stored once).
 */
export class AttachmentRepository {
  constructor(
    private readonly db: KioskDb,
    private readonly key: CryptoKey,
    private readonly changes: ChangeFeed,
  ) {}

  /** Stores a photo taken on this device for `draftId`; it waits for upload. Returns its content address. */
  async store(
    draftId: string,
    bytes: ArrayBuffer,
    contentType: AttachmentContentType,
  ): Promise<AttachmentInfo> {
    const sha256 = await sha256Hex(bytes);
    return this.put(draftId, sha256, bytes, contentType, 'local');
  }

  /** Keeps a copy of a blob fetched from the server (the other PC's photo), after checking its hash. */
  async cacheRemote(
    draftId: string,
    sha256: string,
    bytes: ArrayBuffer,
    contentType: AttachmentContentType,
  ): Promise<AttachmentInfo> {
    if ((await sha256Hex(bytes)) !== sha256)
      throw new AttachmentIntegrityError(`blob ${sha256} does not match`);
    return this.put(draftId, sha256, bytes, contentType, 'uploaded');
  }

  async info(sha256: string): Promise<AttachmentInfo | undefined> {
    const row = await this.db.attachments.get(sha256);
    return row ? describe(row) : undefined;
  }

  /** The photo's plain bytes as a Blob (for display or upload), or null if this device does not hold it. */
  async open(sha256: string): Promise<Blob | null> {
    const row = await this.db.attachments.get(sha256);
    if (!row) return null;
    const bytes = await openBytes(this.key, attachmentContext(sha256), row);
    return new Blob([bytes], { type: row.contentType });
  }

  /** Attachments still to upload, oldest first by insertion. */
  async toUpload(): Promise<AttachmentInfo[]> {
    return (await this.db.attachments.where('state').equals('local').toArray()).map(describe);
  }

  /** Of `shas`, those the server is known to hold. */
  async acknowledged(shas: Iterable<string>): Promise<Set<string>> {
    const rows = await this.db.attachments.bulkGet([...shas]);
    return new Set(rows.flatMap((r) => (r?.state === 'uploaded' ? [r.sha256] : [])));
  }

  /** States by content address, for the blobs asked (absent: not on this device). */
  async states(shas: Iterable<string>): Promise<Map<string, AttachmentState>> {
    const rows = await this.db.attachments.bulkGet([...shas]);
    return new Map(rows.flatMap((r) => (r ? [[r.sha256, r.state] as const] : [])));
  }

  async setState(sha256: string, state: AttachmentState): Promise<void> {
    const row = await this.db.attachments.get(sha256);
    if (!row || row.state === state) return;
    await guardQuota(() => this.db.attachments.update(sha256, { state }));
    this.changes.emit(row.draftIds, 'attachment');
  }

  /**
   * Compaction of final, synced drafts: the tus resume records of their acknowledged blobs (normally removed
   * when an upload completes, but left behind by a crash at the wrong moment) are no longer needed.
   */
  async dropUploadRecords(draftIds: readonly string[]): Promise<void> {
    if (draftIds.length === 0) return;
    const rows = await this.db.attachments
      .where('draftIds')
      .anyOf([...draftIds])
      .toArray();
    const fingerprints = rows.filter((r) => r.state === 'uploaded').map((r) => uploadFingerprint(r.sha256));
    if (fingerprints.length > 0) await this.db.uploads.where('fingerprint').anyOf(fingerprints).delete();
  }

  private async put(
    draftId: string,
    sha256: string,
    bytes: ArrayBuffer,
    contentType: AttachmentContentType,
    state: AttachmentState,
  ): Promise<AttachmentInfo> {
    // Encrypt before the transaction: WebCrypto awaited inside it would let IndexedDB commit early.
    const sealed = await sealBytes(this.key, attachmentContext(sha256), bytes);
    const row = await guardQuota(() =>
      this.db.transaction('rw', this.db.attachments, async () => {
        const existing = await this.db.attachments.get(sha256);
        const next: AttachmentRecord = existing
          ? {
              ...existing,
              draftIds: existing.draftIds.includes(draftId)
                ? existing.draftIds
                : [...existing.draftIds, draftId],
              // A blob the server already holds stays acknowledged; a retake of a refused one gets another try.
              state: existing.state === 'uploaded' ? 'uploaded' : state,
            }
          : { sha256, draftIds: [draftId], contentType, size: bytes.byteLength, state, ...sealed };
        await this.db.attachments.put(next);
        return next;
      }),
    );
    this.changes.emit([draftId], 'attachment');
    return describe(row);
  }
}

function describe(row: AttachmentRecord): AttachmentInfo {
  const { iv: _iv, ciphertext: _ciphertext, ...info } = row;
  return info;
}
