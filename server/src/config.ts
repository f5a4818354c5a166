/** Where the server reads its settings when started from a shell (main.ts, cli.ts). */
export interface EnvConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  staticDir?: string;
  logLevel: string;
  allowedOrigins: string[];
  trustProxy: boolean;
  maxUploadBytes: number;
  retentionDays: number;
  leaseTtlMs: number;
  blobDir?: string;
  uploadDir?: string;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const DEFAULT_RETENTION_DAYS = 30;
export const DEFAULT_LEASE_TTL_MS = 30_000;

/** A positive whole number from the environment, or the default when unset; anything else is an error. */
function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number, got ${raw}`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const port = env.PORT ? Number(env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be 0–65535, got ${env.PORT}`);
  const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
  return {
    host: blank(env.HOST) ?? DEFAULT_HOST,
    port,
    dataDir: blank(env.DVC_DATA_DIR) ?? DEFAULT_DATA_DIR,
    databaseUrl: blank(env.DATABASE_URL),
    staticDir: blank(env.DVC_STATIC_DIR),
    logLevel: blank(env.LOG_LEVEL) ?? 'info',
    allowedOrigins: (env.DVC_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: env.DVC_TRUST_PROXY === '1' || env.DVC_TRUST_PROXY === 'true',
    maxUploadBytes: positiveInt(env, 'DVC_MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES),
    retentionDays: positiveInt(env, 'DVC_RETENTION_DAYS', DEFAULT_RETENTION_DAYS),
    leaseTtlMs: positiveInt(env, 'DVC_LEASE_TTL_MS', DEFAULT_LEASE_TTL_MS),
    blobDir: blank(env.DVC_BLOB_DIR),
    uploadDir: blank(env.DVC_UPLOAD_DIR),
  };
}
