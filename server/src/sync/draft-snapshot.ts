import type { Kysely } from 'kysely';
import { compareHlc } from '#shared/clock/hlc';
import type { DraftSnapshot } from '#shared/protocol/sync';
import type { Schema } from '../db/schema';
import { ApiError } from '../errors';
import { loadDraftStates } from './draft-store';

/** The merged view of one draft of the caller's point. */
export async function readDraftSnapshot(db: Kysely<Schema>, pointId: string, draftId: string): Promise<DraftSnapshot> {
  const state = (await loadDraftStates(db, [draftId])).get(draftId);
  if (!state) throw new ApiError(404, 'NOT_FOUND', 'no such draft');
  if (state.pointId !== pointId) throw new ApiError(403, 'FORBIDDEN', 'the draft belongs to another point');
  const { deletedHlc } = state;
  const fields: DraftSnapshot['fields'] = {};
  for (const [name, reg] of Object.entries(state.fields)) {
    // The tombstone wins over every older write; only writes made after the delete survive it.
    if (deletedHlc !== null && compareHlc(reg.hlc, deletedHlc) <= 0) continue;
    fields[name] = { value: reg.value, hlc: reg.hlc };
  }
  return {
    draftId,
    // A `set` can arrive before its draft's `create`; until then the procedure is unknown.
    procedureId: state.procedureId ?? '',
    deleted: deletedHlc !== null,
    fields,
  };
}
