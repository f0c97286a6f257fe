import { describe, expect, it } from 'vitest';
import { participant } from '../support/browser';
import { addCardFromToolbar, canvasIds, outlineCards, waitForStatus } from '../support/board';
import { serverAndBrowser } from '../support/rig';

describe('a facilitator starts a board from the start page', () => {
  const rig = serverAndBrowser();

  it('asks the name once, speaks Dutch to a Dutch browser, creates a board with Dutch frames', async () => {
    const context = await rig.browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(rig.server.url);

    // First visit: the name is asked once.
    const dialog = page.locator('[data-testid=name-dialog]');
    await dialog.waitFor();
    await dialog.locator('input').first().fill('Fatima');
    await page.click('[data-testid=name-dialog-save]');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('benchlearn:identity') ?? '{}').name)).toBe('Fatima');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');

    const form = page.locator('[data-testid=create-board-form]');
    await form.locator('input[name=title]').fill('Leernetwerk mobiliteit');
    await form.locator('select[name=template]').selectOption('benchlearning');
    await form.locator('select[name=locale]').selectOption('nl');
    await form.locator('button[type=submit]').click();

    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{21}#token=/);
    await waitForStatus(page, 'connected');
    await page.waitForFunction(() => (window.__benchlearn?.stage?.find('.frame').length ?? 0) === 3);
    const titles = await page.evaluate(() => {
      const doc = window.__benchlearn?.board.control as { getMap(name: string): { forEach(fn: (frame: { get(key: string): unknown }) => void): void } };
      const out: string[] = [];
      doc.getMap('frames').forEach((frame) => out.push(String(frame.get('title'))));
      return out.sort();
    });
    expect(titles).toEqual(['Lessen', 'Problemen', 'Successen']);

    // The board is remembered on the start page; the name is not asked again.
    const boardUrl = page.url();
    await page.goto(rig.server.url);
    await page.locator('[data-testid=recent-boards]').getByText('Leernetwerk mobiliteit').waitFor();
    expect(await page.locator('[data-testid=name-dialog]').count()).toBe(0);

    // The language switch changes the UI at once and is remembered.
    await page.selectOption('[data-testid=language-switch]', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto(boardUrl);
    await waitForStatus(page, 'connected');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });

  it('undo takes back only your own change', async () => {
    const created = await fetch(`${rig.server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Undo', template: 'blank' }),
    }).then((res) => res.json() as Promise<{ links: { editor: string } }>);
    const { page: a } = await participant(rig.browser, { id: 'undo-ann-000000000001', name: 'Ann', color: '#d81b60' });
    const { page: b } = await participant(rig.browser, { id: 'undo-bob-000000000002', name: 'Bob', color: '#3949ab' });
    await Promise.all([a.goto(created.links.editor), b.goto(created.links.editor)]);
    await Promise.all([waitForStatus(a, 'connected'), waitForStatus(b, 'connected')]);

    const mine = await addCardFromToolbar(a, 'success');
    const theirs = await addCardFromToolbar(b, 'problem');
    await a.waitForFunction((id) => !!document.querySelector(`[data-testid=outline-card][data-card-id="${id}"]`), theirs);

    await a.click('[data-testid=undo]');
    await b.waitForFunction((id) => !document.querySelector(`[data-testid=outline-card][data-card-id="${id}"]`), mine);
    expect((await outlineCards(b)).map((card) => card.id)).toEqual([theirs]);
    expect(await canvasIds(a, 'card')).toEqual([theirs]);

    await a.keyboard.press('Control+Shift+Z');
    await b.waitForFunction((id) => !!document.querySelector(`[data-testid=outline-card][data-card-id="${id}"]`), mine);
    expect((await outlineCards(a)).map((card) => card.id).sort()).toEqual([mine, theirs].sort());
  });

  it('a deleted board tells everyone on it, stops reconnecting and leaves the recent boards', async () => {
    const created = await fetch(`${rig.server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Short-lived', template: 'blank' }),
    }).then((res) => res.json() as Promise<{ id: string; tokens: { facilitator: string }; links: { editor: string } }>);
    const { page } = await participant(rig.browser, { id: 'gone-ann-000000000001', name: 'Ann', color: '#d81b60' });
    await page.goto(created.links.editor);
    await waitForStatus(page, 'connected');
    const stored = () =>
      page.evaluate(async () => ({
        local: JSON.stringify(Object.entries(localStorage)),
        caches: (await indexedDB.databases()).map((db) => db.name ?? ''),
      }));
    await page.waitForFunction(async (id) => (await indexedDB.databases()).some((db) => db.name?.includes(id)), created.id);
    expect((await stored()).local).toContain(created.id);

    const res = await fetch(`${rig.server.url}/api/boards/${created.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${created.tokens.facilitator}` },
    });
    expect(res.status).toBe(204);
    await page.waitForSelector('[data-testid=board-error][data-code="4404"]');
    await page.waitForFunction(async (id) => !(await indexedDB.databases()).some((db) => db.name?.includes(id)), created.id);
    const after = await stored();
    expect(after.local).not.toContain(created.id);
    expect(after.caches.filter((name) => name.includes(created.id))).toEqual([]);
    // It does not keep knocking: still the same error a while later, no reconnect attempts shown.
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-testid=connection-status][data-status=connecting]').count()).toBe(0);
    await page.waitForSelector('[data-testid=board-error][data-code="4404"]');
  });

  it('a wrong token is told, in words, that it has no access', async () => {
    const created = await fetch(`${rig.server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Locked out', template: 'blank' }),
    }).then((res) => res.json() as Promise<{ id: string }>);
    const { page } = await participant(rig.browser, { id: 'nope-ann-000000000001', name: 'Ann', color: '#d81b60' });
    await page.goto(`${rig.server.url}/b/${created.id}#token=not-a-real-token`);
    const error = page.locator('[data-testid=board-error][data-code="4401"]');
    await error.waitFor();
    expect((await error.textContent())?.trim().length).toBeGreaterThan(10);
  });
});
