import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../sync/connectionState';

/** connected / connecting / offline, in words and as `data-status` (docs/testing-hooks.md). */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  const words =
    state.finalCode !== null
      ? t('status.stopped')
      : state.status === 'connected'
        ? t('status.connected')
        : state.status === 'connecting'
          ? state.reconnecting
            ? t('status.reconnecting')
            : t('status.connecting')
          : t('status.offlineShort');
  return (
    <div
      className={`connection-status status-${state.status}`}
      data-testid="connection-status"
      data-status={state.status}
      role="status"
      title={state.status === 'offline' && state.finalCode === null ? t('status.offline') : words}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="status-words">{words}</span>
      {state.status === 'offline' && state.finalCode === null && <span className="visually-hidden">{t('status.offline')}</span>}
    </div>
  );
}
