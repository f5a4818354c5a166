import { Store } from '../state/store';

export interface NetworkState {
  readonly online: boolean;
}

/** The browser's own idea of connectivity (navigator.onLine and its events); the header shows it. */
export function createNetworkStatus(target: Window = window): Store<NetworkState> {
  const store = new Store<NetworkState>({ online: target.navigator.onLine });
  target.addEventListener('online', () => store.set({ online: true }));
  target.addEventListener('offline', () => store.set({ online: false }));
  return store;
}
