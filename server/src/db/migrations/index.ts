import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_register_bookkeeping';

/**
 * Every migration, in order. Listed statically rather than read from the folder, so they run the same under
 * tsx, vitest and a bundle. Names sort in the order they must run; never rename or edit a shipped one.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_register_bookkeeping': m0002,
};
