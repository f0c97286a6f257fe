import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { outlineCards, waitForOutlineText, waitForStatus } from '../support/board';
import { participant } from '../support/browser';
import { boardFile, importBoard } from '../support/exportFiles';
import { facilitator } from '../support/workshop';
import { serverAndBrowser } from '../support/rig';

const fay = { id: 'fay-0000000000000000001', name: 'Fay', color: '#8e24aa' };
const eve = { id: 'eve-0000000000000000002', name: 'Eve', color: '#00897b' };

/** The title an import gives: the file's, with the day it came in (`Imported retro (imported 3 Dec)`). */
const IMPORTED_TITLE = /^Imported retro \(imported \d{1,2} [A-Z][a-z]{2,3}\)$/;

const FILE = boardFile('Imported retro', [
  { kind: 'success', x: 0, y: 0, w: 240, h: 150, text: 'Stand-ups helped' },
  { kind: 'lesson', x: 300, y: 0, w: 240, h: 150, text: 'Meet daily' },
]);

/** Sorted card texts as the outline shows them. */
async function texts(page: Page): Promise<string[]> {
  return (await outlineCards(page)).map((card) => card.text).sort();
}

async function waitForTexts(page: Page, expected: string[]): Promise<void> {
  const want = [...expected].sort();
  await page.waitForFunction(
    (wanted) =>
      JSON.stringify([...document.querySelectorAll('[data-testid=outline-card] [data-testid=outline-card-text]')].map((el) => el.textContent ?? '').sort()) ===
      JSON.stringify(wanted),
    want,
  );
}

/**
 * Drags a file onto the start page's drop zone as a person would: dragenter and dragover (the
 * zone shows it takes the drop), then the drop, each carrying one DataTransfer made in the page.
 */
async function dropFile(page: Page, file: { name: string; type: string; text: string }): Promise<void> {
  const dataTransfer = await page.evaluateHandle(({ name, type, text }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], name, { type }));
    return transfer;
  }, file);
  await page.dispatchEvent('[data-testid=import-drop]', 'dragenter', { dataTransfer });
  await page.dispatchEvent('[data-testid=import-drop]', 'dragover', { dataTransfer });
  await expect.poll(() => page.getAttribute('[data-testid=import-board]', 'class')).toContain('is-dragging');
  await page.dispatchEvent('[data-testid=import-drop]', 'drop', { dataTransfer });
  await dataTransfer.dispose();
}

describe('import on the start page', () => {
  const rig = serverAndBrowser();

  it('a picked board file opens as a new board with its cards, remembered as the facilitator’s', async () => {
    const { page } = await participant(rig.browser, fay);
    await page.goto(`${rig.server.url}/`);
    await page.setInputFiles('[data-testid=import-file]', { name: 'retro.json', mimeType: 'application/json', buffer: Buffer.from(FILE) });
    await page.waitForURL(/\/b\/[^/]+#token=/);
    await waitForStatus(page, 'connected');
    await waitForTexts(page, ['Meet daily', 'Stand-ups helped']);
    expect(await page.textContent('[data-testid=board-title]')).toMatch(IMPORTED_TITLE);
    expect(await page.isVisible('[data-testid=share-button]')).toBe(true); // facilitator
    await page.goto(`${rig.server.url}/`);
    await page.waitForSelector('[data-testid=recent-boards] >> text=/Imported retro \\(imported/');
    // A US browser still reads the date day first (3 Dec 2026), never Dec 3, 2026.
    const recent = (await page.textContent('[data-testid=recent-boards]')) ?? '';
    expect(recent).toMatch(/Last opened \d{1,2} [A-Z][a-z]{2,3} \d{4}/);
    expect(recent).not.toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await page.context().close();
  });

  it('a board file dropped on the start page opens as a new board with its cards', async () => {
    const { page } = await participant(rig.browser, fay);
    await page.goto(`${rig.server.url}/`);
    await dropFile(page, { name: 'retro.json', type: 'application/json', text: FILE });
    await page.waitForURL(/\/b\/[^/]+#token=/);
    await waitForStatus(page, 'connected');
    await waitForTexts(page, ['Meet daily', 'Stand-ups helped']);
    expect(await page.textContent('[data-testid=board-title]')).toMatch(IMPORTED_TITLE);
    expect(await page.isVisible('[data-testid=share-button]')).toBe(true); // facilitator
    await page.context().close();
  });

  it('a dropped file that is refused shows what is wrong, the zone lets go and the start page stays', async () => {
    const { page } = await participant(rig.browser, fay);
    await page.goto(`${rig.server.url}/`);
    const future = { ...(JSON.parse(FILE) as Record<string, unknown>), schema: 999 };
    await dropFile(page, { name: 'future.json', type: 'application/json', text: JSON.stringify(future) });
    await expect.poll(() => page.textContent('[data-testid=import-error]')).toContain('the file, field “schema” comes from a newer version of Benchlearn');
    expect(await page.getAttribute('[data-testid=import-board]', 'class')).not.toContain('is-dragging');
    await dropFile(page, { name: 'notes.txt', type: 'text/plain', text: 'not a board' });
    await expect.poll(() => page.textContent('[data-testid=import-error]')).toContain('the file cannot be read (it is not JSON)');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().close();
  });

  it('an invalid file shows what is wrong and where, and the start page stays', async () => {
    const { page } = await participant(rig.browser, fay);
    await page.goto(`${rig.server.url}/`);
    const broken = JSON.parse(FILE) as { links: unknown[]; cards: { id: string }[] };
    broken.links.push({ id: `${broken.cards[0]!.id}>nope`, from: broken.cards[0]!.id, to: 'x'.repeat(21), authorId: 'a', createdAt: 1 });
    await page.setInputFiles('[data-testid=import-file]', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await expect.poll(() => page.textContent('[data-testid=import-error]')).toContain('link 1, field “to” links cards that cannot be linked');
    await page.setInputFiles('[data-testid=import-file]', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
    await expect.poll(() => page.textContent('[data-testid=import-error]')).toContain('the file is not a Benchlearn board file');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().close();
  });

  it('in Dutch, a refused file is explained in Dutch, naming the field', async () => {
    const { page } = await participant(rig.browser, fay);
    await page.addInitScript(() => window.localStorage.setItem('benchlearn:language', 'nl'));
    await page.goto(`${rig.server.url}/`);
    const file = JSON.parse(FILE) as Record<string, unknown>;
    delete file.exportedAt;
    await page.setInputFiles('[data-testid=import-file]', { name: 'oud.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect
      .poll(() => page.textContent('[data-testid=import-error]'))
      .toBe('Dit bestand kan niet worden geïmporteerd: het bestand, veld “exportedAt” ontbreekt.');
    const long = JSON.parse(FILE) as { cards: { text: string }[] };
    long.cards[1]!.text = 'x'.repeat(2001);
    await page.setInputFiles('[data-testid=import-file]', { name: 'lang.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(long)) });
    await expect.poll(() => page.textContent('[data-testid=import-error]')).toContain('kaart 2, veld “text” is te lang (hoogstens 2000 tekens)');
    expect(await page.textContent('[data-testid=import-error]')).not.toMatch(/missing|must be|exportedAt:/);
    await page.context().close();
  });
});

describe('history: snapshots, preview, restore and its undo seen by two browsers', () => {
  // No automatic snapshots: the list holds exactly what the test makes.
  const rig = serverAndBrowser({ AUTO_SNAPSHOT_MS: '0' });
  let f: Page;
  let e: Page;

  beforeAll(async () => {
    const board = await importBoard(rig.server.url, FILE);
    f = (await facilitator(rig.browser, fay, { ...board, title: 'Imported retro' })).page;
    e = (await participant(rig.browser, eve)).page;
    await Promise.all([f.goto(board.links.facilitator), e.goto(board.links.editor)]);
    await Promise.all([waitForStatus(f, 'connected'), waitForStatus(e, 'connected')]);
    await waitForTexts(e, ['Meet daily', 'Stand-ups helped']);
  });

  it('takes a named snapshot, previews it, restores it for both, and undoes the restore for both', async () => {
    expect(await e.isVisible('[data-testid=history-button]')).toBe(false); // facilitators only
    await f.click('[data-testid=history-button]');
    await f.fill('input[name=snapshot-name]', 'Before the edits');
    await f.click('[data-testid=history-take]');
    await f.waitForSelector('[data-testid=history-item] >> text=Before the edits');

    await f.click('[data-testid=history-preview-button]');
    const src = await f.getAttribute('[data-testid=history-preview-image]', 'src');
    expect(src).toMatch(/^data:image\/svg\+xml/);
    expect(decodeURIComponent(src!)).toContain('Stand-ups helped');
    // Each count in its own plural: "1 success · 0 problems · 1 lesson", not "1 successes".
    expect(await f.textContent('[data-testid=history-preview-counts]')).toBe('1 success · 0 problems · 1 lesson · 0 notes · 0 links');
    await f.waitForFunction(() => (document.querySelector<HTMLImageElement>('[data-testid=history-preview-image]')?.naturalWidth ?? 0) > 0);

    // The editor changes a card's text and adds a card.
    const lesson = (await outlineCards(e)).find((card) => card.text === 'Meet daily')!;
    await e.evaluate((id) => {
      const doc = window.__benchlearn!.board.content as {
        getMap(name: string): { get(id: string): { set(key: string, value: unknown): void; get(key: string): unknown } };
      };
      const text = doc.getMap('cards').get(id).get('text') as { delete(i: number, n: number): void; insert(i: number, s: string): void; length: number };
      text.delete(0, text.length);
      text.insert(0, 'Meet weekly');
    }, lesson.id);
    await e.click('[data-testid=add-problem]');
    await waitForOutlineText(f, lesson.id, 'Meet weekly');
    await expect.poll(async () => (await outlineCards(f)).length).toBe(3);
    const edited = await texts(f);

    // Restore the snapshot: both browsers see the board as it was.
    await f.click('[data-testid=history-item]:has-text("Before the edits") [data-testid=history-restore]');
    await f.click('[data-testid=history-restore-confirm]');
    await f.waitForSelector('[data-testid=history-restored]');
    await Promise.all([waitForTexts(f, ['Meet daily', 'Stand-ups helped']), waitForTexts(e, ['Meet daily', 'Stand-ups helped'])]);
    // The board as it was before is a snapshot of its own, newest first.
    expect(await f.textContent('[data-testid=history-item]:first-child [data-testid=history-name]')).toBe('Before restoring “Before the edits”');

    // Undo the restore: the edits come back for both.
    await f.click('[data-testid=history-undo]');
    await f.waitForSelector('[data-testid=history-undone]');
    await Promise.all([waitForTexts(f, edited), waitForTexts(e, edited)]);
    expect(await texts(e)).toContain('Meet weekly');
  });
});
