import { describe } from 'vitest';
import { PG_URL, postgresEngine, sqliteEngine } from '../test-support/engines';
import { uploadsSuite } from './uploads.suite';

describe('attachments on SQLite', () => uploadsSuite(sqliteEngine));
describe.runIf(PG_URL)('attachments on PostgreSQL', () => uploadsSuite(() => postgresEngine()));
