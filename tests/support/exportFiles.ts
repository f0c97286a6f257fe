import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { addCard, exportBoardJson, initBoard, linkCards, newBoardDocs, type CardKind } from '@benchlearn/shared';

export interface FixtureCard {
  kind: CardKind;
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
}

/** A board file (the JSON export) with these cards at known places, and links from → to (indexes). */
export function boardFile(title: string, cards: readonly FixtureCard[], links: readonly [number, number][] = []): string {
  const board = newBoardDocs();
  initBoard(board, { title, template: 'blank', locale: 'en', createdAt: Date.UTC(2025, 0, 31, 9) });
  const ids = cards.map((card) => addCard(board, { ...card, authorId: 'u-ann', authorName: 'Ann' }));
  for (const [from, to] of links) linkCards(board, ids[from]!, ids[to]!, 'u-ann');
  return exportBoardJson(board);
}

/** Imports a board file through the API (as the start page does); the created board. */
export async function importBoard(
  baseUrl: string,
  file: string,
): Promise<{ id: string; tokens: { facilitator: string; editor: string; viewer: string }; links: { facilitator: string; editor: string; viewer: string } }> {
  const res = await fetch(`${baseUrl}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: file });
  if (res.status !== 201) throw new Error(`import answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as never;
}

/**
 * Clicks something that makes the page download a file; the file's name and bytes. When
 * `failure` (a selector) appears first, its text is the error.
 */
export async function downloadFrom(page: Page, click: () => Promise<void>, failure?: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download', { timeout: 120_000 });
  const failed = failure
    ? page
        // Polled once a second with the page's own querySelector: cheap even beside a 5,000-card outline.
        .waitForFunction((selector) => document.querySelector(selector)?.textContent ?? false, failure, { timeout: 120_000, polling: 1000 })
        .then(async (text) => {
          throw new Error(`no download; the page says: ${String(await text.jsonValue())}`);
        })
    : new Promise<never>(() => undefined);
  download.catch(() => undefined);
  failed.catch(() => undefined);
  await click();
  const done: Download = await Promise.race([download, failed]);
  return { name: done.suggestedFilename(), bytes: readFileSync(await done.path()) };
}
