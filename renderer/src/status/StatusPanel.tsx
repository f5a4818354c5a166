import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canTransition, nextStatuses, type Status } from '#shared/status/status';
import { saveErrorKey } from '../components/error-messages';
import { VietnameseTerm } from '../components/VietnameseTerm';
import { StorageFullError } from '../db/storage-errors';
import type { StatusRepository } from '../repo/status-repository';
import type { ShownStatus } from './shown-status';

/**
 * The dossier's next steps as buttons (only the edges the domain allows), and the choice a person makes
 * when another computer changed the status first. A change made offline is queued and sent later.
 */
export function StatusPanel({
  draftId,
  shown,
  statuses,
}: {
  draftId: string;
  shown: ShownStatus;
  statuses: StatusRepository;
}) {
  const { t } = useTranslation();
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const guard = (job: Promise<void>) =>
    void job.then(
      () => setErrorKey(null),
      (e: unknown) => setErrorKey(saveErrorKey(e instanceof StorageFullError ? 'STORAGE_FULL' : 'UNKNOWN')),
    );
  const name = (s: Status) => t(`status.names.${s}`);
  const { ask } = shown;

  return (
    <section className="status-panel" aria-labelledby={`status-title-${draftId}`}>
      <h2 id={`status-title-${draftId}`} className="status-panel__title">
        {t('status.actionsTitle')}
      </h2>
      {ask?.server ? (
        <div className="banner banner--warning status-ask" role="alert" data-testid="status-ask">
          <p className="status-ask__title">{t('status.ask.title')}</p>
          <p>{t('status.ask.explain', { mine: name(ask.next), server: name(ask.server) })}</p>
          <div className="status-ask__choices">
            <button
              type="button"
              className="button"
              data-testid="status-keep-server"
              onClick={() => guard(statuses.choose(ask, 'keep-server'))}
            >
              {t('status.ask.keepServer', { server: name(ask.server) })}
            </button>
            {canTransition(ask.server, ask.next) ? (
              <button
                type="button"
                className="button button--secondary"
                data-testid="status-apply-mine"
                onClick={() => guard(statuses.choose(ask, 'apply-mine'))}
              >
                {t('status.ask.applyMine', { mine: name(ask.next) })}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      <div className="status-panel__actions">
        {nextStatuses(shown.status).map((next) => (
          <button
            key={next}
            type="button"
            className="button button--secondary"
            data-testid={`status-${next}`}
            disabled={ask !== null}
            onClick={() => guard(statuses.request(draftId, shown.status, next))}
          >
            {t(`status.actions.${next}`)}
            <VietnameseTerm i18nKey={`status.actions.${next}`} />
          </button>
        ))}
      </div>
      {errorKey ? (
        <p className="field__error" role="alert">
          {t(errorKey)}
        </p>
      ) : null}
    </section>
  );
}
