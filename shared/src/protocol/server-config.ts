import { z } from 'zod';

/** GET /api/v1/config — what the server tells a kiosk about its rules (rules are data, never code). */
export const ServerConfig = z.object({
  /** Largest attachment the server accepts, in bytes; the kiosk refuses larger ones before uploading. */
  maxUploadBytes: z.number().int().positive(),
  /** Days after which a synced draft that was submitted (or is done) is erased from the kiosk. */
  retentionDays: z.number().int().positive(),
  /** How long a soft edit lease lasts unless renewed, in ms. */
  leaseTtlMs: z.number().int().positive(),
  serverTime: z.number().int(),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
