import type { Transaction } from 'kysely';
import { dossierOpOf } from '#shared/entities/dossier';
import type { EntityTypeName, Operation, OperationOf } from '#shared/entities/registry';
import type { Schema } from '../db/schema';
import { projectDossierOps } from './draft-store';

/**
 * What the server keeps beside the log, by entity type: derived state for reads that need the merged record
 * (the dossier's fields and status). A type without a projection is only logged; its replicas merge it.
 */
type Projection<T extends EntityTypeName> = (
  trx: Transaction<Schema>,
  pointId: string,
  ops: readonly OperationOf<T>[],
  now: number,
) => Promise<void>;

const PROJECTIONS: { [T in EntityTypeName]?: Projection<T> } = {
  dossier: (trx, pointId, ops, now) => projectDossierOps(trx, pointId, ops.map(dossierOpOf), now),
};

/** Folds newly logged operations into the projections of their types, in the same transaction. */
export async function projectOps(
  trx: Transaction<Schema>,
  pointId: string,
  ops: readonly Operation[],
  now: number,
): Promise<void> {
  const byType = new Map<EntityTypeName, Operation[]>();
  for (const op of ops) byType.set(op.type, [...(byType.get(op.type) ?? []), op]);
  for (const [type, list] of byType) {
    const project = PROJECTIONS[type] as Projection<EntityTypeName> | undefined;
    await project?.(trx, pointId, list, now);
  }
}
