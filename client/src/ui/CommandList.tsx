import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import * as Dialog from '@radix-ui/react-dialog';
import './commandList.css';

/** One thing to choose in a CommandList. */
export interface CommandItem {
  id: string;
  /** What it is called, and what typing filters on. */
  label: string;
  /** Shown before the label (a kind's mark), not filtered on. */
  icon?: ReactNode;
  /** Read and shown after the label ("linked: Enter takes the link back"). */
  note?: string;
}

export interface CommandListProps {
  title: string;
  testId: string;
  items: readonly CommandItem[];
  /** Said when the board offers nothing to choose. */
  empty: string;
  onChoose(id: string): void;
  /** Escape, a press outside or a choice: the list goes (the opener puts the focus back). */
  onClose(): void;
  /** Puts the focus where it belongs once the list is gone (the canvas); false: back where it was. */
  returnFocus(): boolean;
}

/** Whether every word typed occurs in `label`, in any order and case. */
export function matchesQuery(label: string, query: string): boolean {
  const text = label.toLocaleLowerCase();
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
}

/**
 * A small modal list to choose one thing from, by keyboard or a single tap: a filter field (a
 * combobox) over a listbox; typing filters, the arrows move, Enter takes the active one, Escape
 * closes. On Radix Dialog like the other modal forms: Tab stays inside, the focus goes back.
 */
export function CommandList({ title, testId, items, empty, onChoose, onClose, returnFocus }: CommandListProps) {
  const { t } = useTranslation('canvas');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = items.filter((item) => matchesQuery(item.label, query));
  const at = Math.min(active, shown.length - 1);
  const choose = (id: string) => {
    onChoose(id);
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = { ArrowDown: 1, ArrowUp: -1, Home: -shown.length, End: shown.length }[event.key];
    if (step !== undefined && shown.length > 0) {
      event.preventDefault();
      setActive(Math.max(0, Math.min(shown.length - 1, at + step)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = shown[at];
      if (item) choose(item.id);
    }
  };
  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Overlay className="sheet-backdrop command-backdrop">
        <Dialog.Content
          className="sheet command-list"
          data-testid={testId}
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            if (returnFocus()) event.preventDefault();
          }}
        >
          <Dialog.Title className="command-title">{title}</Dialog.Title>
          <p className="command-hint" id={`${listId}-hint`}>
            {t('commands.filterHint')}
          </p>
          <input
            className="command-filter"
            data-testid="command-filter"
            role="combobox"
            aria-label={t('commands.filter')}
            aria-describedby={`${listId}-hint`}
            aria-expanded
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={at >= 0 ? optionId(at) : undefined}
            autoComplete="off"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <Options id={listId} label={title} items={shown} active={at} optionId={optionId} onChoose={choose} />
          {shown.length === 0 ? (
            <p className="command-empty" role="status">
              {items.length === 0 ? empty : t('commands.noMatch')}
            </p>
          ) : null}
          <div className="actions">
            <Dialog.Close className="button secondary">{t('commands.close')}</Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Overlay>
    </Dialog.Root>
  );
}

interface OptionsProps {
  id: string;
  label: string;
  items: readonly CommandItem[];
  active: number;
  optionId(index: number): string;
  onChoose(id: string): void;
}

/** The listbox: the active option is the filter field's aria-activedescendant. */
function Options({ id, label, items, active, optionId, onChoose }: OptionsProps) {
  return (
    <ul className="command-options" id={id} role="listbox" aria-label={label}>
      {items.map((item, index) => (
        <li
          key={item.id}
          id={optionId(index)}
          role="option"
          className={index === active ? 'command-option is-active' : 'command-option'}
          data-testid="command-option"
          data-id={item.id}
          aria-selected={index === active}
          // A tap or click takes it; the filter field keeps the focus meanwhile.
          onPointerDown={(event) => event.preventDefault()}
          onClick={() => onChoose(item.id)}
        >
          {item.icon}
          <span className="command-label">{item.label}</span>
          {item.note ? <span className="command-note">{item.note}</span> : null}
        </li>
      ))}
    </ul>
  );
}
