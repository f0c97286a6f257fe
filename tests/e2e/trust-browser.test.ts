import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createBoard, type CreatedBoard } from '../support/api';
import { addCardFromToolbar, canvasBox, outlineCards, typeIntoCard, waitForOutlineText, waitForStatus } from '../support/board';
import { launchChromium, participant } from '../support/browser';
import { on, servicesProblem, startTwoInstances, type TwoInstances } from '../support/cluster';
import { ServerProcess } from '../support/server';
import { REFUSAL_CODES, serverExport, until } from '../support/sync';

/**
 * Issue 11, case 1, in the web app: editor A deletes card K while editor B types into it and
 * drags it, both online, and again with B offline until A's delete is stored. The old server
 * closed B with 4400; the app then threw away B's offline copy, and a card B had added meanwhile
 * never reached the server.
 */

const ann = { id: 'ann-0000000000000000101', name: 'Ann', color: '#e91e63' };
const bob = { id: 'bob-0000000000000000102', name: 'Bob', color: '#3f51b5' };

/** Records the close code of every WebSocket the page opens (the app's providers use the global one). */
async function recordCloses(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.WebSocket;
    window.__closeCodes = [];
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('close', (event) => window.__closeCodes?.push(event.code));
      }
    };
  });
}

async function refusalsSeen(page: Page): Promise<{ codes: number[]; error: string | null }> {
  const codes = await page.evaluate(() => window.__closeCodes ?? []);
  const error = await page.$eval('[data-testid=board-error]', (el) => el.textContent).catch(() => null);
  return { codes: codes.filter((code) => REFUSAL_CODES.has(code)), error };
}

async function deleteCard(page: Page, id: string): Promise<void> {
  const box = await canvasBox(page, id);
  await page.mouse.click(box.x + box.width / 2, box.y + 8);
  await page.click('[data-testid=delete-selection]');
  await page.waitForFunction((cardId) => !document.querySelector(`[data-testid=outline-card][data-card-id="${cardId}"]`), id);
}

/** Drags a card by (dx, dy) with the mouse, as a person moves it. */
async function dragCard(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const box = await canvasBox(page, id);
  const from = { x: box.x + box.width / 2, y: box.y + 10 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 8 });
  await page.mouse.up();
}

const sortedIds = (cards: { id: string }[]) => cards.map((card) => card.id).sort();

interface Where {
  /** The server process A's and B's pages load from (two instances: different ones). */
  a: ServerProcess;
  b: ServerProcess;
  browser: Browser;
}

function concurrentDeleteAndEdit(where: () => Where): void {
  let board: CreatedBoard;
  let a: Page;
  let b: Page;
  let bContext: BrowserContext;

  beforeAll(async () => {
    const { a: serverA, b: serverB, browser } = where();
    board = await createBoard(serverA.url, { title: 'Delete versus edit', template: 'blank', locale: 'en' });
    const pa = await participant(browser, ann);
    const pb = await participant(browser, bob);
    await Promise.all([recordCloses(pa.context), recordCloses(pb.context)]);
    a = pa.page;
    b = pb.page;
    bContext = pb.context;
    await a.goto(on(serverA, board.links.editor));
    await b.goto(on(serverB, board.links.editor));
    await Promise.all([waitForStatus(a, 'connected'), waitForStatus(b, 'connected')]);
  });

  afterAll(async () => {
    await a?.context().close();
    await bContext?.close();
  });

  /** Both pages end on the same cards as the server, and B was never refused. */
  async function agreeAndNoRefusal(): Promise<void> {
    const { a: serverA } = where();
    const exported = async () => sortedIds((await serverExport(serverA.url, board.id, board.tokens.viewer)).cards);
    await until(
      async () => {
        const [onA, onB, stored] = [sortedIds(await outlineCards(a)), sortedIds(await outlineCards(b)), await exported()];
        return JSON.stringify(onA) === JSON.stringify(onB) && JSON.stringify(onB) === JSON.stringify(stored);
      },
      'both pages and the server to hold the same cards',
      20_000,
      100,
    );
    for (const page of [a, b]) expect(await refusalsSeen(page)).toEqual({ codes: [], error: null });
  }

  it('both online: A deletes K while B types into it; B is not refused and the pages agree', async () => {
    const k = await addCardFromToolbar(a, 'note');
    await typeIntoCard(a, k, 'Doomed card');
    await waitForOutlineText(b, k, 'Doomed card');

    const box = await canvasBox(b, k);
    await b.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    const editor = b.locator('[data-testid=card-editor]');
    await editor.waitFor({ state: 'visible' });
    // B types while A deletes: the editor may go away under B's fingers, which is fine.
    const typing = editor.pressSequentially(' typed by Bob while it went', { delay: 25, timeout: 10_000 }).catch(() => undefined);
    await a.waitForTimeout(120);
    await deleteCard(a, k);
    await typing;
    await b.keyboard.press('Escape');

    const mine = await addCardFromToolbar(b, 'success');
    await typeIntoCard(b, mine, 'Bob keeps working');
    await until(
      async () => (await serverExport(where().a.url, board.id, board.tokens.viewer)).cards.some((card) => card.text === 'Bob keeps working'),
      'B’s card to be stored',
    );
    await agreeAndNoRefusal();
    expect(sortedIds(await outlineCards(b))).not.toContain(k);
  });

  it('B offline: B drags and types into K and adds a card while A deletes K; back online, nothing of B’s is refused or lost', async () => {
    const k = await addCardFromToolbar(a, 'problem');
    await typeIntoCard(a, k, 'Deleted while Bob was away');
    await waitForOutlineText(b, k, 'Deleted while Bob was away');

    // B's socket stays open but nothing passes while the context is offline (Chromium holds it).
    await bContext.setOffline(true);
    await waitForStatus(b, 'offline');
    await dragCard(b, k, 90, 40);
    await typeIntoCard(b, k, ' and Bob wrote more');
    const kept = await addCardFromToolbar(b, 'lesson');
    await typeIntoCard(b, kept, 'Written offline by Bob');

    await deleteCard(a, k);
    await until(async () => !(await serverExport(where().a.url, board.id, board.tokens.viewer)).cards.some((card) => card.id === k), 'A’s delete to be stored');

    await bContext.setOffline(false);
    await until(
      async () =>
        (await serverExport(where().a.url, board.id, board.tokens.viewer)).cards.some((card) => card.id === kept && card.text === 'Written offline by Bob'),
      'B’s offline card to reach the server',
    );
    await waitForOutlineText(a, kept, 'Written offline by Bob');
    await agreeAndNoRefusal();

    // After a reload B still has it: from the server, and no refusal on the way.
    await b.reload();
    await waitForStatus(b, 'connected');
    await waitForOutlineText(b, kept, 'Written offline by Bob');
    await agreeAndNoRefusal();
    expect(sortedIds(await outlineCards(a))).not.toContain(k);
  });
}

describe('A deletes a card B is editing, in Chromium, on one server (issue 11, case 1)', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    server = await ServerProcess.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  concurrentDeleteAndEdit(() => ({ a: server, b: server, browser }));
});

const problem = await servicesProblem();
const required = process.env.CI === 'true';

if (problem && !required) {
  console.warn(`[trust-browser] two instances SKIPPED: ${problem}.`);
  describe.skip(`A deletes a card B is editing, on two instances (unreachable: ${problem})`, () => {
    it('needs PostgreSQL and Redis', () => {});
  });
} else {
  describe('A deletes a card B is editing, in Chromium, A and B on two instances sharing PostgreSQL and Redis (issue 11, case 1)', () => {
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
    concurrentDeleteAndEdit(() => ({ a: instances.one, b: instances.two, browser }));
  });
}
