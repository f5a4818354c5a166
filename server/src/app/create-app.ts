import { randomUUID } from 'node:crypto';
import fastifyCors from '@fastify/cors';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { authenticate, touchDevice } from '../auth/authenticate';
import type { Database } from '../db/database';
import { installErrorHandling, notFound } from './error-handler';
import { createLogger } from './logger';
import { WindowLimiter } from './rate-limit';
import { factsOf, findDevice, setDevice } from './request-context';
import { draftRoutes } from './routes/drafts';
import { enrollRoutes } from './routes/enroll';
import { healthRoutes } from './routes/health';
import { syncRoutes } from './routes/sync';
import { CONTENT_SECURITY_POLICY, isSpaRoute, registerStaticSite, sendSpaIndex } from './static-site';
import type { ZodApp } from './types';
import { zodValidatorCompiler, type ZodTypeProvider } from './zod-validation';

/** The Electron shell loads the kiosk from this origin. */
export const SHELL_ORIGIN = 'app://kiosk';

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
        origin: [SHELL_ORIGIN, ...(deps.allowedOrigins ?? [])],
        methods: ['GET', 'POST'],
        allowedHeaders: ['Authorization', 'Content-Type'],
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
        syncRoutes(authed, deps);
        draftRoutes(authed, deps);
      });
    },
    { prefix: '/api' },
  );

  if (deps.staticDir) await registerStaticSite(app, deps.staticDir);
  const spa = deps.staticDir !== undefined;
  app.setNotFoundHandler((req, reply) => (spa && isSpaRoute(req) ? sendSpaIndex(reply) : notFound(reply)));

  return app;
}
