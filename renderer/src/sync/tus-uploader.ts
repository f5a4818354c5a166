import type { UrlStorage } from 'tus-js-client';
import { uploadFingerprint } from '../repo/blob-refs';
import type { UploadUrlStorage } from '../repo/upload-url-storage';
import { UploadError, uploadFailureOf, type BlobUpload, type BlobUploader } from './blob-uploader';

export interface TusUploaderOptions {
  readonly target: () => { endpoint: string; headers: Record<string, string> };
  readonly storage: UploadUrlStorage;
  /** Bytes per PATCH: a cut costs at most one chunk, and each chunk is committed on the server. */
  readonly chunkSize?: number;
  /** An upload that makes no progress this long is abandoned (and resumed by a later cycle). */
  readonly stallMs?: number;
}

const DEFAULT_CHUNK = 256 * 1024;
const DEFAULT_STALL_MS = 60_000;
/** Quick retries inside one attempt, for a dropped connection; longer outages are the sync engine's backoff. */
const RETRY_DELAYS = [0, 1_000, 3_000];

/**
 * Resumable, content-addressed uploads with tus-js-client. The fingerprint is the blob's hash and the upload
 * URL is kept in the kiosk's database, so an upload cut halfway continues from the server's offset, even
 * after a restart; the record goes once the upload is complete.
 */
export function tusUploader(opts: TusUploaderOptions): BlobUploader {
  return {
    upload: (job) => uploadOnce(job, opts),
  };
}

async function uploadOnce(job: BlobUpload, opts: TusUploaderOptions): Promise<void> {
  // Loaded with the first upload, not with the app: most starts never send a photo.
  const { DetailedError, Upload } = await import('tus-js-client');
  const { endpoint, headers } = opts.target();
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  await new Promise<void>((resolve, reject) => {
    const fail = (e: unknown) => {
      clearTimeout(stallTimer);
      reject(toUploadError(e, DetailedError));
    };
    const upload = new Upload(job.blob, {
      endpoint,
      headers,
      metadata: { sha256: job.sha256, draftId: job.draftId, contentType: job.contentType },
      chunkSize: opts.chunkSize ?? DEFAULT_CHUNK,
      retryDelays: RETRY_DELAYS,
      fingerprint: async () => uploadFingerprint(job.sha256),
      urlStorage: opts.storage as UrlStorage,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => {
        armStall();
        job.onProgress(sent, total);
      },
      onSuccess: () => {
        clearTimeout(stallTimer);
        resolve();
      },
      onError: fail,
    });
    const armStall = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => {
        void upload.abort();
        fail(new UploadError('retry', 'the upload made no progress'));
      }, opts.stallMs ?? DEFAULT_STALL_MS);
    };
    armStall();
    upload
      .findPreviousUploads()
      .then((previous) => {
        const latest = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
        if (latest) upload.resumeFromPreviousUpload(latest);
        upload.start();
      })
      .catch(fail);
  });
}

function toUploadError(e: unknown, DetailedError: typeof import('tus-js-client').DetailedError): UploadError {
  if (e instanceof UploadError) return e;
  const status = e instanceof DetailedError ? e.originalResponse?.getStatus() : undefined;
  const failure = uploadFailureOf(status === 0 ? undefined : status);
  return new UploadError(failure, e instanceof Error ? e.message : String(e), status);
}
