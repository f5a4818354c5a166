import type { z } from 'zod';
import type { Scope } from './scopes';

/** An operation of one entity as a merge reads it: the envelope without its type. */
export interface EntityOp<B> {
  readonly hlc: string;
  readonly id: string;
  readonly body: B;
}

/**
 * How the replicas of one entity type converge. `apply` is pure, returns `state` itself when the operation
 * changes nothing, and gives the same state for any order or repetition of the same operations.
 * - `registers`: fields as registers with conflict flags (dossiers);
 * - `facts`: append-only facts, never edited, only superseded by later facts (each applied once);
 * - `server-record`: a record only the server writes, the highest `version` wins (like a dossier status).
 */
export interface Merge<B, S> {
  readonly rule: 'registers' | 'facts' | 'server-record';
  empty(id: string): S;
  apply(state: S, op: EntityOp<B>): S;
}

/** Who writes an operation body: a kiosk (pushed) or the server (status compare-and-set, publishing). */
export type Author = 'device' | 'server';

/**
 * One kind of record that syncs. Adding one is this declaration (a body schema and a merge) and its line in
 * `registry.ts`; the engine, the server's push path and the digest are generic over it.
 */
export interface EntityType<T extends string, B, S> {
  readonly type: T;
  /** The log its operations live in. */
  readonly scope: Scope;
  readonly body: z.ZodType<B>;
  readonly merge: Merge<B, S>;
  /** The server refuses a push of a body its author is not a device. */
  authorOf(body: B): Author;
  /** The attachment a body references, if any: the push holds it back until the server has the blob. */
  blobOf?(body: B): string | undefined;
}

export function defineEntityType<T extends string, B, S>(t: EntityType<T, B, S>): EntityType<T, B, S> {
  return t;
}
