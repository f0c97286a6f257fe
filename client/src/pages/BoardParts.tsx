import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import { useAction, useCard, useEditor, useSelection, useValue } from '../editor/react';
import type { Identity } from '../editor/types';
import type { Workshop } from '../workshop/useWorkshop';
import { usePeers } from '../sync/hooks';
import { CardForm } from './CardForm';
import { ActionIcon } from '../ui/ActionIcon';

/**
 * The phone's bar: the board or the outline, "+ card", edit the selected card (anyone's, as on a
 * laptop), and undo and delete (a stray swipe that moved a card is one tap away from undone);
 * all actions of the registry.
 */
export function PhoneBar() {
  const { t } = useTranslation();
  const board = useAction('show-board');
  const outline = useAction('show-outline');
  const add = useAction('open-card-form', { cardId: null });
  const selection = useSelection();
  const selected = useCard(selection.size === 1 ? ([...selection][0] ?? '') : '');
  const edit = useAction('open-card-form', { cardId: selected?.id ?? null });
  const undo = useAction('undo');
  const remove = useAction('delete-selection');
  return (
    <nav className="phone-bar" aria-label={t('phone.label')} data-testid="phone-bar">
      <button type="button" data-testid="phone-tab-board" aria-pressed={board.pressed} onClick={board.run}>
        {board.label}
      </button>
      <button type="button" data-testid="phone-tab-outline" aria-pressed={outline.pressed} onClick={outline.run}>
        {outline.label}
      </button>
      {add.enabled && (
        // With a card selected, Edit and Delete need the room: "+ Card" becomes "+", named in full for screen readers.
        <button
          type="button"
          className="phone-add"
          data-testid="phone-add-card"
          onClick={add.run}
          {...(selected ? { 'aria-label': t('phone.addTitle'), title: t('phone.addTitle') } : {})}
        >
          {selected ? '+' : add.label}
        </button>
      )}
      {selected && edit.enabled && (
        <button type="button" className="phone-edit" data-testid="phone-edit" onClick={edit.run}>
          {t('phone.edit')}
        </button>
      )}
      {undo.visible && (
        <button
          type="button"
          className="phone-icon"
          data-testid="phone-undo"
          aria-label={undo.ariaLabel}
          title={undo.title}
          disabled={!undo.enabled}
          onClick={undo.run}
        >
          <ActionIcon icon="undo" />
        </button>
      )}
      {remove.visible && remove.enabled && (
        <button type="button" className="phone-delete" data-testid="phone-delete" title={remove.title} onClick={remove.run}>
          {remove.label}
        </button>
      )}
    </nav>
  );
}

/** The phone's card form, open while the editor's `cardForm` is set: adds a card or edits one. */
export function CardFormSheet({ workshop }: { workshop: Workshop }) {
  const editor = useEditor();
  const form = useValue(editor.cardForm);
  const editing = useCard(form?.cardId ?? '');
  if (!form) return null;
  const close = () => editor.cardForm.set(null);
  return (
    <CardForm
      key={form.cardId ?? 'new'}
      {...(editing ? { initial: { kind: editing.kind, text: editing.text, ...(editing.org ? { org: editing.org } : {}) } } : {})}
      kinds={workshop.form.kinds}
      defaultOrg={workshop.form.defaultOrg}
      onCancel={close}
      onSave={(kind, text, org) => {
        if (form.cardId) editor.updateCard(form.cardId, { kind, text, org });
        else editor.addCard(kind, { text, org });
        close();
      }}
    />
  );
}

/** Says whose view you follow, and how to stop (panning or zooming also stops it). */
export function FollowingBanner({ awareness, identity, userId, onStop }: { awareness: Awareness; identity: Identity; userId: string; onStop(): void }) {
  const { t } = useTranslation();
  const peers = usePeers(awareness, identity.id);
  const name = peers.find((peer) => peer.id === userId)?.name ?? '';
  return (
    <div className="following-banner" role="status" data-testid="following-banner" data-user-id={userId}>
      <span>{t('follow.following', { name })}</span>
      <button type="button" className="button secondary" onClick={onStop}>
        {t('follow.stop')}
      </button>
    </div>
  );
}
