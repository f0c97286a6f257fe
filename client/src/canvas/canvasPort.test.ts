import { describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import type Konva from 'konva';
import { addFrame, boardMaps, newBoardDocs } from '@benchlearn/shared';
import { perform } from '../editor/actions';
import { Editor } from '../editor/Editor';
import { handleKey } from '../editor/keys';
import type { CanvasSession } from '../editor/types';
import { CanvasController } from './controller';

/** An editor and a canvas controller over it, on a 1000 x 700 canvas at scale 1, mounted on stand-ins for the DOM. */
function setup({ canEditFrames = false } = {}) {
  const board = newBoardDocs();
  const awareness = new Awareness(board.content);
  const editor = new Editor({ board, awareness, identity: { id: 'u1', name: 'Ann', color: '#000000' } });
  const ctl = new CanvasController(editor, { canEditFrames, synced: true });
  ctl.start();
  editor.start();
  ctl.camera.setSize({ width: 1000, height: 700 });
  ctl.view.set({ x: 0, y: 0, scale: 1 });
  const listeners = new Map<string, (e: unknown) => void>();
  const container = {
    getBoundingClientRect: () => ({ left: 0, top: 0 }),
    ownerDocument: {
      activeElement: null,
      body: null,
      defaultView: { addEventListener: (type: string, fn: (e: unknown) => void) => listeners.set(type, fn), removeEventListener: () => {} },
    },
    focus: vi.fn(),
    contains: () => false,
    parentElement: null,
    style: { setProperty: () => {}, removeProperty: () => {} },
    addEventListener: () => {},
    removeEventListener: () => {},
  };
  const stage = {
    getIntersection: () => null,
    position: () => {},
    scale: () => {},
    batchDraw: () => {},
    find: () => [],
    findOne: () => undefined,
  } as unknown as Konva.Stage;
  const unmount = ctl.mount(container as unknown as HTMLElement, stage);
  return { board, editor, ctl, container, unmount, keydown: listeners.get('keydown') };
}

describe('the canvas and the editor', () => {
  it('lends the editor its port while mounted, and takes it back', () => {
    const { editor, unmount } = setup();
    expect(editor.canvas.get()).not.toBeNull();
    unmount();
    expect(editor.canvas.get()).toBeNull();
  });

  it("shares one selection: a click on the canvas is the editor's, an outline pick is the canvas's", () => {
    const { editor, ctl } = setup();
    const a = editor.addCard('success')!;
    const b = editor.addCard('note')!;
    ctl.onCardPointerDown(a, { shiftKey: false, button: 0, pointerType: 'mouse' });
    expect([...editor.selection.ids]).toEqual([a]);
    editor.reveal(b, true);
    expect(ctl.selection.has(b)).toBe(true);
    expect(ctl.selectedCardIds()).toEqual([a, b]);
  });

  it('adds a card in the middle of what the canvas shows', () => {
    const { editor, ctl } = setup();
    ctl.view.set({ x: -1000, y: -500, scale: 1 });
    const id = perform(editor, 'add-card', { kind: 'note' }) ? editor.selection.ids[0]! : '';
    const card = editor.store.getCard(id)!;
    expect(card.x + card.w / 2).toBeCloseTo(1500, -1);
    expect(card.y + card.h / 2).toBeCloseTo(850, -1);
  });

  it('the keys reach the registry through the window listener', () => {
    const { editor, keydown, board } = setup();
    const id = editor.addCard('success')!;
    const event = {
      key: 'Delete',
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      altKey: false,
      target: null,
      defaultPrevented: false,
      preventDefault: vi.fn(),
    };
    keydown?.(event);
    expect(boardMaps(board).cards.has(id)).toBe(false);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('Escape stops the link tool first, then clears the selection', () => {
    const { editor, ctl } = setup();
    const id = editor.addCard('success')!;
    perform(editor, 'link-tool');
    expect(editor.linkTool.get()).toBe(true);
    ctl.linkFrom.set(id);
    const escape = {
      key: 'Escape',
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      altKey: false,
      target: null,
      defaultPrevented: false,
      preventDefault: () => {},
    };
    handleKey(editor, escape, { canvasFocused: true, toolbarFocused: false });
    expect(editor.linkTool.get()).toBe(false);
    expect(ctl.linkFrom.get()).toBeNull();
    expect(editor.selection.size).toBe(1);
    handleKey(editor, escape, { canvasFocused: true, toolbarFocused: false });
    expect(editor.selection.size).toBe(0);
  });

  it('Enter opens the card editor on the canvas; read-only closes it', () => {
    const { editor, container } = setup();
    const id = editor.addCard('note')!;
    perform(editor, 'edit-card');
    expect(editor.editing.get()).toBe(id);
    editor.setReadOnly(true);
    expect(editor.editing.get()).toBeNull();
    perform(editor, 'add-card', { kind: 'note' });
    expect(container.focus).not.toHaveBeenCalled();
  });

  it("the toolbar's add-card opens the new card's editor at once", () => {
    const { editor } = setup();
    perform(editor, 'add-card', { kind: 'lesson' });
    expect(editor.editing.get()).toBe(editor.selection.ids[0]);
  });

  it('zoom and fit actions move the camera', () => {
    const { editor, ctl } = setup();
    perform(editor, 'zoom-in');
    expect(ctl.view.get().scale).toBeCloseTo(1.25);
    perform(editor, 'zoom-out');
    expect(ctl.view.get().scale).toBeCloseTo(1);
    editor.addCard('note');
    perform(editor, 'zoom-fit');
    expect(ctl.view.get().scale).toBeLessThanOrEqual(1);
  });

  it('a facilitator adds a frame and deletes the selected one with Delete', () => {
    const { editor, ctl, board } = setup({ canEditFrames: true });
    editor.facilitator.set(true);
    perform(editor, 'add-frame', { title: 'Ideas' });
    const frames = boardMaps(board).frames;
    expect(frames.size).toBe(1);
    const id = [...frames.keys()][0]!;
    ctl.frames.selectedFrame.set(id);
    expect(perform(editor, 'delete-selection')).toBe(true);
    expect(frames.size).toBe(0);
    addFrame(board, { title: 'Other', x: 0, y: 0, w: 100, h: 100 });
    expect(frames.size).toBe(1);
  });

  it("picks up the workshop's part from the editor: decor, anonymity, voting on purpose", () => {
    const { editor, ctl } = setup();
    const id = editor.addCard('lesson')!;
    const onVote = vi.fn();
    const session: CanvasSession = {
      author: { authorId: 'u1', authorName: 'Ann' },
      addableKinds: ['lesson'],
      anonymous: true,
      decor: new Map([[id, { votes: { mine: 1, total: null }, match: null }]]),
      onVote,
      voting: { kinds: ['lesson'], left: 2 },
    };
    editor.session.set(session);
    expect(ctl.anonymous.get()).toBe(true);
    expect(ctl.decor.get(id)?.votes?.mine).toBe(1);
    expect(ctl.voting.get()).toBe(true);
    expect(ctl.voteRound.get()).toEqual({ kinds: ['lesson'], left: 2 });
    expect(ctl.addableKinds.get()).toEqual(['lesson']);
    // A plain click selects: it spends no dot by surprise (issue 14).
    ctl.onCardClick(id, { shiftKey: false, button: 0 });
    expect(onVote).not.toHaveBeenCalled();
    // The card's "+ dot" gives one; Alt+click and right-click take one back.
    ctl.vote(id, 1);
    expect(onVote).toHaveBeenLastCalledWith(id, 1);
    ctl.onCardClick(id, { shiftKey: false, altKey: true, button: 0 });
    expect(onVote).toHaveBeenLastCalledWith(id, -1);
    onVote.mockClear();
    ctl.onCardContextMenu(id, { preventDefault: () => {} });
    expect(onVote).toHaveBeenLastCalledWith(id, -1);
    editor.session.set({ ...session, onVote: null, voting: null });
    expect(ctl.voteRound.get()).toBeNull();
  });

  it('following: the canvas tells the editor through the port', () => {
    const { editor, ctl } = setup();
    const follow = vi.spyOn(ctl.camera, 'follow');
    editor.follow('u2');
    expect(follow).toHaveBeenCalledWith('u2');
  });
});
