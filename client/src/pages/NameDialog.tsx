import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../editor/types';
import { IDENTITY_COLORS, MAX_NAME_LENGTH, cleanName, randomIdentityColor } from '../platform/identity';

export interface NameDialogProps {
  /** The identity being edited; null asks for the first time (then it cannot be dismissed). */
  identity: Identity | null;
  onSave(input: { name: string; color: string }): void;
  onCancel(): void;
}

/** Asks for a name and colour: once per browser, and again when you click your own avatar. */
export function NameDialog({ identity, onSave, onCancel }: NameDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(identity?.name ?? '');
  const [color, setColor] = useState(identity?.color ?? randomIdentityColor());
  const [error, setError] = useState(false);
  const first = identity === null;

  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      focusAfter(opener);
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!cleanName(name)) {
      setError(true);
      return;
    }
    onSave({ name, color });
  };

  return (
    <dialog
      ref={dialog}
      className="dialog name-dialog"
      data-testid="name-dialog"
      aria-labelledby="name-dialog-title"
      onCancel={(event) => {
        // Esc: a first-time visitor still needs a name; an edit is simply abandoned.
        event.preventDefault();
        if (!first) onCancel();
      }}
    >
      <form onSubmit={submit} className="stack">
        <h2 id="name-dialog-title">{first ? t('identity.askTitle') : t('identity.editTitle')}</h2>
        <p className="muted">{t('identity.intro')}</p>
        <label className="field">
          <span>{t('identity.name')}</span>
          <input
            name="name"
            autoFocus
            autoComplete="nickname"
            maxLength={MAX_NAME_LENGTH}
            placeholder={t('identity.namePlaceholder')}
            value={name}
            aria-invalid={error}
            aria-describedby={error ? 'name-dialog-error' : undefined}
            onChange={(event) => {
              setName(event.target.value);
              setError(false);
            }}
          />
        </label>
        {error && (
          <p className="form-error" id="name-dialog-error" role="alert">
            {t('identity.nameRequired')}
          </p>
        )}
        <ColorField color={color} onChange={setColor} />
        <div className="actions">
          {!first && (
            <button type="button" className="button secondary" onClick={onCancel}>
              {t('identity.cancel')}
            </button>
          )}
          <button type="submit" className="button primary" data-testid="name-dialog-save">
            {first ? t('identity.start') : t('identity.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * Where the focus goes once the dialog is gone: back to what opened it (your avatar); asked
 * first, to the page's work (its main content's first field, or the board's canvas, which takes
 * it itself once mounted), never the top of the page.
 */
function focusAfter(opener: Element | null): void {
  if (opener instanceof HTMLElement && opener !== document.body && opener.isConnected) {
    opener.focus();
    return;
  }
  document.querySelector('main')?.querySelector<HTMLElement>('[role=application], input:not([type=hidden]), select, textarea')?.focus();
}

/** The avatar colour: the palette, with a colour from elsewhere (an older version) kept first. */
function ColorField({ color, onChange }: { color: string; onChange(color: string): void }) {
  const { t } = useTranslation();
  const colors: readonly string[] = IDENTITY_COLORS.includes(color as (typeof IDENTITY_COLORS)[number]) ? IDENTITY_COLORS : [color, ...IDENTITY_COLORS];
  return (
    <fieldset className="field color-field">
      <legend>{t('identity.color')}</legend>
      <div className="swatches">
        {colors.map((option, index) => (
          <label key={option} className="swatch" style={{ ['--swatch' as string]: option }}>
            <input type="radio" name="color" value={option} checked={option === color} onChange={() => onChange(option)} />
            <span className="visually-hidden">{t('identity.colorOption', { index: index + 1 })}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
