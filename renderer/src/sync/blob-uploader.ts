import type { AttachmentContentType } from '../repo/attachment-repository';

export interface BlobUpload {
  readonly blob: Blob;
  readonly sha256: string;
  readonly draftId: string;
  readonly contentType: AttachmentContentType;
  readonly onProgress: (sent: number, total: number) => void;
}

/** Why an upload ended without the server holding the blob. */
export type UploadFailure = 'too-large' | 'refused' | 'retry';

export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    readonly failure: UploadFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Sends one blob to the server; resolves once the server acknowledged all of it, else throws UploadError. */
export interface BlobUploader {
  upload(job: BlobUpload): Promise<void>;
}

/** How a refused upload's HTTP status is treated: 413 is the size limit; other 4xx will not change by retrying. */
export function uploadFailureOf(status: number | undefined): UploadFailure {
  if (status === 413) return 'too-large';
  if (status !== undefined && status >= 400 && status < 500 && ![408, 409, 423, 429].includes(status))
    return 'refused';
  return 'retry';
}
