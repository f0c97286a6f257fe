import { describe, expect, it, vi } from 'vitest';
import { boardMaps } from '@benchlearn/shared';
import canvasEn from '../i18n/canvas.en';
import canvasNl from '../i18n/canvas.nl';
import appEn from '../i18n/app.en';
import appNl from '../i18n/app.nl';
import exportEn from '../i18n/export.en';
import exportNl from '../i18n/export.nl';
import sessionEn from '../i18n/session.en';
import sessionNl from '../i18n/session.nl';
import libraryEn from '../i18n/library.en';
import libraryNl from '../i18n/library.nl';
import { actions, actionsWithKeys, perform, subscribeActionState, type Action, type ActionId } from './actions';
import { fakeCanvas, testEditor } from './testEditor';

type Tree = { [key: string]: string | Tree };
const catalogues: Record<string, Record<'en' | 'nl', Tree>> = {
  canvas: { en: canvasEn as unknown as Tree, nl: canvasNl as unknown as Tree },
  app: { en: appEn as unknown as Tree, nl: appNl as unknown as Tree },
  export: { en: exportEn as unknown as Tree, nl: exportNl as unknown as Tree },
  session: { en: sessionEn as unknown as Tree, nl: sessionNl as unknown as Tree },
  library: { en: libraryEn as unknown as Tree, nl: libraryNl as unknown as Tree },
};

/** The words of a `namespace:key` in one language, or undefined when the catalogue lacks it. */
function words(key: string, language: 'en' | 'nl'): string | undefined {
  const [ns, path] = key.split(':') as [string, string];
  let node: string | Tree | undefined = catalogues[ns]?.[language];
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const all = Object.values(actions) as Action[];

describe('the action registry', () => {
  it('files every action under its own id', () => {
    for (const [id, action] of Object.entries(actions)) expect(action.id).toBe(id);
  });

  it('has words in English and Dutch for every label, tooltip, accessible name and key name', () => {
    const keys = all.flatMap((action) => [
      action.labelKey,
      action.titleKey,
      action.ariaKey,
      action.pressedLabelKey,
      action.pressedTitleKey,
      ...(action.keys ?? []).map((binding) => binding.labelKey),
    ]);
    for (const key of keys.filter((k): k is string => k !== undefined)) {
      expect(words(key, 'en'), `en ${key}`).toBeTruthy();
      expect(words(key, 'nl'), `nl ${key}`).toBeTruthy();
    }
  });

  it('gives no key to two actions', () => {
    const seen = new Map<string, ActionId>();
    for (const action of all) {
      for (const binding of action.keys ?? []) {
        const name = `${binding.alt ? 'alt+' : ''}${binding.mod ? 'mod+' : ''}${binding.shift === undefined ? '' : binding.shift ? 'shift+' : 'noshift+'}${binding.key}`;
        expect(seen.get(name), name).toBeUndefined();
        seen.set(name, action.id);
      }
    }
  });

  it('lists the actions with keys for the shortcut list, and only those', () => {
    const listed = actionsWithKeys().map((action) => action.id);
    expect(listed).toContain('undo');
    expect(listed).toContain('show-shortcuts');
    expect(listed).not.toContain('add-card');
    expect(listed).not.toContain('lock');
  });

  it('perform runs an enabled action and refuses a disabled one', () => {
    const { editor } = testEditor();
    expect(perform(editor, 'undo')).toBe(false);
    expect(perform(editor, 'add-card', { kind: 'note' })).toBe(true);
    expect(perform(editor, 'undo')).toBe(true);
    expect(editor.cards()).toHaveLength(0);
  });
});

describe('card actions', () => {
  it('add-card adds, selects and opens the new card’s editor at once', () => {
    const { editor } = testEditor();
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    perform(editor, 'add-card', { kind: 'lesson' });
    expect(editor.cards().map((card) => card.kind)).toEqual(['lesson']);
    expect(editor.selection.size).toBe(1);
    expect(fake.calls).toEqual([`edit ${editor.cards()[0]!.id}`]);
  });

  it('one key per kind adds that kind; copy, paste and duplicate add copies beside the originals', () => {
    const { editor } = testEditor();
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    expect(perform(editor, 'add-problem')).toBe(true);
    const [problem] = editor.cards();
    expect(problem?.kind).toBe('problem');
    expect(perform(editor, 'paste')).toBe(false);
    expect(perform(editor, 'copy')).toBe(true);
    perform(editor, 'paste');
    perform(editor, 'paste');
    perform(editor, 'duplicate');
    const copies = editor
      .cards()
      .slice(1)
      .sort((a, b) => a.x - b.x);
    expect(copies.map((card) => [card.kind, card.x - problem!.x])).toEqual([
      ['problem', 32],
      ['problem', 64],
      ['problem', 96],
    ]);
    expect(editor.selection.ids).toEqual([copies[2]!.id]);
    perform(editor, 'undo');
    expect(editor.cards()).toHaveLength(3);
  });

  it('add-card is enabled only for the kinds the phase allows, and not when read-only', () => {
    const { editor } = testEditor();
    const add = actions['add-card'];
    expect(add.enabled(editor, { kind: 'success' })).toBe(true);
    editor.session.set({ author: { authorId: 'a', authorName: 'A' }, addableKinds: ['note'], anonymous: false, decor: new Map(), onVote: null });
    expect(add.enabled(editor, { kind: 'success' })).toBe(false);
    expect(add.enabled(editor, { kind: 'note' })).toBe(true);
    editor.setReadOnly(true);
    expect(add.enabled(editor, { kind: 'note' })).toBe(false);
    expect(add.visible(editor)).toBe(false);
  });

  it('open-card-form opens the phone form for a new card or an existing one', () => {
    const { editor, add } = testEditor();
    perform(editor, 'open-card-form', { cardId: null });
    expect(editor.cardForm.get()).toEqual({ cardId: null });
    const id = add();
    perform(editor, 'open-card-form', { cardId: id });
    expect(editor.cardForm.get()).toEqual({ cardId: id });
    expect(actions['open-card-form'].visible(editor)).toBe(false);
    editor.narrow.set(true);
    expect(actions['open-card-form'].visible(editor)).toBe(true);
  });

  it('delete-selection is enabled with a selection or a selected frame', () => {
    const { editor, add, board } = testEditor();
    const fake = fakeCanvas();
    const action = actions['delete-selection'];
    expect(action.enabled(editor, undefined)).toBe(false);
    editor.canvas.set(fake.port);
    fake.selectFrame('f1');
    expect(action.enabled(editor, undefined)).toBe(true);
    fake.selectFrame(null);
    const id = add();
    editor.select([id]);
    expect(action.enabled(editor, undefined)).toBe(true);
    perform(editor, 'delete-selection');
    expect(boardMaps(board).cards.has(id)).toBe(false);
  });

  it('edit-card needs exactly one selected card and a canvas to edit it on', () => {
    const { editor, add } = testEditor();
    const [a, b] = [add(), add('note', 400, 0)];
    editor.select([a]);
    expect(actions['edit-card'].enabled(editor, undefined)).toBe(false);
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    expect(perform(editor, 'edit-card')).toBe(true);
    expect(fake.calls).toEqual([`edit ${a}`]);
    editor.select([a, b]);
    expect(perform(editor, 'edit-card')).toBe(false);
  });

  it('select-all works on a read-only board too (to look, or to export the selection)', () => {
    const { editor, add } = testEditor();
    add();
    add('note', 300, 0);
    editor.setReadOnly(true);
    expect(perform(editor, 'select-all')).toBe(true);
    expect(editor.selection.size).toBe(2);
  });

  it('nudge moves the selected cards by what the key gave', () => {
    const { editor, add, board } = testEditor();
    const id = add('note', 0, 0);
    editor.select([id]);
    expect(actions.nudge.argsFromKey?.({ key: 'ArrowLeft', shiftKey: false })).toEqual({ dx: -10, dy: 0 });
    // Shift+arrows nudge (plain arrows go from card to card): one small step either way.
    expect(actions.nudge.argsFromKey?.({ key: 'ArrowUp', shiftKey: true })).toEqual({ dx: 0, dy: -10 });
    expect(actions.nudge.argsFromKey?.({ key: 'x', shiftKey: false })).toEqual({ dx: 0, dy: 0 });
    perform(editor, 'nudge', { dx: 0, dy: 10 });
    expect(boardMaps(board).cards.get(id)?.get('y')).toBe(10);
    editor.setReadOnly(true);
    expect(perform(editor, 'nudge', { dx: 0, dy: 10 })).toBe(false);
  });

  it('undo and redo follow the stack and the read-only state', () => {
    const { editor } = testEditor();
    expect(actions.undo.enabled(editor, undefined)).toBe(false);
    editor.addCard('note');
    expect(actions.undo.enabled(editor, undefined)).toBe(true);
    perform(editor, 'undo');
    expect(actions.redo.enabled(editor, undefined)).toBe(true);
    editor.setReadOnly(true);
    expect(actions.redo.enabled(editor, undefined)).toBe(false);
  });
});

describe('canvas actions', () => {
  it('reach the canvas port, and are disabled without a canvas', () => {
    const { editor } = testEditor();
    for (const id of ['zoom-in', 'zoom-out', 'zoom-fit', 'link-tool'] as const) expect(actions[id].enabled(editor, undefined)).toBe(false);
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    perform(editor, 'zoom-in');
    perform(editor, 'zoom-out');
    perform(editor, 'zoom-fit');
    perform(editor, 'link-tool');
    perform(editor, 'add-frame', { title: 'Ideas' });
    expect(fake.calls).toEqual(['zoom 1.25', 'zoom 0.8', 'fit true', 'link tool', 'frame Ideas']);
  });

  it('the link tool shows pressed while on, and goes with the edit rights', () => {
    const { editor } = testEditor();
    editor.canvas.set(fakeCanvas().port);
    const tool = actions['link-tool'];
    expect(tool.pressed?.(editor)).toBe(false);
    editor.linkTool.set(true);
    expect(tool.pressed?.(editor)).toBe(true);
    editor.setReadOnly(true);
    expect(tool.enabled(editor, undefined)).toBe(false);
    expect(tool.visible(editor)).toBe(false);
  });

  it("add-frame is a facilitator's, on an editable board", () => {
    const { editor } = testEditor();
    editor.canvas.set(fakeCanvas().port);
    expect(actions['add-frame'].visible(editor)).toBe(false);
    editor.facilitator.set(true);
    expect(actions['add-frame'].visible(editor)).toBe(true);
    editor.setReadOnly(true);
    expect(actions['add-frame'].visible(editor)).toBe(false);
  });

  it('cancel without a key context clears the selection through the canvas', () => {
    const { editor } = testEditor();
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    perform(editor, 'cancel');
    expect(fake.calls).toEqual(['cancel true']);
  });
});

describe('page actions', () => {
  it('show-shortcuts opens the list', () => {
    const { editor } = testEditor();
    perform(editor, 'show-shortcuts');
    expect(editor.shortcutsOpen.get()).toBe(true);
  });

  it('the phone tabs switch between the board and the outline, and show which is on', () => {
    const { editor } = testEditor();
    expect(actions['show-board'].visible(editor)).toBe(false);
    editor.narrow.set(true);
    expect(actions['show-outline'].visible(editor)).toBe(true);
    perform(editor, 'show-outline');
    expect(editor.phoneTab.get()).toBe('outline');
    expect(actions['show-outline'].pressed?.(editor)).toBe(true);
    expect(actions['show-board'].pressed?.(editor)).toBe(false);
    perform(editor, 'show-board');
    expect(editor.phoneTab.get()).toBe('board');
  });

  it("lock, present and summon are a facilitator's, never the projector's", () => {
    const { editor } = testEditor();
    for (const id of ['lock', 'present', 'summon'] as const) expect(actions[id].visible(editor)).toBe(false);
    editor.facilitator.set(true);
    for (const id of ['lock', 'present', 'summon'] as const) expect(actions[id].visible(editor)).toBe(true);
    const projector = testEditor({ presentation: true }).editor;
    projector.facilitator.set(true);
    expect(actions.present.visible(projector)).toBe(false);
  });

  it("the panels' actions open one panel at a time; only export is a viewer's too", () => {
    const { editor } = testEditor();
    expect(actions.export.visible(editor)).toBe(true);
    for (const id of ['share', 'history', 'session', 'rename'] as const) expect(actions[id].visible(editor)).toBe(false);
    editor.facilitator.set(true);
    perform(editor, 'share');
    expect(editor.panel.get()).toBe('share');
    expect(actions.share.pressed?.(editor)).toBe(true);
    perform(editor, 'history');
    expect(editor.panel.get()).toBe('history');
    expect(actions.share.pressed?.(editor)).toBe(false);
    expect(actions.export.visible(testEditor({ presentation: true }).editor)).toBe(false);
  });

  it('following someone on a phone switches from the outline to the board', () => {
    const { editor } = testEditor();
    editor.narrow.set(true);
    editor.phoneTab.set('outline');
    editor.following.set('u2');
    expect(editor.phoneTab.get()).toBe('board');
  });

  it('present toggles presenting; summon counts up', () => {
    const { editor, awareness } = testEditor();
    editor.facilitator.set(true);
    perform(editor, 'present');
    expect(editor.presenting.get()).toBe(true);
    expect(actions.present.pressed?.(editor)).toBe(true);
    perform(editor, 'present');
    expect(editor.presenting.get()).toBe(false);
    perform(editor, 'summon');
    expect(awareness.getLocalState()?.summon).toBe(1);
  });

  it("lock needs the page's host and is disabled while its request is under way", async () => {
    const { editor } = testEditor();
    editor.facilitator.set(true);
    expect(actions.lock.enabled(editor, undefined)).toBe(false);
    let release = () => {};
    const setLocked = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    editor.host = { setLocked };
    expect(perform(editor, 'lock')).toBe(true);
    expect(actions.lock.enabled(editor, undefined)).toBe(false);
    release();
    await Promise.resolve();
    await Promise.resolve();
    expect(actions.lock.enabled(editor, undefined)).toBe(true);
    editor.locked.set(true);
    expect(actions.lock.pressed?.(editor)).toBe(true);
  });
});

describe('subscribeActionState', () => {
  it('tells of what enabled states read: the selection, undo, read-only, the canvas, the phase', () => {
    const { editor, add } = testEditor();
    const listener = vi.fn();
    const stop = subscribeActionState(editor, listener);
    editor.select([add()]);
    editor.addCard('note');
    editor.setReadOnly(true);
    editor.canvas.set(fakeCanvas().port);
    editor.narrow.set(true);
    const calls = listener.mock.calls.length;
    expect(calls).toBeGreaterThanOrEqual(5);
    stop();
    editor.narrow.set(false);
    expect(listener.mock.calls.length).toBe(calls);
  });

  it("does not tell of the camera or a card's text (those re-render nothing in the toolbar)", () => {
    const { editor } = testEditor();
    const id = editor.addCard('note')!;
    const listener = vi.fn();
    subscribeActionState(editor, listener);
    editor.editText(id, 'typing', false);
    editor.publisher.set({ cursor: { x: 1, y: 1 } });
    expect(listener).not.toHaveBeenCalled();
  });
});
