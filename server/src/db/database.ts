import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index';
import type { Schema } from './schema';

export type Engine = 'sqlite' | 'postgres';

/** An open database: the typed query layer, which engine is behind it, and its lifecycle. */
export interface Database {
  readonly kysely: Kysely<Schema>;
  readonly engine: Engine;
  /** PostgreSQL only: the connection URL, for connections outside the pool (LISTEN needs its own). */
  readonly pgUrl?: string;
  /** Applies every pending migration; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Folder of the SQLite file `dvc-kiosk.sqlite` (created if missing). Default `./data`. */
  dataDir?: string;
  /** `postgres://…` or `postgresql://…` selects PostgreSQL; anything else is ignored. */
  databaseUrl?: string;
  /** PostgreSQL only: work inside this schema (created if missing), e.g. one per test file. */
  pgSchema?: string;
}

export const SQLITE_FILE = 'dvc-kiosk.sqlite';
const PG_INT8_OID = 20;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  return isPostgresUrl(opts.databaseUrl)
    ? openPostgres(opts.databaseUrl, opts.pgSchema)
    : openSqlite(opts.dataDir ?? './data');
}

function openSqlite(dataDir: string): Database {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const sqlite = new BetterSqlite3(join(dir, SQLITE_FILE));
  // WAL lets readers run beside the writer; FULL makes a commit survive a power cut before we ack it.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return wrap(new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) }), 'sqlite');
}

async function openPostgres(url: string, schema: string | undefined): Promise<Database> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    // Epoch-ms and seq columns are BIGINT; their values fit a double, so read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  if (schema) {
    try {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(kysely);
    } catch (err) {
      await kysely.destroy();
      throw err;
    }
  }
  return wrap(kysely, 'postgres', url);
}

function wrap(kysely: Kysely<Schema>, engine: Engine, pgUrl?: string): Database {
  return {
    kysely,
    engine,
    ...(pgUrl !== undefined ? { pgUrl } : {}),
    async migrate() {
      // Kysely looks for its bookkeeping tables in every schema unless told which one: name ours.
      const schema =
        engine === 'postgres'
          ? (await sql<{ name: string }>`select current_schema() as name`.execute(kysely)).rows[0]?.name
          : undefined;
      const migrator = new Migrator({
        db: kysely,
        provider: { getMigrations: async () => migrations },
        ...(schema ? { migrationTableSchema: schema } : {}),
      });
      const { error } = await migrator.migrateToLatest();
      if (error) throw error instanceof Error ? error : new Error(String(error));
    },
    close: () => kysely.destroy(),
  };
}
