import { removedRows, type DraftState } from '#shared/merge/draft-state';

/**
 * The live rows of a group, in the order they were added: row ids are time-ordered (see DraftRepository.addRow)
 * and sort the same way on every device, as validateForm sorts them. A row is removed by the merge's rule
 * (a removal later than every write to the row).
 */
export function groupRowIds(groupId: string, state: DraftState): string[] {
  const removed = removedRows(state);
  const rows = new Set<string>();
  for (const path of Object.keys(state.fields)) {
    const [head, rowId, leaf, ...rest] = path.split('.');
    if (head !== groupId || rowId === undefined || leaf === undefined || rest.length > 0) continue;
    if (!removed.has(`${groupId}.${rowId}`)) rows.add(rowId);
  }
  return [...rows].sort();
}
