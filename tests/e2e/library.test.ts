import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addCard, linkCards } from '@benchlearn/shared';
import type { CreatedBoard } from '../support/api';
import { addCardFromToolbar, linkByHandle, outlineCards, outlineLinks, waitForStatus } from '../support/board';
import { serverAndBrowser } from '../support/rig';
import { serverExport, until } from '../support/sync';
import { joinBoard } from '../support/sync';
import { facilitator } from '../support/workshop';

/** Issue 16 in Chromium: two boards of one network share a lesson through the library. */
interface Network {
  id: string;
  name: string;
  tokens: { coordinator: string; member: string };
}

const LESSON = 'Samen fietsen houdt vrijwilligers betrokken';
const ann = { id: 'ann-00000000000000000001', name: 'Ann', color: '#1e88e5' };
const bob = { id: 'bob-00000000000000000001', name: 'Bob', color: '#43a047' };

async function post<T>(url: string, body: object, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

describe('the lessons library across two boards of a network', () => {
  const rig = serverAndBrowser();
  let network: Network;
  let zwolle: CreatedBoard;
  let delft: CreatedBoard;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const base = rig.server.url;
    network = await post<Network>(`${base}/api/networks`, { name: 'SPARK', locale: 'nl' });
    zwolle = await post<CreatedBoard>(`${base}/api/networks/${network.id}/boards`, { title: 'Zwolle, maart', template: 'blank' }, network.tokens.member);
    delft = await post<CreatedBoard>(`${base}/api/networks/${network.id}/boards`, { title: 'Delft, juni', template: 'blank' }, network.tokens.member);
    // Board 1's workshop: a lesson backed by a problem, written by a client like any other.
    const client = joinBoard(base, zwolle.id, zwolle.tokens.editor);
    await client.synced;
    const lesson = addCard(client.board, { kind: 'lesson', x: 400, y: 0, text: LESSON, authorId: 'u1', authorName: 'Anna', org: 'Gemeente Zwolle' });
    const problem = addCard(client.board, { kind: 'problem', x: 0, y: 0, text: 'Vrijwilligers haken na een maand af', authorId: 'u1', authorName: 'Anna' });
    linkCards(client.board, problem, lesson, 'u1');
    await until(async () => (await serverExport(base, zwolle.id, zwolle.tokens.viewer)).links.length === 1, 'board 1 stored');
    client.destroy();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function open(board: CreatedBoard, person: typeof ann): Promise<Page> {
    const { context, page } = await facilitator(rig.browser, person, board, { width: 1440, height: 900 });
    contexts.push(context);
    await page.goto(board.links.facilitator.replace(/^https?:\/\/[^/]+/, rig.server.url));
    await waitForStatus(page, 'connected');
    return page;
  }

  it('board 1 publishes, board 2 finds it by a stemmed Dutch query, places it and links a problem; suggestions; the report lists it', async () => {
    // Board 1: its benchlearning agenda ends with "Publish to the network" (a board of a network),
    // and moving to that step opens the preview of what becomes visible; then it publishes.
    const first = await open(zwolle, ann);
    await first.click('[data-testid=session-button]');
    await first.click('[data-testid=agenda-use-benchlearning]');
    const phases = first.locator('[data-testid=agenda-phases] li');
    await phases.nth(5).waitFor();
    expect(await phases.last().textContent()).toBe('Publiceren in het netwerk');
    expect(await first.locator('[data-testid=library-publish-preview]').count()).toBe(0);
    for (let step = 1; step <= 6; step++) {
      await first.click('[data-testid=agenda-next]');
      await first.locator(`[data-testid=agenda-phases] li:nth-child(${step})[aria-current=step]`).waitFor();
    }
    const preview = first.locator('[data-testid=library-publish-preview]');
    await preview.waitFor();
    expect(await preview.textContent()).toContain(LESSON);
    expect(await preview.textContent()).toContain('Vrijwilligers haken na een maand af');
    await first.fill('[data-testid=library-publish-tags]', 'Vrijwilligers');
    await first.click('[data-testid=library-publish-submit]');
    await first.getByText('Published 1 lesson.').waitFor();

    // Board 2: "fiets" finds "fietsen" (Dutch stemming), with the word marked in the snippet.
    const second = await open(delft, bob);
    await second.click('[data-testid=library-open]');
    await second.fill('[data-testid=library-search]', 'fiets');
    const result = second.locator('[data-testid=library-panel] [data-testid=library-entry]');
    await result.first().waitFor();
    expect(await result.count()).toBe(1);
    expect(await result.locator('mark').first().textContent()).toMatch(/^fiets/i);
    expect(await result.locator('[data-testid=library-entry-source]').textContent()).toBe('from Zwolle, maart');

    // Placed as a lesson card with its source; the selected card opens its entry.
    await result.locator('[data-testid=library-place]').click();
    await until(async () => (await outlineCards(second)).some((card) => card.text === LESSON), 'the placed lesson in the outline');
    const placed = (await outlineCards(second)).find((card) => card.text === LESSON)!;
    await second.locator('[data-testid=library-selected-entry]').waitFor();
    const badge = second.locator(`[data-testid=outline-card][data-card-id="${placed.id}"] [data-testid=outline-card-source]`);
    expect(await badge.textContent()).toBe('from Zwolle, maart · 1 piece of evidence');
    const stored = await serverExport(rig.server.url, delft.id, delft.tokens.viewer);
    const card = stored.cards.find((found) => found.id === placed.id);
    expect(card?.kind).toBe('lesson');
    expect(card?.source).toMatchObject({ networkId: network.id, boardTitle: 'Zwolle, maart', evidence: 1, version: 1 });

    // A problem of board 2 links to it like to any lesson.
    await second.click('[data-testid=library-open]');
    const problem = await addCardFromToolbar(second, 'problem');
    await linkByHandle(second, problem, placed.id);
    await until(async () => (await outlineLinks(second)).includes(`${problem}>${placed.id}`), 'the problem linked to the placed lesson');

    // While a matching problem is typed, "Others learned…" offers it; one click places and links.
    const writing = await addCardFromToolbar(second, 'problem', true);
    await second.locator('[data-testid=card-editor]').pressSequentially('Onze vrijwilligers haken af', { delay: 10 });
    const suggestion = second.locator('[data-testid=library-suggestions] [data-testid=library-entry]');
    await suggestion.first().waitFor({ timeout: 10_000 });
    expect(await suggestion.first().locator('h3').textContent()).toBe(LESSON);
    await suggestion.first().locator('[data-testid=library-place-link]').click();
    await until(async () => {
      const links = await outlineLinks(second);
      return links.some((link) => link.startsWith(`${writing}>`) && link !== `${writing}>${placed.id}`);
    }, 'the suggestion placed and linked');
    const lessons = (await outlineCards(second)).filter((found) => found.text === LESSON);
    expect(lessons).toHaveLength(2);

    // The network page lists the entry and its report (md) lists the lesson.
    const { context, page } = await facilitator(rig.browser, ann, zwolle, { width: 1440, height: 900 });
    contexts.push(context);
    await page.goto(`${rig.server.url}/n/${network.id}#token=${network.tokens.member}`);
    await page.locator('[data-testid=network-name]').waitFor();
    expect(await page.locator('[data-testid=network-name]').textContent()).toBe('SPARK');
    await page.locator('[data-testid=network-library] [data-testid=library-entry]').first().waitFor();
    // It opens on its overview: charts drawn from the API's figures, each downloadable as PNG.
    const chart = page.locator('[data-testid=overview-organisations][data-drawn]');
    await chart.waitFor();
    await page.locator('[data-testid=overview-tags][data-drawn]').waitFor();
    expect(await chart.locator('table').textContent()).toContain('Gemeente Zwolle');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=overview-organisations-png]')]);
    expect(download.suggestedFilename()).toMatch(/^spark-organisations-\d{4}-\d{2}-\d{2}\.png$/);
    expect((await readFile(await download.path())).subarray(1, 4).toString()).toBe('PNG');
    const href = await page.locator('[data-testid=library-report-md]').getAttribute('href');
    const report = await fetch(`${rig.server.url}${href}`);
    expect(report.status).toBe(200);
    const markdown = await report.text();
    expect(markdown).toContain(LESSON);
    expect(markdown).toContain('## Overzicht');
    expect(markdown).toMatch(/\| Gemeente Zwolle \| 1 \| 1 \|/);

    // The token is kept in the browser and leaves the address bar; /n/:id alone opens the page again.
    expect(new URL(page.url()).hash).toBe('');
    await page.goto(`${rig.server.url}/n/${network.id}`);
    await page.locator('[data-testid=network-name]').waitFor();
    await page.locator('[data-testid=overview-organisations]').waitFor();
  });

  it('on a phone, the Library and "Publish to the network" are in the header\'s "More"', async () => {
    const { context, page } = await facilitator(rig.browser, bob, delft, { width: 390, height: 844 });
    contexts.push(context);
    await page.goto(delft.links.facilitator.replace(/^https?:\/\/[^/]+/, rig.server.url));
    await waitForStatus(page, 'connected');
    await page.click('[data-testid=more-button]');
    await page.locator('[data-testid=more-publish-to-network]').waitFor();
    expect(await page.locator('[data-testid=library-open]').count()).toBe(0);
    await page.click('[data-testid=more-library]');
    await page.locator('[data-testid=library-panel]').waitFor();
  });
});
