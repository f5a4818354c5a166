import type { KioskDb, StoredUpload, UploadRecord } from '../db/kiosk-db';

/** tus-js-client's record of an upload it can resume (its `PreviousUpload`). */
export interface PreviousUpload extends StoredUpload {
  readonly urlStorageKey: string;
}

/**
 * tus-js-client's URL storage in the kiosk's database (its default, localStorage, is lost with a cleared
 * profile and is not transactional): the upload URL per fingerprint, so an upload cut halfway continues
 * from the offset the server holds, after a reload or a restart too.
 */
export class UploadUrlStorage {
  constructor(private readonly db: KioskDb) {}

  async findAllUploads(): Promise<PreviousUpload[]> {
    return (await this.db.uploads.toArray()).map(toPrevious);
  }

  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    return (await this.db.uploads.where('fingerprint').equals(fingerprint).toArray()).map(toPrevious);
  }

  async removeUpload(urlStorageKey: string): Promise<void> {
    await this.db.uploads.delete(urlStorageKey);
  }

  async addUpload(fingerprint: string, upload: StoredUpload): Promise<string> {
    const key = `${fingerprint}::${crypto.randomUUID()}`;
    const { size, metadata, creationTime, uploadUrl, parallelUploadUrls } = upload;
    await this.db.uploads.put({
      key,
      fingerprint,
      upload: { size, metadata, creationTime, uploadUrl, parallelUploadUrls },
    });
    return key;
  }
}

function toPrevious(row: UploadRecord): PreviousUpload {
  return { ...row.upload, urlStorageKey: row.key };
}
