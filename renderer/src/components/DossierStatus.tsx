import { useTranslation } from 'react-i18next';
import type { ShownStatus } from '../status/shown-status';
import { VietnameseTerm } from './VietnameseTerm';

/** The dossier's status with its Vietnamese name beside a translation; "not yet confirmed" while queued here. */
export function DossierStatus({ shown }: { shown: ShownStatus }) {
  const { t } = useTranslation();
  const key = `status.names.${shown.status}`;
  return (
    <span
      className={`dossier-status dossier-status--${shown.status}`}
      data-testid="draft-status"
      data-status={shown.status}
      data-unconfirmed={shown.unconfirmed ? 'true' : undefined}
    >
      <span className="visually-hidden">{t('status.label')}: </span>
      {t(key)}
      <VietnameseTerm i18nKey={key} />
      {shown.unconfirmed ? <span className="dossier-status__note"> ({t('status.unconfirmed')})</span> : null}
    </span>
  );
}
