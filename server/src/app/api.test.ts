import { describe } from 'vitest';
import { PG_URL, postgresEngine, sqliteEngine } from '../test-support/engines';
import { apiSuite } from './api.suite';

describe('HTTP API on SQLite', () => apiSuite(sqliteEngine));
describe.runIf(PG_URL)('HTTP API on PostgreSQL', () => apiSuite(() => postgresEngine()));
