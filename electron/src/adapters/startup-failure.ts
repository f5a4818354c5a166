import { dialog } from 'electron';
import { describeStartupFailure, formatStartupFailure } from '../i18n/shell-messages';

/** The shell cannot run: say why, in all four languages, before quitting. */
export function showStartupFailure(error: unknown): void {
  console.error('[dvc-kiosk] start-up failed:', error);
  const { title, body } = formatStartupFailure(describeStartupFailure(error));
  dialog.showErrorBox(title, body);
}
