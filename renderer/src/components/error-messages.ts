import type { SaveErrorCode } from '../forms/save-tracker';
import { apiErrorKey } from '../sync/api-error';
import type { SyncErrorCode } from '../sync/sync-engine';

/** i18n keys (namespace `app`) of the plain-words messages for storage and sync failures. */
export const syncErrorKey = (code: SyncErrorCode): string =>
  code === 'STORAGE_FULL' || code === 'UNKNOWN' ? `errors.local.${code}` : apiErrorKey(code);

export const saveErrorKey = (code: SaveErrorCode): string => `errors.local.${code}`;
