import type { Locator, Page } from '@playwright/test';

/** The field every timed edit types into: CT01's full name, a plain text field. */
export const TYPED_FIELD = 'fullName';
const UI_TIMEOUT_MS = 20_000;

const GIVEN = [
  'An',
  'Binh',
  'Chi',
  'Dung',
  'Ha',
  'Hai',
  'Hanh',
  'Hoa',
  'Hung',
  'Khanh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Minh',
];
const MIDDLE = ['Van', 'Thi', 'Duc', 'Ngoc'];

/** A valid full name (the field refuses digits), different from the one before, typed key by key. */
export function nameFor(i: number): string {
  return `Nguyen ${MIDDLE[Math.floor(i / GIVEN.length) % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`;
}

/** Enrolls the app in `page` through its enrollment screen, as a person does. */
export async function enrollThroughUi(page: Page, serverUrl: string, code: string): Promise<void> {
  await page.goto(serverUrl);
  await page.getByTestId('enroll-server-url').fill(serverUrl);
  await page.getByTestId('enroll-code').fill(code);
  await page.getByTestId('enroll-submit').click();
  await page.getByTestId('new-draft-ct01').waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Starts a new CT01 draft from the list; returns its id (from the address) and the typed field. */
export async function startNewDraft(page: Page): Promise<{ draftId: string; field: Locator }> {
  await page.getByTestId('new-draft-ct01').click();
  const field = page.locator(`[data-field="${TYPED_FIELD}"]`);
  await field.waitFor({ timeout: UI_TIMEOUT_MS });
  const draftId = /#\/drafts\/([^/?]+)/.exec(page.url())?.[1];
  if (!draftId) throw new Error(`a new draft opened but the address names none: ${page.url()}`);
  return { draftId: decodeURIComponent(draftId), field };
}

/** Opens a draft from the list once it shows there; returns the typed field. */
export async function openListedDraft(page: Page, draftId: string): Promise<Locator> {
  const row = page.locator(`[data-testid="draft-row"][data-draft-id="${draftId}"]`);
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  await row.click();
  const field = page.locator(`[data-field="${TYPED_FIELD}"]`);
  await field.waitFor({ timeout: UI_TIMEOUT_MS });
  return field;
}

/** Replaces the field's text by keyboard: focus, select all, type `value` key by key (commit not included). */
export async function typeInto(field: Locator, value: string, keyDelayMs = 0): Promise<void> {
  await field.selectText();
  await field.pressSequentially(value, { delay: keyDelayMs });
}
