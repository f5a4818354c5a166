import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { ZodApp } from '../types';

/** GET /healthz — 200 when a trivial query succeeds, 503 when the database does not answer. */
export function healthRoutes(app: ZodApp, deps: { db: Database }): void {
  app.get('/healthz', async (req, reply) => {
    try {
      await sql`select 1`.execute(deps.db.kysely);
      return { ok: true, db: deps.db.engine };
    } catch (err) {
      req.log.warn(
        { err: { type: (err as Error).name, message: (err as Error).message } },
        'health check failed',
      );
      return reply.code(503).send({ ok: false, db: deps.db.engine });
    }
  });
}
