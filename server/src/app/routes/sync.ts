import { DigestQuery, type DigestResponse } from '#shared/digest/messages';
import { DEFAULT_PULL_PAGE, MAX_PUSH_BATCH } from '#shared/protocol/limits';
import { PullQuery, PushRequest, type PullResponse, type PushResponse } from '#shared/protocol/sync';
import type { Database } from '../../db/database';
import { ApiError } from '../../errors';
import type { LiveBus } from '../../live/bus';
import { readDigest, readLog } from '../../sync/op-log';
import { commitPush } from '../../sync/push';
import { logOf } from '../../sync/scope-logs';
import { noteFacts, requireDevice } from '../request-context';
import type { ZodApp } from '../types';

/** A full batch of long text values (20 000 characters, up to 3 bytes each in UTF-8) still fits. */
export const PUSH_BODY_LIMIT = 16 * 1024 * 1024;

function opCount(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const ops = (body as { ops?: unknown }).ops;
  return Array.isArray(ops) ? ops.length : undefined;
}

export function syncRoutes(api: ZodApp, deps: { db: Database; live: LiveBus }): void {
  api.post(
    '/v1/sync/push',
    {
      schema: { body: PushRequest },
      bodyLimit: PUSH_BODY_LIMIT,
      // Its own code, so a client can tell "split the batch" from "fix the data".
      preValidation: async (req) => {
        const n = opCount(req.body);
        if (n !== undefined && n > MAX_PUSH_BATCH) {
          throw new ApiError(413, 'BATCH_TOO_LARGE', `at most ${MAX_PUSH_BATCH} operations per push`);
        }
      },
    },
    async (req): Promise<PushResponse> => {
      const device = requireDevice(req);
      noteFacts(req, { opsReceived: req.body.ops.length });
      const { acked, known, log } = await commitPush(deps.db.kysely, device, req.body.ops);
      noteFacts(req, { opsApplied: log ? log.last - log.first + 1 : 0 });
      if (log) deps.live.publish({ type: 'poke', pointId: device.pointId, scope: 'point', seq: log.last });
      return { acked, ...(known.length ? { known } : {}), ...(log ? { log } : {}), serverTime: Date.now() };
    },
  );

  /** A page of one scope's log after the cursor: the point's own (default) or a published one. */
  api.get('/v1/sync/pull', { schema: { querystring: PullQuery } }, async (req): Promise<PullResponse> => {
    const device = requireDevice(req);
    const { scope, cursor, limit } = req.query;
    const page = await readLog(
      deps.db.kysely,
      logOf(scope, device.pointId),
      cursor,
      limit ?? DEFAULT_PULL_PAGE,
    );
    noteFacts(req, { opsSent: page.ops.length });
    return { scope, ...page, serverTime: Date.now() };
  });

  /** The digest of a scope's log up to the cursor (clamped to the last seq), to detect drift. */
  api.get('/v1/sync/digest', { schema: { querystring: DigestQuery } }, async (req): Promise<DigestResponse> =>
    readDigest(deps.db.kysely, logOf(req.query.scope, requireDevice(req).pointId), req.query.cursor),
  );
}
