import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Store } from '../state/store';
import type { KioskServices } from './kiosk-services';

export const ServicesContext = createContext<KioskServices | null>(null);

export function useServices(): KioskServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
}

export function useStore<T extends object>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
