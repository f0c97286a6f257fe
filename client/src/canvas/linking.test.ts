import { describe, expect, it } from 'vitest';
import { newBoardDocs } from '@benchlearn/shared';
import { Linking } from './linking';
import { Signal } from '../editor/stores';
import { startedStore, testCard } from '../editor/testBoard';
import { Toasts } from './toasts';
import type { Point } from '../editor/viewport';

function setup() {
  const board = newBoardDocs();
  const success = testCard(board, 'success', 0, 0);
  const lesson = testCard(board, 'lesson', 300, 0);
  const store = startedStore(board);
  let selected: string[] = [];
  const toasts = new Toasts();
  const deps = {
    board,
    store,
    readOnly: () => false,
    userId: () => 'u1',
    write: <T>(fn: () => T) => fn(),
    select: (ids: string[]) => (selected = ids),
    toasts,
    editing: new Signal<string | null>(success),
    linkTool: new Signal(false),
    linkFrom: new Signal<string | null>(null),
    rubberBand: new Signal<{ from: string; to: Point } | null>(null),
  };
  return { store, success, lesson, deps, linking: new Linking(deps), selected: () => selected, toast: () => toasts.toast.get()?.text };
}

describe('Linking', () => {
  it('the link tool links the card clicked first to the lesson clicked next, and selects the link', () => {
    const { store, success, lesson, deps, linking, selected, toast } = setup();
    linking.toggleLinkTool();
    expect(deps.linkTool.get()).toBe(true);
    expect(deps.editing.get()).toBe(null);
    linking.linkToolClick(success);
    expect(deps.linkFrom.get()).toBe(success);
    expect(toast()).toEqual({ kind: 'pick-lesson' });
    linking.linkToolClick(lesson);
    expect(store.getLinks()).toHaveLength(1);
    expect(selected()).toEqual([store.getLinks()[0]!.id]);
    expect(deps.linkFrom.get()).toBe(null);
    expect(toast()).toBeUndefined();
  });

  it('a lesson clicked first is refused; a link made twice says it exists', () => {
    const { store, success, lesson, linking, toast } = setup();
    linking.linkToolClick(lesson);
    expect(toast()).toEqual({ kind: 'refusal', reason: 'not-from-linkable' });
    linking.link(success, lesson);
    linking.link(success, lesson);
    expect(toast()).toEqual({ kind: 'already-linked' });
    expect(store.getLinks()).toHaveLength(1);
  });
});
