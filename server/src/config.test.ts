import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config';

describe('configFromEnv', () => {
  it('defaults the upload limit to 10 MiB, retention to 30 days and leases to 30 s', () => {
    expect(configFromEnv({})).toMatchObject({
      maxUploadBytes: 10 * 1024 * 1024,
      retentionDays: 30,
      leaseTtlMs: 30_000,
      blobDir: undefined,
      uploadDir: undefined,
    });
  });

  it('reads DVC_MAX_UPLOAD_BYTES, DVC_RETENTION_DAYS, DVC_LEASE_TTL_MS, DVC_BLOB_DIR and DVC_UPLOAD_DIR', () => {
    expect(
      configFromEnv({
        DVC_MAX_UPLOAD_BYTES: '5000000',
        DVC_RETENTION_DAYS: ' 14 ',
        DVC_LEASE_TTL_MS: '60000',
        DVC_BLOB_DIR: '/srv/dvc/blobs',
        DVC_UPLOAD_DIR: '/srv/dvc/uploads',
      }),
    ).toMatchObject({
      maxUploadBytes: 5_000_000,
      retentionDays: 14,
      leaseTtlMs: 60_000,
      blobDir: '/srv/dvc/blobs',
      uploadDir: '/srv/dvc/uploads',
    });
  });

  it('refuses a limit that is not a positive whole number, naming the variable', () => {
    for (const bad of ['0', '-1', '1.5', 'ten', '1e400'])
      expect(() => configFromEnv({ DVC_MAX_UPLOAD_BYTES: bad })).toThrow(/DVC_MAX_UPLOAD_BYTES/);
    expect(() => configFromEnv({ DVC_RETENTION_DAYS: '0' })).toThrow(/DVC_RETENTION_DAYS/);
    expect(() => configFromEnv({ DVC_LEASE_TTL_MS: 'x' })).toThrow(/DVC_LEASE_TTL_MS/);
  });
});
