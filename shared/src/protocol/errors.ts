import { z } from 'zod';

/** Stable error codes of the sync API: clients branch on these, never on the message text. */
export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'CREDENTIAL_REVOKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ENROLLMENT_CODE_INVALID',
  'BATCH_TOO_LARGE',
  'DEVICE_MISMATCH',
  'STATUS_CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'BLOB_MISSING',
  'RATE_LIMITED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorResponse = z.object({
  error: z.object({
    code: ErrorCode,
    /** English, for logs and operators; the kiosk shows its own translated text for the code. */
    message: z.string(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
