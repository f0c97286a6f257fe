import { describe, expect, it } from 'vitest';
import { addCard, readCards, readLinks } from '@benchlearn/shared';
import { fakeCanvas, testEditor } from '../editor/testEditor';
import { actions, perform } from '../editor/actions';
import { libraryState } from '../editor/libraryState';
import { parseRoute } from '../platform/router';
import type { LibraryEntry } from '../platform/library';
import { mergeRanked, segments, suggestionQueries } from './highlight';
import { filterChoices, sortEntries } from './NetworkLibrary';
import { placeEntry, sourceOf } from './place';
import { parseTags } from './PublishDialog';

function entry(id: string, fields: Partial<LibraryEntry> = {}): LibraryEntry {
  return {
    id,
    version: 1,
    lessonId: 'l1',
    text: 'Samen fietsen houdt vrijwilligers betrokken',
    organisation: 'Gemeente Zwolle',
    votes: 2,
    evidence: [{ kind: 'problem', text: 'Vrijwilligers haken af', organisation: 'Gemeente Zwolle', votes: 1 }],
    organisations: ['Gemeente Zwolle'],
    tags: ['vrijwilligers'],
    boardId: 'board-1',
    boardTitle: 'Zwolle, maart',
    language: 'nl',
    publishedAt: 1000,
    ...fields,
  };
}

describe('segments (snippet highlighting)', () => {
  it('marks the ranges the server sent, as text, never markup', () => {
    expect(segments('Samen <b>fietsen</b> werkt', [[9, 16]])).toEqual([
      { text: 'Samen <b>', mark: false },
      { text: 'fietsen', mark: true },
      { text: '</b> werkt', mark: false },
    ]);
  });

  it('clips ranges past the end, skips empty, reversed and overlapping ones, and sorts them', () => {
    expect(
      segments('abcdef', [
        [4, 99],
        [0, 2],
        [1, 3],
        [3, 3],
        [5, 4],
      ]),
    ).toEqual([
      { text: 'ab', mark: true },
      { text: 'c', mark: true },
      { text: 'd', mark: false },
      { text: 'ef', mark: true },
    ]);
  });
});

describe('suggestions for a problem being written', () => {
  it('asks for its longest words, four letters or more, each once', () => {
    expect(suggestionQueries('Onze vrijwilligers haken af, vrijwilligers!')).toEqual(['vrijwilligers', 'haken', 'onze']);
    expect(suggestionQueries('op de')).toEqual([]);
  });

  it('ranks entries found by more searches first, then by their best rank', () => {
    const [a, b, c] = [entry('a'), entry('b'), entry('c')];
    expect(mergeRanked([[a, b], [c, b], [b]], 2).map((found) => found.id)).toEqual(['b', 'a']);
  });
});

describe('placing an entry', () => {
  it('adds a lesson card with the entry’s text, organisation and source, selected, in the view', () => {
    const { editor, board } = testEditor();
    editor.canvas.set(fakeCanvas({ x: 500, y: 400 }).port);
    const id = placeEntry(editor, entry('e1', { version: 3 }), 'net-1');
    const card = readCards(board).find((found) => found.id === id);
    expect(card).toMatchObject({ kind: 'lesson', text: 'Samen fietsen houdt vrijwilligers betrokken', org: 'Gemeente Zwolle' });
    expect(card?.source).toEqual({ entryId: 'e1', version: 3, networkId: 'net-1', boardTitle: 'Zwolle, maart', evidence: 1 });
    expect(Math.abs((card?.x ?? 0) + (card?.w ?? 0) / 2 - 500)).toBeLessThan(400);
    expect([...editor.selection.get()]).toEqual([id]);
  });

  it('links the problem being written to it, beside that problem, as one undo step', () => {
    const { editor, board } = testEditor();
    const problem = addCard(board, { kind: 'problem', x: 100, y: 100, text: 'Vrijwilligers haken af', authorId: 'u1', authorName: 'Ann' });
    const id = placeEntry(editor, entry('e1'), 'net-1', problem);
    expect(readLinks(board).map((link) => [link.from, link.to])).toEqual([[problem, id]]);
    const lesson = readCards(board).find((found) => found.id === id)!;
    expect(lesson.x).toBeGreaterThan(100 + 220);
    editor.undo();
    expect(readCards(board).map((card) => card.id)).toEqual([problem]);
    expect(readLinks(board)).toEqual([]);
  });

  it('places nothing on a read-only board', () => {
    const { editor, board } = testEditor();
    editor.setReadOnly(true);
    expect(placeEntry(editor, entry('e1'), 'net-1')).toBeNull();
    expect(readCards(board)).toEqual([]);
  });

  it('keeps only what fits the card source', () => {
    expect(sourceOf(entry('e'.repeat(80), { boardTitle: 'x'.repeat(300) }), 'n')).toMatchObject({ entryId: 'e'.repeat(64), boardTitle: 'x'.repeat(200) });
  });
});

describe('the network page', () => {
  it('is routed at /n/:id', () => {
    expect(parseRoute('/n/abc')).toEqual({ name: 'network', networkId: 'abc' });
    expect(parseRoute('/n')).toEqual({ name: 'not-found' });
    expect(parseRoute('/n/abc/more')).toEqual({ name: 'not-found' });
  });

  it('sorts by votes when asked, keeping the server’s order otherwise', () => {
    const list = [entry('a', { votes: 1 }), entry('b', { votes: 5 }), entry('c', { votes: 3 })];
    expect(sortEntries(list, 'votes').map((found) => found.id)).toEqual(['b', 'c', 'a']);
    expect(sortEntries(list, 'relevance').map((found) => found.id)).toEqual(['a', 'b', 'c']);
  });

  it('offers the organisations and tags of the entries seen as filters', () => {
    const list = [entry('a', { organisations: ['Zwolle', 'Delft'], tags: ['b'] }), entry('b', { organisations: ['Delft'], tags: ['a', 'b'] })];
    expect(filterChoices(list)).toEqual({ organisations: ['Delft', 'Zwolle'], tags: ['a', 'b'] });
  });

  it('reads publish tags as the server stores them', () => {
    expect(parseTags(' Vrijwilligers, planning,, PLANNING ')).toEqual(['vrijwilligers', 'planning']);
  });
});

describe('the library actions (registry)', () => {
  it('show only on a board of a network; Library toggles its panel, Publish is the facilitator’s', () => {
    const { editor } = testEditor();
    const state = libraryState(editor);
    expect(actions.library.visible(editor)).toBe(false);
    expect(actions['publish-to-network'].visible(editor)).toBe(false);
    state.network.set({ id: 'n1', name: 'SPARK' });
    expect(actions.library.visible(editor)).toBe(true);
    expect(actions['publish-to-network'].visible(editor)).toBe(false);
    editor.facilitator.set(true);
    expect(actions['publish-to-network'].visible(editor)).toBe(true);
    expect(perform(editor, 'library')).toBe(true);
    expect(actions.library.pressed?.(editor)).toBe(true);
    perform(editor, 'library');
    expect(state.panelOpen.get()).toBe(false);
    perform(editor, 'publish-to-network');
    expect(state.publishOpen.get()).toBe(true);
  });

  it('offer no publishing on a read-only board or the projector', () => {
    const { editor } = testEditor();
    libraryState(editor).network.set({ id: 'n1', name: 'SPARK' });
    editor.facilitator.set(true);
    editor.setReadOnly(true);
    expect(perform(editor, 'publish-to-network')).toBe(false);
    const projector = testEditor({ presentation: true }).editor;
    libraryState(projector).network.set({ id: 'n1', name: 'SPARK' });
    expect(actions.library.visible(projector)).toBe(false);
  });
});
