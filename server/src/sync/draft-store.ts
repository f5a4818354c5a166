import type { Kysely, Transaction } from 'kysely';
import { applyOps, type DraftState, type FieldRegister } from '#shared/merge/draft-state';
import type { DossierOp, FieldValue } from '#shared/protocol/operation';
import type { Schema } from '../db/schema';

type Db = Kysely<Schema> | Transaction<Schema>;
type Bookkeeping = Pick<FieldRegister, 'agreeing' | 'overwritten' | 'awaited'>;

/** A stored draft: the shared merge state plus the point that owns it. */
export type StoredDraft = DraftState & { pointId: string };

/** Loads the materialized state of drafts, with only the named fields (all fields when `fields` is omitted). */
export async function loadDraftStates(
  db: Db,
  draftIds: readonly string[],
  fields?: readonly string[],
): Promise<Map<string, StoredDraft>> {
  const states = new Map<string, StoredDraft>();
  if (!draftIds.length) return states;
  const drafts = await db
    .selectFrom('drafts')
    .select(['id', 'point_id', 'procedure_id', 'created_hlc', 'catalog_version', 'deleted_hlc'])
    .where('id', 'in', draftIds)
    .execute();
  const byDraft = new Map<string, Record<string, FieldRegister>>();
  if (fields === undefined || fields.length) {
    let q = db.selectFrom('draft_fields').selectAll().where('draft_id', 'in', draftIds);
    if (fields) q = q.where('field', 'in', fields);
    for (const row of await q.execute()) {
      const regs = byDraft.get(row.draft_id) ?? {};
      regs[row.field] = {
        value: JSON.parse(row.value_json) as FieldValue,
        hlc: row.hlc,
        prev: row.prev,
        ...(row.conflicts_json
          ? { conflicts: JSON.parse(row.conflicts_json) as FieldRegister['conflicts'] }
          : {}),
        ...(row.merge_json ? (JSON.parse(row.merge_json) as Bookkeeping) : {}),
      };
      byDraft.set(row.draft_id, regs);
    }
  }
  for (const d of drafts) {
    states.set(d.id, {
      draftId: d.id,
      pointId: d.point_id,
      procedureId: d.procedure_id,
      ...(d.created_hlc !== null ? { createdHlc: d.created_hlc } : {}),
      ...(d.catalog_version !== null ? { catalogVersion: d.catalog_version } : {}),
      deletedHlc: d.deleted_hlc,
      fields: byDraft.get(d.id) ?? {},
    });
  }
  return states;
}

function toRow(draftId: string, field: string, reg: FieldRegister) {
  const { value, hlc, prev, conflicts, ...bookkeeping } = reg;
  return {
    draft_id: draftId,
    field,
    value_json: JSON.stringify(value),
    hlc,
    prev,
    conflicts_json: conflicts?.length ? JSON.stringify(conflicts) : null,
    merge_json: Object.keys(bookkeeping).length ? JSON.stringify(bookkeeping) : null,
  };
}

/** A merged draft to write back, with the fields the merge changed. */
export interface DraftWrite {
  state: StoredDraft;
  fields: readonly string[];
}

/** Rows per multi-row statement: well under SQLite's bound-parameter limit, and a sane PostgreSQL packet. */
const ROWS_PER_STATEMENT = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) out.push(rows.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

/**
 * Writes back drafts' headers and their changed fields (upserts) after a merge, a few multi-row statements
 * for the whole batch rather than two per draft: a push touches up to a whole batch of drafts.
 */
export async function saveDraftStates(db: Db, writes: readonly DraftWrite[], now: number): Promise<void> {
  for (const part of chunks(writes)) {
    await db
      .insertInto('drafts')
      .values(
        part.map(({ state }) => ({
          id: state.draftId,
          point_id: state.pointId,
          procedure_id: state.procedureId,
          created_hlc: state.createdHlc ?? null,
          catalog_version: state.catalogVersion ?? null,
          deleted_hlc: state.deletedHlc,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          procedure_id: eb.ref('excluded.procedure_id'),
          created_hlc: eb.ref('excluded.created_hlc'),
          catalog_version: eb.ref('excluded.catalog_version'),
          deleted_hlc: eb.ref('excluded.deleted_hlc'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  const rows = writes.flatMap(({ state, fields }) =>
    fields.flatMap((field) => {
      const reg = Object.hasOwn(state.fields, field) ? state.fields[field] : undefined;
      return reg ? [toRow(state.draftId, field, reg)] : [];
    }),
  );
  for (const part of chunks(rows)) {
    await db
      .insertInto('draft_fields')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['draft_id', 'field']).doUpdateSet((eb) => ({
          value_json: eb.ref('excluded.value_json'),
          hlc: eb.ref('excluded.hlc'),
          prev: eb.ref('excluded.prev'),
          conflicts_json: eb.ref('excluded.conflicts_json'),
          merge_json: eb.ref('excluded.merge_json'),
        })),
      )
      .execute();
  }
}

/**
 * Folds new dossier operations into the drafts' merged state (the projection of type `dossier`): the drafts
 * are made if new, loaded with only the fields the operations touch, merged with the shared merge, and only
 * the changed fields are written back.
 */
export async function projectDossierOps(
  trx: Transaction<Schema>,
  pointId: string,
  ops: readonly DossierOp[],
  now: number,
): Promise<void> {
  // Sorted, so two transactions claiming the same new drafts take their locks in the same order.
  const draftIds = [...new Set(ops.map((op) => op.draftId))].sort();
  await trx
    .insertInto('drafts')
    .values(
      draftIds.map((id) => ({
        id,
        point_id: pointId,
        procedure_id: null,
        created_hlc: null,
        catalog_version: null,
        deleted_hlc: null,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const fields = [...new Set(ops.flatMap((op) => (op.kind === 'set' ? [op.field] : [])))];
  const states = await loadDraftStates(trx, draftIds, fields);
  const byDraft = new Map<string, DossierOp[]>();
  for (const op of ops) byDraft.set(op.draftId, [...(byDraft.get(op.draftId) ?? []), op]);
  const writes: DraftWrite[] = draftIds.map((draftId) => {
    const before = states.get(draftId);
    if (!before) throw new Error(`draft ${draftId} vanished inside its transaction`);
    if (before.pointId !== pointId) throw new Error(`draft ${draftId} claimed by two points`);
    const mine = byDraft.get(draftId) ?? [];
    const after = { ...applyOps(before, mine), pointId: before.pointId };
    // applyOp returns the same register when a write changes nothing: only changed fields are written.
    const changed = [...new Set(mine.flatMap((op) => (op.kind === 'set' ? [op.field] : [])))].filter(
      (f) => after.fields[f] !== before.fields[f],
    );
    return { state: after, fields: changed };
  });
  await saveDraftStates(trx, writes, now);
}
