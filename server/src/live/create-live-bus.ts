import { sql } from 'kysely';
import type { Database } from '../db/database';
import { createLocalBus, type LiveBus } from './bus';
import { createPgNotifyBus } from './pg-notify-bus';

/** PostgreSQL (possibly several processes): LISTEN/NOTIFY on the schema's channel. SQLite: this process only. */
export async function createLiveBus(
  db: Database,
  log: { warn(obj: object, msg: string): void },
): Promise<LiveBus> {
  if (db.engine !== 'postgres' || db.pgUrl === undefined) return createLocalBus();
  const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(db.kysely);
  return createPgNotifyBus({
    url: db.pgUrl,
    scope: rows[0]?.name ?? 'public',
    notify: async (channel, payload) => {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db.kysely);
    },
    log,
  });
}
