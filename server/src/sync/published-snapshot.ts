import type { Kysely } from 'kysely';
import { PUBLISHED_SCOPES } from '#shared/entities/scopes';
import type { EnrollResponse } from '#shared/protocol/enroll';
import type { Schema } from '../db/schema';
import { lastSeq, readLog } from './op-log';
import { logOf } from './scope-logs';

/**
 * Every published scope a device of the point follows, whole (pages from 0 to the scope's last seq), for the
 * enrollment answer: the kiosk keeps it as if pulled, so it works offline from its first minute.
 */
export async function publishedSnapshot(
  db: Kysely<Schema>,
  pointId: string,
): Promise<EnrollResponse['published']> {
  return Promise.all(
    PUBLISHED_SCOPES.map(async (scope) => {
      const log = logOf(scope, pointId);
      const end = await lastSeq(db, log);
      const page = await readLog(db, log, 0, Math.max(end, 1));
      return { scope, cursor: page.cursor, ops: page.ops };
    }),
  );
}
