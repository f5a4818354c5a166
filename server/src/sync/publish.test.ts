import { describe } from 'vitest';
import { PG_URL, postgresEngine, sqliteEngine } from '../test-support/engines';
import { publishSuite } from './publish.suite';

describe('published scopes on SQLite', () => publishSuite(sqliteEngine));
describe.runIf(PG_URL)('published scopes on PostgreSQL', () => publishSuite(() => postgresEngine()));
