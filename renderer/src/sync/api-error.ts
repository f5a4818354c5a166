import type { ErrorCode } from '#shared/protocol/errors';

/** Failures the client itself detects, beside the server's own error codes. */
export type ClientErrorCode = 'NETWORK' | 'TIMEOUT' | 'BAD_RESPONSE';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** A failed API call. `code` drives behaviour and the translated message; `message` is for logs only. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }

  /** Worth retrying later by itself (the network, the server's load); the rest needs a person or a fix. */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

const RETRYABLE = new Set<string>([
  'NETWORK',
  'TIMEOUT',
  'BAD_RESPONSE',
  'RATE_LIMITED',
  'INTERNAL',
  'BLOB_MISSING',
]);

/** Whether a failure with this code goes away by itself with retries (else a person must act). */
export const isRetryableCode = (code: string): boolean => RETRYABLE.has(code);

/** The i18n key (namespace `app`) of the plain-words message for an error code. */
export const apiErrorKey = (code: ApiErrorCode): string => `errors.api.${code}`;
