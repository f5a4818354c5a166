import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Engine, type OpenDatabaseOptions } from '../db/database';

/** Set to run every engine-parametrized suite against PostgreSQL too; unreachable then means failing tests. */
export const PG_URL = process.env.DVC_TEST_PG_URL;

/** A throwaway database location for one test file: a temp folder, or a fresh PostgreSQL schema. */
export interface TestEngine {
  readonly name: Engine;
  /** Options for openDatabase/startServer pointing at this location. */
  readonly options: OpenDatabaseOptions;
  /** Opens (and migrates) a database handle on the location; closed by dispose(). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

function tracking(name: Engine, options: OpenDatabaseOptions, cleanup: () => Promise<void>): TestEngine {
  const opened: Database[] = [];
  return {
    name,
    options,
    async open() {
      const db = await openDatabase(options);
      opened.push(db);
      await db.migrate();
      return db;
    },
    async dispose() {
      await Promise.allSettled(opened.splice(0).map((db) => db.close()));
      await cleanup();
    },
  };
}

export function sqliteEngine(): TestEngine {
  const dir = mkdtempSync(join(tmpdir(), 'dvc-server-test-'));
  return tracking('sqlite', { dataDir: dir }, async () => rmSync(dir, { recursive: true, force: true }));
}

export function postgresEngine(url: string | undefined = PG_URL): TestEngine {
  if (!url) throw new Error('DVC_TEST_PG_URL is not set');
  const schema = `t_${process.pid}_${randomBytes(5).toString('hex')}`;
  return tracking('postgres', { databaseUrl: url, pgSchema: schema }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  });
}

/** Every engine to run a suite on: SQLite always, PostgreSQL when DVC_TEST_PG_URL is set. */
export const ENGINES: readonly { name: Engine; enabled: boolean; make: () => TestEngine }[] = [
  { name: 'sqlite', enabled: true, make: sqliteEngine },
  { name: 'postgres', enabled: PG_URL !== undefined, make: () => postgresEngine() },
];
