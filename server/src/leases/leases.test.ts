import { describe } from 'vitest';
import { PG_URL, postgresEngine, sqliteEngine } from '../test-support/engines';
import { leasesSuite } from './leases.suite';

describe('config and leases on SQLite', () => leasesSuite(sqliteEngine));
describe.runIf(PG_URL)('config and leases on PostgreSQL', () => leasesSuite(() => postgresEngine()));
