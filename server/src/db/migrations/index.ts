import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_register_bookkeeping';
import * as m0003 from './0003_op_digest';
import * as m0004 from './0004_draft_status';
import * as m0005 from './0005_leases';
import * as m0006 from './0006_blobs';
import * as m0007 from './0007_entity_log';

/**
 * Every migration, in order. Listed statically rather than read from the folder, so they run the same under
 * tsx, vitest and a bundle. Names sort in the order they must run; never rename or edit a shipped one.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_register_bookkeeping': m0002,
  '0003_op_digest': m0003,
  '0004_draft_status': m0004,
  '0005_leases': m0005,
  '0006_blobs': m0006,
  '0007_entity_log': m0007,
};
