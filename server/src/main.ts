import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { createAdmin, type AdminApi } from './admin/index';
import { createApp } from './app/create-app';
import type { ZodApp } from './app/types';
import { configFromEnv, DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT } from './config';
import { openDatabase, type Database } from './db/database';
import type { HousekeepingResult } from './housekeeping/housekeeping';

export interface StartOptions {
  dataDir?: string;
  databaseUrl?: string;
  host?: string;
  /** 0 picks a free port; the real one is in the returned url. */
  port?: number;
  staticDir?: string;
  logLevel?: string;
  allowedOrigins?: string[];
  trustProxy?: boolean;
  /** PostgreSQL only: run inside this schema (tests). */
  pgSchema?: string;
  /** Enrollment attempts allowed per client address per window (default 10 per 10 minutes). */
  enrollLimit?: { max: number; windowMs: number };
  /** A ready logger instead of one at `logLevel`. */
  logger?: Logger;
  /** Largest attachment accepted, in bytes (DVC_MAX_UPLOAD_BYTES, default 10 MiB). */
  maxUploadBytes?: number;
  /** Days a kiosk keeps a submitted, synced draft (DVC_RETENTION_DAYS, default 30). */
  retentionDays?: number;
  /** Soft lease duration (DVC_LEASE_TTL_MS, default 30 000). */
  leaseTtlMs?: number;
  /** Verified attachments (DVC_BLOB_DIR, default `<dataDir>/blobs`); shared storage when several processes run. */
  blobDir?: string;
  /** Partial uploads (DVC_UPLOAD_DIR, default `<dataDir>/uploads`). */
  uploadDir?: string;
  /** Keep-alive comment interval of event streams (default 15 s). */
  liveKeepAliveMs?: number;
  /** Event streams per device (default 3). */
  maxStreamsPerDevice?: number;
  /** Sweep of abandoned uploads (default hourly; 0 = off). */
  housekeepingIntervalMs?: number;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  db: Database;
  admin: AdminApi;
  app: ZodApp;
  /** One housekeeping round now (the timer runs them anyway). */
  housekeeping(): Promise<HousekeepingResult>;
  close(): Promise<void>;
}

/** Opens the database, migrates it, and listens. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const db = await openDatabase({
    dataDir: opts.dataDir ?? DEFAULT_DATA_DIR,
    databaseUrl: opts.databaseUrl,
    pgSchema: opts.pgSchema,
  });
  let app: ZodApp | undefined;
  try {
    await db.migrate();
    app = await createApp({
      db,
      staticDir: opts.staticDir,
      allowedOrigins: opts.allowedOrigins,
      logger: opts.logger,
      logLevel: opts.logLevel,
      trustProxy: opts.trustProxy,
      enrollLimit: opts.enrollLimit,
      dataDir: opts.dataDir ?? DEFAULT_DATA_DIR,
      blobDir: opts.blobDir,
      uploadDir: opts.uploadDir,
      maxUploadBytes: opts.maxUploadBytes,
      retentionDays: opts.retentionDays,
      leaseTtlMs: opts.leaseTtlMs,
      liveKeepAliveMs: opts.liveKeepAliveMs,
      maxStreamsPerDevice: opts.maxStreamsPerDevice,
      housekeepingIntervalMs: opts.housekeepingIntervalMs,
    });
    const host = opts.host ?? DEFAULT_HOST;
    await app.listen({ host, port: opts.port ?? DEFAULT_PORT });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    const running = app;
    let closing: Promise<void> | undefined;
    return {
      url,
      db,
      admin: createAdmin(db.kysely),
      app: running,
      housekeeping: () => running.runHousekeeping(),
      close: () => (closing ??= running.close().then(() => db.close())),
    };
  } catch (err) {
    await app?.close();
    await db.close();
    throw err;
  }
}

function runDirectly(): void {
  const config = configFromEnv();
  startServer(config).then(
    (server) => {
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) process.exit(1);
        stopping = true;
        server.app.log.info({ signal }, 'shutting down');
        server.close().then(
          () => process.exit(0),
          (err: unknown) => {
            server.app.log.error({ err: { message: (err as Error).message } }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err: unknown) => {
      console.error('dvc-kiosk server failed to start:', err);
      process.exit(1);
    },
  );
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) runDirectly();
