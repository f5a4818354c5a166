import { describe } from 'vitest';
import { PG_URL, postgresEngine, sqliteEngine } from '../test-support/engines';
import { adminSuite } from './admin.suite';

describe('admin on SQLite', () => adminSuite(sqliteEngine));
describe.runIf(PG_URL)('admin on PostgreSQL', () => adminSuite(() => postgresEngine()));
