import type { KioskBridge } from '#shared/bridge/kiosk-bridge';
import { ENROLLMENT_CODE_PATTERN } from '#shared/protocol/enroll';
import { getBridge } from '../bridge/get-bridge';
import { bundledCatalog, type Catalog } from '../catalog/bundled-catalog';
import { importDeviceKey } from '../crypto/record-cipher';
import { KioskDb } from '../db/kiosk-db';
import { requestPersistentStorage } from '../db/persistent-storage';
import { createNetworkStatus, type NetworkState } from '../network/network-status';
import { ConfigRepository, type Enrollment } from '../repo/config-repository';
import { AppUpdates } from '../pwa/app-updates';
import { openRepositories, type Repositories } from '../repo/open-repositories';
import type { ServerConfig } from '#shared/protocol/server-config';
import { runHousekeeping } from '../housekeeping/housekeeping';
import { LeaseBoard } from '../live/lease-board';
import { LeaseKeeper } from '../live/lease-keeper';
import { LiveChannel } from '../live/live-channel';
import type { SseEvent } from '../live/sse-parser';
import { Store } from '../state/store';
import { ApiClient } from '../sync/api-client';
import { ServerClock } from '../sync/server-clock';
import { newSyncHealth } from '../sync/sync-health';
import { intervalTrigger, localEditTrigger, onlineTrigger, SyncEngine } from '../sync/sync-engine';
import { tusUploader } from '../sync/tus-uploader';
import { UploadActivity } from '../sync/upload-activity';

/** The device key could not be had (keystore locked, key file damaged): nothing can be decrypted. */
export class DeviceKeyError extends Error {
  override readonly name = 'DeviceKeyError';
  constructor(options?: { cause?: unknown }) {
    super('The device key is not available', options);
  }
}

/** How often an idle, online kiosk asks for the other PC's changes (the live channel normally pokes sooner). */
const SYNC_TICK_MS = 5_000;
/** Lease lifetime assumed until the server has said its own. */
const DEFAULT_LEASE_TTL_MS = 30_000;

export interface Session {
  readonly enrollment: Omit<Enrollment, 'token'> | null;
  readonly repos: Repositories | null;
  /** false when the browser may evict the kiosk's data under storage pressure. */
  readonly persistent: boolean;
}

/** Everything the screens use, made once at start: storage, repositories, sync, network, catalog. */
export class KioskServices {
  readonly session: Store<Session>;
  readonly sync: SyncEngine;
  readonly updates = new AppUpdates();
  /** The server's rules as last heard (cached for offline use). */
  readonly serverConfig = new Store<{ config: ServerConfig | null }>({ config: null });
  readonly serverClock = new ServerClock();
  readonly leases: LeaseBoard;
  private readonly enrollAttempts = new Map<string, string>();
  readonly leaseKeeper: LeaseKeeper;
  readonly uploads = new UploadActivity();
  private readonly live: LiveChannel;
  private readonly health = newSyncHealth();
  private api: ApiClient | null = null;
  private unlinkTabs: () => void = () => undefined;

  private constructor(
    readonly bridge: KioskBridge,
    readonly catalog: Catalog,
    readonly network: Store<NetworkState>,
    private readonly db: KioskDb,
    private readonly key: CryptoKey,
    private readonly config: ConfigRepository,
    persistent: boolean,
  ) {
    this.session = new Store<Session>({ enrollment: null, repos: null, persistent });
    this.sync = new SyncEngine({
      context: () => {
        const { repos } = this.session.get();
        const api = this.api;
        if (!repos || !api) return null;
        return {
          api,
          ...repos,
          uploader: tusUploader({ target: () => api.uploadTarget(), storage: repos.uploadUrls }),
          uploadActivity: this.uploads,
          health: this.health,
          now: () => Date.now(),
          onConfig: (config) => this.serverConfig.set({ config }),
          onServerTime: (serverTime) => this.serverClock.observe(serverTime),
        };
      },
      count: async () => (await this.session.get().repos?.outbox.count()) ?? 0,
      network,
    });
    this.leases = new LeaseBoard(() => this.session.get().enrollment?.deviceId ?? null, this.serverClock);
    this.leaseKeeper = new LeaseKeeper({
      api: () => this.api,
      board: this.leases,
      network,
      ttlMs: () => this.serverConfig.get().config?.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS,
    });
    this.live = new LiveChannel({
      open: (signal) => {
        if (!this.api) return Promise.reject(new Error('not enrolled'));
        return this.api.openEvents(signal);
      },
      network,
      onEvent: (event) => this.onLiveEvent(event),
      onOpen: () => this.sync.request('poke'),
    });
  }

  /** The enrolled device's API client (null before enrollment). */
  apiClient(): ApiClient | null {
    return this.api;
  }

  /**
   * Housekeeping (erasure past retention, compaction of final drafts): at start and whenever the volunteer
   * is back at the draft list. Failures only wait for the next time.
   */
  async housekeep(): Promise<void> {
    const { repos } = this.session.get();
    if (!repos) return;
    await repos.drafts.idle();
    await runHousekeeping(repos, this.serverClock.now()).catch((e: unknown) =>
      console.warn('housekeeping failed', e),
    );
  }

  private onLiveEvent(event: SseEvent): void {
    if (event.event === 'poke') this.sync.request('poke');
    else if (event.event === 'lease') {
      try {
        this.leases.apply(JSON.parse(event.data));
      } catch {
        // A malformed event is dropped; the next one or the lease's expiry sets things right.
      }
    }
  }

  static async open(): Promise<KioskServices> {
    const bridge = getBridge();
    const key = await importDeviceKey(await bridge.deviceKey()).catch((e: unknown) => {
      throw new DeviceKeyError({ cause: e });
    });
    const db = new KioskDb();
    await db.open();
    const persistent = await requestPersistentStorage();
    const config = new ConfigRepository(db, key);
    const services = new KioskServices(
      bridge,
      bundledCatalog(),
      createNetworkStatus(),
      db,
      key,
      config,
      persistent,
    );
    const enrollment = await config.loadEnrollment();
    if (enrollment) await services.activate(enrollment);
    services.updates.register(bridge.host);
    return services;
  }

  /**
   * Enrolls this device with a one-time code. Throws ApiError (e.g. ENROLLMENT_CODE_INVALID, NETWORK) or
   * StorageFullError; on success the device is ready to make drafts and sync.
   */
  async enroll(serverUrl: string, code: string, deviceLabel?: string): Promise<void> {
    const api = new ApiClient({ baseUrl: serverUrl });
    // The kiosk makes its own credential, and pressing "connect" again with the same code sends the same
    // one: if the first answer was lost on a dropping network, the server answers the retry identically.
    const attemptKey = `${serverUrl}\n${code}`;
    const credential = this.enrollAttempts.get(attemptKey) ?? newCredential();
    this.enrollAttempts.set(attemptKey, credential);
    const res = await api.enroll({ code, credential, ...(deviceLabel ? { deviceLabel } : {}) });
    this.enrollAttempts.delete(attemptKey);
    const enrollment: Enrollment = { deviceId: res.deviceId, token: res.token, point: res.point, serverUrl };
    await this.config.saveEnrollment(enrollment);
    await this.activate(enrollment);
    this.session.get().repos?.clock.receive(res.serverTime);
  }

  private async activate(enrollment: Enrollment): Promise<void> {
    const repos = await openRepositories(this.db, this.key, enrollment.deviceId);
    this.unlinkTabs();
    this.unlinkTabs = repos.changes.linkTabs(`dvc-kiosk:changes:${enrollment.deviceId}`);
    this.api = new ApiClient({ baseUrl: enrollment.serverUrl, token: enrollment.token });
    const { token: _token, ...visible } = enrollment;
    const config = await repos.syncState.serverConfig();
    this.serverConfig.set({ config });
    if (config) this.serverClock.observe(config.serverTime);
    this.session.set({ enrollment: visible, repos });
    await this.housekeep();
    this.sync.stop();
    this.sync.start([
      onlineTrigger(this.network),
      intervalTrigger(SYNC_TICK_MS),
      localEditTrigger(repos.changes),
    ]);
    this.live.stop();
    this.live.start();
  }
}

function newCredential(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Accepts a code typed with or without its dash, in any case, with stray spaces (it is normalized on submit). */
export function normalizeEnrollmentCode(raw: string): string | null {
  const compact = raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  const code = compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
  return ENROLLMENT_CODE_PATTERN.test(code) ? code : null;
}

/** A server URL must be http(s); query, fragment and trailing slashes are dropped (a path prefix is kept). */
export function normalizeServerUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}
