import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TITLE_LENGTH } from '@benchlearn/shared';
import { currentLanguage } from '../i18n';
import { createNetwork, networkLink } from '../platform/library';
import { navigate } from '../platform/router';
import { useErrorText } from '../library/useErrorText';

/** The start page's "Start a network": POST /api/networks, then on to its page as coordinator. */
export function CreateNetworkForm() {
  const { t } = useTranslation('library');
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || !name.trim()) return;
    setBusy(true);
    createNetwork({ name: name.trim(), locale: currentLanguage() }).then(
      (network) => navigate(networkLink(window.location.origin, network.id, network.tokens.coordinator)),
      (caught: unknown) => {
        setError(caught);
        setBusy(false);
      },
    );
  };
  return (
    <form className="card stack" onSubmit={submit} data-testid="create-network-form">
      <h2>{t('network.createTitle')}</h2>
      <p className="muted">{t('network.createIntro')}</p>
      <label className="field">
        <span>{t('network.name')}</span>
        <input required maxLength={MAX_TITLE_LENGTH} value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      {error !== null ? (
        <p className="form-error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('network.createSubmit')}
        </button>
      </div>
    </form>
  );
}
