import { z } from 'zod';
import { PublishedScope } from '../entities/scopes';
import { PulledOperation } from './sync';

/** One-time enrollment codes look like `K7QP-3MZD`: unambiguous letters and digits, typed or scanned. */
export const ENROLLMENT_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

export const EnrollRequest = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(ENROLLMENT_CODE_PATTERN, 'enrollment code must look like ABCD-2345'),
  /** Free text shown on the dashboard, e.g. "PC 1". Not personal data. */
  deviceLabel: z.string().trim().min(1).max(60).optional(),
  /**
   * The bearer credential, made by the kiosk (32+ random bytes, base64url) once per enrollment and sent
   * again on every retry of it. The server stores only its hash. When the answer to a successful
   * enrollment is lost, or the network delivers the request twice, a retry with the same code and
   * credential gets the same device and the same answer instead of a burnt code. Without it the server
   * makes the credential.
   */
  credential: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43,128}$/, 'credential must be 43–128 url-safe characters')
    .optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** Bearer credential; the server keeps only its hash. Sent as `Authorization: Bearer <token>`. */
  token: z.string().min(32),
  point: z.object({ id: z.string(), name: z.string() }),
  /**
   * Every published scope the device follows, whole, as pulled pages from 0 to `cursor`: a kiosk that is
   * never online again after enrolling still has the catalog, guides, roster and administrative units.
   */
  published: z.array(
    z.object({ scope: PublishedScope, cursor: z.number().int().min(0), ops: z.array(PulledOperation) }),
  ),
  serverTime: z.number().int(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;
