import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TempDatabase {
  /** Connection URL of the new, empty database. */
  readonly url: string;
  /** Drops it, closing whatever connections are left (a killed server's included). */
  drop(): Promise<void>;
}

/**
 * A fresh PostgreSQL database `<prefix>_<random>` on the server of `baseUrl`, for a test that runs the
 * server as a separate process (which cannot be handed a schema). Throws if the server is unreachable.
 */
export async function createTempDatabase(baseUrl: string, prefix: string): Promise<TempDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`bad database prefix ${prefix}`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
