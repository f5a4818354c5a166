import { useSyncExternalStore } from 'react';

export type Route = { name: 'enroll' } | { name: 'drafts' } | { name: 'draft'; draftId: string };

/** #/enroll, #/drafts, #/drafts/<id>; anything else is the draft list. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'enroll') return { name: 'enroll' };
  if (parts[0] === 'drafts' && parts[1]) return { name: 'draft', draftId: parts[1] };
  return { name: 'drafts' };
}

export const routeHref = (route: Route): string =>
  route.name === 'draft' ? `#/drafts/${encodeURIComponent(route.draftId)}` : `#/${route.name}`;

export function navigate(route: Route, { replace = false } = {}): void {
  const href = routeHref(route);
  if (replace) window.location.replace(href);
  else window.location.hash = href;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
