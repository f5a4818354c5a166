import type { NetworkState } from '../network/network-status';
import type { Store } from '../state/store';
import type { ApiClient } from '../sync/api-client';
import type { LeaseBoard } from './lease-board';

export interface LeaseKeeperOptions {
  readonly api: () => Pick<ApiClient, 'takeLease' | 'releaseLease'> | null;
  readonly board: LeaseBoard;
  readonly network: Store<NetworkState>;
  /** The server's lease lifetime (ms); renewed at a third of it. */
  readonly ttlMs: () => number;
}

const MIN_RENEW_MS = 5_000;

/**
 * Holds the soft lease of the draft open in the editor: taken on open, renewed while it stays open (and when
 * the network returns), released on leaving — also when the page closes. Calls for one draft go out one
 * after another, so a quick leave-and-return cannot release after the new take. Failures are ignored:
 * a lease only informs the other PC, it never guards anything.
 */
export class LeaseKeeper {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: LeaseKeeperOptions) {}

  hold(draftId: string): () => void {
    const take = () => this.enqueue(async (api) => this.opts.board.apply(await api.takeLease(draftId)));
    take();
    let timer = setInterval(take, this.renewMs());
    const unsubscribe = this.opts.network.subscribe(() => {
      if (!this.opts.network.get().online) return;
      take();
      clearInterval(timer);
      timer = setInterval(take, this.renewMs());
    });
    const onPageHide = () =>
      void this.opts
        .api()
        ?.releaseLease(draftId, { keepalive: true })
        .catch(() => undefined);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      clearInterval(timer);
      unsubscribe();
      window.removeEventListener('pagehide', onPageHide);
      this.enqueue((api) => api.releaseLease(draftId));
    };
  }

  private renewMs(): number {
    return Math.max(MIN_RENEW_MS, Math.floor(this.opts.ttlMs() / 3));
  }

  private enqueue(call: (api: Pick<ApiClient, 'takeLease' | 'releaseLease'>) => Promise<unknown>): void {
    this.queue = this.queue.then(async () => {
      const api = this.opts.api();
      if (!api || !this.opts.network.get().online) return;
      await call(api).catch(() => undefined);
    });
  }
}
