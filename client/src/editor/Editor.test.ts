import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { DEFAULT_CARD_SIZE, boardMaps, bringCardsToFront, deleteCards, linkCards, moveCardsBy, newBoardDocs, readCard, readCards } from '@benchlearn/shared';
import { Editor } from './Editor';
import type { CanvasSession } from './types';
import { LOCAL_ORIGIN } from './undo';
import { ANN, fakeCanvas, testEditor } from './testEditor';

const card = (editor: Editor, id: string) => readCard(id, boardMaps(editor.board).cards.get(id));

function session(overrides: Partial<CanvasSession> = {}): CanvasSession {
  return {
    author: { authorId: 'alias', authorName: '' },
    addableKinds: ['success', 'problem', 'lesson', 'note'],
    anonymous: false,
    decor: new Map(),
    onVote: null,
    ...overrides,
  };
}

describe('Editor: the one read model', () => {
  it('reads the cards that were there before it started, in stacking order', () => {
    const board = newBoardDocs();
    const awareness = new Awareness(board.content);
    const editor = new Editor({ board, awareness, identity: ANN });
    const first = editor.write(() => editor.store.getOrder().length);
    expect(first).toBe(0);
    editor.start();
    const id = editor.addCard('note');
    expect(editor.cards().map((c) => c.id)).toEqual([id]);
  });

  it('follows remote changes incrementally: one changed card, one new card object, the others kept', () => {
    const { editor, add, board } = testEditor();
    const a = add('success', 0, 0);
    const b = add('problem', 300, 0);
    const before = editor.cards();
    const beforeB = editor.store.getCard(b);
    moveCardsBy(board, [a], 5, 0);
    const after = editor.cards();
    expect(after).not.toBe(before);
    expect(editor.store.getCard(a)?.x).toBe(5);
    expect(editor.store.getCard(b)).toBe(beforeB);
  });

  it('hands out the same cards array until a card changes (a stable snapshot for React)', () => {
    const { editor, add } = testEditor();
    add();
    const once = editor.cards();
    expect(editor.cards()).toBe(once);
    editor.addCard('lesson');
    expect(editor.cards()).not.toBe(once);
    expect(editor.cards()).toHaveLength(2);
  });

  it('sees a change written by another client, as it arrives through Yjs', () => {
    const { editor, board } = testEditor();
    const elsewhere = testEditor();
    const written = elsewhere.add('lesson', 50, 50);
    Y.applyUpdate(board.content, Y.encodeStateAsUpdate(elsewhere.board.content), 'remote');
    expect(editor.store.getCard(written)?.kind).toBe('lesson');
    expect(editor.cards().map((c) => c.id)).toEqual([written]);
    // Not this person's: nothing to undo.
    expect(editor.canUndo.get()).toBe(false);
  });

  it('stops listening on stop() and catches up on start()', () => {
    const { editor, add } = testEditor();
    editor.stop();
    const id = add('note');
    expect(editor.store.getCard(id)).toBeUndefined();
    editor.start();
    expect(editor.store.getCard(id)?.kind).toBe('note');
  });
});

describe('Editor: writes, origin and undo', () => {
  it('writes with the one local origin', () => {
    const { editor, board } = testEditor();
    const origins: unknown[] = [];
    board.content.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    editor.addCard('success');
    expect(origins).toEqual([LOCAL_ORIGIN]);
  });

  it('each verb is its own undo step, in order, and redo brings them back', () => {
    const { editor } = testEditor();
    const id = editor.addCard('success')!;
    editor.setKind(id, 'problem');
    editor.setOrg(id, 'Acme');
    expect(card(editor, id)?.kind).toBe('problem');
    editor.undo();
    expect(card(editor, id)?.org ?? '').toBe('');
    expect(card(editor, id)?.kind).toBe('problem');
    editor.undo();
    expect(card(editor, id)?.kind).toBe('success');
    editor.undo();
    expect(card(editor, id)).toBeNull();
    expect(editor.canUndo.get()).toBe(false);
    expect(editor.canRedo.get()).toBe(true);
    editor.redo();
    expect(card(editor, id)?.kind).toBe('success');
  });

  it('does not undo what someone else wrote', () => {
    const { editor, add } = testEditor();
    const theirs = add('note');
    expect(editor.canUndo.get()).toBe(false);
    editor.undo();
    expect(editor.store.getCard(theirs)).toBeDefined();
  });

  it('typing merges into one step once started; a new editing session starts a new step', () => {
    const { editor } = testEditor();
    const id = editor.addCard('note')!;
    editor.editText(id, 'h', false);
    editor.editText(id, 'he', true);
    editor.editText(id, 'hey', true);
    expect(card(editor, id)?.text).toBe('hey');
    editor.undo();
    expect(card(editor, id)?.text).toBe('');
    expect(card(editor, id)).not.toBeNull();
  });

  it('a read-only editor writes nothing and neither undoes nor redoes', () => {
    const { editor, board } = testEditor();
    const id = editor.addCard('note')!;
    editor.setReadOnly(true);
    expect(editor.addCard('note')).toBeNull();
    editor.setKind(id, 'lesson');
    editor.setOrg(id, 'X');
    editor.moveCards([id], 10, 10);
    editor.editText(id, 'x', false);
    editor.updateCard(id, { kind: 'lesson', text: 'y' });
    editor.select([id]);
    editor.deleteSelection();
    editor.undo();
    expect(readCards(board)).toHaveLength(1);
    expect(card(editor, id)).toMatchObject({ kind: 'note', text: '', x: card(editor, id)?.x });
  });

  it('read-only turns the link tool off and closes the card being edited', () => {
    const { editor } = testEditor();
    const id = editor.addCard('note')!;
    editor.linkTool.set(true);
    editor.editing.set(id);
    editor.setReadOnly(true);
    expect(editor.linkTool.get()).toBe(false);
    expect(editor.editing.get()).toBeNull();
    editor.setReadOnly(false);
    expect(editor.editable).toBe(true);
  });

  it('the projector is read-only whatever the page says', () => {
    const { editor } = testEditor({ presentation: true });
    editor.setReadOnly(false);
    expect(editor.editable).toBe(false);
    expect(editor.addCard('note')).toBeNull();
  });

  it('a card deleted elsewhere stops being edited', () => {
    const { editor, board } = testEditor();
    const id = editor.addCard('note')!;
    editor.editing.set(id);
    deleteCards(board, [id]);
    expect(editor.editing.get()).toBeNull();
  });
});

describe('Editor: adding cards (the one add-card verb)', () => {
  it('puts a new card in the middle of the canvas view, selects it, and names the person', () => {
    const { editor } = testEditor();
    editor.canvas.set(fakeCanvas({ x: 1000, y: 500 }).port);
    const id = editor.addCard('success')!;
    const { w, h } = DEFAULT_CARD_SIZE.success;
    expect(card(editor, id)).toMatchObject({ x: 1000 - w / 2, y: 500 - h / 2, authorId: ANN.id, authorName: ANN.name });
    expect([...editor.selection.ids]).toEqual([id]);
  });

  it('never over a card already there', () => {
    const { editor } = testEditor();
    editor.canvas.set(fakeCanvas({ x: 0, y: 0 }).port);
    const first = card(editor, editor.addCard('note')!)!;
    const second = card(editor, editor.addCard('note')!)!;
    const overlap = first.x < second.x + second.w && second.x < first.x + first.w && first.y < second.y + second.h && second.y < first.y + first.h;
    expect(overlap).toBe(false);
  });

  it('without a measured canvas, goes to the middle of the presence viewport, else near the origin', () => {
    const { editor, awareness } = testEditor();
    editor.canvas.set(fakeCanvas(null).port);
    const atOrigin = card(editor, editor.addCard('lesson')!)!;
    expect(atOrigin).toMatchObject({ x: 0, y: 0 });
    awareness.setLocalStateField('viewport', { x: 2000, y: 1000, width: 400, height: 200, scale: 1 });
    const { w, h } = DEFAULT_CARD_SIZE.note;
    const placed = card(editor, editor.addCard('note')!)!;
    expect(placed).toMatchObject({ x: 2200 - w / 2, y: 1100 - h / 2 });
  });

  it('ignores a presence viewport that is not a real one', () => {
    const { editor, awareness } = testEditor();
    awareness.setLocalStateField('viewport', { x: 'far', y: 0, width: 0, height: 0 });
    expect(card(editor, editor.addCard('note')!)).toMatchObject({ x: 0, y: 0 });
    awareness.setLocalStateField('viewport', { x: 10, y: 10, width: 0, height: 100 });
    expect(card(editor, editor.addCard('success')!)?.y).not.toBeUndefined();
  });

  it('writes the text and organisation the phone form gave, and remembers the organisation', () => {
    const { editor } = testEditor();
    const onOrgChosen = vi.fn();
    editor.session.set(session({ author: { authorId: ANN.id, authorName: ANN.name, org: 'Old' }, onOrgChosen }));
    const id = editor.addCard('problem', { text: 'Too slow', org: '  Acme  ' })!;
    expect(card(editor, id)).toMatchObject({ kind: 'problem', text: 'Too slow', org: 'Acme' });
    expect(onOrgChosen).toHaveBeenCalledWith('  Acme  ');
  });

  it('the toolbar gives no organisation: the one new cards carry, and nothing remembered', () => {
    const { editor } = testEditor();
    const onOrgChosen = vi.fn();
    editor.session.set(session({ author: { authorId: 'alias', authorName: '', org: 'Acme' }, onOrgChosen }));
    const id = editor.addCard('note')!;
    expect(card(editor, id)).toMatchObject({ authorId: 'alias', authorName: '', org: 'Acme' });
    expect(onOrgChosen).not.toHaveBeenCalled();
  });

  it('an empty organisation from the form leaves the card without one', () => {
    const { editor } = testEditor();
    editor.session.set(session({ author: { authorId: 'a', authorName: 'A', org: 'Acme' } }));
    const id = editor.addCard('note', { org: '   ' })!;
    expect(card(editor, id)?.org ?? '').toBe('');
  });

  it('an agenda phase narrows the kinds that may be added', () => {
    const { editor } = testEditor();
    editor.session.set(session({ addableKinds: ['lesson'] }));
    expect(editor.addCard('success')).toBeNull();
    expect(editor.addCard('lesson')).not.toBeNull();
    expect(editor.addableKinds()).toEqual(['lesson']);
    editor.session.set(null);
    expect(editor.addableKinds()).toEqual(['success', 'problem', 'lesson', 'note']);
  });

  it('a long organisation is cut to what the model keeps', () => {
    const { editor } = testEditor();
    const id = editor.addCard('note', { org: 'x'.repeat(300) })!;
    expect(card(editor, id)?.org).toHaveLength(200);
  });
});

describe('Editor: changing cards', () => {
  it('updateCard changes text, kind and organisation in one undo step', () => {
    const { editor } = testEditor();
    const onOrgChosen = vi.fn();
    editor.session.set(session({ onOrgChosen }));
    const id = editor.addCard('note')!;
    editor.updateCard(id, { kind: 'lesson', text: 'Learned', org: 'Acme' });
    expect(card(editor, id)).toMatchObject({ kind: 'lesson', text: 'Learned', org: 'Acme' });
    expect(onOrgChosen).toHaveBeenCalledWith('Acme');
    editor.undo();
    expect(card(editor, id)).toMatchObject({ kind: 'note', text: '' });
  });

  it("updateCard without an organisation keeps the card's; of a missing card does nothing", () => {
    const { editor } = testEditor();
    const id = editor.addCard('note', { org: 'Keep' })!;
    editor.updateCard(id, { kind: 'note', text: 'x' });
    expect(card(editor, id)?.org).toBe('Keep');
    editor.updateCard('nope', { kind: 'note', text: 'x' });
    expect(editor.store.getCard('nope')).toBeUndefined();
  });

  it('setOrg tells the workshop, so new cards carry the organisation from now on', () => {
    const { editor } = testEditor();
    const onOrgChosen = vi.fn();
    editor.session.set(session({ onOrgChosen }));
    const id = editor.addCard('note')!;
    editor.setOrg(id, 'Acme');
    expect(onOrgChosen).toHaveBeenCalledWith('Acme');
    expect(card(editor, id)?.org).toBe('Acme');
  });

  it('moves cards; nothing selected, nothing written', () => {
    const { editor, board } = testEditor();
    const id = editor.addCard('note')!;
    const x = card(editor, id)!.x;
    editor.moveCards([id], 30, -20);
    expect(card(editor, id)).toMatchObject({ x: x + 30 });
    const updates = vi.fn();
    board.content.on('update', updates);
    editor.moveCards([], 10, 10);
    editor.select([]);
    editor.nudge(10, 0);
    expect(updates).not.toHaveBeenCalled();
  });

  it('nudges held within the capture window are one undo step; apart, two', () => {
    const { editor } = testEditor();
    const id = editor.addCard('note')!;
    const x = card(editor, id)!.x;
    editor.select([id]);
    editor.nudge(10, 0, 1000);
    editor.nudge(10, 0, 1100);
    editor.nudge(10, 0, 1200);
    editor.nudge(0, 50, 5000);
    expect(card(editor, id)).toMatchObject({ x: x + 30 });
    editor.undo();
    expect(card(editor, id)?.x).toBe(x + 30);
    editor.undo();
    expect(card(editor, id)?.x).toBe(x);
  });

  it('deletes the selected cards with their links, and selected links, as one step', () => {
    const { editor, board } = testEditor();
    const a = editor.addCard('success')!;
    const lesson = editor.addCard('lesson')!;
    const b = editor.addCard('problem')!;
    linkCards(board, a, lesson, ANN.id);
    const link = linkCards(board, b, lesson, ANN.id);
    expect(link.ok).toBe(true);
    const linkId = link.ok ? link.id : '';
    editor.select([a, linkId]);
    editor.deleteSelection();
    expect(editor.store.getCard(a)).toBeUndefined();
    expect(boardMaps(board).links.size).toBe(0);
    expect(editor.selection.size).toBe(0);
    editor.undo();
    expect(editor.store.getCard(a)).toBeDefined();
    expect(boardMaps(board).links.size).toBe(2);
  });

  it('deleting a selection of ids that are gone writes nothing', () => {
    const { editor, board } = testEditor();
    editor.select(['gone']);
    const updates = vi.fn();
    board.content.on('update', updates);
    editor.deleteSelection();
    expect(updates).not.toHaveBeenCalled();
    expect([...editor.selection.ids]).toEqual(['gone']);
  });
});

describe('Editor: selection', () => {
  it('is held once: select, toggle, select all, and the card ids among the selected', () => {
    const { editor, add } = testEditor();
    const [a, b, c] = [add('success', 0, 0), add('note', 300, 0), add('lesson', 600, 0)];
    editor.select([a]);
    editor.toggleSelected(b);
    expect([...editor.selection.ids]).toEqual([a, b]);
    editor.toggleSelected(a);
    expect([...editor.selection.ids]).toEqual([b]);
    editor.selectAll();
    expect(new Set(editor.selection.ids)).toEqual(new Set([a, b, c]));
    editor.select([a, 'link-1']);
    expect(editor.selectedCardIds()).toEqual([a]);
  });

  it('reveal selects a card from the outline and asks the canvas to bring it into view', () => {
    const { editor, add } = testEditor();
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    const [a, b] = [add(), add('note', 400, 0)];
    editor.reveal(a, false);
    editor.reveal(b, true);
    expect([...editor.selection.ids]).toEqual([a, b]);
    editor.reveal(a, true);
    expect([...editor.selection.ids]).toEqual([b]);
    expect(fake.calls).toEqual([`focus ${a}`, `focus ${b}`, `focus ${a}`]);
  });

  it('follow goes to the canvas (an avatar clicked)', () => {
    const { editor } = testEditor();
    editor.follow('u2');
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    editor.follow('u2');
    editor.follow(null);
    expect(fake.calls).toEqual(['follow u2', 'follow null']);
  });
});

describe('Editor: presence', () => {
  it('publishes the selection (capped) and the user as they change', () => {
    const { editor, awareness, add } = testEditor();
    const id = add();
    editor.select([id]);
    expect(awareness.getLocalState()?.selection).toEqual([id]);
    editor.select(Array.from({ length: 150 }, (_, i) => `id-${i}`));
    expect(awareness.getLocalState()?.selection).toHaveLength(100);
    editor.identity.set({ ...ANN, name: 'Annie' });
    expect(awareness.getLocalState()?.user).toMatchObject({ id: ANN.id, name: 'Annie' });
  });

  it('a facilitator carries a summon counter from the start and presents; others do neither', () => {
    const { editor, awareness } = testEditor();
    editor.summon();
    editor.presenting.set(true);
    expect(awareness.getLocalState()?.summon).toBeUndefined();
    expect(awareness.getLocalState()?.presenting).toBeUndefined();
    editor.facilitator.set(true);
    expect(awareness.getLocalState()?.summon).toBe(0);
    expect(awareness.getLocalState()?.presenting).toBe(true);
    editor.summon();
    editor.summon();
    expect(awareness.getLocalState()?.summon).toBe(2);
    editor.presenting.set(false);
    expect(awareness.getLocalState()?.presenting).toBe(false);
  });

  it('the projector publishes nothing of its own', () => {
    const board = newBoardDocs();
    const awareness = new Awareness(board.content);
    awareness.setLocalState(null);
    const editor = new Editor({ board, awareness, identity: ANN, presentation: true });
    editor.start();
    editor.select(['x']);
    editor.facilitator.set(true);
    expect(awareness.getLocalState()).toBeNull();
  });

  it('after stop() the selection is no longer published, and the cursor is cleared', () => {
    const { editor, awareness } = testEditor();
    editor.publisher.set({ cursor: { x: 1, y: 2 } });
    editor.publisher.flush();
    expect(awareness.getLocalState()?.cursor).toEqual({ x: 1, y: 2 });
    editor.stop();
    expect(awareness.getLocalState()?.cursor).toBeNull();
    editor.select(['later']);
    expect(awareness.getLocalState()?.selection).toEqual([]);
  });
});

describe("Editor: the lock (facilitators, through the page's API)", () => {
  it('asks the host for the other lock state, busy while it waits', async () => {
    const { editor } = testEditor();
    const setLocked = vi.fn(async () => {
      expect(editor.lockBusy.get()).toBe(true);
    });
    editor.host = { setLocked };
    editor.facilitator.set(true);
    await editor.toggleLock();
    expect(setLocked).toHaveBeenCalledWith(true);
    editor.locked.set(true);
    await editor.toggleLock();
    expect(setLocked).toHaveBeenLastCalledWith(false);
    expect(editor.lockBusy.get()).toBe(false);
  });

  it('keeps the error for the header to say, until the next try', async () => {
    const { editor } = testEditor();
    const failure = new Error('offline');
    let fail = true;
    editor.host = {
      setLocked: async () => {
        if (fail) throw failure;
      },
    };
    editor.facilitator.set(true);
    await editor.toggleLock();
    expect(editor.actionError.get()).toBe(failure);
    fail = false;
    await editor.toggleLock();
    expect(editor.actionError.get()).toBeNull();
  });

  it('does nothing for someone who is not a facilitator, or without a host', async () => {
    const { editor } = testEditor();
    const setLocked = vi.fn(async () => undefined);
    editor.host = { setLocked };
    await editor.toggleLock();
    editor.facilitator.set(true);
    editor.host = null;
    await editor.toggleLock();
    expect(setLocked).not.toHaveBeenCalled();
  });
});

describe('Editor: local UI state', () => {
  it('starts on the board tab, not narrow, no form, no shortcut list, nobody followed', () => {
    const { editor } = testEditor();
    expect(editor.phoneTab.get()).toBe('board');
    expect(editor.narrow.get()).toBe(false);
    expect(editor.cardForm.get()).toBeNull();
    expect(editor.shortcutsOpen.get()).toBe(false);
    expect(editor.following.get()).toBeNull();
    expect(editor.canvas.get()).toBeNull();
  });

  it('the cards view is in stacking order: a card raised elsewhere comes last', () => {
    const { editor, board } = testEditor();
    const a = editor.addCard('note')!;
    const b = editor.addCard('note')!;
    expect(editor.cards().map((c) => c.id)).toEqual([a, b]);
    bringCardsToFront(board, [a]);
    expect(editor.cards().map((c) => c.id)).toEqual([b, a]);
  });

  it('start() twice is one start: one undo step per write still', () => {
    const { editor } = testEditor();
    editor.start();
    editor.addCard('note');
    editor.undo();
    expect(editor.cards()).toHaveLength(0);
    expect(editor.canRedo.get()).toBe(true);
  });
});
