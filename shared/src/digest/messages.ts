import { z } from 'zod';
import { Scope } from '../entities/scopes';

/** Query string of the digest request: the digest of the scope's operations with `seq` ≤ `cursor`. */
export const DigestQuery = z.object({
  scope: Scope.default('point'),
  cursor: z.coerce.number().int().min(0),
});
export type DigestQuery = z.infer<typeof DigestQuery>;

/** The server's digest of a scope's operations up to `cursor` (see `Digest`). */
export const DigestResponse = z.object({
  cursor: z.number().int().min(0),
  count: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{16}$/, 'not a 64-bit hex digest'),
});
export type DigestResponse = z.infer<typeof DigestResponse>;
