import { z } from 'zod';
import { DraftId } from '#shared/protocol/operation';
import { StatusChangeRequest, type StatusChangeResponse } from '#shared/status/messages';
import type { Database } from '../../db/database';
import { ApiError } from '../../errors';
import type { LiveBus } from '../../live/bus';
import { changeStatus } from '../../status/change-status';
import { noteFacts, requireDevice } from '../request-context';
import type { ZodApp } from '../types';

const DraftParams = z.object({ draftId: DraftId });

/**
 * POST /api/v1/drafts/:draftId/status — compare-and-set of the dossier status: 200 StatusChangeOk, or 409
 * StatusConflict (the shared schema's body, not the error envelope) when the status is not `expected`.
 */
export function statusRoutes(api: ZodApp, deps: { db: Database; live: LiveBus }): void {
  api.post(
    '/v1/drafts/:draftId/status',
    { schema: { params: DraftParams, body: StatusChangeRequest } },
    async (req, reply): Promise<StatusChangeResponse> => {
      if (req.body.draftId !== req.params.draftId)
        throw new ApiError(400, 'VALIDATION_FAILED', 'body.draftId differs from the draft in the URL');
      const device = requireDevice(req);
      const { response, seq } = await changeStatus(deps.db.kysely, device, req.body);
      if (seq !== undefined)
        deps.live.publish({ type: 'poke', pointId: device.pointId, scope: 'point', seq });
      if (!response.ok) {
        noteFacts(req, { errorCode: response.code });
        reply.code(409);
      }
      return response;
    },
  );
}
