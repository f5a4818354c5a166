import type { Kysely } from 'kysely';
import { isDeleted, visibleValues } from '#shared/merge/draft-state';
import { rowsByGroup } from '#shared/merge/group-rows';
import type { DraftSnapshot } from '#shared/protocol/sync';
import type { Schema } from '../db/schema';
import { ApiError } from '../errors';
import { loadDraftStates } from './draft-store';

/** The merged view of one draft of the caller's point. */
export async function readDraftSnapshot(
  db: Kysely<Schema>,
  pointId: string,
  draftId: string,
): Promise<DraftSnapshot> {
  const state = (await loadDraftStates(db, [draftId])).get(draftId);
  if (!state) throw new ApiError(404, 'NOT_FOUND', 'no such draft');
  if (state.pointId !== pointId) throw new ApiError(403, 'FORBIDDEN', 'the draft belongs to another point');
  const deleted = isDeleted(state);
  const fields: DraftSnapshot['fields'] = {};
  // A deleted draft shows nothing; otherwise every field, row-removal markers included, as merged.
  if (!deleted)
    for (const [name, reg] of Object.entries(state.fields)) fields[name] = { value: reg.value, hlc: reg.hlc };
  return {
    draftId,
    // A `set` can arrive before its draft's `create`; until then the procedure is unknown.
    procedureId: state.procedureId ?? '',
    deleted,
    fields,
    rows: rowsByGroup(visibleValues(state)),
  };
}
