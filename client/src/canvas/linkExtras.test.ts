import { afterEach, describe, expect, it } from 'vitest';
import { linkCards, readLinks, unlink } from '@benchlearn/shared';
import { testEditor } from '../editor/testEditor';
import { LinkExtras } from './linkExtras';

/** An editor with a problem linked to a lesson, and LinkExtras started over it. */
function setup() {
  const { board, editor, add } = testEditor();
  const problem = add('problem', 0, 0);
  const lesson = add('lesson', 400, 0);
  const result = linkCards(board, problem, lesson, 'u9');
  if (!result.ok) throw new Error('the link was refused');
  const extras = new LinkExtras(editor);
  stops.push(extras.start());
  return { board, editor, extras, problem, lesson, link: result.id };
}

const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
});

describe('links of the selection only', () => {
  it('dims the other links only while it is on and a card is selected', () => {
    const { editor, extras, problem } = setup();
    expect(extras.dimOthers.get()).toBe(false);
    editor.focusLinks.set(true);
    expect(extras.dimOthers.get()).toBe(false);
    editor.select([problem]);
    expect(extras.dimOthers.get()).toBe(true);
    editor.select([]);
    expect(extras.dimOthers.get()).toBe(false);
    editor.select([problem]);
    editor.focusLinks.set(false);
    expect(extras.dimOthers.get()).toBe(false);
  });

  it('a selection of a link alone (no card) dims nothing', () => {
    const { editor, extras, link } = setup();
    editor.focusLinks.set(true);
    editor.select([link]);
    expect(extras.dimOthers.get()).toBe(false);
  });

  it('stops following the editor once stopped', () => {
    const { editor, extras, problem } = setup();
    stops.pop()!();
    editor.focusLinks.set(true);
    editor.select([problem]);
    expect(extras.dimOthers.get()).toBe(false);
  });
});

describe('editing a link label in place', () => {
  it('opens on a link: selects it and edits its label', () => {
    const { editor, extras, link } = setup();
    extras.open(link);
    expect(extras.labelling.get()).toBe(link);
    expect([...editor.selection.ids]).toEqual([link]);
  });

  it('does not open on an unknown link or on a read-only board', () => {
    const { editor, extras, link } = setup();
    extras.open('no-such-link');
    expect(extras.labelling.get()).toBeNull();
    editor.setReadOnly(true);
    extras.open(link);
    expect(extras.labelling.get()).toBeNull();
  });

  it('commits the trimmed label as one undo step and stops editing', () => {
    const { board, editor, extras, link } = setup();
    extras.open(link);
    extras.commit(link, '  leads to  ');
    expect(extras.labelling.get()).toBeNull();
    expect(readLinks(board).find((l) => l.id === link)?.label).toBe('leads to');
    editor.undo();
    expect(readLinks(board).find((l) => l.id === link)?.label).toBeUndefined();
  });

  it('an empty label removes it', () => {
    const { board, extras, link } = setup();
    extras.open(link);
    extras.commit(link, 'because');
    extras.open(link);
    extras.commit(link, '   ');
    expect(readLinks(board).find((l) => l.id === link)?.label).toBeUndefined();
  });

  it('an unchanged label writes nothing (no empty undo step)', () => {
    const { editor, extras, link } = setup();
    extras.open(link);
    extras.commit(link, 'because');
    expect(editor.canUndo.get()).toBe(true);
    editor.undo();
    expect(editor.canUndo.get()).toBe(false);
    extras.open(link);
    extras.commit(link, '');
    expect(editor.canUndo.get()).toBe(false);
  });

  it('a commit for a link not being edited is ignored', () => {
    const { board, extras, link } = setup();
    extras.commit(link, 'sneaky');
    expect(readLinks(board).find((l) => l.id === link)?.label).toBeUndefined();
  });

  it('cancel stops editing without writing', () => {
    const { board, extras, link } = setup();
    extras.open(link);
    extras.cancel();
    expect(extras.labelling.get()).toBeNull();
    extras.commit(link, 'late');
    expect(readLinks(board).find((l) => l.id === link)?.label).toBeUndefined();
  });

  it('ends when the link disappears (someone else removed it)', () => {
    const { board, extras, link } = setup();
    extras.open(link);
    unlink(board, [link]);
    expect(extras.labelling.get()).toBeNull();
  });

  it('ends when the board turns read-only', () => {
    const { editor, extras, link } = setup();
    extras.open(link);
    editor.setReadOnly(true);
    expect(extras.labelling.get()).toBeNull();
  });
});
