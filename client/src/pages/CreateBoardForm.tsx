import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, MAX_ORGANISATIONS, MAX_TITLE_LENGTH, TEMPLATES, cleanOrganisations, type Locale, type Template } from '@benchlearn/shared';
import { currentLanguage } from '../i18n';
import { openNewBoard } from '../platform/openNewBoard';
import { ApiError, apiErrorMessageKey, createBoard, isLocale, isTemplate } from '../platform/api';

/** Title, template, language: POST /api/boards, then on to the board as its facilitator. */
export function CreateBoardForm() {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<Template>('benchlearning');
  const [locale, setLocale] = useState<Locale>(currentLanguage);
  const [organisations, setOrganisations] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // One name per line (commas work too): people paste lists either way.
    const orgs = cleanOrganisations(organisations.split(/[\n,]/));
    setBusy(true);
    setError(null);
    try {
      const board = await createBoard({ title: title.trim(), template, locale, ...(template === 'by-organisation' ? { organisations: orgs } : {}) });
      openNewBoard(board);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="card create-board stack" data-testid="create-board-form" onSubmit={(event) => void submit(event)}>
      <h2>{t('start.createTitle')}</h2>
      <label className="field">
        <span>{t('start.title')}</span>
        <input
          name="title"
          required
          maxLength={MAX_TITLE_LENGTH}
          placeholder={t('start.titlePlaceholder')}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('start.template')}</span>
          <select name="template" value={template} onChange={(event) => isTemplate(event.target.value) && setTemplate(event.target.value)}>
            {TEMPLATES.map((option) => (
              <option key={option} value={option}>
                {t(`start.templates.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('start.locale')}</span>
          <select name="locale" value={locale} onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}>
            {LOCALES.map((option) => (
              <option key={option} value={option}>
                {t(`start.locales.${option}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {template === 'by-organisation' && <OrganisationsField value={organisations} onChange={setOrganisations} />}
      {error !== null && (
        <p className="form-error" role="alert" data-testid="create-board-error">
          {t('start.createFailed')} {t(apiErrorMessageKey(error), { message: error instanceof ApiError ? (error.serverMessage ?? '') : '' })}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('start.creating') : t('start.create')}
        </button>
      </div>
    </form>
  );
}

/** The by-organisation template's list of organisations, one a line. */
function OrganisationsField({ value, onChange }: { value: string; onChange(value: string): void }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{t('start.organisations')}</span>
      <textarea name="organisations" rows={4} required value={value} aria-describedby="organisations-hint" onChange={(event) => onChange(event.target.value)} />
      <small id="organisations-hint" className="muted">
        {t('start.organisationsHint', { max: MAX_ORGANISATIONS })}
      </small>
    </label>
  );
}
