import type { Kysely, Transaction } from 'kysely';
import type { DraftState, FieldRegister } from '#shared/merge/draft-state';
import type { FieldValue } from '#shared/protocol/operation';
import type { Schema } from '../db/schema';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Loads the materialized state of drafts, with only the named fields (all fields when `fields` is omitted). */
export async function loadDraftStates(
  db: Db,
  draftIds: readonly string[],
  fields?: readonly string[],
): Promise<Map<string, DraftState & { pointId: string }>> {
  const states = new Map<string, DraftState & { pointId: string }>();
  if (!draftIds.length) return states;
  const drafts = await db
    .selectFrom('drafts')
    .select(['id', 'point_id', 'procedure_id', 'deleted_hlc'])
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
        ...(row.conflicts_json ? { conflicts: JSON.parse(row.conflicts_json) as FieldRegister['conflicts'] } : {}),
      };
      byDraft.set(row.draft_id, regs);
    }
  }
  for (const d of drafts) {
    states.set(d.id, {
      draftId: d.id,
      pointId: d.point_id,
      procedureId: d.procedure_id,
      deletedHlc: d.deleted_hlc,
      fields: byDraft.get(d.id) ?? {},
    });
  }
  return states;
}

/** Writes back a draft's header and the given fields (upserts), after a merge. */
export async function saveDraftState(db: Db, state: DraftState, fields: readonly string[], now: number): Promise<void> {
  await db
    .updateTable('drafts')
    .set({ procedure_id: state.procedureId, deleted_hlc: state.deletedHlc, updated_at: now })
    .where('id', '=', state.draftId)
    .execute();
  const rows = fields.flatMap((field) => {
    const reg = state.fields[field];
    if (!reg) return [];
    return [
      {
        draft_id: state.draftId,
        field,
        value_json: JSON.stringify(reg.value),
        hlc: reg.hlc,
        prev: reg.prev,
        conflicts_json: reg.conflicts?.length ? JSON.stringify(reg.conflicts) : null,
      },
    ];
  });
  if (!rows.length) return;
  await db
    .insertInto('draft_fields')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['draft_id', 'field']).doUpdateSet((eb) => ({
        value_json: eb.ref('excluded.value_json'),
        hlc: eb.ref('excluded.hlc'),
        prev: eb.ref('excluded.prev'),
        conflicts_json: eb.ref('excluded.conflicts_json'),
      })),
    )
    .execute();
}
