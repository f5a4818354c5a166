import { useTranslation } from 'react-i18next';
import { useServices, useStore } from '../app/services-context';

export function NetworkStatus() {
  const { t } = useTranslation();
  const { online } = useStore(useServices().network);
  const state = online ? 'online' : 'offline';
  return (
    <p className={`badge badge--${state}`} data-testid="network-status" data-state={state} role="status">
      <span className="badge__dot" aria-hidden="true" />
      {t(`network.${state}`)}
    </p>
  );
}
