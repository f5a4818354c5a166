import { z } from 'zod';
import { openJson, sealJson, type Sealed } from '../crypto/record-cipher';
import type { KioskDb } from '../db/kiosk-db';
import { guardQuota } from '../db/storage-errors';

/** What enrollment gave this device: who it is, where its server is, which point it serves. */
export interface Enrollment {
  readonly deviceId: string;
  readonly serverUrl: string;
  readonly point: { readonly id: string; readonly name: string };
  /** Bearer credential; kept encrypted at rest like personal data. */
  readonly token: string;
}

const CONFIG_KEYS = { enrollment: 'enrollment', token: 'token' } as const;

const StoredEnrollment = z.object({
  deviceId: z.string(),
  serverUrl: z.string(),
  point: z.object({ id: z.string(), name: z.string() }),
});
const TOKEN_CONTEXT = 'config:token';

export class ConfigRepository {
  constructor(
    private readonly db: KioskDb,
    private readonly key: CryptoKey,
  ) {}

  async loadEnrollment(): Promise<Enrollment | null> {
    const [clear, sealed] = await Promise.all([
      this.db.config.get(CONFIG_KEYS.enrollment),
      this.db.config.get(CONFIG_KEYS.token),
    ]);
    const parsed = StoredEnrollment.safeParse(clear?.value);
    if (!parsed.success || !sealed) return null;
    const token = await openJson(this.key, TOKEN_CONTEXT, sealed.value as Sealed);
    if (typeof token !== 'string') return null;
    return { ...parsed.data, token };
  }

  async saveEnrollment(e: Enrollment): Promise<void> {
    const sealedToken = await sealJson(this.key, TOKEN_CONTEXT, e.token);
    const clear = { deviceId: e.deviceId, serverUrl: e.serverUrl, point: e.point };
    await guardQuota(() =>
      this.db.transaction('rw', this.db.config, async () => {
        await this.db.config.put({ key: CONFIG_KEYS.enrollment, value: clear });
        await this.db.config.put({ key: CONFIG_KEYS.token, value: sealedToken });
      }),
    );
  }
}
