import type { Workbox } from 'workbox-window';
import { Store } from '../state/store';

export interface UpdateState {
  /** A new version is installed and waits for the idle moment between residents. */
  readonly waiting: boolean;
}

/**
 * The PWA's update flow (workbox-window): a new service worker installs in the background and waits; it is
 * activated, and the page reloaded, only when `applyIfWaiting` is called at an idle moment — never mid-form.
 */
export class AppUpdates {
  readonly state = new Store<UpdateState>({ waiting: false });
  private workbox: Workbox | null = null;
  private applying = false;

  /**
   * Registers the service worker, unless running in the shell (its files are local) or the dev server.
   * Called once the first screen is up: the worker's precache (fonts of every language) must not compete
   * with it, and workbox-window is fetched only then.
   */
  async register(host: 'electron' | 'browser'): Promise<void> {
    if (host === 'electron' || import.meta.env.DEV || import.meta.env.MODE === 'electron') return;
    if (!('serviceWorker' in navigator)) return;
    const { Workbox } = await import('workbox-window');
    const workbox = new Workbox(`${import.meta.env.BASE_URL}sw.js`);
    workbox.addEventListener('waiting', () => this.state.set({ waiting: true }));
    // Reload only for an update this page asked for, not when another tab activated one.
    workbox.addEventListener('controlling', () => {
      if (this.applying) window.location.reload();
    });
    this.workbox = workbox;
    await workbox.register().catch(() => undefined);
  }

  /** Applies a waiting update once `settle` (pending writes) resolves. */
  async applyIfWaiting(settle: () => Promise<void>): Promise<void> {
    if (!this.workbox || !this.state.get().waiting || this.applying) return;
    this.applying = true;
    await settle();
    this.workbox.messageSkipWaiting();
  }
}
