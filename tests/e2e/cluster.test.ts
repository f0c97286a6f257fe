import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard } from '@benchlearn/shared';
import { createBoard, patchBoard } from '../support/api';
import { addCardFromToolbar, typeIntoCard, waitForOutlineText, waitForStatus } from '../support/board';
import { launchChromium, participant } from '../support/browser';
import { cardTexts, on, servicesProblem, startTwoInstances, syncClient, type TwoInstances } from '../support/cluster';
import { facilitator } from '../support/workshop';

/**
 * Two real server processes behind no balancer, sharing PostgreSQL (a throwaway schema) and
 * Redis on 127.0.0.1: people on different instances work on one board. Skipped with a printed
 * reason when either service is unreachable, except in CI (CI=true), where that fails the run.
 * How long a crossing takes is measured by `tests/bench/cluster/cluster.ts`, not here.
 */
const problem = await servicesProblem();
const required = process.env.CI === 'true';

if (problem && !required) {
  console.warn(`[cluster e2e] SKIPPED: ${problem}.`);
  describe.skip(`two server processes sharing a board (unreachable: ${problem})`, () => {
    it('needs PostgreSQL and Redis', () => {});
  });
} else {
  describe('two server processes sharing a board through Redis', () => {
    let instances: TwoInstances;
    let browser: Browser;

    beforeAll(async () => {
      if (problem) throw new Error(`unreachable (required when CI=true): ${problem}`);
      instances = await startTwoInstances();
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await instances?.stop();
    });

    it('a facilitator on one instance and an editor on the other see each other’s cards, and the lock', async () => {
      const { one, two } = instances;
      const board = await createBoard(one.url, { title: 'Two instances', template: 'blank', locale: 'en' });
      const { page: f } = await facilitator(browser, { id: 'fay-0000000000000000031', name: 'Fay', color: '#8e24aa' }, board);
      const { page: e } = await participant(browser, { id: 'eve-0000000000000000032', name: 'Eve', color: '#00897b' });
      await f.goto(board.links.facilitator);
      await e.goto(on(two, board.links.editor));
      await Promise.all([waitForStatus(f, 'connected'), waitForStatus(e, 'connected')]);

      const fromEve = await addCardFromToolbar(e, 'lesson');
      await typeIntoCard(e, fromEve, 'Written on instance two');
      await waitForOutlineText(f, fromEve, 'Written on instance two');
      const fromFay = await addCardFromToolbar(f, 'success');
      await typeIntoCard(f, fromFay, 'Written on instance one');
      await waitForOutlineText(e, fromFay, 'Written on instance one');

      await patchBoard(one.url, board, { locked: true });
      await e.waitForSelector('[data-testid=locked-banner]');
      await e.waitForSelector('[data-testid=read-only-badge]');
    });

    it('relays every one of a few hundred updates from one instance to the other', async () => {
      const { one, two } = instances;
      const board = await createBoard(one.url, { title: 'Many updates', template: 'blank', locale: 'en' });
      const writer = syncClient(one, board, board.tokens.editor);
      const far = syncClient(two, board, board.tokens.viewer);
      try {
        await Promise.all([writer.synced, far.synced]);
        const sent = Array.from({ length: 300 }, (_, i) => `update ${i}`);
        for (const [i, text] of sent.entries()) {
          addCard(writer.board, { kind: 'note', x: i, y: 0, text, authorId: 'w', authorName: 'W' });
          // One every 5 ms: a busy workshop, not a flood.
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const deadline = Date.now() + 20_000;
        while (cardTexts(far.board).length < sent.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(new Set(cardTexts(far.board))).toEqual(new Set(sent));
      } finally {
        writer.destroy();
        far.destroy();
      }
    });
  });
}
