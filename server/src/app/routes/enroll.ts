import { EnrollRequest, type EnrollResponse } from '#shared/protocol/enroll';
import { enrollDevice } from '../../auth/enroll';
import type { Database } from '../../db/database';
import { ApiError } from '../../errors';
import { publishedSnapshot } from '../../sync/published-snapshot';
import type { WindowLimiter } from '../rate-limit';
import type { ZodApp } from '../types';

/** POST /api/v1/enroll — a one-time code for a device credential; attempts are limited per client address. */
export function enrollRoutes(api: ZodApp, deps: { db: Database; limiter: WindowLimiter }): void {
  api.post(
    '/v1/enroll',
    {
      schema: { body: EnrollRequest },
      // Counted before the body is even read, so malformed guesses use up the window too.
      onRequest: async (req) => {
        if (!deps.limiter.hit(req.ip))
          throw new ApiError(429, 'RATE_LIMITED', 'too many enrollment attempts, retry later');
      },
    },
    async (req): Promise<EnrollResponse> => {
      const enrolled = await enrollDevice(deps.db.kysely, req.body);
      return { ...enrolled, published: await publishedSnapshot(deps.db.kysely, enrolled.point.id) };
    },
  );
}
