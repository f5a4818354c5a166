import { z } from 'zod';

/**
 * The logs a kiosk follows, each with its own sequence, cursor and digest:
 * - `point`: the point's own log (dossiers, visits, guide outcomes, survey answers, review notes);
 * - `catalog`, `guides`, `adminUnits`: published for every point;
 * - `roster`: published per point (its staff and opening hours).
 * Only `point` takes pushes; the others are written by the server's publishing.
 */
export const SCOPES = ['point', 'catalog', 'guides', 'roster', 'adminUnits'] as const;
export const Scope = z.enum(SCOPES);
export type Scope = z.infer<typeof Scope>;

export const PUBLISHED_SCOPES = [
  'catalog',
  'guides',
  'roster',
  'adminUnits',
] as const satisfies readonly Scope[];
export type PublishedScope = (typeof PUBLISHED_SCOPES)[number];
export const PublishedScope = z.enum(PUBLISHED_SCOPES);

/** Published scopes kept once per point rather than once for all. */
export function isPerPoint(scope: PublishedScope): boolean {
  return scope === 'roster';
}
