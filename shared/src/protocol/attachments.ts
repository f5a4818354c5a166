import { z } from 'zod';
import { DraftId } from './operation';

/** Hex SHA-256 of an attachment's bytes: its name everywhere (content addressing). */
export const BlobSha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256');

/**
 * tus upload metadata (Upload-Metadata header) for POST /api/v1/uploads. The server verifies the bytes
 * hash to `sha256` before it acknowledges the blob; a mismatch is refused and nothing is kept.
 */
export const UploadMetadata = z.object({
  sha256: BlobSha256,
  draftId: DraftId,
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']),
});
export type UploadMetadata = z.infer<typeof UploadMetadata>;

/** HEAD/GET /api/v1/blobs/:sha256 — 200 when the point has the blob (HEAD: the kiosk's "is it safe?"), 404 otherwise. */
export const BlobInfo = z.object({
  sha256: BlobSha256,
  size: z.number().int().nonnegative(),
  contentType: UploadMetadata.shape.contentType,
});
export type BlobInfo = z.infer<typeof BlobInfo>;

/** The field value of an attachment field: the blob's hash; the op also carries it in `blob`. */
export const attachmentFieldValue = (sha256: string): string => `blob:${sha256}`;
