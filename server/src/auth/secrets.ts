import { createHash, randomBytes, randomInt } from 'node:crypto';

/** SHA-256 (hex) of a secret: what the database keeps instead of tokens and enrollment codes. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A bearer token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A device id: 16 base64url characters, so it fits the HLC device-id charset [A-Za-z0-9_-]. */
export function newDeviceId(): string {
  return randomBytes(12).toString('base64url');
}

/** The letters and digits of ENROLLMENT_CODE_PATTERN: no I, O, 0 or 1 to misread. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time enrollment code like `K7QP-3MZD` (40 random bits). */
export function newEnrollmentCode(): string {
  const pick = () => Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${pick()}-${pick()}`;
}
