import type { ErrorCode } from '#shared/protocol/errors';

/** A refusal the client can act on: an HTTP status and one of the protocol's stable error codes. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
