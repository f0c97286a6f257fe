import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Card } from '@benchlearn/shared';
import type { Identity } from '../types';
import type { CardVotes } from '../session/view';
import { arrangeGroups } from './model';
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
  /** The workshop session: dots, the finder's matches, anonymity, own cards. */
  session?: OutlineSession;
  /** Shown above the cards (the finder). */
  header?: ReactNode;
}

export interface OutlineSession {
  anonymous: boolean;
  /** This person's view of the dots per card. */
  votes: ReadonlyMap<string, CardVotes>;
  /** Revealed: most votes first. */
  sortByVotes: boolean;
  /** Whether this person may give dots to a card of this kind now. */
  canVote(card: Card): boolean;
  onVote(cardId: string, delta: 1 | -1): void;
  /** Cards the finder picked (null: none filtered) and the text searched, to mark. */
  matches: ReadonlySet<string> | null;
  query: string;
  isOwn(card: Card): boolean;
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
export function Outline({ doc, identity, readOnly, selection, onSelectCard, onEditCard, session, header }: OutlineProps) {
  const { t } = useTranslation();
  const model = useOutlineData(doc);
  const votes = session?.votes;
  const groups = session
    ? arrangeGroups(model.groups, session.matches, session.sortByVotes ? (id) => votes?.get(id)?.total ?? 0 : null)
    : model.groups;
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

  const total = groups.reduce((sum, group) => sum + group.cards.length, 0);
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
      {header && !collapsed ? <div className="outline-find">{header}</div> : null}
      <div className="outline-body" id={bodyId} ref={body} hidden={collapsed} onKeyDown={moveFocus}>
        {total === 0 && !session?.matches && <p className="outline-empty">{t('outline.empty')}</p>}
        {groups
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
                      {...(onEditCard && !readOnly && (session ? session.isOwn(card) : card.authorId === identity.id) ? { onEdit: onEditCard } : {})}
                      {...(session
                        ? {
                            session: {
                              anonymous: session.anonymous,
                              votes: votes?.get(card.id) ?? null,
                              onVote: session.canVote(card) && !readOnly ? session.onVote : null,
                              query: session.matches ? session.query : '',
                            },
                          }
                        : {})}
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
