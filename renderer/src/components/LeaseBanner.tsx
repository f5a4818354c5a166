import { useTranslation } from 'react-i18next';
import { useServices, useStore } from '../app/services-context';

/** "Being edited on the other PC (PC 2)": information only, never a lock. */
export function LeaseBanner({ draftId, detailed = false }: { draftId: string; detailed?: boolean }) {
  const { t } = useTranslation();
  const { others } = useStore(useServices().leases.state);
  const holder = others[draftId];
  if (!holder) return null;
  return (
    <p className="lease-banner" data-testid="lease-banner" data-device-id={holder.deviceId} role="status">
      {t('lease.editing', { label: holder.label ?? t('lease.otherComputer') })}
      {detailed ? <span className="lease-banner__note">{t('lease.note')}</span> : null}
    </p>
  );
}
