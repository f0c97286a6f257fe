import { useTranslation } from 'react-i18next';
import type { Card } from '@benchlearn/shared';
import { cardCommandOf, frameChoices, linkChoices, moveToChosenFrame, toggleLink } from '../editor/cardCommands';
import type { Editor } from '../editor/Editor';
import { useEditor, useValue } from '../editor/react';
import { CommandList, type CommandItem } from './CommandList';
import { KindIconSvg } from './KindIcon';
import { KIND_COLORS } from './kinds';

/** A card's text on one line, for a list (the empty card says so). */
function cardLabel(card: Card, empty: string): string {
  const flat = card.text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat || empty;
}

/** The focus back on the canvas after a list command (not the top of the page); false without one. */
function focusCanvas(editor: Editor): boolean {
  const canvas = editor.canvas.get();
  canvas?.focus();
  return canvas !== null;
}

/** The open list command of the canvas (editor/cardCommands): "Link to…" or "Move to frame…". */
export function CardCommands() {
  const editor = useEditor();
  const command = useValue(cardCommandOf(editor));
  const { t } = useTranslation('canvas');
  const { t: ta } = useTranslation();
  if (!command) return null;
  const close = () => cardCommandOf(editor).set(null);
  const returnFocus = () => focusCanvas(editor);
  if (command.type === 'move') {
    const frames = frameChoices(editor);
    const items: CommandItem[] = frames.map((frame) => ({ id: frame.id, label: frame.title || t('frames.newTitle') }));
    return (
      <CommandList
        title={t('commands.moveToTitle')}
        testId="move-to-frame-list"
        items={items}
        empty={t('commands.noFrames')}
        onChoose={(id) => moveToChosenFrame(editor, id)}
        onClose={close}
        returnFocus={returnFocus}
      />
    );
  }
  const card = editor.store.getCard(command.cardId);
  const empty = ta('outline.emptyText');
  const choices = linkChoices(editor, command.cardId);
  const items: CommandItem[] = choices.map(({ card: other, linkId }) => ({
    id: other.id,
    label: cardLabel(other, empty),
    icon: (
      <>
        <KindIconSvg kind={other.kind} color={KIND_COLORS[other.kind]} />
        <span className="visually-hidden">{t(`kinds.${other.kind}`)}: </span>
      </>
    ),
    ...(linkId ? { note: t('commands.linked') } : {}),
  }));
  return (
    <CommandList
      title={t('commands.linkToTitle', { card: card ? cardLabel(card, empty) : '' })}
      testId="link-to-list"
      items={items}
      empty={t('commands.noLinkChoices')}
      onChoose={(id) => {
        const choice = choices.find((c) => c.card.id === id);
        if (choice) toggleLink(editor, command.cardId, choice);
      }}
      onClose={close}
      returnFocus={returnFocus}
    />
  );
}
