import type { ServerConfig } from '#shared/protocol/server-config';
import type { ZodApp } from '../types';

/** GET /api/v1/config — the rules the kiosk must follow, as the server states them. */
export function configRoutes(
  api: ZodApp,
  deps: { settings: Pick<ServerConfig, 'maxUploadBytes' | 'retentionDays' | 'leaseTtlMs'> },
): void {
  api.get('/v1/config', async (): Promise<ServerConfig> => ({
    maxUploadBytes: deps.settings.maxUploadBytes,
    retentionDays: deps.settings.retentionDays,
    leaseTtlMs: deps.settings.leaseTtlMs,
    serverTime: Date.now(),
  }));
}
