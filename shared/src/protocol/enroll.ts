import { z } from 'zod';

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
   * A random id the kiosk makes once per enrollment and sends again on every retry of it. When the
   * answer to a successful enrollment is lost, the retry with the same code and attempt id gets the same
   * device with a fresh token (the lost one is voided) instead of a burnt code.
   */
  attemptId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22,64}$/, 'attempt id must be 22–64 url-safe characters')
    .optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** Bearer credential; the server keeps only its hash. Sent as `Authorization: Bearer <token>`. */
  token: z.string().min(32),
  point: z.object({ id: z.string(), name: z.string() }),
  serverTime: z.number().int(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;
