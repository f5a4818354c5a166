import { z } from 'zod';
import { HlcString } from '../protocol/operation';
import { dossierType } from './dossier';
import type { Author, EntityOp, EntityType } from './entity-type';
import {
  adminUnitType,
  catalogProcedureType,
  guideType,
  scheduleDayType,
  staffMemberType,
} from './published-records';
import { guideOutcomeType, reviewNoteType, surveyAnswerType, visitType } from './point-records';
import type { Scope } from './scopes';

/** An entity id: a uuid for records made on kiosks, a code or slug for published ones. */
export const EntityId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/, 'not an entity id');

function envelope<T extends string, B, S>(t: EntityType<T, B, S>) {
  return z.object({ hlc: HlcString, type: z.literal(t.type), id: EntityId, body: t.body });
}

/**
 * The one operation envelope of every log: which entity (`type`, `id`), the change (`body`, checked by the
 * type's schema), and its stamp `hlc`, which is also the operation's id — a repeat is recognised and applied
 * once. Adding an entity type adds one line here and one to ENTITY_TYPES.
 */
export const Operation = z.discriminatedUnion('type', [
  envelope(dossierType),
  envelope(visitType),
  envelope(guideOutcomeType),
  envelope(surveyAnswerType),
  envelope(reviewNoteType),
  envelope(catalogProcedureType),
  envelope(guideType),
  envelope(staffMemberType),
  envelope(scheduleDayType),
  envelope(adminUnitType),
]);
export type Operation = z.infer<typeof Operation>;
export type EntityTypeName = Operation['type'];
/** The envelope of one entity type. */
export type OperationOf<T extends EntityTypeName> = Extract<Operation, { type: T }>;

const ENTITY_TYPES = {
  dossier: dossierType,
  visit: visitType,
  guideOutcome: guideOutcomeType,
  surveyAnswer: surveyAnswerType,
  reviewNote: reviewNoteType,
  catalogProcedure: catalogProcedureType,
  guide: guideType,
  staffMember: staffMemberType,
  scheduleDay: scheduleDayType,
  adminUnit: adminUnitType,
} as const satisfies { [T in EntityTypeName]: EntityType<T, OperationOf<T>['body'], unknown> };

export const ENTITY_TYPE_NAMES = Object.keys(ENTITY_TYPES) as EntityTypeName[];

/** The merged state of an entity of type T. */
export type EntityState<T extends EntityTypeName> = ReturnType<(typeof ENTITY_TYPES)[T]['merge']['empty']>;

/** The declaration of a type, seen through the envelope (what generic code needs). */
export interface AnyEntityType {
  readonly type: EntityTypeName;
  readonly scope: Scope;
  readonly rule: 'registers' | 'facts' | 'server-record';
  authorOf(op: Operation): Author;
  blobOf(op: Operation): string | undefined;
  empty(id: string): unknown;
  apply(state: unknown, op: Operation): unknown;
}

function erase<T extends EntityTypeName>(t: EntityType<T, OperationOf<T>['body'], unknown>): AnyEntityType {
  const body = (op: Operation) => op.body as OperationOf<T>['body'];
  return {
    type: t.type,
    scope: t.scope,
    rule: t.merge.rule,
    authorOf: (op) => t.authorOf(body(op)),
    blobOf: (op) => t.blobOf?.(body(op)),
    empty: (id) => t.merge.empty(id),
    apply: (state, op) => {
      if (op.type !== t.type) throw new Error(`a ${op.type} operation given to the ${t.type} merge`);
      return t.merge.apply(state, op as unknown as EntityOp<OperationOf<T>['body']>);
    },
  };
}

const ERASED = new Map<EntityTypeName, AnyEntityType>(
  ENTITY_TYPE_NAMES.map((name) => [
    name,
    erase(ENTITY_TYPES[name] as EntityType<typeof name, never, unknown>),
  ]),
);

export function entityType(name: EntityTypeName): AnyEntityType {
  const t = ERASED.get(name);
  if (!t) throw new Error(`unknown entity type ${name}`);
  return t;
}

/** Who wrote the operation: a device (it was pushed) or the server. */
export function authorOf(op: Operation): Author {
  return entityType(op.type).authorOf(op);
}

/** The attachment an operation references, if any. */
export function blobOf(op: Operation): string | undefined {
  return entityType(op.type).blobOf(op);
}

/** The scope (log) an operation belongs to. */
export function scopeOf(op: Operation): Scope {
  return entityType(op.type).scope;
}

/** Applies an operation to the state of its entity (`undefined`: the entity is new here). */
export function applyEntityOp(state: unknown, op: Operation): unknown {
  const t = entityType(op.type);
  return t.apply(state ?? t.empty(op.id), op);
}

/** The key of an entity across types. */
export function entityKey(op: Pick<Operation, 'type' | 'id'>): string {
  return `${op.type}/${op.id}`;
}
