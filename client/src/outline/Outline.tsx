import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Identity } from '../types';
import { OutlineCard } from './OutlineCard';
import { useOutlineData } from './useOutlineData';
import './outline.css';

export interface OutlineProps {
  doc: Y.Doc;
  identity: Identity;
  readOnly: boolean;
  selection: ReadonlySet<string>;
  /** `additive`: shift/ctrl/cmd-click adds to or removes from the selection. */
  onSelectCard(id: string, additive: boolean): void;
  /** Phones: your own cards get an Edit button that opens the card form. */
  onEditCard?(id: string): void;
}

const COLLAPSED_KEY = 'benchlearn:outline-collapsed';

function initiallyCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

/** Arrow keys move between the outline's entries; Tab still leaves the panel as usual. */
function moveFocus(event: KeyboardEvent<HTMLElement>): void {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-outline-nav]')];
  const current = items.indexOf(document.activeElement as HTMLElement);
  if (current === -1) return;
  const next =
    event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : current + (event.key === 'ArrowDown' ? 1 : -1);
  const target = items[Math.max(0, Math.min(items.length - 1, next))];
  if (!target) return;
  event.preventDefault();
  target.focus();
}

/** Every card and link as real DOM: the board for keyboards, screen readers and tests. */
export function Outline({ doc, identity, readOnly, selection, onSelectCard, onEditCard }: OutlineProps) {
  const { t } = useTranslation();
  const model = useOutlineData(doc);
  const [collapsed, setCollapsed] = useState(initiallyCollapsed);
  const bodyId = useId();
  const body = useRef<HTMLDivElement>(null);

  const toggle = () => {
    setCollapsed((was) => {
      try {
        window.localStorage.setItem(COLLAPSED_KEY, was ? '0' : '1');
      } catch {
        // Not remembered; the panel still toggles.
      }
      return !was;
    });
  };

  // A card selected on the canvas scrolls into view here, so the outline follows the board.
  useEffect(() => {
    const last = [...selection].pop();
    if (!last || !body.current) return;
    const entry = body.current.querySelector(`[data-testid=outline-card][data-card-id="${CSS.escape(last)}"]`);
    if (entry && !entry.contains(document.activeElement)) entry.scrollIntoView({ block: 'nearest' });
  }, [selection]);

  const total = model.groups.reduce((sum, group) => sum + group.cards.length, 0);
  return (
    <aside className={`outline${collapsed ? ' is-collapsed' : ''}`} data-testid="outline" aria-label={t('outline.title')} id="outline">
      <div className="outline-header">
        <h2 className="outline-title">
          {t('outline.title')} <span className="outline-count">{total}</span>
        </h2>
        <button
          type="button"
          className="icon-button outline-toggle"
          aria-expanded={!collapsed}
          aria-controls={bodyId}
          title={collapsed ? t('outline.show') : t('outline.hide')}
          onClick={toggle}
        >
          <span aria-hidden="true">{collapsed ? '‹' : '›'}</span>
          <span className="visually-hidden">{collapsed ? t('outline.show') : t('outline.hide')}</span>
        </button>
      </div>
      <div className="outline-body" id={bodyId} ref={body} hidden={collapsed} onKeyDown={moveFocus}>
        {total === 0 && <p className="outline-empty">{t('outline.empty')}</p>}
        {model.groups
          .filter((group) => group.cards.length > 0)
          .map((group) => (
            <section key={group.kind} className="outline-group" aria-labelledby={`${bodyId}-${group.kind}`}>
              <h3 className={`outline-group-title kind-${group.kind}`} id={`${bodyId}-${group.kind}`}>
                {t(`outline.groups.${group.kind}`)} <span className="outline-count">{group.cards.length}</span>
              </h3>
              <ul className="outline-list">
                {group.cards.map((card) => {
                  const linked = model.lessonsByCard.get(card.id);
                  return (
                    <OutlineCard
                      key={card.id}
                      doc={doc}
                      identity={identity}
                      card={card}
                      readOnly={readOnly}
                      selected={selection.has(card.id)}
                      links={model.linksByLesson.get(card.id) ?? []}
                      cardsById={model.cardsById}
                      linkableLessons={linked ? model.lessons.filter((lesson) => !linked.has(lesson.id)) : model.lessons}
                      linkedLessonCount={linked?.size ?? 0}
                      onSelect={onSelectCard}
                      {...(onEditCard && !readOnly && card.authorId === identity.id ? { onEdit: onEditCard } : {})}
                    />
                  );
                })}
              </ul>
            </section>
          ))}
      </div>
    </aside>
  );
}
