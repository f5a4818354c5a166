import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PG_URL, postgresEngine, sqliteEngine } from '../test-support/engines';
import { isPostgresUrl, openDatabase, SQLITE_FILE } from './database';
import { databaseSuite } from './database.suite';

describe('schema on SQLite', () => databaseSuite(sqliteEngine));
describe.runIf(PG_URL)('schema on PostgreSQL', () => databaseSuite(() => postgresEngine()));

describe('openDatabase', () => {
  it('chooses PostgreSQL only for postgres:// and postgresql:// URLs', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u@h/db')).toBe(true);
    expect(isPostgresUrl('mysql://u@h/db')).toBe(false);
    expect(isPostgresUrl('')).toBe(false);
    expect(isPostgresUrl(undefined)).toBe(false);
  });

  it('creates the data folder and a durable SQLite file (WAL, synchronous FULL, foreign keys, busy timeout)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dvc-open-'));
    const dataDir = join(root, 'nested', 'data');
    const db = await openDatabase({ dataDir, databaseUrl: 'not-a-postgres-url' });
    try {
      expect(db.engine).toBe('sqlite');
      expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
      const pragma = async (name: string) =>
        (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db.kysely)).rows[0];
      expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await pragma('synchronous')).toEqual({ synchronous: 2 });
      expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
      expect(await pragma('busy_timeout')).toEqual({ timeout: 5000 });
    } finally {
      await db.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
