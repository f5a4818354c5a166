import { conflictsOf, registerOf, type DraftState } from '#shared/merge/draft-state';
import type { FieldValue } from '#shared/protocol/operation';
import { nextStatuses } from '#shared/status/status';
import type { Rng } from '../support/prng';
import type { KioskReplica } from './kiosk-replica';

const PROCEDURES = ['dang-ky-khai-sinh', 'dang-ky-tam-tru', 'xac-nhan-tinh-trang-hon-nhan'];
/** Few fields, so the two PCs often write the same one while apart. */
const FIELDS = ['fullName', 'phone', 'note'];
const ROW_FIELDS = ['fullName', 'birthYear'];
const GROUP = 'members';
const VALUES: FieldValue[] = [
  'Nguyễn Văn An',
  'Trần Thị Bình',
  '陳美玲',
  '12 Phan Đăng Lưu',
  '14 Phan Xích Long',
  '0901234567',
  '',
  1987,
  true,
  null,
];
const MAX_DRAFTS = 3;

/**
 * What the volunteers of one point do, through the kiosk's own repositories: open dossiers, type into fields
 * (often the same ones on both PCs), add and remove family-member rows, settle a flagged field, ask for a
 * status change. `drafts` lists every draft id of the trial in the order made; a PC edits only those it has.
 */
export async function personEdits(r: KioskReplica, rng: Rng, drafts: string[], count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const mine: { id: string; state: DraftState }[] = [];
    for (const id of drafts) {
      const loaded = await r.repos.drafts.load(id);
      if (loaded) mine.push({ id, state: loaded.state });
    }
    if (mine.length === 0 || (drafts.length < MAX_DRAFTS && rng.chance(0.08))) {
      drafts.push(await r.repos.drafts.createDraft(rng.pick(PROCEDURES)));
      continue;
    }
    const { id, state } = rng.pick(mine);
    await editDraft(r, rng, id, state);
  }
}

async function editDraft(r: KioskReplica, rng: Rng, id: string, state: DraftState): Promise<void> {
  const { drafts, statuses } = r.repos;
  const rows = rowsOf(state);
  const roll = rng.next();
  if (roll < 0.1 || (roll < 0.3 && rows.length === 0)) {
    await drafts.addRow(id, GROUP);
  } else if (roll < 0.3) {
    const row = rng.pick(rows);
    const pick = rng.next();
    if (pick < 0.2) await drafts.deleteRow(id, GROUP, row);
    // Restoring a removed row (undo), or typing into a row, possibly one the other PC just removed.
    else if (pick < 0.3) await drafts.setField(id, `${GROUP}.${row}._deleted`, false);
    else await drafts.setField(id, `${GROUP}.${row}.${rng.pick(ROW_FIELDS)}`, rng.pick(VALUES));
  } else if (roll < 0.38 && conflictsOf(state).length > 0) {
    // A person settles a flagged field: one of the values on screen, or a new one.
    const conflict = rng.pick(conflictsOf(state));
    const offered = [conflict.value, ...conflict.conflicts.map((c) => c.value), rng.pick(VALUES)];
    await drafts.resolveConflict(id, conflict.field, rng.pick(offered));
  } else if (roll < 0.43) {
    const waiting = await statuses.forDraft(id);
    const asked = waiting.find((c) => c.state === 'ask');
    const current = state.status?.value ?? 'draft';
    const next = nextStatuses(current);
    // A refused change waits for a person: keep the server's status, or apply this PC's on top of it.
    if (asked) await statuses.choose(asked, rng.chance(0.5) ? 'keep-server' : 'apply-mine');
    else if (waiting.length === 0 && next.length > 0) await statuses.request(id, current, rng.pick(next));
  } else {
    const field = rng.pick(FIELDS);
    // Typing over a value already there (the common case) or into an empty field.
    const value = rng.chance(0.1) ? (registerOf(state, field)?.value ?? null) : rng.pick(VALUES);
    await drafts.setField(id, field, value);
  }
}

/** Row ids of the group, in the order they were added (row ids sort by creation time). */
function rowsOf(state: DraftState): string[] {
  const prefix = `${GROUP}.`;
  return Object.keys(state.fields)
    .filter((f) => f.startsWith(prefix) && f.endsWith('._deleted'))
    .map((f) => f.slice(prefix.length, -'._deleted'.length))
    .sort();
}
