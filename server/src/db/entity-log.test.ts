import { describe } from 'vitest';
import { PG_URL, postgresEngine, sqliteEngine } from '../test-support/engines';
import { entityLogMigrationSuite } from './entity-log.suite';

describe('migration to entity-typed logs on SQLite', () => entityLogMigrationSuite(sqliteEngine));
describe.runIf(PG_URL)('migration to entity-typed logs on PostgreSQL', () =>
  entityLogMigrationSuite(() => postgresEngine()),
);
