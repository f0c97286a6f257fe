import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { BOARD_DOCUMENTS, addCard, castVote, deleteCards, linkCards, newBoardDocs, replaceCardText, startVoting, type BoardDocs } from '@benchlearn/shared';
import { Announcer, ANNOUNCE_WINDOW_MS, shortenText, type Announcement } from './announcements';
import { startedStore } from './testBoard';
import { Signal } from './stores';

/** What another client's change looks like here: an update applied from elsewhere (not local). */
function fromElsewhere(source: BoardDocs, target: BoardDocs): void {
  for (const name of BOARD_DOCUMENTS) Y.applyUpdate(target[name], Y.encodeStateAsUpdate(source[name], Y.encodeStateVector(target[name])));
}

function setup() {
  const mine = newBoardDocs();
  const theirs = newBoardDocs();
  const store = startedStore(mine);
  const locked = new Signal(false);
  const announcer = new Announcer(store, locked);
  const heard: Announcement[][] = [];
  announcer.subscribe((batch) => heard.push([...batch]));
  announcer.start();
  const bob = (kind: 'success' | 'problem' | 'lesson' = 'problem', text = '') => {
    const id = addCard(theirs, { kind, x: 0, y: 0, authorId: 'bob', authorName: 'Bob' });
    if (text) replaceCardText(theirs, id, text);
    return id;
  };
  return { mine, theirs, store, locked, announcer, heard, bob };
}

describe('the announcer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("says another person's new card with its author, kind and text, once the window closes", () => {
    const { mine, theirs, heard, bob } = setup();
    bob('problem', 'Volunteers drop out');
    fromElsewhere(theirs, mine);
    expect(heard).toEqual([]);
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    expect(heard).toEqual([[{ type: 'card-added', by: 'Bob', kind: 'problem', text: 'Volunteers drop out' }]]);
  });

  it('waits, a few seconds at most, until the words of a new card stop changing', () => {
    const { mine, theirs, heard, bob } = setup();
    const id = bob('success');
    fromElsewhere(theirs, mine);
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    expect(heard).toEqual([]);
    replaceCardText(theirs, id, 'E-bikes');
    fromElsewhere(theirs, mine);
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    replaceCardText(theirs, id, 'E-bikes at the station');
    fromElsewhere(theirs, mine);
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    expect(heard).toEqual([]);
    // The words stood still for a window: now it is said, whole.
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    expect(heard).toEqual([[{ type: 'card-added', by: 'Bob', kind: 'success', text: 'E-bikes at the station' }]]);
    // One left empty is said anyway, without words.
    bob('lesson');
    fromElsewhere(theirs, mine);
    vi.advanceTimersByTime(12_000);
    expect(heard[1]).toEqual([{ type: 'card-added', by: 'Bob', kind: 'lesson', text: '' }]);
  });

  it('summarises several new cards as a count and says nothing of one’s own', () => {
    const { mine, theirs, heard, bob } = setup();
    addCard(mine, { kind: 'success', x: 0, y: 0, authorId: 'me', authorName: 'Me' });
    bob();
    bob();
    bob('success');
    fromElsewhere(theirs, mine);
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    expect(heard).toEqual([[{ type: 'cards-added', count: 3 }]]);
  });

  it('says nothing of cards that were there before (a first sync)', () => {
    const { mine, theirs, heard } = setup();
    addCard(theirs, { kind: 'lesson', x: 0, y: 0, authorId: 'bob', authorName: 'Bob' }, undefined, Date.now() - 3_600_000);
    fromElsewhere(theirs, mine);
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    expect(heard).toEqual([]);
  });

  it("says others' deletions, one's own links and dots, voting and the lock", () => {
    const { mine, theirs, store, locked, heard, bob } = setup();
    const problem = bob('problem', 'Late buses');
    const lesson = bob('lesson', 'Ask the drivers');
    fromElsewhere(theirs, mine);
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    heard.length = 0;

    linkCards(mine, problem, lesson, 'me');
    startVoting(mine, { kinds: ['problem'], dots: 3, stack: true });
    castVote(mine, store.getCards(), problem, 'me', 1);
    locked.set(true);
    deleteCards(theirs, [bob('success')]);
    fromElsewhere(theirs, mine);
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toEqual([
      { type: 'linked', mine: true, from: 'Late buses', to: 'Ask the drivers' },
      { type: 'voting', state: 'started' },
      { type: 'voted', delta: 1, text: 'Late buses' },
      { type: 'locked', locked: true },
    ]);
  });

  it('counts a card deleted elsewhere', () => {
    const { mine, theirs, heard, bob } = setup();
    const a = bob();
    const b = bob();
    fromElsewhere(theirs, mine);
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    heard.length = 0;
    deleteCards(theirs, [a, b]);
    fromElsewhere(theirs, mine);
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    expect(heard).toEqual([[{ type: 'cards-deleted', count: 2 }]]);
  });

  it('says a pushed event once per window, and nothing after stop()', () => {
    const { announcer, heard } = setup();
    announcer.push({ type: 'timer-done' });
    announcer.push({ type: 'timer-done' });
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS);
    expect(heard).toEqual([[{ type: 'timer-done' }]]);
    announcer.stop();
    announcer.push({ type: 'timer-done' });
    vi.advanceTimersByTime(ANNOUNCE_WINDOW_MS * 2);
    expect(heard).toHaveLength(1);
  });

  it('shortens long text to one line', () => {
    expect(shortenText('  a\n b  ')).toBe('a b');
    expect(shortenText('x'.repeat(200))).toHaveLength(80);
  });
});
