import { describe } from 'vitest';
import { PG_URL, postgresEngine, sqliteEngine } from '../test-support/engines';
import { digestSuite } from './digest.suite';

describe('sync digest on SQLite', () => digestSuite(sqliteEngine));
describe.runIf(PG_URL)('sync digest on PostgreSQL', () => digestSuite(() => postgresEngine()));
