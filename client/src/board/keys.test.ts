import { describe, expect, it, vi } from 'vitest';
import { CanvasKeys, type KeysHost } from './keys';
import { Signal } from './stores';
import type { Point } from './viewport';

/** A canvas with nothing focused (keys act on it), `selected` cards selected. */
function setup(selected: string[] = [], frame: string | null = null) {
  const nudges: Array<{ ids: string[]; dx: number; dy: number; merge: boolean }> = [];
  let selection = selected;
  const host: KeysHost = {
    container: () => ({ ownerDocument: { activeElement: null, body: null }, contains: () => false, parentElement: null }) as unknown as HTMLElement,
    readOnly: () => false,
    undo: vi.fn(),
    redo: vi.fn(),
    selectedIds: () => selection,
    selectedCardIds: () => selection,
    selectedFrame: new Signal<string | null>(frame),
    deleteSelectedFrame: vi.fn(),
    deleteSelection: vi.fn(),
    openEditor: vi.fn(),
    select: (ids) => (selection = ids),
    allCardIds: () => ['a', 'b', 'c'],
    nudge: (ids, dx, dy, merge) => nudges.push({ ids, dx, dy, merge }),
    linkTool: new Signal(false),
    linkFrom: new Signal<string | null>(null),
    rubberBand: new Signal<{ from: string; to: Point } | null>(null),
  };
  return { host, keys: new CanvasKeys(host), nudges, selection: () => selection };
}

const press = (key: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean }> = {}) =>
  ({
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
    defaultPrevented: false,
    target: null,
    preventDefault: () => {},
  }) as unknown as KeyboardEvent;

describe('CanvasKeys', () => {
  it('arrow keys held down nudge the selected cards as one undo step', () => {
    const { keys, nudges } = setup(['a']);
    keys.onKeyDown(press('ArrowRight'));
    keys.onKeyDown(press('ArrowRight'));
    expect(nudges.map((n) => n.merge)).toEqual([false, true]);
    expect(nudges[0]!.ids).toEqual(['a']);
    expect(nudges[0]!.dx).toBeGreaterThan(0);
  });

  it('Delete removes the selected frame when no card is selected, else the selection', () => {
    const frame = setup([], 'f1');
    frame.keys.onKeyDown(press('Delete'));
    expect(frame.host.deleteSelectedFrame).toHaveBeenCalled();
    const cards = setup(['a'], 'f1');
    cards.keys.onKeyDown(press('Delete'));
    expect(cards.host.deleteSelectedFrame).not.toHaveBeenCalled();
    expect(cards.host.deleteSelection).toHaveBeenCalled();
  });

  it('Escape turns the link tool off first, and clears the selection the next time', () => {
    const { host, keys, selection } = setup(['a']);
    host.linkTool.set(true);
    host.linkFrom.set('a');
    keys.onKeyDown(press('Escape'));
    expect(host.linkTool.get()).toBe(false);
    expect(host.linkFrom.get()).toBe(null);
    expect(selection()).toEqual(['a']);
    keys.onKeyDown(press('Escape'));
    expect(selection()).toEqual([]);
  });

  it('Enter edits the one selected card; Ctrl+A selects every card', () => {
    const { host, keys, selection } = setup(['b']);
    keys.onKeyDown(press('Enter'));
    expect(host.openEditor).toHaveBeenCalledWith('b');
    keys.onKeyDown(press('a', { ctrlKey: true }));
    expect(selection()).toEqual(['a', 'b', 'c']);
  });
});
