import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_KINDS, MAX_CARD_TEXT, type CardKind } from '@benchlearn/shared';
import { SheetForm } from '../ui/SheetForm';

export interface CardFormProps {
  /** Editing an existing card (its kind and text), or adding a new one. */
  initial?: { kind: CardKind; text: string; org?: string };
  onSave(kind: CardKind, text: string, org: string): void;
  onCancel(): void;
  /** Kinds that may be added now (an agenda phase); an edited card keeps its own kind too. */
  kinds?: readonly CardKind[];
  /** The organisation a new card starts with (the one this person used last). */
  defaultOrg?: string;
}

/** Add or edit a card with a plain form: how phones write (no double-click, no tiny targets). */
export function CardForm({ initial, onSave, onCancel, kinds = CARD_KINDS, defaultOrg = '' }: CardFormProps) {
  const { t } = useTranslation();
  const { t: ts } = useTranslation('session');
  const offered = CARD_KINDS.filter((option) => kinds.includes(option) || option === initial?.kind);
  const [kind, setKind] = useState<CardKind | undefined>(initial?.kind ?? offered[0]);
  const [text, setText] = useState(initial?.text ?? '');
  const [org, setOrg] = useState(initial ? (initial.org ?? '') : defaultOrg);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (kind) onSave(kind, text, org);
  };
  return (
    <SheetForm className="card-form" testId="card-form" title={initial ? t('phone.editTitle') : t('phone.addTitle')} onSubmit={submit} onClose={onCancel}>
      <fieldset className="kind-choice">
        <legend>{t('phone.kind')}</legend>
        {offered.length === 0 ? <p className="session-help">{ts('agenda.noAdding')}</p> : null}
        {offered.map((option) => (
          <label key={option} className={`kind-option kind-${option}`}>
            <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} />
            <span>{t(`outline.kinds.${option}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('phone.text')}</span>
        <textarea name="text" rows={4} maxLength={MAX_CARD_TEXT} value={text} autoFocus onChange={(event) => setText(event.target.value)} />
      </label>
      <label className="field">
        <span>{ts('org.label')}</span>
        <input name="org" maxLength={200} placeholder={ts('org.placeholder')} value={org} onChange={(event) => setOrg(event.target.value)} />
      </label>
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('identity.cancel')}
        </button>
        <button type="submit" className="button primary" data-testid="card-form-save" disabled={!kind}>
          {initial ? t('identity.save') : t('phone.add')}
        </button>
      </div>
    </SheetForm>
  );
}
