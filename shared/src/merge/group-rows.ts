import type { FieldValue } from '../protocol/operation';

/** The field of a row that "Add row" writes and "Remove row" sets to true: `<group>.<rowId>._deleted`. */
export const ROW_MARKER = '_deleted';

type Values = Readonly<Record<string, FieldValue | undefined>>;

/**
 * The one rule for which rows of repeating groups exist, used by the form, by "check the dossier" and by the
 * server: a row exists when any path of it is present (its marker included, so a row just added with nothing
 * typed yet exists), unless its marker is true. Takes the visible values of a draft (`visibleValues`, which
 * leave out removed rows and keep the marker of live ones) or a plain map of values. Row ids sort in the order
 * rows were added (see DraftRepository.addRow), the same on every device.
 */
export function rowsByGroup(values: Values): Record<string, string[]> {
  const rows = new Map<string, Set<string>>();
  const removed = new Set<string>();
  for (const [path, value] of Object.entries(values)) {
    const [group, rowId, leaf, ...rest] = path.split('.');
    if (group === undefined || rowId === undefined || leaf === undefined || rest.length > 0) continue;
    if (leaf === ROW_MARKER && value === true) removed.add(`${group}.${rowId}`);
    const ids = rows.get(group) ?? new Set<string>();
    ids.add(rowId);
    rows.set(group, ids);
  }
  const out: Record<string, string[]> = {};
  for (const [group, ids] of rows) {
    const live = [...ids].filter((id) => !removed.has(`${group}.${id}`)).sort();
    if (live.length) out[group] = live;
  }
  return out;
}

/** The live rows of one group, in the order they were added. */
export function groupRowIds(values: Values, groupId: string): string[] {
  return rowsByGroup(values)[groupId] ?? [];
}
