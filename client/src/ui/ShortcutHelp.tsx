import { Fragment, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { actionsWithKeys, type KeyBinding } from '../editor/actions';
import { useActionText, useEditor, useValue } from '../editor/react';

/** How a binding reads in the list: its name (Delete, Esc) or the key itself, with Ctrl and Shift. */
function useKeyWords(): (binding: KeyBinding) => string {
  const text = useActionText();
  return (binding) => {
    const key = binding.labelKey ? text(binding.labelKey) : binding.key.length === 1 ? binding.key.toUpperCase() : binding.key;
    return [binding.mod ? text('canvas:keys.mod') : '', binding.alt ? text('canvas:keys.alt') : '', binding.shift ? text('canvas:keys.shift') : '', key]
      .filter(Boolean)
      .join('+');
  };
}

/** The keyboard shortcuts, listed from the action registry (opened with `?`). */
export function ShortcutHelp() {
  const { t } = useTranslation('canvas');
  const editor = useEditor();
  const open = useValue(editor.shortcutsOpen);
  const text = useActionText();
  const words = useKeyWords();
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    if (!open) return;
    // The focus goes back where it was (the canvas, mostly) when the list closes.
    returnTo.current = document.activeElement;
    closeRef.current?.focus();
    return () => {
      const back = returnTo.current;
      if (back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
    };
  }, [open]);
  if (!open) return null;
  const close = () => editor.shortcutsOpen.set(false);
  return (
    <div className="sheet-backdrop" onClick={close}>
      <div
        className="shortcut-help sheet"
        role="dialog"
        aria-modal="true"
        aria-label={t('shortcuts.title')}
        data-testid="shortcut-help"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          // Handled here: the page's Escape (which clears the selection) leaves it alone.
          if (event.key === 'Escape') {
            event.preventDefault();
            close();
          }
        }}
      >
        <h2>{t('shortcuts.title')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.action')}</th>
              <th scope="col">{t('shortcuts.keys')}</th>
            </tr>
          </thead>
          <tbody>
            {actionsWithKeys().map((action) => (
              <tr key={action.id} data-testid="shortcut" data-action={action.id}>
                <td>{text(action.labelKey)}</td>
                <td>
                  {[...new Set(action.keys?.map(words))].map((key, i) => (
                    <Fragment key={key}>
                      {i > 0 && ` ${t('shortcuts.or')} `}
                      <kbd>{key}</kbd>
                    </Fragment>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button ref={closeRef} type="button" className="button secondary" onClick={close}>
            {t('shortcuts.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
