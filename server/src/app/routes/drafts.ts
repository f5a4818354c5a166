import { z } from 'zod';
import { DraftId } from '#shared/protocol/operation';
import type { DraftSnapshot } from '#shared/protocol/sync';
import type { Database } from '../../db/database';
import { readDraftSnapshot } from '../../sync/draft-snapshot';
import { requireDevice } from '../request-context';
import type { ZodApp } from '../types';

const DraftParams = z.object({ draftId: DraftId });

/** GET /api/v1/drafts/:draftId — the server's merged view of one draft of the device's point. */
export function draftRoutes(api: ZodApp, deps: { db: Database }): void {
  api.get('/v1/drafts/:draftId', { schema: { params: DraftParams } }, async (req): Promise<DraftSnapshot> =>
    readDraftSnapshot(deps.db.kysely, requireDevice(req).pointId, req.params.draftId),
  );
}
