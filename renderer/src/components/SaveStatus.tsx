import { useTranslation } from 'react-i18next';
import type { SaveState } from '../forms/save-tracker';

/** The draft's state in words: saving / saved on this device / waiting to sync / synced. */
export function SaveStatus({ state, testId = 'save-status' }: { state: SaveState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <p className={`save-status save-status--${state}`} data-testid={testId} data-state={state} role="status">
      <span className="save-status__icon" aria-hidden="true">
        {ICONS[state]}
      </span>
      {t(`saveState.${state}`)}
    </p>
  );
}

const ICONS: Record<SaveState, string> = { saving: '…', saved: '✓', pending: '⇡', synced: '✓✓', error: '!' };
