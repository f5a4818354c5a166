import { isPerPoint, type PublishedScope, type Scope } from '#shared/entities/scopes';
import type { LogRef } from './op-log';

/** The log a device of `pointId` reads for `scope`. */
export function logOf(scope: Scope, pointId: string): LogRef {
  if (scope === 'point') return { point: pointId };
  return { published: publishedKey(scope, pointId) };
}

/** The published log's key: one per scope, or one per point for per-point scopes (the roster). */
export function publishedKey(scope: PublishedScope, pointId: string | null): string {
  if (!isPerPoint(scope)) return scope;
  if (pointId === null) throw new Error(`the ${scope} scope is published per point`);
  return `${scope}:${pointId}`;
}
