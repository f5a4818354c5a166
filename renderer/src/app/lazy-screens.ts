import { lazy, type ComponentType } from 'react';
import { loadBundledForms } from '../catalog/bundled-catalog';
import type { Route } from './hash-route';

/** A screen in a chunk of its own: rendered through React.lazy, and preloadable so the first one shows at once. */
interface LazyScreen<P> {
  readonly Component: ComponentType<P>;
  readonly preload: () => Promise<unknown>;
}

function lazyScreen<P>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () => (loading ??= load());
  return { Component: lazy(() => preload().then((c) => ({ default: c }))), preload };
}

export const EnrollScreen = lazyScreen(() => import('../screens/EnrollScreen').then((m) => m.EnrollScreen));

export const DraftListScreen = lazyScreen(() =>
  import('../screens/DraftListScreen').then((m) => m.DraftListScreen),
);

// The editor brings the form fields, the validators (with the phone-number metadata) and the catalog's forms.
export const DraftEditorScreen = lazyScreen(() =>
  Promise.all([import('../screens/DraftEditorScreen'), loadBundledForms()]).then(
    ([m]) => m.DraftEditorScreen,
  ),
);

/** The screen a route shows (an unenrolled device always sees enrollment), fetched ahead of its first render. */
export function preloadScreen(route: Route, enrolled: boolean): Promise<unknown> {
  if (!enrolled) return EnrollScreen.preload();
  return route.name === 'draft' ? DraftEditorScreen.preload() : DraftListScreen.preload();
}
