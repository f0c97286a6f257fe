import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Card } from '@benchlearn/shared';
import { useEditor, useSelection } from '../editor/react';
import type { Identity } from '../editor/types';
import type { OutlineSession } from '../editor/types';
import { arrangeGroups } from './model';
import { OutlineCard } from './OutlineCard';
import { useOutlineData } from './useOutlineData';
import { DEFAULT_ROW_HEIGHT, scrollTopFor, WINDOW_MIN_CARDS, windowRange } from './window';
import './outline.css';

export interface OutlineProps {
  identity: Identity;
  readOnly: boolean;
  /** `additive`: shift/ctrl/cmd-click adds to or removes from the selection. */
  onSelectCard(id: string, additive: boolean): void;
  /** Phones: every card gets an Edit button that opens the card form (editors edit any card, as on a laptop). */
  onEditCard?(id: string): void;
  /** The workshop session: dots, the finder's matches, anonymity, own cards. */
  session?: OutlineSession;
  /** Shown above the cards (the finder). */
  header?: ReactNode;
}

const COLLAPSED_KEY = 'benchlearn:outline-collapsed';

function initiallyCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Arrow keys move between the outline's entries; Tab still leaves the panel as usual. In a
 * windowed outline Home and End first scroll to the top or bottom, so the first or last row
 * exists, then focus it in the next frame.
 */
function moveFocus(event: KeyboardEvent<HTMLElement>, windowed: boolean): void {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const container = event.currentTarget;
  const entries = () => [...container.querySelectorAll<HTMLElement>('[data-outline-nav]')];
  const items = entries();
  const current = items.indexOf(document.activeElement as HTMLElement);
  if (current === -1) return;
  if (windowed && (event.key === 'Home' || event.key === 'End')) {
    event.preventDefault();
    const toEnd = event.key === 'End';
    container.scrollTop = toEnd ? container.scrollHeight : 0;
    // The scroll is read in a frame and the rows there rendered after it: wait (ten frames at
    // most) until the list's own first or last row is there.
    let frames = 0;
    const focusWhenRendered = () => {
      const rows = [...container.querySelectorAll<HTMLElement>('[data-testid=outline-card]')];
      const row = toEnd ? rows[rows.length - 1] : rows[0];
      const there = row && (toEnd ? row.getAttribute('aria-posinset') === row.getAttribute('aria-setsize') : row.getAttribute('aria-posinset') === '1');
      if (!there && ++frames < 10) {
        requestAnimationFrame(focusWhenRendered);
        return;
      }
      const now = entries();
      (toEnd ? now[now.length - 1] : now[0])?.focus();
    };
    requestAnimationFrame(focusWhenRendered);
    return;
  }
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : current + (event.key === 'ArrowDown' ? 1 : -1);
  const target = items[Math.max(0, Math.min(items.length - 1, next))];
  if (!target) return;
  event.preventDefault();
  target.focus();
}

interface ScrollState {
  top: number;
  height: number;
}

/** Per kind: the list element and its row height, for bringing a windowed row into view. */
type ListRegistry = Map<string, { el: HTMLUListElement; rowHeight: number; ids: readonly string[] }>;

/**
 * The scrolled position of the outline's body, followed only while windowing (a frame at most
 * behind the scroll).
 */
function useScrollState(body: RefObject<HTMLDivElement | null>, active: boolean): ScrollState {
  const [state, setState] = useState<ScrollState>({ top: 0, height: 0 });
  useEffect(() => {
    const el = body.current;
    if (!active || !el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setState((prev) => (prev.top === el.scrollTop && prev.height === el.clientHeight ? prev : { top: el.scrollTop, height: el.clientHeight }));
    };
    const onScroll = () => {
      if (frame === 0) frame = requestAnimationFrame(read);
    };
    read();
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [body, active]);
  return state;
}

/**
 * One group's cards. Windowed (a big board): only the rows near the view are rendered, the
 * others stand as the list's padding at the measured row height; each row tells its place in
 * the whole list (aria-posinset/setsize), so assistive technology still hears the full count.
 */
function CardList({
  kind,
  cards,
  windowed,
  scroll,
  registry,
  renderCard,
}: {
  kind: string;
  cards: readonly Card[];
  windowed: boolean;
  scroll: ScrollState;
  registry: ListRegistry;
  renderCard(card: Card, position: { index: number; size: number } | null): ReactNode;
}) {
  const ref = useRef<HTMLUListElement>(null);
  const [rowHeight, setRowHeight] = useState(DEFAULT_ROW_HEIGHT);
  const [listTop, setListTop] = useState(0);
  const { start, end } = windowed
    ? windowRange({ count: cards.length, rowHeight, listTop, scrollTop: scroll.top, viewportHeight: scroll.height || 800 })
    : { start: 0, end: cards.length };
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    registry.set(kind, { el, rowHeight, ids: cards.map((card) => card.id) });
    if (!windowed) return;
    // Where the list starts moves when the groups above it grow or shrink.
    if (el.offsetTop !== listTop) setListTop(el.offsetTop);
    if (end <= start) return;
    // The rendered rows' mean height becomes the estimate of the others (a lesson with links is taller).
    const first = el.firstElementChild as HTMLElement | null;
    const last = el.lastElementChild as HTMLElement | null;
    if (!first || !last) return;
    const measured = (last.offsetTop + last.offsetHeight - first.offsetTop) / (end - start);
    if (Math.abs(measured - rowHeight) > 4) setRowHeight(measured);
    // The scroll position is a dependency too: a list above re-measuring moves this one.
  }, [registry, kind, rowHeight, cards, windowed, listTop, start, end, scroll]);
  useEffect(() => () => void registry.delete(kind), [registry, kind]);
  const visible = cards.slice(start, end);
  return (
    <ul ref={ref} className="outline-list" style={windowed ? { paddingTop: start * rowHeight, paddingBottom: (cards.length - end) * rowHeight } : undefined}>
      {visible.map((card, i) => renderCard(card, windowed ? { index: start + i + 1, size: cards.length } : null))}
    </ul>
  );
}

/** Whether the outline is collapsed, remembered in this browser, and the toggle. */
function useCollapsed(): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(initiallyCollapsed);
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
  return [collapsed, toggle];
}

/** A card selected on the canvas scrolls into view here, so the outline follows the board. */
function useFollowSelection(selection: ReadonlySet<string>, body: RefObject<HTMLDivElement | null>, registry: ListRegistry): void {
  useEffect(() => {
    const last = [...selection].pop();
    if (!last || !body.current) return;
    const entry = body.current.querySelector(`[data-testid=outline-card][data-card-id="${CSS.escape(last)}"]`);
    if (entry) {
      if (!entry.contains(document.activeElement)) entry.scrollIntoView({ block: 'nearest' });
      return;
    }
    // Windowed and not rendered: scroll to where its row stands; the window then renders it.
    for (const list of registry.values()) {
      const index = list.ids.indexOf(last);
      if (index >= 0) body.current.scrollTop = scrollTopFor(index, list.rowHeight, list.el.offsetTop, body.current.clientHeight);
    }
  }, [selection, body, registry]);
}

/** The outline's title with its count, and the button that collapses it. */
function OutlineHeader({ total, collapsed, bodyId, onToggle }: { total: number; collapsed: boolean; bodyId: string; onToggle(): void }) {
  const { t } = useTranslation();
  return (
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
        onClick={onToggle}
      >
        <span aria-hidden="true">{collapsed ? '‹' : '›'}</span>
        <span className="visually-hidden">{collapsed ? t('outline.show') : t('outline.hide')}</span>
      </button>
    </div>
  );
}

/** Every card and link as real DOM (windowed on a big board): the board for keyboards, screen readers and tests. */
export function Outline({ identity, readOnly, onSelectCard, onEditCard, session, header }: OutlineProps) {
  const editor = useEditor();
  const selection = useSelection();
  const { t } = useTranslation();
  const model = useOutlineData();
  const votes = session?.votes;
  const groups = session ? arrangeGroups(model.groups, session.matches, session.sortByVotes ? (id) => votes?.get(id)?.total ?? 0 : null) : model.groups;
  const [collapsed, toggle] = useCollapsed();
  const bodyId = useId();
  const body = useRef<HTMLDivElement>(null);
  const total = groups.reduce((sum, group) => sum + group.cards.length, 0);
  const windowed = total > WINDOW_MIN_CARDS && !collapsed;
  const scroll = useScrollState(body, windowed);
  const [registry] = useState<ListRegistry>(() => new Map());
  useFollowSelection(selection, body, registry);

  return (
    <aside className={`outline${collapsed ? ' is-collapsed' : ''}`} data-testid="outline" aria-label={t('outline.title')} id="outline">
      <OutlineHeader total={total} collapsed={collapsed} bodyId={bodyId} onToggle={toggle} />
      {header && !collapsed ? <div className="outline-find">{header}</div> : null}
      <div className="outline-body" id={bodyId} ref={body} hidden={collapsed} onKeyDown={(event) => moveFocus(event, windowed)}>
        {total === 0 && !session?.matches && <p className="outline-empty">{t('outline.empty')}</p>}
        {groups
          .filter((group) => group.cards.length > 0)
          .map((group) => (
            <section key={group.kind} className="outline-group" aria-labelledby={`${bodyId}-${group.kind}`}>
              <h3 className={`outline-group-title kind-${group.kind}`} id={`${bodyId}-${group.kind}`}>
                {t(`outline.groups.${group.kind}`)} <span className="outline-count">{group.cards.length}</span>
              </h3>
              <CardList
                kind={group.kind}
                cards={group.cards}
                windowed={windowed}
                scroll={scroll}
                registry={registry}
                renderCard={(card, position) => {
                  const linked = model.lessonsByCard.get(card.id);
                  return (
                    <OutlineCard
                      key={card.id}
                      position={position}
                      board={editor.board}
                      identity={identity}
                      card={card}
                      readOnly={readOnly}
                      selected={selection.has(card.id)}
                      links={model.linksByLesson.get(card.id) ?? []}
                      cardsById={model.cardsById}
                      linkableLessons={linked ? model.lessons.filter((lesson) => !linked.has(lesson.id)) : model.lessons}
                      linkedLessonCount={linked?.size ?? 0}
                      onSelect={onSelectCard}
                      {...(onEditCard && !readOnly ? { onEdit: onEditCard } : {})}
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
                }}
              />
            </section>
          ))}
      </div>
    </aside>
  );
}
