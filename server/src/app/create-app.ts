import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fastifyCors from '@fastify/cors';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { BlobStore } from '../attachments/blob-store';
import { TusUploads } from '../attachments/tus-uploads';
import { authenticate, touchDevice } from '../auth/authenticate';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_LEASE_TTL_MS,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_RETENTION_DAYS,
} from '../config';
import type { Database } from '../db/database';
import { runHousekeeping, scheduleHousekeeping, type HousekeepingResult } from '../housekeeping/housekeeping';
import type { LiveBus } from '../live/bus';
import { createLiveBus } from '../live/create-live-bus';
import { EventStreams } from '../live/event-streams';
import { publishRecords, type PublishedRecord, type PublishResult } from '../sync/publish';
import { isPerPoint, type PublishedScope } from '#shared/entities/scopes';
import { installErrorHandling, notFound } from './error-handler';
import { createLogger } from './logger';
import { WindowLimiter } from './rate-limit';
import { factsOf, findDevice, setDevice } from './request-context';
import { blobRoutes } from './routes/blobs';
import { configRoutes } from './routes/config';
import { draftRoutes } from './routes/drafts';
import { enrollRoutes } from './routes/enroll';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { leaseRoutes } from './routes/leases';
import { statusRoutes } from './routes/status';
import { syncRoutes } from './routes/sync';
import { UPLOADS_PATH, uploadRoutes } from './routes/uploads';
import { CONTENT_SECURITY_POLICY, isSpaRoute, registerStaticSite, sendSpaIndex } from './static-site';
import type { ZodApp } from './types';
import { zodValidatorCompiler, type ZodTypeProvider } from './zod-validation';

/** The Electron shell loads the kiosk from this origin. */
export const SHELL_ORIGIN = 'app://kiosk';

/** What a tus client sends and must be allowed to read back across origins. */
const TUS_REQUEST_HEADERS = [
  'Tus-Resumable',
  'Upload-Length',
  'Upload-Metadata',
  'Upload-Offset',
  'Upload-Defer-Length',
  'Upload-Concat',
  'X-HTTP-Method-Override',
  'X-Requested-With',
];
const TUS_RESPONSE_HEADERS = [
  'Location',
  'Tus-Resumable',
  'Tus-Version',
  'Tus-Extension',
  'Tus-Max-Size',
  'Upload-Offset',
  'Upload-Length',
  'Upload-Metadata',
  'Upload-Expires',
];

export interface AppDeps {
  db: Database;
  /** Built kiosk to serve at / (with SPA fallback); omitted → API only. */
  staticDir?: string;
  /** Extra origins allowed to call /api besides the shell's `app://kiosk`. */
  allowedOrigins?: string[];
  /** A ready logger (tests capture output with one); otherwise one is made at `logLevel`. */
  logger?: Logger;
  logLevel?: string;
  /** Enrollment attempts allowed per client address per window. Default 10 per 10 minutes. */
  enrollLimit?: { max: number; windowMs: number };
  /** Trust X-Forwarded-For (behind a reverse proxy), so rate limits apply per real client. */
  trustProxy?: boolean;
  /** Parent of the default blob and upload folders. Default `./data`. */
  dataDir?: string;
  /** Verified attachments, content-addressed. Default `<dataDir>/blobs`. */
  blobDir?: string;
  /** Partial tus uploads. Default `<dataDir>/uploads`. Created on the first upload. */
  uploadDir?: string;
  /** Largest attachment accepted, in bytes. Default 10 MiB. */
  maxUploadBytes?: number;
  /** Told to kiosks: days before a submitted, synced draft is erased locally. Default 30. */
  retentionDays?: number;
  /** Soft lease duration unless renewed. Default 30 s; expired leases are also swept this often. */
  leaseTtlMs?: number;
  /** Interval of `: keep-alive` comments on event streams. Default 15 s. */
  liveKeepAliveMs?: number;
  /** Event streams one device may hold open; one more ends its oldest. Default 3. */
  maxStreamsPerDevice?: number;
  /** How often abandoned partial uploads are swept. Default hourly; 0 turns the timer off. */
  housekeepingIntervalMs?: number;
  /** A ready live bus (kept open on close); otherwise one is made for the engine and closed with the app. */
  live?: LiveBus;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** One housekeeping round now: abandoned uploads swept, expired leases removed and announced. */
    runHousekeeping(): Promise<HousekeepingResult>;
    /** Publishes records to a published scope and pokes the kiosks that follow it. */
    publish(
      scope: PublishedScope,
      pointId: string | null,
      records: readonly PublishedRecord[],
    ): Promise<PublishResult>;
  }
}

/** Builds the server (routes, hooks, validation, logging) without listening. */
export async function createApp(deps: AppDeps): Promise<ZodApp> {
  const logger: FastifyBaseLogger = deps.logger ?? createLogger({ level: deps.logLevel ?? 'info' });
  const app: ZodApp = Fastify({
    loggerInstance: logger,
    // The app writes its own request lines, without URLs' query values or headers.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    trustProxy: deps.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  installErrorHandling(app);

  const dataDir = deps.dataDir ?? DEFAULT_DATA_DIR;
  const settings = {
    maxUploadBytes: deps.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    retentionDays: deps.retentionDays ?? DEFAULT_RETENTION_DAYS,
    leaseTtlMs: deps.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS,
  };
  const uploadDir = deps.uploadDir ?? join(dataDir, 'uploads');
  const blobs = new BlobStore(deps.blobDir ?? join(dataDir, 'blobs'));
  const origins = [SHELL_ORIGIN, ...(deps.allowedOrigins ?? [])];
  const uploads = new TusUploads({
    db: deps.db.kysely,
    blobs,
    uploadDir,
    maxUploadBytes: settings.maxUploadBytes,
    path: UPLOADS_PATH,
    isAllowedOrigin: (origin) => origins.includes(origin),
    log: logger,
  });

  const live = deps.live ?? (await createLiveBus(deps.db, logger));
  const streams = new EventStreams(live, {
    keepAliveMs: deps.liveKeepAliveMs ?? 15_000,
    maxPerDevice: deps.maxStreamsPerDevice ?? 3,
    stillAllowed: async (deviceId) => {
      const row = await deps.db.kysely
        .selectFrom('devices')
        .select('revoked_at')
        .where('id', '=', deviceId)
        .executeTakeFirst();
      return row !== undefined && row.revoked_at === null;
    },
  });
  const schedule = scheduleHousekeeping({
    db: deps.db.kysely,
    uploadDir,
    live,
    leaseEveryMs: settings.leaseTtlMs,
    uploadsEveryMs: deps.housekeepingIntervalMs ?? 60 * 60_000,
    log: logger,
  });
  app.decorate('runHousekeeping', () => runHousekeeping({ db: deps.db.kysely, uploadDir, live }));
  app.decorate(
    'publish',
    async (scope: PublishedScope, pointId: string | null, records: readonly PublishedRecord[]) => {
      const result = await publishRecords(deps.db.kysely, scope, pointId, records);
      if (result.published)
        live.publish({ type: 'poke', pointId: isPerPoint(scope) ? pointId : null, scope, seq: result.seq });
      return result;
    },
  );
  // Open event streams never end by themselves: end them before the server waits for its connections.
  app.addHook('preClose', async () => streams.closeAll());
  app.addHook('onClose', async () => {
    await schedule.stop();
    if (!deps.live) await live.close();
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    }
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const device = findDevice(req);
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? '(unmatched)',
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
        ...(device ? { deviceId: device.deviceId, pointId: device.pointId } : {}),
        ...factsOf(req),
      },
      'request',
    );
  });

  healthRoutes(app, deps);

  const limiter = new WindowLimiter(deps.enrollLimit?.max ?? 10, deps.enrollLimit?.windowMs ?? 10 * 60_000);
  await app.register(
    async (api: ZodApp) => {
      // Inside this scope only: the kiosk pages themselves need no CORS.
      await api.register(fastifyCors, {
        origin: origins,
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', ...TUS_REQUEST_HEADERS],
        exposedHeaders: ['X-Request-Id', 'X-Blob-Sha256', ...TUS_RESPONSE_HEADERS],
        maxAge: 600,
      });
      api.addHook('onSend', async (_req, reply, payload) => {
        // Responses carry personal data: no cache may keep them.
        reply.header('cache-control', 'no-store');
        return payload;
      });
      enrollRoutes(api, { db: deps.db, limiter });

      await api.register(async (authed: ZodApp) => {
        authed.addHook('onRequest', async (req) => {
          setDevice(req, await authenticate(deps.db.kysely, req.headers.authorization));
        });
        // After validation, so a refused request changes nothing, not even last_seen_at.
        authed.addHook('preHandler', async (req) => {
          const device = findDevice(req);
          if (device) await touchDevice(deps.db.kysely, device);
        });
        configRoutes(authed, { settings });
        syncRoutes(authed, { db: deps.db, live });
        draftRoutes(authed, deps);
        statusRoutes(authed, { db: deps.db, live });
        leaseRoutes(authed, { db: deps.db, live, leaseTtlMs: settings.leaseTtlMs });
        eventRoutes(authed, { db: deps.db.kysely, streams });
        blobRoutes(authed, { db: deps.db, blobs });
        // Its own scope: the tus body parser must not apply to JSON routes.
        await authed.register(async (scope: ZodApp) => uploadRoutes(scope, { uploads }));
      });
    },
    { prefix: '/api' },
  );

  if (deps.staticDir) await registerStaticSite(app, deps.staticDir);
  const spa = deps.staticDir !== undefined;
  app.setNotFoundHandler((req, reply) => (spa && isSpaRoute(req) ? sendSpaIndex(reply) : notFound(reply)));

  return app;
}
