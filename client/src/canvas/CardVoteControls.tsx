import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CanvasController } from './controller';
import { useCard, useOffset } from './CardView';
import { useSelection } from '../editor/react';
import { useKeyed, useSignal } from '../editor/stores';
import { boardToScreen } from '../editor/viewport';

/** About the buttons' size on screen (canvas.css), to keep them inside the canvas. */
const PILL_W = 230;
const PILL_H = 48;
/** From the card's edge to the buttons. */
const GAP = 8;
/** Kept clear at the canvas's foot: the selected cards' commands and the legend sit there. */
const FOOT_CLEAR = 100;

/**
 * "− dot" and "+ dot" by the selected card while a round is open. Voting is an action of its
 * own, as in Miro (where one joins the vote and each object gets its counter): a click on a card
 * selects, drags or edits it and never spends a dot by surprise. Real buttons, so Tab from the
 * canvas reaches them and a screen reader names them; Alt+click and right-click still take a dot back.
 */
export function CardVoteControls({ ctl }: { ctl: CanvasController }) {
  const round = useSignal(ctl.voteRound);
  const selection = useSelection();
  const editing = useSignal(ctl.editing);
  const id = selection.size === 1 ? [...selection][0]! : null;
  if (!round || !id || editing === id) return null;
  return <VoteButtons ctl={ctl} id={id} kinds={round.kinds} left={round.left} />;
}

function VoteButtons({ ctl, id, kinds, left }: { ctl: CanvasController; id: string; kinds: readonly string[]; left: number }) {
  const { t } = useTranslation('session');
  const card = useCard(ctl, id);
  const offset = useOffset(ctl, id);
  const view = useSyncExternalStore(ctl.view.subscribe, ctl.view.get, ctl.view.get);
  const size = useSignal(ctl.size);
  const mine = useKeyed(ctl.decor, id)?.votes?.mine ?? 0;
  if (!card || !kinds.includes(card.kind)) return null;
  const top = boardToScreen(view, { x: card.x + (offset?.dx ?? 0), y: card.y + (offset?.dy ?? 0) });
  const corner = boardToScreen(view, { x: card.x + card.w + (offset?.dx ?? 0), y: card.y + card.h + (offset?.dy ?? 0) });
  // Under the card, or over it when the canvas's foot (the selection's commands, the legend) is
  // too near; inside the canvas (a card at a phone's left edge): in reach, never on the card itself.
  const x = Math.max(PILL_W, Math.min(corner.x, size.width));
  const below = corner.y + GAP + PILL_H <= size.height - FOOT_CLEAR;
  const y = Math.max(0, below ? corner.y + GAP : top.y - GAP - PILL_H);
  return (
    <div
      className="bl-card-vote"
      data-testid="card-vote"
      data-card-id={id}
      data-mine={mine}
      role="group"
      aria-label={t('voting.cardLabel', { count: mine })}
      style={{ left: x, top: y }}
      // Presses here are the buttons', not the canvas's (no pan, no marquee, no deselect).
      onPointerDown={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <button type="button" className="bl-card-vote-button" data-testid="card-vote-remove" disabled={mine === 0} onClick={() => ctl.vote(id, -1)}>
        {t('voting.cardRemove')}
      </button>
      <span className="bl-card-vote-mine" aria-hidden="true">
        {mine}
      </span>
      <button type="button" className="bl-card-vote-button is-add" data-testid="card-vote-add" disabled={left === 0} onClick={() => ctl.vote(id, 1)}>
        {t('voting.cardAdd')}
      </button>
    </div>
  );
}
