import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, readCards } from '@benchlearn/shared';
import { createBoard, type CreatedBoard } from '../support/api';
import { seedCards } from '../support/board';
import { ServerProcess } from '../support/server';
import { joinBoard, replicaExport, replicaState, serverExport, sleep, until, type BoardClient } from '../support/sync';

/**
 * Issue 11, case 2: four people type into their own cards on a 2,000-card board while the
 * server process is killed (SIGKILL) and started again three times. The old server refused
 * three of the four with 4400 and lost 11–26 keystrokes each.
 */

const TYPISTS = 4;
const KEYSTROKES = 240;
const KEY_EVERY_MS = 30;
/** When, into the typing, the server is killed; it comes back after RESTART_AFTER_MS. */
const KILLS_AT_MS = [1800, 3900, 6000];
const RESTART_AFTER_MS = 300;

describe('typing across three SIGKILLs of the server (issue 11, case 2)', () => {
  let server: ServerProcess;
  let board: CreatedBoard;
  let cards: string[];
  const typists: BoardClient[] = [];

  beforeAll(async () => {
    server = await ServerProcess.start();
    board = await createBoard(server.url, { title: 'Typing across restarts', template: 'benchlearning', locale: 'en' });
    cards = await seedCards(server.url, board, 2000);
  });

  afterAll(async () => {
    for (const typist of typists) typist.destroy();
    await server?.stop();
  });

  it('loses no keystroke, refuses nobody, and every replica equals the restarted server', async () => {
    for (let i = 0; i < TYPISTS; i++) typists.push(joinBoard(server.url, board.id, board.tokens.editor));
    await Promise.all(typists.map((typist) => typist.synced));
    const typed = typists.map((_, i) => `typist ${i}: ${'the quick brown fox jumps over the lazy dog '.repeat(6)}`.slice(0, KEYSTROKES));

    let typingEnded = 0;
    const typing = Promise.all(
      typists.map(async (typist, i) => {
        const text = cardText(typist.board, cards[i]!);
        if (!text) throw new Error(`typist ${i} has no card ${cards[i]}`);
        for (const key of typed[i]!) {
          // One keystroke, typed at the end of what the typist sees, whether the server is there or not.
          text.insert(text.length, key);
          await sleep(KEY_EVERY_MS);
        }
      }),
    ).then(() => (typingEnded = Date.now()));
    const started = Date.now();
    const killed: number[] = [];
    for (const at of KILLS_AT_MS) {
      await sleep(Math.max(0, at - (Date.now() - started)));
      await server.kill('SIGKILL');
      killed.push(Date.now());
      await sleep(RESTART_AFTER_MS);
      await server.restart();
    }
    await typing;
    // Every kill fell inside the typing, or the test proved less than it says.
    expect(killed.every((at) => at < typingEnded), `kills at ${killed.map((at) => at - started)} ms, typing ended at ${typingEnded - started} ms`).toBe(true);

    // Every typist reconnects and hands the server what it missed; then all agree.
    await until(
      () => typists.every((typist) => typist.isSynced()) && new Set(typists.map((typist) => JSON.stringify(replicaState(typist.board)))).size === 1,
      'the typists to converge',
      30_000,
    );
    for (const [i, typist] of typists.entries()) {
      expect(typist.refusals(), `typist ${i}`).toEqual([]);
      for (const [j, card] of cards.slice(0, TYPISTS).entries()) {
        expect(readCards(typist.board).find((c) => c.id === card)?.text, `typist ${i} reading card ${j}`).toBe(`Card ${j}${typed[j]}`);
      }
    }

    // The server, killed once more and started again, holds the same board.
    await server.kill('SIGKILL');
    await server.restart();
    const fromServer = await serverExport(server.url, board.id, board.tokens.viewer);
    expect(fromServer.cards).toHaveLength(2000);
    for (const typist of typists) expect(replicaExport(typist.board)).toEqual(fromServer);
  });
});
