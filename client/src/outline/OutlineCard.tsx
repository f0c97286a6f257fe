import { useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { linkCards, unlink, type Card, type CardSource, type Link, type BoardDocs } from '@benchlearn/shared';
import type { Identity } from '../editor/types';
import { markMatches } from './marks';
import type { CardVotes } from '../editor/types';
import { useEditor } from '../editor/react';
import { canLinkFrom, shortText } from './model';
import { KindIconSvg } from '../ui/KindIcon';
import { KIND_COLORS } from '../ui/kinds';

export interface OutlineCardProps {
  board: BoardDocs;
  identity: Identity;
  card: Card;
  readOnly: boolean;
  selected: boolean;
  /** Drawn links into this card (lessons only). */
  links: readonly Link[];
  cardsById: ReadonlyMap<string, Card>;
  /** Lessons this card may still be linked to (success, problem, note only). */
  linkableLessons: readonly Card[];
  /** How many lessons this card already links to. */
  linkedLessonCount: number;
  onSelect(id: string, additive: boolean): void;
  /** Shown on phones to whoever may edit: edit the card with a form. */
  onEdit?(id: string): void;
  /** Windowed lists: the row's place (1-based) in the whole list and the list's length. */
  position?: { index: number; size: number } | null;
  /** The workshop session for this card: anonymity, its dots, voting, the text searched. */
  session?: {
    anonymous: boolean;
    votes: CardVotes | null;
    onVote: ((cardId: string, delta: 1 | -1) => void) | null;
    query: string;
  };
}

const isAdditive = (event: MouseEvent) => event.shiftKey || event.metaKey || event.ctrlKey;

/** One card in the outline: select it, see what is linked to it, link it to a lesson. */
export function OutlineCard({
  board,
  identity,
  card,
  readOnly,
  selected,
  links,
  cardsById,
  linkableLessons,
  linkedLessonCount,
  onSelect,
  onEdit,
  position,
  session,
}: OutlineCardProps) {
  const editor = useEditor();
  const { t } = useTranslation();
  const { t: ts } = useTranslation('session');
  const anonymous = session?.anonymous ?? false;
  // Anonymous mode: the organisation stands where the name was.
  const author = anonymous ? card.org || ts('anonymous.author') : card.authorName || t('outline.unknownAuthor');
  const votes = session?.votes ?? null;
  const onVote = session?.onVote ?? null;
  return (
    <li
      className={`outline-card kind-${card.kind}${selected ? ' is-selected' : ''}`}
      data-testid="outline-card"
      data-card-id={card.id}
      data-kind={card.kind}
      aria-posinset={position?.index}
      aria-setsize={position?.size}
    >
      <button type="button" className="outline-card-main" data-outline-nav="" aria-pressed={selected} onClick={(event) => onSelect(card.id, isAdditive(event))}>
        <span className="visually-hidden">{t(`outline.kinds.${card.kind}`)}: </span>
        <span className="outline-card-text" data-testid="outline-card-text">
          {session?.query ? <MarkedText text={card.text} query={session.query} /> : card.text}
        </span>
        {card.text === '' && <span className="outline-card-empty">{t('outline.emptyText')}</span>}
        <span className="outline-card-author" title={t('outline.author', { name: author })}>
          <span className="visually-hidden">{t('outline.author', { name: '' })}</span>
          <span data-testid="outline-card-author">{author}</span>
        </span>
        {card.org && !anonymous ? (
          <span className="outline-card-org" data-testid="outline-card-org">
            {card.org}
          </span>
        ) : null}
        {card.source ? <SourceBadge source={card.source} /> : null}
        {votes ? (
          <span
            className={`outline-card-votes${votes.total === null ? ' is-mine' : ''}`}
            data-testid="outline-card-votes"
            data-mine={votes.mine}
            data-total={votes.total ?? ''}
          >
            {votes.total === null ? ts('voting.yours', { count: votes.mine }) : ts('voting.total', { count: votes.total })}
          </span>
        ) : null}
      </button>
      {onVote ? <VoteButtons cardId={card.id} mine={votes?.mine ?? 0} onVote={onVote} /> : null}
      {onEdit && (
        <button type="button" className="button secondary outline-card-edit" data-testid="outline-card-edit" onClick={() => onEdit(card.id)}>
          {t('phone.edit')}
        </button>
      )}
      {card.kind === 'lesson' && <LessonLinks board={board} links={links} cardsById={cardsById} readOnly={readOnly} onSelect={onSelect} />}
      {canLinkFrom(card.kind) && !readOnly && (
        <LinkSelect
          lessons={linkableLessons}
          linkedToAll={linkedLessonCount > 0}
          onLink={(lessonId) => editor.write(() => linkCards(board, card.id, lessonId, identity.id))}
        />
      )}
    </li>
  );
}

/** Give or take back a dot (an open round, a votable kind). */
function VoteButtons({ cardId, mine, onVote }: { cardId: string; mine: number; onVote(cardId: string, delta: 1 | -1): void }) {
  const { t: ts } = useTranslation('session');
  return (
    <span className="outline-vote" role="group" aria-label={ts('voting.title')}>
      <button
        type="button"
        className="outline-vote-button"
        data-testid="outline-vote-remove"
        aria-label={ts('voting.remove')}
        title={ts('voting.remove')}
        disabled={!mine}
        onClick={() => onVote(cardId, -1)}
      >
        −
      </button>
      <button
        type="button"
        className="outline-vote-button"
        data-testid="outline-vote-add"
        aria-label={ts('voting.add')}
        title={ts('voting.add')}
        onClick={() => onVote(cardId, 1)}
      >
        +●
      </button>
    </span>
  );
}

/** The card's text with the finder's matches marked. */
function MarkedText({ text, query }: { text: string; query: string }) {
  return (
    <>
      {markMatches(text, query).map((part, i) =>
        part.match ? (
          <mark key={i} data-testid="outline-match">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

interface LessonLinksProps {
  board: BoardDocs;
  links: readonly Link[];
  cardsById: ReadonlyMap<string, Card>;
  readOnly: boolean;
  onSelect(id: string, additive: boolean): void;
}

function LessonLinks({ board, links, cardsById, readOnly, onSelect }: LessonLinksProps) {
  const editor = useEditor();
  const { t } = useTranslation();
  if (links.length === 0) return <p className="outline-no-links">{t('outline.noLinks')}</p>;
  return (
    <ul className="outline-links" aria-label={t('outline.linked')}>
      {links.map((link) => {
        const from = cardsById.get(link.from);
        if (!from) return null;
        const label = shortText(from.text) || t('outline.emptyText');
        return (
          <li key={link.id} className={`outline-link kind-${from.kind}`} data-testid="outline-link" data-from={link.from} data-to={link.to}>
            <button type="button" className="outline-link-card" data-outline-nav="" onClick={(event) => onSelect(link.from, isAdditive(event))}>
              {/* The kind's glyph, not only its colour, tells a success from a problem (WCAG 1.4.1). */}
              <span className="outline-link-kind" data-testid="outline-link-kind" title={t(`outline.kinds.${from.kind}`)}>
                <KindIconSvg kind={from.kind} color={KIND_COLORS[from.kind]} size={14} />
              </span>
              <span className="visually-hidden">{t(`outline.kinds.${from.kind}`)}: </span>
              {label}
            </button>
            {!readOnly && (
              <button
                type="button"
                className="outline-unlink"
                aria-label={t('outline.unlinkLabel', { from: label })}
                title={t('outline.unlink')}
                onClick={() => editor.write(() => unlink(board, [link.id]))}
              >
                ×
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Keys that move through a closed select's options without choosing one. */
const BROWSING_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

/** Whether a key pressed on a closed select only browses its options (or types ahead). */
function browses(event: KeyboardEvent<HTMLSelectElement>): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  return BROWSING_KEYS.has(event.key) || (event.key.length === 1 && event.key !== ' ');
}

/**
 * The lessons to link to appear only once the select is focused: a big board has thousands of
 * cards and hundreds of lessons, and an option per pair would be millions of DOM nodes.
 * Arrow keys on the closed select only browse (WCAG 3.2.2): the link is made on a pick from the
 * open list, or with Enter on the lesson browsed to.
 */
function LinkSelect({ lessons, linkedToAll, onLink }: { lessons: readonly Card[]; linkedToAll: boolean; onLink(lessonId: string): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState('');
  const browsing = useRef(false);
  const choose = (lessonId: string) => {
    setPending('');
    if (lessonId) onLink(lessonId);
  };
  return (
    <select
      className="outline-link-select"
      data-testid="outline-link-select"
      aria-label={t('outline.linkToLabel')}
      aria-description={t('outline.linkToHint')}
      value={pending}
      disabled={lessons.length === 0}
      onFocus={() => setOpen(true)}
      onPointerDown={() => setOpen(true)}
      onBlur={() => {
        setOpen(false);
        setPending('');
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && pending) {
          event.preventDefault();
          choose(pending);
          return;
        }
        // The change a browsing key causes comes before this task ends.
        browsing.current = browses(event);
        if (browsing.current) setTimeout(() => (browsing.current = false), 0);
      }}
      onChange={(event) => {
        if (browsing.current) setPending(event.target.value);
        else choose(event.target.value);
      }}
    >
      <option value="">{lessons.length > 0 ? t('outline.linkTo') : linkedToAll ? t('outline.linkedToAll') : t('outline.noLessons')}</option>
      {open &&
        lessons.map((lesson) => (
          <option key={lesson.id} value={lesson.id}>
            {shortText(lesson.text) || t('outline.emptyText')}
          </option>
        ))}
    </select>
  );
}

/** "from <board> · N pieces of evidence": a lesson placed from the network's library. */
function SourceBadge({ source }: { source: CardSource }) {
  const { t } = useTranslation('library');
  return (
    <span className="outline-card-org" data-testid="outline-card-source">
      {t('card.source', { board: source.boardTitle, count: source.evidence })}
    </span>
  );
}
