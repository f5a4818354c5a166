import { describe } from 'vitest';
import { PG_URL, postgresEngine, sqliteEngine } from '../test-support/engines';
import { statusSuite } from './status.suite';

describe('dossier status on SQLite', () => statusSuite(sqliteEngine));
describe.runIf(PG_URL)('dossier status on PostgreSQL', () => statusSuite(() => postgresEngine()));
